import { Dropdown, Field, Input, Option, Radio, RadioGroup } from "@fluentui/react-components";
import { useId, useState } from "react";
import type { ServiceClient } from "../../api/serviceClient";
import { useChanged } from "./useChanged";

export type ChoiceOption = string | { value: string; text: string };

const valueOf = (o: ChoiceOption) => (typeof o === "string" ? o : o.value);
const textOf = (o: ChoiceOption) => (typeof o === "string" ? o : o.text);

export type ComputeEngine = "service" | "browser";

/** The engine a pane computes on: the planner's pick, back to the service when signed in (this browser when not) whenever the client changes. */
export function useComputeEngine(client: ServiceClient | undefined): [ComputeEngine, (engine: ComputeEngine) => void] {
  const fallback: ComputeEngine = client ? "service" : "browser";
  const [engine, setEngine] = useState<ComputeEngine>(fallback);
  const clientChanged = useChanged([client]);
  if (clientChanged) setEngine(fallback);
  return [engine, setEngine];
}

/** Where a pane computes: on the service (needs a signed-in client) or in this browser with shared/. */
export function EngineChoice({ value, onChange, serviceAvailable }: { value: ComputeEngine; onChange: (engine: ComputeEngine) => void; serviceAvailable: boolean }) {
  return (
    <Field label="Compute">
      <RadioGroup layout="horizontal" value={value} onChange={(_, d) => onChange(d.value as ComputeEngine)}>
        <Radio value="service" label="On the service" disabled={!serviceAvailable} />
        <Radio value="browser" label="In this browser" />
      </RadioGroup>
    </Field>
  );
}

/** A labelled single-choice drop-down. */
export function Choice({ label, value, options, onChange, hint, disabled }: { label: string; value: string; options: ChoiceOption[]; onChange: (value: string) => void; hint?: string; disabled?: boolean }) {
  const selected = options.find((o) => valueOf(o) === value);
  return (
    <Field label={label} hint={hint}>
      <Dropdown value={selected ? textOf(selected) : ""} selectedOptions={selected ? [value] : []} disabled={disabled} onOptionSelect={(_, data) => data.optionValue !== undefined && onChange(data.optionValue)}>
        {options.map((o) => (
          <Option key={valueOf(o)} value={valueOf(o)}>
            {textOf(o)}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

/**
 * A labelled multiple-choice drop-down. `ordered`: the values keep the order
 * they were picked in (a segment key's parts), not the options' order.
 */
export function MultiChoice({ label, values, options, onChange, hint, ordered }: { label: string; values: string[]; options: string[]; onChange: (values: string[]) => void; hint?: string; ordered?: boolean }) {
  const summary = values.length === 0 ? "" : values.length <= 3 ? values.join(", ") : `${values.length} columns (${values[0]} … ${values[values.length - 1]})`;
  return (
    <Field label={label} hint={hint}>
      <Dropdown
        multiselect
        value={summary}
        selectedOptions={values}
        onOptionSelect={(_, data) =>
          onChange(ordered ? [...values.filter((v) => data.selectedOptions.includes(v)), ...data.selectedOptions.filter((v) => !values.includes(v))] : options.filter((o) => data.selectedOptions.includes(o)))
        }
      >
        {options.map((o) => (
          <Option key={o} value={o}>
            {o}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

/** A labelled text input; `validation` shows under it as an error. */
export function TextField({
  label,
  value,
  onChange,
  hint,
  type,
  validation,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  type?: "text" | "password" | "url" | "number";
  validation?: string;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <Field label={label} hint={hint} validationMessage={validation} validationState={validation ? "error" : "none"}>
      <Input id={id} type={type ?? "text"} value={value} placeholder={placeholder} onChange={(_, data) => onChange(data.value)} />
    </Field>
  );
}

/** "0.8, 0.95" → [0.8, 0.95]; throws naming the field on anything else. */
export function parseNumberList(text: string, field: string): number[] {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  const numbers = parts.map(Number);
  const bad = parts.findIndex((_, i) => !Number.isFinite(numbers[i]));
  if (bad >= 0) throw new Error(`${field}: "${parts[bad]}" is not a number (write numbers separated by commas, e.g. 0.8, 0.95)`);
  return numbers;
}

/** Numeric cells of a column, naming the row of the first that is not a number (1-based, as the grid shows). */
export function numericColumn(rows: ReadonlyArray<ReadonlyArray<unknown>>, index: number, header: string): number[] {
  return rows.map((row, i) => {
    const v = row[index];
    const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
    if (!Number.isFinite(n)) throw new Error(`column ${header}, row ${i + 1}: ${v === null || v === "" ? "blank" : `"${String(v)}"`} is not a number`);
    return n;
  });
}

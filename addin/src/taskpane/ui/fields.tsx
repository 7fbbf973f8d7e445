import { Dropdown, Field, Input, Option, Radio, RadioGroup, Text } from "@fluentui/react-components";
import { useId, useState } from "react";
import { parseShare, parseShareList, type ListRule, type Parsed } from "../../../../shared/src/data/parseShare";
import { readNumber, requireNumber, type NumberRule } from "../../../../shared/src/validation";
import type { ServiceClient } from "../../api/serviceClient";
import { columnIndex } from "../../workbook/workbook";
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

/** The options of a drop-down: one renderer for every picker, so value and words stay paired the same way. */
function options(list: readonly ChoiceOption[]) {
  return list.map((o) => (
    <Option key={valueOf(o)} value={valueOf(o)}>
      {textOf(o)}
    </Option>
  ));
}

/** A labelled single-choice drop-down. */
export function Choice({ label, value, options: choices, onChange, hint, disabled }: { label: string; value: string; options: ChoiceOption[]; onChange: (value: string) => void; hint?: string; disabled?: boolean }) {
  const selected = choices.find((o) => valueOf(o) === value);
  return (
    <Field label={label} hint={hint}>
      <Dropdown value={selected ? textOf(selected) : ""} selectedOptions={selected ? [value] : []} disabled={disabled} onOptionSelect={(_, data) => data.optionValue !== undefined && onChange(data.optionValue)}>
        {options(choices)}
      </Dropdown>
    </Field>
  );
}

/**
 * A labelled multiple-choice drop-down. `ordered`: the values keep the order
 * they were picked in (a segment key's parts), not the options' order.
 */
export function MultiChoice({
  label,
  values,
  options: choices,
  onChange,
  hint,
  ordered,
}: {
  label: string;
  values: string[];
  options: ChoiceOption[];
  onChange: (values: string[]) => void;
  hint?: string;
  ordered?: boolean;
}) {
  const words = (v: string) => textOf(choices.find((o) => valueOf(o) === v) ?? v);
  const summary = values.length === 0 ? "" : values.length <= 3 ? values.map(words).join(", ") : `${values.length} columns (${words(values[0])} … ${words(values[values.length - 1])})`;
  const all = choices.map(valueOf);
  return (
    <Field label={label} hint={hint}>
      <Dropdown
        multiselect
        value={summary}
        selectedOptions={values}
        onOptionSelect={(_, data) =>
          onChange(ordered ? [...values.filter((v) => data.selectedOptions.includes(v)), ...data.selectedOptions.filter((v) => !values.includes(v))] : all.filter((o) => data.selectedOptions.includes(o)))
        }
      >
        {options(choices)}
      </Dropdown>
    </Field>
  );
}

/**
 * A labelled text input; `validation` shows under it as an error. No "number"
 * type: a number input hands over "" (or a truncated "25") for what the
 * browser cannot parse, such as "25%" or "1,234", so numbers are typed as
 * text and read by {@link parseNumberField}.
 */
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
  type?: "text" | "password" | "url";
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

/**
 * A number typed into a pane, read as a worksheet cell is read ("1,234",
 * "25%" → 0.25) and checked against `rule`; throws a DomainError naming the
 * field, in the words a cell or the service would use for the same value.
 */
export function parseNumberField(text: string, field: string, rule: NumberRule = {}): number {
  return requireNumber(text, field, rule);
}

/**
 * "0.8, 0.95" → [0.8, 0.95]: commas, semicolons or spaces separate the items
 * (so no thousands separators here), each read like {@link parseNumberField};
 * a bad item is named by its 1-based position, as `cutoffs item 2` in a cell.
 */
export function parseNumberList(text: string, field: string, rule: NumberRule = {}): number[] {
  return text
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map((part, i) => requireNumber(part, `${field} item ${i + 1}`, rule));
}

/** Numeric cells of a column, naming the row of the first that is not a number (1-based, as the grid shows). */
export function numericColumn(rows: ReadonlyArray<ReadonlyArray<unknown>>, index: number, header: string, rule: NumberRule = {}): number[] {
  return rows.map((row, i) => requireNumber(row[index], `column ${header}, row ${i + 1}`, rule));
}

/**
 * A share, rate or target typed into a pane ("25%", "0.25", "0,25") checked
 * while the planner types: the fraction, or the message shown under the field.
 */
export function checkShareField(text: string, field: string): Parsed<number> {
  return parseShare(text, field);
}

/** A typed list of cut-offs (shares or plain limits) checked while typing; see {@link parseShareList}. */
export function checkListField(text: string, field: string, rule: ListRule): Parsed<number[]> {
  return parseShareList(text, field, rule);
}

/** A plain number typed into a pane, checked while typing against `rule` (read as {@link parseNumberField} reads it). */
export function checkNumberField(text: string, field: string, rule: NumberRule = {}): Parsed<number> {
  try {
    return { ok: true, value: requireNumber(text, field, rule) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** The message to show under a field, if its check failed. */
export const problemOf = (check: Parsed<unknown> | undefined): string | undefined => (check && !check.ok ? check.message : undefined);

/** The value of checks that the caller has already found all valid (the run button stays inert otherwise). */
export function checkedValue<T>(check: Parsed<T>): T {
  if (!check.ok) throw new Error(check.message);
  return check.value;
}

/**
 * A drop-down of the table's numeric columns only. `guessed`: the pick was
 * made from the header names, not by the planner, and says so; with no
 * numeric column, a plain message instead of an empty list.
 */
export function NumericChoice({
  label,
  value,
  numeric,
  onChange,
  guessed,
  hint,
  optional,
}: {
  label: string;
  value: string;
  numeric: string[];
  onChange: (value: string) => void;
  guessed?: boolean;
  hint?: string;
  /** the text of a "none" option (value "") when the column may be left out */
  optional?: string;
}) {
  if (numeric.length === 0 && !optional) {
    return (
      <Field label={label}>
        <Text size={200}>This table has no column of numbers.</Text>
      </Field>
    );
  }
  const choices: ChoiceOption[] = optional ? [{ value: "", text: optional }, ...numeric] : numeric;
  const missing = !optional && !numeric.includes(value);
  const note = missing ? "Pick a column." : guessed && value ? `Guessed from the header: ${value}` : hint;
  return (
    <Field label={label} hint={missing ? undefined : note} validationMessage={missing ? note : undefined} validationState={missing ? "error" : "none"}>
      <Dropdown
        value={value === "" ? (optional ?? "") : numeric.includes(value) ? value : ""}
        placeholder="Pick a column"
        selectedOptions={numeric.includes(value) || (optional && value === "") ? [value] : []}
        onOptionSelect={(_, data) => data.optionValue !== undefined && onChange(data.optionValue)}
      >
        {options(choices)}
      </Dropdown>
    </Field>
  );
}

/** Headers of the columns whose non-blank cells all read as numbers (at least one of them): what a numeric picker offers. */
export function numericColumnsOf(data: { headers: string[]; rows: ReadonlyArray<ReadonlyArray<unknown>> }): string[] {
  return data.headers.filter((_, j) => {
    const readings = data.rows.map((row) => readNumber(row[j]).kind);
    return readings.includes("number") && !readings.includes("error");
  });
}

/** The first of `names` (matched as the workbook matches headers) among `columns`, or "" — never a fallback to some other column. */
export function guessColumn(columns: string[], ...names: string[]): string {
  return names.map((n) => columns[columnIndex(columns, n)]).find((h) => h !== undefined) ?? "";
}

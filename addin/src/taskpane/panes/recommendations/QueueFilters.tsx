import { Button, Field, Input } from "@fluentui/react-components";
import { Choice } from "../../ui/fields";
import { ORIGIN_NAMES, type Origin, type QueueFilter, type QueueItem } from "./queueModel";
import { useQueueStyles } from "./styles";

const CONFIDENCE_STEPS = [0, 0.5, 0.7, 0.8, 0.9, 0.95];
const sorted = (xs: Iterable<string | undefined>) => [...new Set([...xs].filter((x): x is string => x !== undefined))].sort();

/**
 * The queue's filters. Every drop-down keeps the value chosen even when no
 * pending request has it any more (a decision emptied it): the filter then
 * says what it is, and the list says what remains.
 */
export function QueueFilters({ items, filter, onChange, open }: { items: readonly QueueItem[]; filter: QueueFilter; onChange: (f: QueueFilter) => void; open: boolean }) {
  const styles = useQueueStyles();
  const set = (patch: Partial<QueueFilter>) => onChange({ ...filter, ...patch });
  const keep = (values: string[], current: string) => (current === "all" || values.includes(current) ? values : [...values, current].sort());
  const dimensions = keep(sorted(["product", "customer", ...items.map((i) => i.dimension)]), filter.dimension);
  const origins = keep(sorted(items.map((i) => i.origin)), filter.origin);
  const froms = keep(sorted(items.map((i) => i.from)), filter.from);
  const tos = keep(sorted(items.map((i) => i.to)), filter.to);
  const all = { value: "all", text: "All" };
  if (!open) return null;
  return (
    <div className={styles.filterGrid} role="group" aria-label="Filters">
      <Choice label="Dimension" value={filter.dimension} options={[all, ...dimensions.map((d) => ({ value: d, text: d.charAt(0).toUpperCase() + d.slice(1) }))]} onChange={(dimension) => set({ dimension })} />
      <Choice label="Source" value={filter.origin} options={[all, ...origins.map((o) => ({ value: o, text: ORIGIN_NAMES[o as Origin] ?? o }))]} onChange={(origin) => set({ origin })} />
      <Choice
        label="Confidence"
        value={String(filter.minConfidence)}
        options={CONFIDENCE_STEPS.map((c) => ({ value: String(c), text: c === 0 ? "Any" : `≥ ${Math.round(c * 100)}%` }))}
        onChange={(v) => set({ minConfidence: Number(v) })}
      />
      <Choice
        label="Direction"
        value={filter.direction}
        options={[all, { value: "upgrade", text: "Upgrades" }, { value: "downgrade", text: "Downgrades" }, { value: "lateral", text: "Sideways" }]}
        onChange={(direction) => set({ direction })}
      />
      <Choice label="From segment" value={filter.from} options={[all, ...froms]} onChange={(from) => set({ from })} />
      <Choice label="To segment" value={filter.to} options={[all, ...tos]} onChange={(to) => set({ to })} />
    </div>
  );
}

export function SearchBox({ value, onChange }: { value: string; onChange: (text: string) => void }) {
  const styles = useQueueStyles();
  return (
    <Field label="Find an entity" className={styles.search}>
      <Input
        type="search"
        value={value}
        onChange={(_, d) => onChange(d.value)}
        placeholder="id or name"
        contentAfter={
          value ? (
            <Button size="small" appearance="transparent" onClick={() => onChange("")} aria-label="Clear the search">
              ×
            </Button>
          ) : undefined
        }
      />
    </Field>
  );
}

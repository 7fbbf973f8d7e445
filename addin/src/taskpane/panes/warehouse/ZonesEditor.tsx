import { Button, Checkbox, Input } from "@fluentui/react-components";

export interface ZoneDraft {
  zone: string;
  capacity: string;
  costPerPick: string;
  refrigerated: boolean;
}

/** A starting layout a planner overwrites: a small golden zone, fast pick, reserve and a chilled room. */
export const DEFAULT_ZONES: ZoneDraft[] = [
  { zone: "Golden", capacity: "10", costPerPick: "0.20", refrigerated: false },
  { zone: "Fast pick", capacity: "30", costPerPick: "0.35", refrigerated: false },
  { zone: "Reserve", capacity: "3000", costPerPick: "0.60", refrigerated: false },
  { zone: "Chill", capacity: "100", costPerPick: "0.45", refrigerated: true },
];

/**
 * The storage zones as a compact table: name, slots, cost of a pick,
 * chilled. Four narrow columns fit 350 px; each input is labelled by its
 * zone for screen readers.
 */
export function ZonesEditor({ zones, onChange, problems }: { zones: ZoneDraft[]; onChange: (zones: ZoneDraft[]) => void; problems: Array<string | undefined> }) {
  const set = (i: number, patch: Partial<ZoneDraft>) => onChange(zones.map((z, k) => (k === i ? { ...z, ...patch } : z)));
  return (
    <div>
      <table className="tl-zones" aria-label="Storage zones">
        <thead>
          <tr>
            <th scope="col">Zone</th>
            <th scope="col">Slots</th>
            <th scope="col">Cost a pick</th>
            <th scope="col">Chilled</th>
            <th scope="col">
              <span className="tl-visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {zones.map((z, i) => (
            <tr key={i}>
              <td>
                <Input size="small" aria-label={`Zone ${i + 1} name`} value={z.zone} onChange={(_, d) => set(i, { zone: d.value })} />
              </td>
              <td>
                <Input size="small" aria-label={`${z.zone || `Zone ${i + 1}`} slots`} value={z.capacity} onChange={(_, d) => set(i, { capacity: d.value })} />
              </td>
              <td>
                <Input size="small" aria-label={`${z.zone || `Zone ${i + 1}`} cost a pick`} value={z.costPerPick} onChange={(_, d) => set(i, { costPerPick: d.value })} />
              </td>
              <td>
                <Checkbox aria-label={`${z.zone || `Zone ${i + 1}`} chilled`} checked={z.refrigerated} onChange={(_, d) => set(i, { refrigerated: d.checked === true })} />
              </td>
              <td>
                <Button size="small" appearance="subtle" aria-label={`Remove ${z.zone || `zone ${i + 1}`}`} onClick={() => onChange(zones.filter((_, k) => k !== i))} disabled={zones.length === 1}>
                  ×
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {problems.map((p, i) =>
        p ? (
          <div key={i} role="alert" className="tl-zone-problem">
            Zone row {i + 1}: {p}
          </div>
        ) : null,
      )}
      <Button size="small" onClick={() => onChange([...zones, { zone: "", capacity: "", costPerPick: "", refrigerated: false }])}>
        Add zone
      </Button>
    </div>
  );
}

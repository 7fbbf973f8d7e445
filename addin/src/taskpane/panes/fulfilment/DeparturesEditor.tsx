import { Button, Input } from "@fluentui/react-components";
import type { DepartureDraft } from "./departures";

/** The carrier departures as a compact table (date, room on the truck); each input labelled by its row for screen readers. */
export function DeparturesEditor({ departures, onChange, problems, unit }: { departures: DepartureDraft[]; onChange: (d: DepartureDraft[]) => void; problems: Array<string | undefined>; unit: string }) {
  const set = (i: number, patch: Partial<DepartureDraft>) => onChange(departures.map((d, k) => (k === i ? { ...d, ...patch } : d)));
  return (
    <div>
      <table className="tl-zones tl-departures" aria-label="Departures">
        <thead>
          <tr>
            <th scope="col">Departs</th>
            <th scope="col">Room ({unit})</th>
            <th scope="col">
              <span className="tl-visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {departures.map((d, i) => (
            <tr key={i}>
              <td>
                <Input size="small" type="date" aria-label={`Departure ${i + 1} date`} value={d.date} onChange={(_, v) => set(i, { date: v.value })} />
              </td>
              <td>
                <Input size="small" aria-label={`Departure ${i + 1} room`} value={d.capacity} onChange={(_, v) => set(i, { capacity: v.value })} />
              </td>
              <td>
                <Button size="small" appearance="subtle" aria-label={`Remove departure ${i + 1}`} onClick={() => onChange(departures.filter((_, k) => k !== i))} disabled={departures.length === 1}>
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
            Departure {i + 1}: {p}
          </div>
        ) : null,
      )}
      <Button size="small" onClick={() => onChange([...departures, { date: "", capacity: departures.at(-1)?.capacity ?? "" }])}>
        Add departure
      </Button>
    </div>
  );
}

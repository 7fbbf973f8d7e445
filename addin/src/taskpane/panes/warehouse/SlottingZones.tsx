import { Text } from "@fluentui/react-components";
import type { SlottingResult } from "../../../../../shared/src/api";
import { amount, count, pct } from "./warehouseWords";

/** HiGHS stops at its gap tolerance: below 0.05 % the plan is the optimum in any figure shown. */
const provenWords = (gap: number) => (gap < 5e-4 ? "Proven optimal." : `Within ${(gap * 100).toFixed(2)} % of the optimum.`);

/** The plan per zone: how full, what it holds and why, and the plan against today's slotting. */
export function SlottingZones({ result }: { result: SlottingResult }) {
  return (
    <div aria-label="Slotting per zone" role="group">
      <Text block size={200}>
        {summary(result)} {provenWords(result.solver.gap)}
      </Text>
      {result.zones.map((z) => (
        <section key={z.zone} className="tl-zone-card" aria-label={`Zone ${z.zone}`}>
          <h4>
            {z.zone}
            {z.refrigerated ? " (chilled)" : ""}: {count(z.used, 1)} of {count(z.capacity, 1)} slots ({pct(z.utilisation)})
          </h4>
          <p>
            {count(z.products)} product{z.products === 1 ? "" : "s"} · {count(z.picksPerWeek, 1)} picks a week · pick cost {amount(z.pickCostPerWeek)} a week
          </p>
          {z.segments.length > 0 && <p>Segments: {z.segments.map((s) => `${s.segment} ${count(s.products)}`).join(", ")}</p>}
          <p className="tl-request-meta">{capitalise(z.reason)}.</p>
        </section>
      ))}
      {result.notes.map((n) => (
        <Text key={n} block size={200} className="tl-request-meta">
          {capitalise(n)}.
        </Text>
      ))}
    </div>
  );
}

function summary(result: SlottingResult): string {
  const cost = `Weeks ${result.window.fromWeek}–${result.window.toWeek}: pick cost ${amount(result.cost)} a week`;
  if (!result.products.some((p) => p.from !== null)) return `${cost}.`;
  const saving = result.currentCost === null ? "" : ` against ${amount(result.currentCost)} today (${result.currentCost >= result.cost ? "saves" : "costs"} ${amount(Math.abs(result.currentCost - result.cost))})`;
  return `${cost}${saving}; ${count(result.moves)} ${result.moves === 1 ? "product moves" : "products move"}.`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

import { DomainError } from "../errors";
import { checkNumber } from "../validation";

/** Behaviour features computed per entity from weekly order lines. */
export const ENTITY_FEATURES = ["revenue", "margin_pct", "order_frequency", "lines_per_order", "demand_cov", "returns_rate"] as const;
export type EntityFeature = (typeof ENTITY_FEATURES)[number];
/** Money features: log-transformed before clustering. */
export const MONEY_FEATURES: ReadonlySet<EntityFeature> = new Set(["revenue"]);

export interface FeatureOrderLine {
  entityId: string;
  week: number;
  quantity: number;
  unitPrice: number;
  unitCost: number;
  lines: number;
  returnedUnits: number;
}

/**
 * Per entity over weeks 1 … `weeks`: revenue Σ q·p; margin % (Σ q·p − Σ q·c)/Σ q·p
 * (null without revenue); order frequency = weeks with an order / weeks;
 * lines per order = Σ lines / weeks with an order; demand CoV = sd/mean of the
 * weekly revenue over all weeks, zeros included (sample sd; null without
 * revenue; the coefficient of variation of Silver, Pyke & Thomas, Inventory and
 * Production Management in Supply Chains, 4th ed., §4.7); returns rate =
 * Σ returned units / Σ units (null without units). Entities without a line
 * get zeros and nulls: "missing" is then explicit for the caller to handle.
 *
 * @throws DomainError (`lines[i].week`) outside 1 … weeks; (`weeks`) below 1
 * @example
 * entityFeatures(["C1"], [{ entityId: "C1", week: 1, quantity: 2, unitPrice: 10, unitCost: 6, lines: 1, returnedUnits: 0 }], 2)[0].margin_pct; // 0.4
 */
export function entityFeatures(entityIds: readonly string[], lines: readonly FeatureOrderLine[], weeks: number): Array<Record<EntityFeature, number | null>> {
  checkNumber(weeks, "weeks", { integer: true, min: 1 });
  const index = new Map(entityIds.map((id, i) => [id, i]));
  const n = entityIds.length;
  const weekly = new Float64Array(n * weeks);
  const revenue = new Float64Array(n);
  const cost = new Float64Array(n);
  const units = new Float64Array(n);
  const returned = new Float64Array(n);
  const lineCount = new Float64Array(n);
  const active = new Uint8Array(n * weeks);
  lines.forEach((l, r) => {
    const i = index.get(l.entityId);
    if (i === undefined) return;
    if (!Number.isInteger(l.week) || l.week < 1 || l.week > weeks) throw new DomainError(`lines[${r}].week`, `expected a week from 1 to ${weeks}, got ${l.week}`, "out_of_range");
    const value = l.quantity * l.unitPrice;
    revenue[i] += value;
    cost[i] += l.quantity * l.unitCost;
    units[i] += l.quantity;
    returned[i] += l.returnedUnits;
    lineCount[i] += l.lines;
    weekly[i * weeks + l.week - 1] += value;
    active[i * weeks + l.week - 1] = 1;
  });
  return entityIds.map((_, i) => {
    let activeWeeks = 0;
    for (let w = 0; w < weeks; w++) activeWeeks += active[i * weeks + w];
    const mean = revenue[i] / weeks;
    let ss = 0;
    for (let w = 0; w < weeks; w++) ss += (weekly[i * weeks + w] - mean) ** 2;
    const sd = weeks > 1 ? Math.sqrt(ss / (weeks - 1)) : 0;
    return {
      revenue: revenue[i],
      margin_pct: revenue[i] > 0 ? (revenue[i] - cost[i]) / revenue[i] : null,
      order_frequency: activeWeeks / weeks,
      lines_per_order: activeWeeks > 0 ? lineCount[i] / activeWeeks : null,
      demand_cov: mean > 0 ? sd / mean : null,
      returns_rate: units[i] > 0 ? returned[i] / units[i] : null,
    };
  });
}

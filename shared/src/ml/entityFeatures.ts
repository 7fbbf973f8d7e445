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
 * One entity's order lines of one week, summed: the grain the features and
 * the period metrics read, so a store can sum in the database and hand over
 * entity × week rows instead of every line.
 */
export interface EntityWeek {
  entityId: string;
  week: number;
  /** Σ quantity */
  units: number;
  /** Σ quantity × unit price */
  revenue: number;
  /** Σ quantity × unit cost */
  cost: number;
  /** Σ lines */
  lines: number;
  /** Σ returned units */
  returnedUnits: number;
}

/** Order lines summed per entity × week, in the order each pair first appears. */
export function entityWeeksOf(lines: readonly FeatureOrderLine[]): EntityWeek[] {
  const byKey = new Map<string, EntityWeek>();
  for (const l of lines) {
    const key = `${l.week}\u0000${l.entityId}`;
    let row = byKey.get(key);
    if (!row) byKey.set(key, (row = { entityId: l.entityId, week: l.week, units: 0, revenue: 0, cost: 0, lines: 0, returnedUnits: 0 }));
    row.units += l.quantity;
    row.revenue += l.quantity * l.unitPrice;
    row.cost += l.quantity * l.unitCost;
    row.lines += l.lines;
    row.returnedUnits += l.returnedUnits;
  }
  return [...byKey.values()];
}

/** `entityWeekFeatures` over order lines: the lines are summed per entity × week first. */
export function entityFeatures(entityIds: readonly string[], lines: readonly FeatureOrderLine[], weeks: number): Array<Record<EntityFeature, number | null>> {
  checkNumber(weeks, "weeks", { integer: true, min: 1 });
  const known = new Set(entityIds);
  lines.forEach((l, r) => {
    if (known.has(l.entityId)) checkWeek(l.week, weeks, `lines[${r}].week`);
  });
  return entityWeekFeatures(entityIds, entityWeeksOf(lines), weeks);
}

/**
 * Per entity over weeks 1 … `weeks`: revenue Σ q·p; margin % (Σ q·p − Σ q·c)/Σ q·p
 * (null without revenue); order frequency = weeks with an order / weeks;
 * lines per order = Σ lines / weeks with an order; demand CoV = sd/mean of the
 * weekly revenue over all weeks, zeros included (sample sd; null without
 * revenue; the coefficient of variation of Silver, Pyke & Thomas, Inventory and
 * Production Management in Supply Chains, 4th ed., §4.7); returns rate =
 * Σ returned units / Σ units (null without units). A week with an order is a
 * week with a row, whatever its quantity. Entities without a row get zeros and
 * nulls: "missing" is then explicit for the caller to handle.
 *
 * @throws DomainError (`entityWeeks[i].week`) outside 1 … weeks; (`weeks`) below 1
 * @example
 * entityWeekFeatures(["C1"], [{ entityId: "C1", week: 1, units: 2, revenue: 20, cost: 12, lines: 1, returnedUnits: 0 }], 2)[0].margin_pct; // 0.4
 */
export function entityWeekFeatures(entityIds: readonly string[], entityWeeks: readonly EntityWeek[], weeks: number): Array<Record<EntityFeature, number | null>> {
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
  entityWeeks.forEach((l, r) => {
    const i = index.get(l.entityId);
    if (i === undefined) return;
    checkWeek(l.week, weeks, `entityWeeks[${r}].week`);
    revenue[i] += l.revenue;
    cost[i] += l.cost;
    units[i] += l.units;
    returned[i] += l.returnedUnits;
    lineCount[i] += l.lines;
    weekly[i * weeks + l.week - 1] += l.revenue;
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

export function checkWeek(week: number, weeks: number, field: string): void {
  if (!Number.isInteger(week) || week < 1 || week > weeks) throw new DomainError(field, `expected a week from 1 to ${weeks}, got ${week}`, "out_of_range");
}

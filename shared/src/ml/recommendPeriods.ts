import { DomainError } from "../errors";
import { checkWeek, entityWeeksOf, type EntityWeek, type FeatureOrderLine } from "./entityFeatures";
import { mustBe, checkNumber } from "../validation";

export interface PeriodMetrics {
  /** period labels oldest first, e.g. "W15-W18" */
  periods: string[];
  /** the weeks the periods cover: the incomplete remainder at the start is left out */
  window: { fromWeek: number; toWeek: number };
  /** revenue per entity per period, row-major (entity × period) */
  revenue: Float64Array;
  /** trailing CoV of weekly units per entity per period, NaN without demand (row-major) */
  unitsCov: Float64Array;
  /** weekly units per entity over the window, row-major (entity × window week), for the impact's σ */
  weeklyUnits: Float64Array;
  windowWeeks: number;
}

/** `periodWeekMetrics` over order lines: the lines are summed per entity × week first. */
export function periodMetrics(entityIds: readonly string[], lines: readonly FeatureOrderLine[], weeks: number, periodWeeks: number, covPeriods = 3): PeriodMetrics {
  checkPeriods(weeks, periodWeeks, covPeriods);
  lines.forEach((l, r) => checkWeek(l.week, weeks, `lines[${r}].week`));
  return periodWeekMetrics(entityIds, entityWeeksOf(lines), weeks, periodWeeks, covPeriods);
}

/**
 * Buckets weekly sums into periods of `periodWeeks` weeks, counted back
 * from the last week so the latest period is always complete, and gives per
 * entity and period: revenue Σ q·p, and the coefficient of variation of weekly
 * units (sample sd / mean, zeros included) over a trailing window of
 * `covPeriods` periods ending at that period. CoV over a four-week bucket rests
 * on four numbers and is too noisy to classify on; the trailing window is the
 * rolling-horizon reading of XYZ (the CV of Silver, Pyke & Thomas, *Inventory
 * and Production Management in Supply Chains*, 4th ed., §4.7, on a moving
 * window as in dynamic ABC-XYZ reviews).
 *
 * @throws DomainError (`periodWeeks`) below 1 or longer than the history; (`entityWeeks[i].week`) outside 1 … weeks
 * @example
 * periodWeekMetrics(["P1"], [{ entityId: "P1", week: 8, units: 2, revenue: 10, cost: 6, lines: 1, returnedUnits: 0 }], 8, 4).periods; // ["W1-W4", "W5-W8"]
 */
export function periodWeekMetrics(entityIds: readonly string[], entityWeeks: readonly EntityWeek[], weeks: number, periodWeeks: number, covPeriods = 3): PeriodMetrics {
  checkPeriods(weeks, periodWeeks, covPeriods);
  const p = Math.floor(weeks / periodWeeks);
  const firstWeek = weeks - p * periodWeeks + 1;
  const windowWeeks = p * periodWeeks;
  const n = entityIds.length;
  const index = new Map(entityIds.map((id, i) => [id, i]));
  const revenue = new Float64Array(n * p);
  const weeklyUnits = new Float64Array(n * windowWeeks);
  entityWeeks.forEach((l, r) => {
    checkWeek(l.week, weeks, `entityWeeks[${r}].week`);
    const i = index.get(l.entityId);
    if (i === undefined || l.week < firstWeek) return;
    const w = l.week - firstWeek;
    revenue[i * p + Math.floor(w / periodWeeks)] += l.revenue;
    weeklyUnits[i * windowWeeks + w] += l.units;
  });
  const unitsCov = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < p; k++) {
      const end = (k + 1) * periodWeeks;
      const start = Math.max(0, end - covPeriods * periodWeeks);
      unitsCov[i * p + k] = coefficientOfVariation(weeklyUnits, i * windowWeeks + start, end - start);
    }
  }
  const periods = Array.from({ length: p }, (_, k) => `W${firstWeek + k * periodWeeks}-W${firstWeek + (k + 1) * periodWeeks - 1}`);
  return { periods, window: { fromWeek: firstWeek, toWeek: weeks }, revenue, unitsCov, weeklyUnits, windowWeeks };
}

function checkPeriods(weeks: number, periodWeeks: number, covPeriods: number): void {
  checkNumber(weeks, "weeks", { integer: true, min: 1 });
  checkNumber(periodWeeks, "periodWeeks", { integer: true });
  if (periodWeeks < 1 || periodWeeks > weeks) throw new DomainError("periodWeeks", `${mustBe.between(1, weeks)} (the weeks of history), got ${periodWeeks}`, "out_of_range");
  checkNumber(covPeriods, "covPeriods", { integer: true, min: 1 });
}

function coefficientOfVariation(values: Float64Array, offset: number, length: number): number {
  if (length < 2) return Number.NaN;
  let sum = 0;
  for (let j = 0; j < length; j++) sum += values[offset + j];
  const mean = sum / length;
  if (mean <= 0) return Number.NaN;
  let ss = 0;
  for (let j = 0; j < length; j++) ss += (values[offset + j] - mean) ** 2;
  return Math.sqrt(ss / (length - 1)) / mean;
}

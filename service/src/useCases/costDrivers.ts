import type { CostDrivers } from "../../../shared/src/api";
import { DEFAULT_ACTIVITY_RATES } from "../../../shared/src/kpi";
import { unprocessable } from "../appError";
import { activityByCustomer } from "../store/activityCounts";
import { ratesInForce } from "../store/activityRates";
import { segmentsOf } from "../store/assignments";
import { orderHistoryWeeks } from "../store/orderHistorySpan";
import { currentVersion } from "../store/versions";
import type { Executor } from "./context";

/** Customers without a customer segment are summed under this name. */
export const NO_SEGMENT = "(no segment)";
const WEEKS_PER_YEAR = 52;

/**
 * Each customer segment's yearly driver volume of every activity and the rate
 * in force, the basis of an automation's investment case. The activity
 * counts cover the stored order history, so they are scaled by 52 / its
 * weeks, as network design scales demand. Without a stored rate table each
 * driver is its own activity at the illustrative default rate, as in the
 * KPI report.
 */
export async function costDrivers(db: Executor, asOf: Date = new Date()): Promise<CostDrivers> {
  const [counts, table, weeks, version] = await Promise.all([activityByCustomer(db), ratesInForce(db, asOf.toISOString().slice(0, 10)), orderHistoryWeeks(db), currentVersion(db, "customer")]);
  if (counts.size === 0) throw unprocessable("activity_counts: no activity counts are stored; import activity_counts first", [{ field: "activity_counts", message: "no activity counts stored" }]);
  if (weeks === 0) throw unprocessable("order_lines: no order history is stored to date the activity counts; import order_lines first", [{ field: "order_lines", message: "no order history stored" }]);
  const stored = table !== null && table.rates.length > 0;
  const activities = stored ? table.rates.map((r) => ({ activity: r.activity, driver: r.driver, rate: r.rate })) : Object.entries(DEFAULT_ACTIVITY_RATES).map(([driver, rate]) => ({ activity: driver, driver, rate }));
  const segmentOf = await segmentsOf(db, "customer", version, [...counts.keys()]);
  const scale = WEEKS_PER_YEAR / weeks;
  const bySegment = new Map<string, { customers: number; volumes: number[] }>();
  for (const [customer, drivers] of counts) {
    const segment = segmentOf.get(customer) ?? NO_SEGMENT;
    let s = bySegment.get(segment);
    if (!s) bySegment.set(segment, (s = { customers: 0, volumes: new Array<number>(activities.length).fill(0) }));
    s.customers++;
    activities.forEach((a, j) => {
      const v = Number(drivers[a.driver]);
      // A blank or missing count adds nothing; the import has already refused negative and non-numeric counts.
      if (Number.isFinite(v)) s.volumes[j] += v * scale;
    });
  }
  return {
    assignmentsVersion: version,
    weeksOfHistory: weeks,
    ratesSource: { source: stored ? "stored" : "default", version: stored ? table.version : null },
    activities,
    segments: [...bySegment]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([segment, s]) => ({
        segment,
        customers: s.customers,
        yearlyVolumes: Object.fromEntries(activities.map((a, j) => [a.activity, s.volumes[j]])),
        yearlyCosts: Object.fromEntries(activities.map((a, j) => [a.activity, s.volumes[j] * a.rate])),
      })),
  };
}

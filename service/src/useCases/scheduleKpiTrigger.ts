import { kpiQuerySchema, type KpiTrigger, type ScheduleTrigger } from "../../../shared/src/api";
import { KPI_DIRECTION } from "../../../shared/src/kpi";
import { claimKpiFiring, observationsOf, recordObservation, type ScheduleRow } from "../store/reclassificationSchedules";
import type { ServiceContext } from "./context";
import { kpiReport, type KpiReport } from "./kpiReport";
import { lastPeriods, periodStart, previousPeriod, segmentMatches } from "./scheduleTiming";

/** How far back a breach episode is followed to find whether it already fired: a year of weeks. */
const MAX_EPISODE_PERIODS = 370;

/** The segments of a KPI report that breach the trigger: past its threshold in the KPI's direction, or without one, the KPI's own target. */
export function breachingSegments(report: Pick<KpiReport, "segments">, trigger: KpiTrigger): string[] {
  const out: string[] = [];
  for (const s of report.segments) {
    if (!segmentMatches(trigger.segment, s.segment)) continue;
    const value = s.kpis.find((k) => k.kpi === trigger.kpi);
    if (!value || value.value === null) continue;
    const breached = trigger.threshold === undefined ? value.status === "breach" : KPI_DIRECTION[trigger.kpi] === "min" ? value.value < trigger.threshold : value.value > trigger.threshold;
    if (breached) out.push(s.segment);
  }
  return out.sort();
}

/**
 * Record the current period's observation (once per schedule and period,
 * whichever instance gets there first), then decide whether the trigger
 * fires: a segment breaching in each of the last N periods whose episode has
 * not fired yet. An episode is a run of consecutive breached periods; it
 * fired when the period recorded for the segment lies inside it. A period
 * with no observation (no instance ran) breaks an episode. Answers the
 * trigger to start a run with, after claiming it (compare-and-set on
 * kpi_fired), or undefined.
 */
export async function evaluateKpiTrigger(ctx: ServiceContext, row: ScheduleRow, reports: (dimension: "product" | "customer") => Promise<KpiReport>): Promise<ScheduleTrigger | undefined> {
  const trigger = JSON.parse(row.kpi_trigger!) as KpiTrigger;
  const now = ctx.now();
  const current = periodStart(trigger.periodUnit, now);
  let seen = await observationsOf(ctx.db, row.id, [current]);
  if (!seen.has(current)) {
    const breached = breachingSegments(await reports(row.dimension as "product" | "customer"), trigger);
    await recordObservation(ctx.db, { schedule_id: row.id, period: current, breached: JSON.stringify(breached), observed_at: now.toISOString() });
  }
  const window = lastPeriods(trigger.periodUnit, now, trigger.periods);
  seen = await observationsOf(ctx.db, row.id, window);
  const candidates = (seen.get(current) ?? []).filter((segment) => window.every((p) => seen.get(p)?.includes(segment)));
  if (candidates.length === 0) return undefined;
  const fired = row.kpi_fired === null ? {} : (JSON.parse(row.kpi_fired) as Record<string, string>);
  const firing: string[] = [];
  for (const segment of candidates) {
    const last = fired[segment];
    if (last === undefined || !(await breachedThroughout(ctx, row.id, trigger, segment, last, current))) firing.push(segment);
  }
  if (firing.length === 0) return undefined;
  const next = JSON.stringify({ ...fired, ...Object.fromEntries(firing.map((s) => [s, current])) });
  if (!(await claimKpiFiring(ctx.db, row.id, row.kpi_fired, next, now.toISOString()))) return undefined;
  return { kind: "kpi", kpi: trigger.kpi, segments: firing, period: current };
}

/** Whether the segment breached in every period from `from` through `to`: the episode that fired at `from` is still running. */
async function breachedThroughout(ctx: ServiceContext, scheduleId: string, trigger: KpiTrigger, segment: string, from: string, to: string): Promise<boolean> {
  if (from > to) return true;
  const periods: string[] = [];
  for (let p = to; p >= from && periods.length < MAX_EPISODE_PERIODS; p = previousPeriod(trigger.periodUnit, p)) periods.push(p);
  if (periods.at(-1) !== from) return false;
  const seen = await observationsOf(ctx.db, scheduleId, periods);
  return periods.every((p) => seen.get(p)?.includes(segment));
}

/** KPI reports computed once per tick and dimension, however many schedules ask. */
export function kpiReportsOnce(ctx: ServiceContext): (dimension: "product" | "customer") => Promise<KpiReport> {
  const cache = new Map<string, Promise<KpiReport>>();
  return (dimension) => {
    let report = cache.get(dimension);
    if (!report) cache.set(dimension, (report = kpiReport(ctx.db, kpiQuerySchema.parse({ dimension }))));
    return report;
  };
}

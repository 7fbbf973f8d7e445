import type { Schedule } from "../../../../shared/src/api";

const KPI_WORDS: Record<string, string> = { otif: "OTIF", fill_rate: "fill rate", inventory_turns: "inventory turns", cost_to_serve_pct: "cost to serve", forecast_wape: "forecast WAPE" };
const SOURCE_WORDS: Record<Schedule["source"], string> = { rule: "rule", model: "model", both: "rule and model" };

const plural = (n: number, unit: string) => (n === 1 ? unit : `${n} ${unit}s`);

/** "Mon 7 Dec 06:00", in the reader's time zone unless one is given (tests). */
export function runTime(iso: string, timeZone?: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.hour}:${parts.minute}`;
}

/** "planner then finance approve"; "finance approves"; none named: the approval rules decide. */
export function stepWords(steps: Schedule["approvalSteps"]): string {
  if (!steps) return "the approval rules decide who approves";
  return steps.length === 1 ? `${steps[0]} approves` : `${steps.join(" then ")} approve`;
}

/**
 * A schedule as an admin reads it in one line: "Products, every week, rule
 * and model, planner then finance approve; next run Mon 7 Dec 06:00".
 */
export function scheduleWords(s: Schedule, timeZone?: string): string {
  const what = s.dimension === "product" ? "Products" : "Customers";
  const when = s.cadence ? `every ${plural(s.cadence.every, s.cadence.unit)}` : "on its KPI trigger only";
  const trigger = s.kpiTrigger
    ? `; ${s.cadence ? "also " : ""}when ${s.kpiTrigger.segment ? `a segment matching ${s.kpiTrigger.segment}` : "a segment"} breaches ${KPI_WORDS[s.kpiTrigger.kpi] ?? s.kpiTrigger.kpi}${
        s.kpiTrigger.threshold === undefined ? " (its target)" : ` (threshold ${s.kpiTrigger.threshold})`
      } ${plural(s.kpiTrigger.periods, s.kpiTrigger.periodUnit)} running`
    : "";
  const next = !s.enabled ? "; paused" : s.nextRunAt ? `; next run ${runTime(s.nextRunAt, timeZone)}` : "";
  return `${what}, ${when}, ${SOURCE_WORDS[s.source]}, ${stepWords(s.approvalSteps)}${trigger}${next}`;
}

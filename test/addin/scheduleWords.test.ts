/** A schedule in the Settings pane's plain words. */
import type { Schedule } from "../../shared/src/api";
import { runTime, scheduleWords, stepWords } from "../../addin/src/taskpane/ui/scheduleWords";

const weekly: Schedule = {
  id: "7d0f3a52-0000-4000-8000-000000000000",
  dimension: "product",
  cadence: { every: 1, unit: "week", anchor: "2026-11-30T06:00:00Z" },
  thresholds: { periodWeeks: 4, consecutivePeriods: 3, margin: 0.25 },
  source: "both",
  approvalSteps: ["planner", "finance"],
  kpiTrigger: null,
  enabled: true,
  nextRunAt: "2026-12-07T06:00:00.000Z",
  lastRunAt: null,
  lastJobId: null,
  createdBy: "admin",
  createdAt: "2026-11-30T05:00:00.000Z",
  updatedBy: "admin",
  updatedAt: "2026-11-30T05:00:00.000Z",
};

test("a weekly schedule: dimension, cadence, source, steps and the next run", () => {
  expect(scheduleWords(weekly, "UTC")).toBe("Products, every week, rule and model, planner then finance approve; next run Mon 7 Dec 06:00");
  expect(runTime("2026-12-07T06:00:00.000Z", "Europe/Berlin")).toBe("Mon 7 Dec 07:00");
});

test("a KPI-only customer schedule, one step, and a paused one", () => {
  const kpi: Schedule = {
    ...weekly,
    dimension: "customer",
    cadence: null,
    nextRunAt: null,
    source: "rule",
    approvalSteps: ["finance"],
    kpiTrigger: { kpi: "fill_rate", threshold: 0.95, periods: 3, periodUnit: "week", segment: "Key" },
  };
  expect(scheduleWords(kpi, "UTC")).toBe("Customers, on its KPI trigger only, rule, finance approves; when a segment matching Key breaches fill rate (threshold 0.95) 3 weeks running");
  expect(scheduleWords({ ...weekly, cadence: { every: 6, unit: "hour", anchor: weekly.cadence!.anchor }, approvalSteps: null, enabled: false, nextRunAt: null }, "UTC")).toBe(
    "Products, every 6 hours, rule and model, the approval rules decide who approves; paused",
  );
  expect(stepWords(["planner", "sales", "finance"])).toBe("planner then sales then finance approve");
});

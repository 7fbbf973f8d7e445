/**
 * The Governance pane's words and sheets as data (addin/src/taskpane/panes/governance):
 * KPI values in their unit, targets with their direction, a breach's drivers
 * as root-cause lines with shares in %, the health check's findings as
 * questions with their figure, an action's audit entries in words, and the
 * KPI and breach tables with the number formats Excel gets for them.
 * Runs in Node's default en-US locale, as the pane's Intl formatters do.
 */
import type { BreachResponse, KpiReportResponse } from "../../shared/src/api";
import { actionProblems } from "../../addin/src/taskpane/panes/governance/ActionForm";
import { auditWords } from "../../addin/src/taskpane/panes/governance/actionAudit";
import { breachAgeWords, breachSheet, escalationWords, kpiSheet } from "../../addin/src/taskpane/panes/governance/governanceSheets";
import { healthSuggestions, type HealthReport } from "../../addin/src/taskpane/panes/governance/healthWords";
import { formatKpi, formatTarget, kpiLabel } from "../../addin/src/taskpane/panes/governance/kpiWords";
import { rootCauseSections, rootCauseSummary } from "../../addin/src/taskpane/panes/governance/rootCause";
import { tableFormats } from "../../addin/src/workbook/resultFormats";

const otifBreach: BreachResponse = {
  id: "product:AX:otif",
  dimension: "product",
  segment: "AX",
  kpi: "otif",
  value: 0.880572,
  target: 0.98,
  direction: "min",
  gap: 0.099428,
  relativeGap: 0.10146,
  owner: "supply chain",
  escalation: [
    { level: 1, contact: "supply chain planner", afterDays: 0 },
    { level: 2, contact: "supply chain manager", afterDays: 7 },
  ],
  since: "2026-10-01",
  ageDays: 64,
  reached: { level: 2, contact: "supply chain manager", afterDays: 7 },
  pathSource: "segment",
  drivers: {
    causes: { stock_out: 30.95, supplier_late: 3.05, order_changed: 25.59, carrier_late: null },
    causeShares: { stock_out: 0.5193, supplier_late: 0.0512, order_changed: 0.4294, carrier_late: null },
    entities: [
      { id: "P0051", value: 20.49, share: 0.3438 },
      { id: "P0027", value: 14.82, share: 0.2486 },
    ],
  },
  actions: [],
};

describe("KPI words", () => {
  it("shows each KPI in its unit and its target with the direction it must go", () => {
    expect(formatKpi("otif", 0.880572)).toBe("88.1%");
    expect(formatKpi("inventory_turns", 19.966)).toBe("20.0× a year");
    expect(formatKpi("days_of_supply", 12.34)).toBe("12.3 days");
    expect(formatKpi("otif", null)).toBe("no data");
    expect(formatTarget("otif", 0.98)).toBe("target ≥ 98.0%");
    expect(formatTarget("cost_to_serve_pct", 0.12)).toBe("target ≤ 12.0%");
    expect(formatTarget("fill_rate", null)).toBe("no target");
    expect(kpiLabel("forecast_wape")).toBe("Forecast error (WAPE)");
    expect(kpiLabel("days_of_supply")).toBe("Days of supply");
  });
});

describe("root cause", () => {
  it("reads OTIF's causes as one list, largest share first, the unmeasured cause last and said so", () => {
    const [why, entities] = rootCauseSections("otif", "product", otifBreach.drivers);
    expect(why.title).toBe("Why lines were missed");
    expect(why.lines.map((l) => [l.label.split(" (")[0], l.share, l.figure])).toEqual([
      ["Stock-out", "51.9%", "31 missed lines"],
      ["Order changed after entry", "42.9%", "25.6 missed lines"],
      ["Supplier late", "5.1%", "3.1 missed lines"],
      ["Carrier late", "—", "not measured"],
    ]);
    expect(entities).toEqual({ title: "Products with the most missed lines", lines: [expect.objectContaining({ label: "P0051", share: "34.4%" }), expect.objectContaining({ label: "P0027", share: "24.9%" })] });
    expect(rootCauseSummary("otif", "product", otifBreach.drivers)).toBe("Why lines were missed: Stock-out 51.9%; Order changed after entry 42.9%; Supplier late 5.1%");
  });

  it("names cost drivers as money and a driver it does not know from its key", () => {
    const sections = rootCauseSections("cost_to_serve_pct", "customer", { activities: [{ id: "deliveries", value: 3434.7, share: 0.4676 }], carrierDelays: { road: 3, rail: null } });
    expect(sections).toEqual([
      { title: "Activities behind the cost", lines: [{ label: "deliveries", share: "46.8%", figure: "cost 3,435" }] },
      {
        title: "CarrierDelays",
        lines: [
          { label: "Road", share: "", figure: "3" },
          { label: "Rail", share: "", figure: "not measured" },
        ],
      },
    ]);
    expect(rootCauseSections("forecast_wape", "product", {})).toEqual([]);
  });
});

describe("health check", () => {
  const report: HealthReport = {
    dimension: "product",
    assignmentsVersion: 1,
    entities: 60,
    features: ["revenue"],
    dataWindow: { fromWeek: 1, toWeek: 26 },
    thresholds: { minSize: 3, maxEffectSize: 0.2, definingShare: 0.14 },
    definingFeatures: [{ feature: "revenue over the window", share: 0.74 }],
    silhouette: -0.11,
    sampled: false,
    segments: [
      { segment: "AX", size: 7, silhouette: -0.0245, spread: 1.08, tooSmall: false, nearest: { segment: "AY", distance: 1.35 } },
      { segment: "AY", size: 1, silhouette: null, spread: 0, tooSmall: true, nearest: { segment: "BX", distance: 0.984 } },
      { segment: "BX", size: 9, silhouette: 0.31, spread: 0.7, tooSmall: false, nearest: null },
    ],
    similarPairs: [{ segments: ["AX", "BX"], centroidDistance: 1.5223, ratio: 2.5776, effectSize: 0.137, feature: "revenue over the window" }],
    suggestions: [],
  };
  it("puts each finding as a question with the figure behind it", () => {
    expect(healthSuggestions(report, "product")).toEqual([
      {
        kind: "merge",
        question: "Merge AX and BX?",
        figure: "Where they differ most (revenue over the window) they are 0.14 standard deviations apart; under 0.20 on every defining feature counts as alike. Mean silhouettes: AX \u22120.02, BX 0.31.",
      },
      { kind: "overlap", question: "Review the boundaries of AX?", figure: "Mean silhouette \u22120.02 on the defining features (below 0): its products are on average closer to another segment than to each other." },
      { kind: "too-small", question: "Fold AY into BX?", figure: "1 product, fewer than the minimum of 3; BX is the nearest segment (distance 0.98)." },
    ]);
  });
  it("puts KPIs that missed their target for months running first, with the months and each month's figure", () => {
    const underperforming = [{ segment: "BX", kpi: "otif" as const, target: 0.95, periods: ["2026-09", "2026-10", "2026-11"], values: [0.9, 0.881, 0.93], worst: { period: "2026-10", value: 0.881 }, sentence: "…" }];
    expect(healthSuggestions({ ...report, underperforming }, "product")[0]).toEqual({
      kind: "underperforming",
      question: "What keeps OTIF of BX below target?",
      figure: "3 months running, Sept 2026 to Nov 2026: 90.0%, 88.1%, 93.0% (target ≥ 95.0%; worst 88.1% in Oct 2026).",
    });
  });
});

describe("corrective actions", () => {
  it("words audit entries as what changed", () => {
    expect(auditWords({ action: "corrective_action.create", before: null, after: { status: "open" } })).toBe("Created (open)");
    expect(auditWords({ action: "corrective_action.update", before: { status: "open", owner: "a", title: "t" }, after: { status: "in_progress", owner: "b", title: "t" } })).toBe(
      "Status open → in progress; Changed owner",
    );
  });
  it("checks a new action as the route would, field by field", () => {
    expect(actionProblems({ title: " ", owner: "x".repeat(201), dueDate: "15/01/2027" })).toEqual({ title: "Say what will be done.", owner: "At most 200 characters.", dueDate: "Pick a date." });
    expect(actionProblems({ title: "Raise safety stock", owner: "supply chain", dueDate: "2027-01-15" })).toEqual({});
  });
});

describe("sheets for the monthly review", () => {
  const report: KpiReportResponse = {
    dimension: "product",
    assignmentsVersion: 1,
    policyVersion: 1,
    dataWindow: { fromWeek: 1, toWeek: 26, forecastHoldoutWeeks: 8 },
    assumptions: { activityRates: {}, ceilings: { maxCostToServePct: 0.12, maxWape: 0.5 }, escalationSource: "default" },
    segments: [
      {
        segment: "AX",
        entities: ["P1", "P2"],
        policy: { pattern: "A*", row: 1, ownerFunction: "supply chain" },
        policyError: null,
        kpis: [
          { kpi: "otif", value: 0.880572, target: 0.98, targetSource: "policy.cycleServiceLevel", basis: "modelled", status: "breach" },
          { kpi: "inventory_turns", value: 19.96634, target: 12, targetSource: "policy.inventoryTurnsTarget", basis: "modelled", status: "met" },
          { kpi: "cost_to_serve_pct", value: null, target: 0.12, targetSource: "maxCostToServePct", basis: "modelled", status: "no_data" },
        ],
      },
    ],
  };

  it("writes one row per segment with each KPI's value and target in columns Excel formats as % or turns", () => {
    const table = kpiSheet(report);
    expect(table.name).toBe("TierlineKpisProducts");
    expect(table.headers).toEqual(["Segment", "Owner", "Entities", "OTIF", "OTIFTarget", "Turns", "TurnsTarget", "CtsPct", "CtsPctTarget", "Breaches", "Notes"]);
    expect(table.rows).toEqual([["AX", "supply chain", 2, 0.8806, 0.98, 19.97, 12, null, 0.12, "OTIF", ""]]);
    expect(tableFormats(table.headers, table.rows)).toEqual([undefined, undefined, "#,##0", "0.0%", "0.0%", "#,##0.0", "#,##0.0", "0.0%", "0.0%", undefined, undefined]);
  });

  it("writes one row per breach with value and target in their unit, the escalation path and the top causes", () => {
    const table = breachSheet("product", [otifBreach]);
    expect(table.rows).toEqual([
      [
        "AX",
        "OTIF",
        "88.1%",
        "≥ 98.0%",
        0.1015,
        "supply chain",
        "L1 supply chain planner at once; L2 supply chain manager after 7 days",
        "2026-10-01",
        "L2 supply chain manager",
        "Why lines were missed: Stock-out 51.9%; Order changed after entry 42.9%; Supplier late 5.1%",
        0,
      ],
    ]);
    expect(tableFormats(table.headers, table.rows)[4]).toBe("0.0%");
    expect(escalationWords([])).toBe("no escalation path for this owner");
    expect(breachAgeWords(otifBreach)).toBe("Breached since 1 Oct 2026 (64 days): level 2, supply chain manager.");
    expect(breachAgeWords({ since: null, ageDays: null, reached: otifBreach.escalation[0] })).toBe("Age not known (no monthly figures for this KPI): level 1, supply chain planner at least.");
  });
});

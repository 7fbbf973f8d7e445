import type { BreachResponse, KpiReportResponse } from "../../../../../shared/src/api";
import type { CellValue, TableData } from "../../../workbook/workbook";
import { formatKpi, formatTarget, kpiLabel } from "./kpiWords";
import { rootCauseSummary } from "./rootCause";

/*
 * The pane's KPI table and breach list as result tables for the monthly
 * review. Headers are the ones resultFormats.ts knows, so the sheet gets
 * percentages, turns with one decimal and counts without the pane saying how;
 * one row per segment keeps KPIs of different units in columns of their own.
 */

type Dimension = "product" | "customer";

export const kpiTableName = (dimension: Dimension) => `TierlineKpis${dimension === "product" ? "Products" : "Customers"}`;
export const breachTableName = (dimension: Dimension) => `TierlineBreaches${dimension === "product" ? "Products" : "Customers"}`;

/** Wire KPI → the sheet's value and target headers. */
const KPI_COLUMNS: Record<string, [string, string]> = {
  otif: ["OTIF", "OTIFTarget"],
  fill_rate: ["FillRate", "FillRateTarget"],
  inventory_turns: ["Turns", "TurnsTarget"],
  cost_to_serve_pct: ["CtsPct", "CtsPctTarget"],
  forecast_wape: ["WAPE", "WAPETarget"],
};

/** A KPI the service adds later gets columns named after it ("days_of_supply" → DaysOfSupply). */
const columnsOf = (kpi: string): [string, string] =>
  KPI_COLUMNS[kpi] ?? [kpi.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase()), `${kpi.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase())}Target`];

/** Shares to 4 decimals (0.1 percentage point survives), other figures to 2: the sheet shows what the pane shows. */
const rounded = (kpi: string, v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : kpi === "inventory_turns" ? Math.round(v * 100) / 100 : Math.round(v * 10000) / 10000);

/** One row per segment: owner, entities, each KPI's value and target, the KPIs in breach and what the figures stand on. */
export function kpiSheet(report: KpiReportResponse): TableData {
  const kpis = [...new Set(report.segments.flatMap((s) => s.kpis.map((k) => k.kpi)))];
  const headers = ["Segment", "Owner", "Entities", ...kpis.flatMap(columnsOf), "Breaches", "Notes"];
  const rows = report.segments.map((s): CellValue[] => {
    const byKpi = new Map(s.kpis.map((k) => [k.kpi as string, k]));
    const breached = s.kpis.filter((k) => k.status === "breach").map((k) => kpiLabel(k.kpi));
    return [
      s.segment,
      s.policy?.ownerFunction ?? "unassigned",
      s.entities.length,
      ...kpis.flatMap((kpi) => [rounded(kpi, byKpi.get(kpi)?.value ?? null), rounded(kpi, byKpi.get(kpi)?.target ?? null)]),
      breached.join(", "),
      s.policyError ?? "",
    ];
  });
  return { name: kpiTableName(report.dimension), headers, rows };
}

/** "L1 supply chain planner at once; L2 supply chain manager after 7 days". */
export function escalationWords(levels: BreachResponse["escalation"]): string {
  if (levels.length === 0) return "no escalation path for this owner";
  return levels.map((l) => `L${l.level} ${l.contact} ${l.afterDays === 0 ? "at once" : `after ${l.afterDays} day${l.afterDays === 1 ? "" : "s"}`}`).join("; ");
}

/** "Open since 1 Oct 2026 (64 days): level 2, supply chain manager", or what is known without an age. */
export function breachAgeWords(b: Pick<BreachResponse, "since" | "ageDays" | "reached">): string {
  const level = b.reached ? `level ${b.reached.level}, ${b.reached.contact}` : "no escalation level";
  if (b.since === null || b.ageDays === null) return `Age not known (no monthly figures for this KPI): ${level} at least.`;
  const since = new Date(`${b.since}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  return `Breached since ${since} (${b.ageDays.toLocaleString("en-US")} day${b.ageDays === 1 ? "" : "s"}): ${level}.`;
}

/**
 * One row per breach, largest relative gap first (the route's order). Value and
 * target are words with their unit: breaches of different KPIs share the column.
 */
export function breachSheet(dimension: Dimension, breaches: readonly BreachResponse[]): TableData {
  return {
    name: breachTableName(dimension),
    headers: ["Segment", "KPI", "Value", "Target", "RelativeGap", "Owner", "Escalation", "BreachedSince", "Level", "RootCause", "OpenActions"],
    rows: breaches.map((b) => [
      b.segment,
      kpiLabel(b.kpi),
      formatKpi(b.kpi, b.value),
      formatTarget(b.kpi, b.target).replace(/^target /, ""),
      b.relativeGap === null ? null : Math.round(b.relativeGap * 10000) / 10000,
      b.owner,
      escalationWords(b.escalation),
      b.since,
      b.reached ? `L${b.reached.level} ${b.reached.contact}` : null,
      rootCauseSummary(b.kpi, dimension, b.drivers),
      b.actions.filter((a) => a.status === "open" || a.status === "in_progress").length,
    ]),
  };
}

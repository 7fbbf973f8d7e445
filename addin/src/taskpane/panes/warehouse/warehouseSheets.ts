import type { AgingReport, PushPullReport, SlottingResult, SlowMoverReport } from "../../../../../shared/src/api";
import type { TableData } from "../../../workbook/workbook";
import { ACTION_WORDS } from "./warehouseWords";

/*
 * The Warehouse pane's results as worksheet tables; the headers are ones
 * resultFormats knows (PicksPerWeek, Utilisation as %, money, quantities),
 * so the sheet reads like the pane.
 */

export const SLOTTING_TABLE = "TierlineSlotting";
export const SLOTTING_ZONES_TABLE = "TierlineSlottingZones";
export const AGING_TABLE = "TierlineAgingActions";
export const SLOW_MOVER_TABLE = "TierlineSlowMovers";
export const PUSH_PULL_TABLE = "TierlinePushPull";

export function slottingZonesTableData(result: SlottingResult): TableData {
  return {
    name: SLOTTING_ZONES_TABLE,
    headers: ["Zone", "Chilled", "Capacity", "Used", "Utilisation", "Products", "PicksPerWeek", "PickCostPerWeek", "Segments", "Reason"],
    rows: result.zones.map((z) => [z.zone, z.refrigerated, z.capacity, z.used, z.utilisation, z.products, z.picksPerWeek, z.pickCostPerWeek, z.segments.map((s) => `${s.segment} ${s.products}`).join(", "), z.reason]),
  };
}

export function slottingTableData(result: SlottingResult): TableData {
  return {
    name: SLOTTING_TABLE,
    headers: ["Product", "Name", "Segment", "PicksPerWeek", "Space", "Zone", "FromZone", "Moves", "Reason"],
    rows: result.products.map((p) => [p.productId, p.productName, p.segment, p.picksPerWeek, p.space, p.zone, p.from, p.moved, p.reason]),
  };
}

export function agingTableData(report: AgingReport): TableData {
  return {
    name: AGING_TABLE,
    headers: ["Rank", "Product", "Name", "Segment", "OnHand", "StockValue", "MonthlyDemand", "MonthsOfSupply", "WeeksWithoutDemand", "ExcessUnits", "ExcessValue", "Actions", "Reason"],
    rows: report.items.map((i) => [
      i.rank,
      i.productId,
      i.productName,
      i.segment,
      i.onHand,
      i.value,
      i.monthlyDemand,
      i.monthsOfSupply,
      i.weeksWithoutDemand,
      i.excessUnits,
      i.excessValue,
      i.actions.map((a) => ACTION_WORDS[a] ?? a).join(", "),
      i.reason,
    ]),
  };
}

export function slowMoverTableData(report: SlowMoverReport): TableData {
  return {
    name: SLOW_MOVER_TABLE,
    headers: [
      "Product",
      "Name",
      "Segment",
      "WeeksBetweenOrders",
      "WeeklyMean",
      "DemandSource",
      "LeadTimeWeeks",
      "ReviewWeeks",
      "CycleServiceLevel",
      "Distribution",
      "ReorderPoint",
      "SafetyStock",
      "AchievedServiceLevel",
      "Reason",
    ],
    rows: report.items.map((i) => [
      i.productId,
      i.productName,
      i.segment,
      i.adi,
      i.weeklyMean,
      i.demandSource,
      i.leadTimeWeeks,
      i.reviewWeeks,
      i.serviceLevel,
      i.distribution,
      i.reorderPoint,
      i.safetyStock,
      i.achievedServiceLevel,
      i.reason,
    ]),
  };
}

export function pushPullTableData(report: PushPullReport): TableData {
  return {
    name: PUSH_PULL_TABLE,
    headers: ["Product", "Name", "Segment", "PolicySupplyMode", "SupplyMode", "DecidedBy", "Strategy", "LeadTimeDays", "PromisedLeadTimeDays", "PdRatio", "DemandCv", "Reason"],
    rows: report.items.map((i) => [
      i.productId,
      i.productName,
      i.segment,
      i.policySupplyMode,
      i.supplyMode,
      i.source === "derived" ? "push/pull rule" : "policy",
      i.strategy,
      i.leadTimeDays,
      i.toleratedLeadTimeDays,
      i.pdRatio,
      i.demandCv,
      i.reason,
    ]),
  };
}

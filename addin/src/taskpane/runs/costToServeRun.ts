import type { ServiceClient } from "../../api/serviceClient";
import { costToServe, segmentPnl, whaleCurve, type CostToServeResult, type LeverRule, type SegmentPnl } from "../../../../shared/src/cost";
import { DomainError } from "../../../../shared/src/errors";
import { readTransferCharges } from "./storedTransfers";
import { TRANSFER_TABLE } from "./transferPriceRun";
import { pnlTable } from "./pnlTable";
import { costToServeActions } from "../../../../shared/src/cost/costToServeActions";
import { columnIndex, type Workbook } from "../../workbook/workbook";
import type { Step } from "../ui/useOperation";
import { idColumn, numberColumn, requireColumn } from "./tableInput";
import { readStoredFreight, type FreightSummary } from "./storedFreight";
import type { FreightDriver } from "../../../../shared/src/api";

export interface CostToServeOptions {
  customersTable: string;
  idColumn: string;
  revenueColumn: string;
  cogsColumn: string;
  /** the grouping of the P&L (channel, region, tier…) */
  segmentColumn: string;
  poolsTable: string;
  /** columns of the pools table: activity name, driver (a column of the customers table), pool cost */
  activityColumn: string;
  driverColumn: string;
  poolCostColumn: string;
  /** highest acceptable cost-to-serve / revenue before a customer is flagged */
  maxCtsPct: number;
  engine: "service" | "browser";
  /** add the service's stored freight, spread by this driver, as its own P&L line */
  freight?: FreightDriver;
  /** add the inventory carrying and the supplying division's margin from the transfer prices sheet */
  transfers?: boolean;
}

export interface FlaggedCustomer {
  id: string;
  segment: string;
  ctsPct: number;
  excess: number;
  lever: string;
}

export interface CostToServeOutcome {
  customers: number;
  segments: Array<{ segment: string; customers: number; revenue: number; costToServe: number; freight: number; inventoryCarrying: number; contribution: number; marginPct: number | null }>;
  /** present when stored freight was added */
  freight?: FreightSummary;
  /** present when the transfer prices were added: their totals over all segments */
  transfers?: { segments: number; inventoryCarrying: number; transferMargin: number; contribution: number; divisionContribution: number };
  flagged: FlaggedCustomer[];
  peakShare: number;
  lossMakers: number;
}

export { PNL_TABLE } from "./pnlTable";
export const WHALE_TABLE = "TierlineWhale";
export const FLAGGED_TABLE = "TierlineFlaggedCustomers";

/**
 * The pane's lever rules, first hit wins (Kaplan & Cooper, Cost & Effect,
 * ch. 10): many small orders → minimum order size; delivery-heavy → pass the
 * surcharge on; special handling → a service fee; small accounts → a cheaper
 * channel. Thresholds are starting points a planner tunes, not published values.
 */
export const DEFAULT_LEVER_RULES: LeverRule[] = [
  { when: [{ metric: "averageOrderValue", max: 250 }], lever: "minimum order size" },
  { when: [{ metric: "share:Delivery", min: 0.5 }], lever: "surcharge pass-through" },
  { when: [{ metric: "share:Special handling", min: 0.25 }], lever: "service fee" },
  { when: [{ metric: "revenue", max: 20000 }], lever: "channel shift" },
];

/**
 * Activity pools and their drivers → cost-to-serve per customer (pool cost /
 * the customers' total driver volume × each customer's volume, Kaplan &
 * Cooper ch. 5), the segment P&L (Horngren, Datar & Rajan, customer
 * profitability), the whale curve (Kaplan & Cooper ch. 10) with a native line
 * chart, and the customers over the cost-to-serve target with a lever each.
 */
export async function runCostToServe(workbook: Workbook, client: ServiceClient | undefined, options: CostToServeOptions, step: Step): Promise<CostToServeOutcome> {
  const { signal } = step;
  step.progress(0, 5, "Reading customers and activity pools");
  const customers = await workbook.readTable(options.customersTable);
  const pools = await workbook.readTable(options.poolsTable);
  const ids = idColumn(customers, options.idColumn);
  const revenue = numberColumn(customers, options.revenueColumn, { min: 0 });
  const cogs = numberColumn(customers, options.cogsColumn, { min: 0 });
  const segmentIndex = requireColumn(customers, options.segmentColumn);
  const segments = customers.rows.map((row, i) => {
    const v = row[segmentIndex];
    if (v === null || String(v).trim() === "") throw new Error(`${customers.name}, column ${options.segmentColumn}, row ${i + 1}: no segment`);
    return String(v).trim();
  });
  const activities = idColumn(pools, options.activityColumn);
  const drivers = idColumn(pools, options.driverColumn);
  const poolCosts = numberColumn(pools, options.poolCostColumn, { min: 0 });
  const driverColumns = drivers.map((d, j) => {
    if (columnIndex(customers.headers, d) < 0) throw new Error(`${pools.name}, row ${j + 1}: driver "${d}" is not a column of ${customers.name}`);
    return numberColumn(customers, d, { min: 0 });
  });
  const volumes = ids.map((_, i) => driverColumns.map((c) => c[i]));

  step.progress(1, 5, `Costing ${ids.length} customers (${options.engine === "service" ? "on the service" : "in this browser"})`);
  signal.throwIfAborted();
  const basis = { activityCosts: poolCosts, totalDriverVolumes: "table" as const };
  let cts: CostToServeResult;
  if (options.engine === "service") {
    if (!client) throw new Error("Computing on the service needs a sign-in (Settings), or choose “In this browser”.");
    cts = await client.compute("cost-to-serve", { driverVolumes: volumes, basis, options: { ids, activities } }, { signal });
  } else {
    cts = costToServe(volumes, basis, { ids, activities });
  }

  let freight: { perCustomer: number[]; summary: FreightSummary } | undefined;
  if (options.freight) {
    if (!client) throw new Error("Stored freight comes from the service: sign in under Settings, or leave freight out.");
    step.progress(2, 5, "Reading the stored freight");
    freight = await readStoredFreight(client, options.freight, ids, signal);
  }

  const transferCharges = options.transfers ? await readTransferCharges(workbook) : undefined;

  step.progress(2, 5, "Segment P&L and whale curve");
  signal.throwIfAborted();
  let pnl: SegmentPnl;
  try {
    pnl = segmentPnl(
      ids.map((id, i) => ({ id, segment: segments[i], revenue: revenue[i], cogs: cogs[i], costToServe: cts.total[i], freight: freight?.perCustomer[i] ?? 0 })),
      { transferCharges },
    );
  } catch (e) {
    // Said in the planner's terms: the sheet's segments against the P&L's column.
    if (e instanceof DomainError && e.field.startsWith("transferCharges"))
      throw new Error(`${TRANSFER_TABLE}: ${e.detail.replace("no segment of the customers", `no segment of ${customers.name}, column ${options.segmentColumn}`)}`);
    throw e;
  }
  const whale = whaleCurve(
    pnl.customers.map((c) => c.contribution),
    ids,
  );
  const actions = costToServeActions(
    ids.map((id, i) => ({
      id,
      segment: segments[i],
      revenue: revenue[i],
      costToServe: cts.total[i],
      orders: driverColumns[drivers.findIndex((d) => /^orders$/i.test(d))]?.[i],
      activityCosts: Object.fromEntries(activities.map((a, j) => [a, cts.byActivity[i][j]])),
    })),
    DEFAULT_LEVER_RULES,
    [],
    options.maxCtsPct,
  );

  step.progress(3, 5, "Writing cost-to-serve columns and the P&L");
  signal.throwIfAborted();
  const r2 = (x: number) => Math.round(x * 100) / 100;
  await workbook.writeColumns(customers.name, [
    { header: "CostToServe", values: cts.total.map(r2) },
    ...(freight ? [{ header: "Freight", values: freight.perCustomer.map(r2) }] : []),
    { header: "Contribution", values: pnl.customers.map((c) => r2(c.contribution)) },
    { header: "ContributionPct", values: pnl.customers.map((c) => (c.marginPct === null ? null : Math.round(c.marginPct * 10000) / 10000)) },
  ]);
  await workbook.writeTable(pnlTable(pnl, freight?.summary, transferCharges !== undefined));

  step.progress(4, 5, "Drawing the whale curve and listing flagged customers");
  signal.throwIfAborted();
  await workbook.writeTable({
    name: WHALE_TABLE,
    headers: ["Rank", "Customer", "Contribution", "CumulativeShare"],
    rows: whale.curve.map((p) => [p.rank, p.id, r2(p.profit), Math.round(p.cumulativeShare * 10000) / 10000]),
  });
  await workbook.drawChart({ title: "Whale curve", table: WHALE_TABLE, categoryColumn: "Rank", lineColumn: "CumulativeShare" });
  const flagged = actions.customers
    .filter((c) => c.overTarget)
    .sort((a, b) => b.excess - a.excess)
    .map((c) => ({ id: c.id, segment: c.segment, ctsPct: c.ctsPct, excess: c.excess, lever: c.lever ?? "review" }));
  await workbook.writeTable({
    name: FLAGGED_TABLE,
    headers: ["Customer", "Segment", "CtsPct", "Excess", "Lever"],
    rows: flagged.length ? flagged.map((f) => [f.id, f.segment, Number.isFinite(f.ctsPct) ? Math.round(f.ctsPct * 10000) / 10000 : null, r2(f.excess), f.lever]) : [["(none)", null, null, null, null]],
  });
  step.progress(5, 5, "Done");
  return {
    customers: ids.length,
    segments: pnl.segments.map((s) => ({
      segment: s.segment,
      customers: s.customers,
      revenue: s.revenue,
      costToServe: s.costToServe,
      freight: s.freight,
      inventoryCarrying: s.inventoryCarrying,
      contribution: s.contribution,
      marginPct: s.marginPct,
    })),
    freight: freight?.summary,
    transfers: transferCharges && {
      segments: transferCharges.length,
      inventoryCarrying: pnl.total.inventoryCarrying,
      transferMargin: pnl.total.transferMargin,
      contribution: pnl.total.contribution,
      divisionContribution: pnl.total.divisionContribution,
    },
    flagged,
    peakShare: whale.peakShare,
    lossMakers: whale.lossMakers,
  };
}

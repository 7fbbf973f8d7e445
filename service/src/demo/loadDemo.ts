import {
  DEMO_FULFILMENT_RULES,
  demoDcCandidatesCsv,
  demoFreightCostsCsv,
  generateDemoCompany,
  generateKpiData,
  generateOpenOrders,
  generateSellThrough,
  supplierHistoryCsvFiles,
  toCsvFiles,
  type DemoCompanyOptions,
} from "../../../shared/src/demo";
import { parse } from "csv-parse/sync";
import type { SegmentationRun } from "../../../shared/src/api";
import type { Actor } from "../auth/actor";
import { hasEntities } from "../store/entities";
import { approveChangeRequest, createPolicyChangeRequest } from "../useCases/changeRequests";
import type { ServiceContext } from "../useCases/context";
import { replaceFulfilmentRules } from "../useCases/fulfilmentRules";
import { importRows } from "../useCases/imports";
import { currentVersion } from "../useCases/masterData";
import { startSegmentationRun } from "../useCases/segmentationRuns";

const loader: Actor = { tokenId: "system", subject: "demo-loader", name: "demo-loader", role: "admin" };
const approver: Actor = { tokenId: "system", subject: "demo-approver", name: "demo-approver", role: "approver" };

/** The "*" row: what every segment without a row of its own is run with. */
const DEFAULT_POLICY = {
  segment: "*",
  cycleServiceLevel: 0.9,
  targetFillRate: 0.95,
  promisedLeadTimeDays: 5,
  reviewPeriodDays: 7,
  forecastMethod: "auto",
  inventoryTurnsTarget: 6,
  supplyMode: "pull",
  ownerFunction: "supply chain",
};

/** A starting policy table: most specific rows first is not required, specificity decides. */
export const DEMO_POLICIES = [
  DEFAULT_POLICY,
  { segment: "A*", cycleServiceLevel: 0.98, targetFillRate: 0.99, promisedLeadTimeDays: 2, reviewPeriodDays: 1, forecastMethod: "auto", inventoryTurnsTarget: 12, supplyMode: "push", ownerFunction: "supply chain" },
  { segment: "B*", cycleServiceLevel: 0.95, targetFillRate: 0.97, promisedLeadTimeDays: 3, reviewPeriodDays: 7, forecastMethod: "auto", inventoryTurnsTarget: 8, supplyMode: "push", ownerFunction: "supply chain" },
  // "A*"/"B*" and "*Z" are equally specific for AZ and BZ, which the table refuses to guess: say it.
  { segment: "AZ", cycleServiceLevel: 0.95, targetFillRate: 0.97, promisedLeadTimeDays: 3, reviewPeriodDays: 7, forecastMethod: "sba", inventoryTurnsTarget: 8, supplyMode: "pull", ownerFunction: "supply chain" },
  { segment: "BZ", cycleServiceLevel: 0.9, targetFillRate: 0.93, promisedLeadTimeDays: 7, reviewPeriodDays: 14, forecastMethod: "sba", inventoryTurnsTarget: 4, supplyMode: "pull", ownerFunction: "sales" },
  { segment: "*Z", cycleServiceLevel: 0.9, targetFillRate: 0.93, promisedLeadTimeDays: 7, reviewPeriodDays: 14, forecastMethod: "sba", inventoryTurnsTarget: 4, supplyMode: "pull", ownerFunction: "sales" },
  { segment: "CZ", cycleServiceLevel: 0.85, targetFillRate: 0.9, promisedLeadTimeDays: 10, reviewPeriodDays: 28, forecastMethod: "sba", inventoryTurnsTarget: 3, supplyMode: "pull", ownerFunction: "finance" },
  // The strategic customer tier: as "*" in every other field, and their sell-through stands in for shipments where they report it.
  { ...DEFAULT_POLICY, segment: "Strategic", demandSignal: "sell-through" },
];

/**
 * Fill an empty store with the demo company through the same paths a user
 * takes: imports, segmentation runs raised as change requests, approvals by
 * a second person, so the demo has versions and an audit trail to show.
 */
export async function loadDemoCompany(ctx: ServiceContext, options: DemoCompanyOptions = {}): Promise<boolean> {
  if (await hasEntities(ctx.db)) return false;
  const company = generateDemoCompany(options);
  const files: Record<string, string> = { ...toCsvFiles(company), ...supplierHistoryCsvFiles(company.suppliers) };
  const rows = (name: string) => parse(files[name], { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  await importRows(ctx, loader, "suppliers", rows("suppliers.csv"), "suppliers.csv");
  await importRows(ctx, loader, "products", rows("products.csv"), "products.csv");
  await importRows(ctx, loader, "customers", rows("customers.csv"), "customers.csv");
  await importRows(ctx, loader, "order_lines", rows("order_lines.csv"), "order_lines.csv");
  await importRows(ctx, loader, "activity_counts", rows("activity_counts.csv"), "activity_counts.csv");
  // What measured KPIs read: deliveries, stock, the rate table, escalation paths.
  const kpiData = generateKpiData(company);
  await importRows(ctx, loader, "deliveries", kpiData.deliveries, "deliveries.csv");
  await importRows(ctx, loader, "stock_snapshots", kpiData.stockSnapshots, "stock_snapshots.csv");
  await importRows(ctx, loader, "activity_rates", kpiData.activityRates, "activity_rates.csv");
  await importRows(ctx, loader, "escalation_paths", kpiData.escalationPaths, "escalation_paths.csv");
  await importRows(ctx, loader, "supplier_performance", rows("supplier_performance.csv"), "supplier_performance.csv");
  await importRows(ctx, loader, "supplier_terms", rows("supplier_terms.csv"), "supplier_terms.csv");
  await importRows(ctx, loader, "dc_candidates", parse(demoDcCandidatesCsv(), { columns: true, skip_empty_lines: true }), "dc_candidates.csv");
  // Order promising: an open book dated from the service's today, receipts due, and the tier rule tables.
  const book = generateOpenOrders(company, ctx.now().toISOString().slice(0, 10));
  if (book.openOrders.length) await importRows(ctx, loader, "open_orders", book.openOrders, "open_orders.csv");
  if (book.scheduledReceipts.length) await importRows(ctx, loader, "scheduled_receipts", book.scheduledReceipts, "scheduled_receipts.csv");
  await replaceFulfilmentRules(ctx, loader, DEMO_FULFILMENT_RULES);
  await importRows(ctx, loader, "freight_costs", parse(demoFreightCostsCsv(company), { columns: true, skip_empty_lines: true }), "freight_costs.csv");
  // A few strategic accounts' POS feeds: their consumption, which the shipments to them follow.
  const feed = generateSellThrough(company);
  if (feed.rows.length) {
    const sellThrough = feed.rows.map((r) => ({ customer_id: r.customerId, product_id: r.productId, week: String(r.week), units: String(r.units) }));
    await importRows(ctx, loader, "sell_through", sellThrough, "sell_through.csv");
  }
  const runs: SegmentationRun[] = [
    { method: "abc-xyz", dimension: "product", criterion: "revenue" },
    { method: "customer-tiers", dimension: "customer" },
  ];
  for (const run of runs) {
    const result = await startSegmentationRun(ctx, loader, run, "initial segmentation of the demo company");
    if (result.changeRequest) {
      await approveChangeRequest(ctx, approver, result.changeRequest.id, "demo: initial master data", await currentVersion(ctx.db, run.dimension));
    }
  }
  const policies = await createPolicyChangeRequest(ctx, loader, DEMO_POLICIES, "demo: initial policy table");
  await approveChangeRequest(ctx, approver, policies.id, "demo: initial policy table", 0);
  return true;
}

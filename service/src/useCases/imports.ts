import type { z } from "zod";
import { importKindSchema, textRuleViolation, type ImportKind, type ImportReport } from "../../../shared/src/api";
import {
  activityCountRowSchema,
  activityRateRowSchema,
  deliveryImportRowSchema,
  escalationPathRowSchema,
  forecastOverrideRowSchema,
  stockSnapshotRowSchema,
  customerFeedbackRowSchema,
  customerRowSchema,
  dcCandidateRowSchema,
  freightCostRowSchema,
  orderLineRowSchema,
  productRowSchema,
  regionRowSchema,
  supplierPerformanceRowSchema,
  supplierRowSchema,
  supplierTermsRowSchema,
  openOrderRowSchema,
  scheduledReceiptRowSchema,
  sellThroughRowSchema,
  validateRows,
  type RowError,
} from "../../../shared/src/data";
import type { Actor } from "../auth/actor";
import { unprocessable } from "../appError";
import { upsertActivityCounts } from "../store/activityCounts";
import { storeRateVersion } from "../store/activityRates";
import { replaceDeliveries } from "../store/deliveries";
import { replaceEscalationPaths, type EscalationPath } from "../store/escalationPaths";
import { insertForecastOverrides } from "../store/forecastOverrides";
import { bumpKpiDataVersion } from "../store/kpiDataVersion";
import { upsertStockSnapshots } from "../store/stockSnapshots";
import { replaceDcCandidates } from "../store/dcCandidates";
import { replaceFreightCosts } from "../store/freightCosts";
import { freightInvoices, freightReferenceErrors } from "./freightImport";
import { attributesOf, entityIds, setAttributes, upsertEntities } from "../store/entities";
import { takeImportTurn } from "../store/importLock";
import { replaceOrderLines } from "../store/orderLines";
import type { OrderLineTable } from "../store/schema";
import { upsertSupplierPerformance } from "../store/supplierPerformance";
import { upsertSupplierTerms } from "../store/supplierTerms";
import { replaceOpenOrders } from "../store/openOrders";
import { replaceScheduledReceipts } from "../store/scheduledReceipts";
import { replaceSellThroughOf } from "../store/sellThrough";
import { appendAudit } from "./audit";
import type { Executor, ServiceContext } from "./context";
import type { PriceBreak } from "../../../shared/src/api/suppliers";

const SCHEMAS: Record<ImportKind, z.ZodType> = {
  products: productRowSchema,
  customers: customerRowSchema,
  suppliers: supplierRowSchema,
  regions: regionRowSchema,
  order_lines: orderLineRowSchema,
  supplier_performance: supplierPerformanceRowSchema,
  activity_counts: activityCountRowSchema,
  customer_feedback: customerFeedbackRowSchema,
  deliveries: deliveryImportRowSchema,
  stock_snapshots: stockSnapshotRowSchema,
  activity_rates: activityRateRowSchema,
  escalation_paths: escalationPathRowSchema,
  forecast_overrides: forecastOverrideRowSchema,
  supplier_terms: supplierTermsRowSchema,
  dc_candidates: dcCandidateRowSchema,
  open_orders: openOrderRowSchema,
  scheduled_receipts: scheduledReceiptRowSchema,
  freight_costs: freightCostRowSchema,
  sell_through: sellThroughRowSchema,
};

type Row = Record<string, unknown>;

/** Ids in a column that must exist (in the store, or earlier in the same file). */
async function checkReferences(db: Executor, kind: ImportKind, rows: Row[]): Promise<RowError[]> {
  const refs: Array<[string, "product" | "customer" | "supplier"]> =
    kind === "order_lines" || kind === "deliveries" || kind === "open_orders" || kind === "sell_through"
      ? [
          ["product_id", "product"],
          ["customer_id", "customer"],
        ]
      : kind === "activity_counts" || kind === "customer_feedback"
        ? [["customer_id", "customer"]]
        : kind === "supplier_performance" || kind === "supplier_terms"
          ? [["supplier_id", "supplier"]]
          : kind === "stock_snapshots" || kind === "forecast_overrides" || kind === "scheduled_receipts"
            ? [["product_id", "product"]]
            : [];
  const errors: RowError[] = [];
  for (const [column, dimension] of refs) {
    const known = await entityIds(db, dimension);
    rows.forEach((row, i) => {
      if (errors.length < 1000 && !known.has(String(row[column]))) errors.push({ row: i + 1, field: column, message: `unknown ${dimension} "${String(row[column])}": import ${dimension}s first` });
    });
  }
  return errors;
}

/** Every cell, including columns no schema reads, keeps the one text rule: no NUL or control characters, bounded length. */
function cellTextErrors(rows: ReadonlyArray<Record<string, string>>, already: number): RowError[] {
  const errors: RowError[] = [];
  rows.forEach((row, i) => {
    for (const [field, value] of Object.entries(row)) {
      if (already + errors.length >= 1000) return;
      if (typeof value !== "string") continue;
      const problem = textRuleViolation(value, { max: MAX_CELL_LENGTH, min: 0 });
      if (problem) errors.push({ row: i + 1, field, message: problem });
    }
  });
  return errors;
}

/** Longest cell of any column, ids being bounded tighter by their schemas. */
const MAX_CELL_LENGTH = 10_000;

function importLockKey(kind: ImportKind): number {
  return importKindSchema.options.indexOf(kind) + 1;
}

function duplicateKeys(kind: ImportKind, rows: Row[]): RowError[] {
  const key: Partial<Record<ImportKind, (r: Row) => string>> = {
    products: (r) => String(r.product_id),
    customers: (r) => String(r.customer_id),
    suppliers: (r) => String(r.supplier_id),
    regions: (r) => String(r.region_id),
    activity_counts: (r) => String(r.customer_id),
    customer_feedback: (r) => String(r.customer_id),
    supplier_performance: (r) => `${String(r.supplier_id)} ${String(r.period)}`,
    stock_snapshots: (r) => `${String(r.product_id)} ${String(r.location)} ${String(r.date)}`,
    activity_rates: (r) => `${String(r.activity)} ${String(r.valid_from)}`,
    escalation_paths: (r) => `${String(r.segment)} ${String(r.kpi)} ${String(r.level)}`,
    forecast_overrides: (r) => `${String(r.product_id)} ${String(r.week)} ${String(r.at)}`,
    supplier_terms: (r) => `${String(r.supplier_id)} ${String(r.valid_from).trim()}`,
    dc_candidates: (r) => String(r.dc_id),
    // "01" and "1" are the same line once parsed, as the primary key sees them.
    open_orders: (r) => `${String(r.order_id)} ${Number(String(r.line).trim())}`,
    scheduled_receipts: (r) => `${String(r.product_id)} ${String(r.date).trim()}`,
    freight_costs: (r) => String(r.invoice_id),
    // "07" and "7" are the same week once parsed.
    sell_through: (r) => `${String(r.customer_id)} ${String(r.product_id)} ${Number(String(r.week).trim())}`,
  };
  const keyOf = key[kind];
  if (!keyOf) return [];
  const seen = new Map<string, number>();
  const errors: RowError[] = [];
  rows.forEach((r, i) => {
    const k = keyOf(r);
    const first = seen.get(k);
    if (first !== undefined) errors.push({ row: i + 1, field: Object.keys(r)[0], message: `duplicate of row ${first + 1}` });
    else seen.set(k, i);
  });
  return errors;
}

/**
 * The rows of one segment × KPI form one escalation path: they must name one
 * owner, and a higher level may not be reached sooner than a lower one.
 */
function escalationPathErrors(rows: Row[]): RowError[] {
  const errors: RowError[] = [];
  const groups = new Map<string, Array<{ row: Row; index: number }>>();
  rows.forEach((row, index) => {
    const key = `${String(row.segment)} ${String(row.kpi)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push({ row, index });
  });
  for (const group of groups.values()) {
    const first = group[0];
    for (const { row, index } of group.slice(1)) {
      if (row.owner !== first.row.owner) errors.push({ row: index + 1, field: "owner", message: `differs from row ${first.index + 1} ("${String(first.row.owner)}"): one owner per segment and KPI` });
    }
    const byLevel = [...group].sort((a, b) => Number(a.row.level) - Number(b.row.level));
    for (let i = 1; i < byLevel.length; i++) {
      if (Number(byLevel[i].row.after_days) < Number(byLevel[i - 1].row.after_days)) {
        errors.push({ row: byLevel[i].index + 1, field: "after_days", message: `is below level ${String(byLevel[i - 1].row.level)}'s ${String(byLevel[i - 1].row.after_days)} days (row ${byLevel[i - 1].index + 1})` });
      }
    }
  }
  return errors;
}

function escalationPaths(rows: Row[]): EscalationPath[] {
  const paths = new Map<string, EscalationPath>();
  for (const r of rows) {
    const key = `${String(r.segment)} ${String(r.kpi)}`;
    if (!paths.has(key)) paths.set(key, { segment: String(r.segment), kpi: String(r.kpi), owner: String(r.owner), levels: [] });
    paths.get(key)!.levels.push({ level: Number(r.level), afterDays: Number(r.after_days), to: String(r.to) });
  }
  for (const p of paths.values()) p.levels.sort((a, b) => a.level - b.level);
  return [...paths.values()];
}

function omit(row: Row, ...keys: string[]): Row {
  return Object.fromEntries(Object.entries(row).filter(([k, v]) => !keys.includes(k) && v !== undefined));
}

async function write(db: Executor, kind: ImportKind, rows: Row[], at: string, actor: Actor, fileName: string, onProgress?: (written: number, total: number) => void): Promise<void> {
  switch (kind) {
    case "products":
      return upsertEntities(
        db,
        "product",
        rows.map((r) => ({ id: String(r.product_id), name: String(r.name), attributes: omit(r, "product_id", "name") })),
        at,
      );
    case "customers":
      return upsertEntities(
        db,
        "customer",
        rows.map((r) => ({ id: String(r.customer_id), name: String(r.name), attributes: omit(r, "customer_id", "name") })),
        at,
      );
    case "suppliers":
      return upsertEntities(
        db,
        "supplier",
        rows.map((r) => ({ id: String(r.supplier_id), name: String(r.name), attributes: omit(r, "supplier_id", "name") })),
        at,
      );
    case "regions":
      return upsertEntities(
        db,
        "region",
        rows.map((r) => ({ id: String(r.region_id), name: String(r.name), attributes: {} })),
        at,
      );
    case "order_lines":
      // An order-history file is the history: it replaces what was there.
      return replaceOrderLines(db, rows as unknown as OrderLineTable[], onProgress);
    case "activity_counts":
      return upsertActivityCounts(
        db,
        rows.map((r) => ({ customerId: String(r.customer_id), drivers: omit(r, "customer_id") })),
      );
    case "supplier_performance":
      return upsertSupplierPerformance(
        db,
        rows.map((r) => ({ supplierId: String(r.supplier_id), period: String(r.period), metrics: omit(r, "supplier_id", "period") })),
      );
    case "customer_feedback":
      // Feedback becomes attributes of the customer (used by tiers and KPIs).
      for (const r of rows) {
        const id = String(r.customer_id);
        await setAttributes(db, "customer", id, { ...(await attributesOf(db, "customer", id)), ...omit(r, "customer_id") }, at);
      }
      return;
    case "deliveries":
      // Like the order history, a deliveries file is the record: it replaces what was there.
      return replaceDeliveries(
        db,
        rows.map((r) => ({
          customer_id: String(r.customer_id),
          product_id: String(r.product_id),
          week: Number(r.week),
          promised_date: String(r.promised_date),
          delivered_date: r.delivered_date === undefined ? null : String(r.delivered_date),
          qty_ordered: Number(r.qty_ordered),
          qty_delivered: Number(r.qty_delivered),
          miss_cause: r.miss_cause === undefined ? null : String(r.miss_cause),
        })),
        onProgress,
      );
    case "stock_snapshots":
      return upsertStockSnapshots(
        db,
        rows.map((r) => ({ product_id: String(r.product_id), location: String(r.location), date: String(r.date), qty: Number(r.qty), value: Number(r.value) })),
        onProgress,
      );
    case "activity_rates":
      // A rate file is a whole new version of the table; the earlier versions stay for traceability.
      await storeRateVersion(
        db,
        rows.map((r) => ({ activity: String(r.activity), driver: String(r.driver), rate: Number(r.rate), validFrom: String(r.valid_from) })),
        { createdBy: actor.name, createdAt: at, note: `import ${fileName}` },
      );
      return;
    case "escalation_paths":
      return replaceEscalationPaths(db, escalationPaths(rows), at);
    case "forecast_overrides":
      return insertForecastOverrides(
        db,
        rows.map((r) => ({
          product_id: String(r.product_id),
          week: Number(r.week),
          from_qty: Number(r.from),
          to_qty: Number(r.to),
          changed_by: String(r.who),
          changed_at: String(r.at),
          reason: String(r.reason),
        })),
      );
    case "supplier_terms":
      return upsertSupplierTerms(
        db,
        rows.map((r) => ({
          supplierId: String(r.supplier_id),
          validFrom: String(r.valid_from),
          moq: Number(r.moq),
          contractedLeadTimeDays: Number(r.contracted_lead_time_days),
          penaltyPerLateLine: Number(r.penalty_per_late_line),
          priceBreaks: r.price_breaks as PriceBreak[],
        })),
      );
    case "dc_candidates":
      return replaceDcCandidates(
        db,
        rows.map((r) => ({
          id: String(r.dc_id),
          name: String(r.name),
          lat: Number(r.lat),
          lon: Number(r.lon),
          fixedCost: Number(r.fixed_cost),
          capacity: r.capacity === undefined ? null : Number(r.capacity),
          current: r.current === true,
          handlingCostPerUnit: r.handling_cost_per_unit === undefined ? 0 : Number(r.handling_cost_per_unit),
          costPerUnitKm: r.cost_per_unit_km === undefined ? null : Number(r.cost_per_unit_km),
        })),
      );
    case "open_orders":
      return replaceOpenOrders(
        db,
        rows.map((r) => ({
          order_id: String(r.order_id),
          line: Number(r.line),
          customer_id: String(r.customer_id),
          product_id: String(r.product_id),
          quantity: Number(r.quantity),
          requested_date: String(r.requested_date),
          weight_kg: r.weight_kg === undefined ? null : Number(r.weight_kg),
        })),
        onProgress,
      );
    case "scheduled_receipts":
      return replaceScheduledReceipts(
        db,
        rows.map((r) => ({ product_id: String(r.product_id), date: String(r.date), quantity: Number(r.quantity) })),
      );
    case "freight_costs":
      // The freight ledger is the file, like the order history: it replaces what was there.
      return replaceFreightCosts(db, freightInvoices(rows));
    case "sell_through":
      return replaceSellThroughOf(
        db,
        rows.map((r) => ({ customer_id: String(r.customer_id), product_id: String(r.product_id), week: Number(r.week), units: Number(r.units) })),
      );
  }
}

/**
 * Import a table all or nothing: every row is validated (types, ranges,
 * duplicates, references) and the report lists every bad cell; only a clean
 * file is written, in one transaction with its audit entry, so a crash
 * mid-write leaves the store as it was.
 */
export async function importRows(
  ctx: ServiceContext,
  actor: Actor,
  kind: ImportKind,
  rawRows: Array<Record<string, string>>,
  fileName: string,
  options: { onProgress?: (written: number, total: number) => void } = {},
): Promise<ImportReport> {
  if (rawRows.length === 0) throw unprocessable("file: no data rows below the header", [{ field: "file", message: "empty" }]);
  const { valid, errors } = validateRows(rawRows, SCHEMAS[kind]);
  const reported = new Set(errors.map((e) => `${e.row}:${e.field}`));
  errors.push(...cellTextErrors(rawRows, errors.length).filter((e) => !reported.has(`${e.row}:${e.field}`)));
  errors.push(...duplicateKeys(kind, rawRows));
  if (kind === "escalation_paths" && errors.length === 0) errors.push(...escalationPathErrors(valid as Row[]));
  if (errors.length === 0) errors.push(...(await checkReferences(ctx.db, kind, valid as Row[])));
  if (errors.length === 0 && kind === "freight_costs") errors.push(...(await freightReferenceErrors(ctx.db, valid as Row[])));
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    const first = errors[0];
    throw unprocessable(
      `${fileName}: ${errors.length} problem${errors.length === 1 ? "" : "s"}; nothing was imported. First: row ${first.row}, ${first.field}: ${first.message}`,
      errors.map((e) => ({ field: `rows[${e.row}].${e.field}`, row: e.row, message: e.message })),
    );
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    // Imports of one kind take turns: two order histories racing must leave one of them, not both merged.
    await takeImportTurn(trx, ctx.dialect, importLockKey(kind));
    await write(trx, kind, valid as Row[], now.toISOString(), actor, fileName, options.onProgress);
    // Whatever was imported, a KPI report cached before it is stale.
    await bumpKpiDataVersion(trx);
    await appendAudit(trx, now, { actor: actor.name, action: `import.${kind}`, entityType: "import", entityId: fileName, after: { rows: valid.length } });
  });
  return { kind, rows: rawRows.length, written: valid.length, errors: [] };
}

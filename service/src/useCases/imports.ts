import type { z } from "zod";
import { importKindSchema, textRuleViolation, type ImportKind, type ImportReport } from "../../../shared/src/api";
import {
  activityCountRowSchema,
  customerFeedbackRowSchema,
  customerRowSchema,
  dcCandidateRowSchema,
  orderLineRowSchema,
  productRowSchema,
  regionRowSchema,
  supplierPerformanceRowSchema,
  supplierRowSchema,
  validateRows,
  type RowError,
} from "../../../shared/src/data";
import type { Actor } from "../auth/actor";
import { unprocessable } from "../appError";
import { upsertActivityCounts } from "../store/activityCounts";
import { replaceDcCandidates } from "../store/dcCandidates";
import { attributesOf, entityIds, setAttributes, upsertEntities } from "../store/entities";
import { takeImportTurn } from "../store/importLock";
import { replaceOrderLines } from "../store/orderLines";
import type { OrderLineTable } from "../store/schema";
import { upsertSupplierPerformance } from "../store/supplierPerformance";
import { appendAudit } from "./audit";
import type { Executor, ServiceContext } from "./context";

const SCHEMAS: Record<ImportKind, z.ZodType> = {
  products: productRowSchema,
  customers: customerRowSchema,
  suppliers: supplierRowSchema,
  regions: regionRowSchema,
  order_lines: orderLineRowSchema,
  supplier_performance: supplierPerformanceRowSchema,
  activity_counts: activityCountRowSchema,
  customer_feedback: customerFeedbackRowSchema,
  dc_candidates: dcCandidateRowSchema,
};

type Row = Record<string, unknown>;

/** Ids in a column that must exist (in the store, or earlier in the same file). */
async function checkReferences(db: Executor, kind: ImportKind, rows: Row[]): Promise<RowError[]> {
  const refs: Array<[string, "product" | "customer" | "supplier"]> =
    kind === "order_lines"
      ? [
          ["product_id", "product"],
          ["customer_id", "customer"],
        ]
      : kind === "activity_counts" || kind === "customer_feedback"
        ? [["customer_id", "customer"]]
        : kind === "supplier_performance"
          ? [["supplier_id", "supplier"]]
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
    dc_candidates: (r) => String(r.dc_id),
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

function omit(row: Row, ...keys: string[]): Row {
  return Object.fromEntries(Object.entries(row).filter(([k, v]) => !keys.includes(k) && v !== undefined));
}

async function write(db: Executor, kind: ImportKind, rows: Row[], at: string, onProgress?: (written: number, total: number) => void): Promise<void> {
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
  if (errors.length === 0) errors.push(...(await checkReferences(ctx.db, kind, valid as Row[])));
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
    await write(trx, kind, valid as Row[], now.toISOString(), options.onProgress);
    await appendAudit(trx, now, { actor: actor.name, action: `import.${kind}`, entityType: "import", entityId: fileName, after: { rows: valid.length } });
  });
  return { kind, rows: rawRows.length, written: valid.length, errors: [] };
}

import type { z } from "zod";
import type { ImportKind } from "../../../shared/src/api";
import {
  activityCountRowSchema,
  customerFeedbackRowSchema,
  customerRowSchema,
  orderLineRowSchema,
  productRowSchema,
  regionRowSchema,
  supplierPerformanceRowSchema,
  supplierRowSchema,
  validateRows,
  type RowError,
} from "../../../shared/src/data";
import type { Actor } from "../auth/roles";
import { unprocessable } from "../http/appError";
import { appendAudit } from "./audit";
import { insertChunked, type Executor, type ServiceContext } from "./context";
import { entityIds } from "./masterData";

export interface ImportReport {
  kind: ImportKind;
  rows: number;
  written: number;
  errors: RowError[];
}

const SCHEMAS: Record<ImportKind, z.ZodType> = {
  products: productRowSchema,
  customers: customerRowSchema,
  suppliers: supplierRowSchema,
  regions: regionRowSchema,
  order_lines: orderLineRowSchema,
  supplier_performance: supplierPerformanceRowSchema,
  activity_counts: activityCountRowSchema,
  customer_feedback: customerFeedbackRowSchema,
};

type Row = Record<string, unknown>;

/** Ids in a column that must exist (in the store, or earlier in the same file). */
async function checkReferences(db: Executor, kind: ImportKind, rows: Row[]): Promise<RowError[]> {
  const refs: Array<[string, "product" | "customer" | "supplier"]> =
    kind === "order_lines"
      ? [["product_id", "product"], ["customer_id", "customer"]]
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

function duplicateKeys(kind: ImportKind, rows: Row[]): RowError[] {
  const key: Partial<Record<ImportKind, (r: Row) => string>> = {
    products: (r) => String(r.product_id),
    customers: (r) => String(r.customer_id),
    suppliers: (r) => String(r.supplier_id),
    regions: (r) => String(r.region_id),
    activity_counts: (r) => String(r.customer_id),
    customer_feedback: (r) => String(r.customer_id),
    supplier_performance: (r) => `${String(r.supplier_id)} ${String(r.period)}`,
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

async function upsertEntities(db: Executor, dimension: string, entities: Array<{ id: string; name: string; attributes: Row }>, at: string) {
  const ids = entities.map((e) => e.id);
  for (let i = 0; i < ids.length; i += 500) {
    await db.deleteFrom("entities").where("dimension", "=", dimension).where("id", "in", ids.slice(i, i + 500)).execute();
  }
  await insertChunked(
    db,
    "entities",
    entities.map((e) => ({ dimension, id: e.id, name: e.name, attributes: JSON.stringify(e.attributes), updated_at: at })),
  );
}

function omit(row: Row, ...keys: string[]): Row {
  return Object.fromEntries(Object.entries(row).filter(([k, v]) => !keys.includes(k) && v !== undefined));
}

async function write(db: Executor, kind: ImportKind, rows: Row[], at: string, onProgress?: (written: number, total: number) => void): Promise<void> {
  switch (kind) {
    case "products":
      return upsertEntities(db, "product", rows.map((r) => ({ id: String(r.product_id), name: String(r.name), attributes: omit(r, "product_id", "name") })), at);
    case "customers":
      return upsertEntities(db, "customer", rows.map((r) => ({ id: String(r.customer_id), name: String(r.name), attributes: omit(r, "customer_id", "name") })), at);
    case "suppliers":
      return upsertEntities(db, "supplier", rows.map((r) => ({ id: String(r.supplier_id), name: String(r.name), attributes: omit(r, "supplier_id", "name") })), at);
    case "regions":
      return upsertEntities(db, "region", rows.map((r) => ({ id: String(r.region_id), name: String(r.name), attributes: {} })), at);
    case "order_lines":
      // An order-history file is the history: it replaces what was there.
      await db.deleteFrom("order_lines").execute();
      return insertChunked(db, "order_lines", rows as never, onProgress);
    case "activity_counts": {
      const ids = rows.map((r) => String(r.customer_id));
      for (let i = 0; i < ids.length; i += 500) await db.deleteFrom("activity_counts").where("customer_id", "in", ids.slice(i, i + 500)).execute();
      return insertChunked(db, "activity_counts", rows.map((r) => ({ customer_id: String(r.customer_id), drivers: JSON.stringify(omit(r, "customer_id")) })));
    }
    case "supplier_performance":
      for (const r of rows) {
        await db.deleteFrom("supplier_performance").where("supplier_id", "=", String(r.supplier_id)).where("period", "=", String(r.period)).execute();
      }
      return insertChunked(db, "supplier_performance", rows.map((r) => ({ supplier_id: String(r.supplier_id), period: String(r.period), metrics: JSON.stringify(omit(r, "supplier_id", "period")) })));
    case "customer_feedback":
      // Feedback becomes attributes of the customer (used by tiers and KPIs).
      for (const r of rows) {
        const current = await db.selectFrom("entities").select("attributes").where("dimension", "=", "customer").where("id", "=", String(r.customer_id)).executeTakeFirstOrThrow();
        const attributes = { ...JSON.parse(current.attributes), ...omit(r, "customer_id") };
        await db.updateTable("entities").set({ attributes: JSON.stringify(attributes), updated_at: at }).where("dimension", "=", "customer").where("id", "=", String(r.customer_id)).execute();
      }
      return;
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
    await write(trx, kind, valid as Row[], now.toISOString(), options.onProgress);
    await appendAudit(trx, now, { actor: actor.name, action: `import.${kind}`, entityType: "import", entityId: fileName, after: { rows: valid.length } });
  });
  return { kind, rows: rawRows.length, written: valid.length, errors: [] };
}

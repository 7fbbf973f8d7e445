/**
 * The order history summed in the database (service/src/store/orderLines.ts)
 * equals the same sums over the lines in memory, on both stores, and the use
 * cases that read the sums give what the shared functions give over the raw
 * lines: a generated company with zero quantities, returns, several lines of
 * one entity in a week and a week without a line.
 */
import { segmentationRunSchema } from "../../shared/src/api";
import { aggregateOrderLines, aggregateOrderSums, orderSumsOf, runSegmentationMethod } from "../../shared/src/jobs";
import { entityFeatures, entityWeekFeatures, entityWeeksOf, periodMetrics, periodWeekMetrics, type FeatureOrderLine } from "../../shared/src/ml";
import { createRng } from "../../shared/src/random";
import { upsertEntities } from "../../service/src/store/entities";
import { migrateToLatest } from "../../service/src/store/migrations";
import { openDatabase } from "../../service/src/store/openDatabase";
import { entityWeekSums, orderSums, replaceOrderLines } from "../../service/src/store/orderLines";
import type { OrderLineTable } from "../../service/src/store/schema";
import { loadEntityFeatures } from "../../service/src/useCases/mlClustering";
import { computeSegmentation } from "../../service/src/useCases/segmentationRuns";
import { STORES, freshDatabaseUrl } from "./harness";

const WEEKS = 9;
const EMPTY_WEEK = 4;

function generateLines(seed = 20): OrderLineTable[] {
  const rng = createRng(seed);
  const rows: OrderLineTable[] = [];
  for (let week = 1; week <= WEEKS; week++) {
    if (week === EMPTY_WEEK) continue;
    for (let c = 1; c <= 6; c++) {
      for (let p = 1; p <= 8; p++) {
        if (rng.next() < 0.45) continue;
        const qty = rng.next() < 0.1 ? 0 : rng.int(1, 40);
        const price = Math.round(rng.lognormal(2, 0.8) * 100) / 100;
        rows.push({
          customer_id: `C${c}`,
          product_id: `P${p}`,
          week,
          qty,
          price,
          cost: Math.round(price * (0.5 + 0.4 * rng.next()) * 100) / 100,
          lines: qty === 0 ? 1 : rng.int(1, 3),
          deliveries: rng.int(1, 4),
          returns: rng.next() < 0.2 ? Math.min(qty, rng.int(0, 3)) : 0,
        });
      }
    }
  }
  // A product never ordered and a customer never ordering stay in the entity lists.
  return rows;
}

const productIds = Array.from({ length: 9 }, (_, i) => `P${i + 1}`);
const customerIds = Array.from({ length: 7 }, (_, i) => `C${i + 1}`);

function featureLines(rows: readonly OrderLineTable[], dimension: "customer" | "product"): FeatureOrderLine[] {
  return rows.map((r) => ({ entityId: dimension === "customer" ? r.customer_id : r.product_id, week: r.week, quantity: r.qty, unitPrice: r.price, unitCost: r.cost, lines: r.lines, returnedUnits: r.returns }));
}

/** Numbers to 9 significant digits: the database sums in its own order. */
function close(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? Number(value.toPrecision(9)) : String(value);
  if (value instanceof Float64Array) return Array.from(value, close);
  if (Array.isArray(value)) return value.map(close);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, close(v)]));
  return value;
}

const byKey = <T extends { week: number }>(rows: readonly T[], id: (r: T) => string) => [...rows].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : a.week - b.week));

describe.each(STORES)("order history sums on %s", (store) => {
  const rows = generateLines();
  let drop: () => Promise<void>;
  let handle: ReturnType<typeof openDatabase>;

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl(store);
    drop = fresh.drop;
    handle = openDatabase(fresh.url);
    await migrateToLatest(handle.db as never, handle.dialect);
    const at = "2026-01-01T00:00:00.000Z";
    await upsertEntities(
      handle.db,
      "product",
      productIds.map((id) => ({ id, name: id, attributes: {} })),
      at,
    );
    await upsertEntities(
      handle.db,
      "customer",
      customerIds.map((id) => ({ id, name: id, attributes: { strategic: id === "C2", region: id < "C4" ? "North" : "South" } })),
      at,
    );
    await replaceOrderLines(handle.db, rows);
  });

  afterAll(async () => {
    await handle.db.destroy();
    await drop();
  });

  it("holds zero quantities, returns and a week without lines", () => {
    expect(rows.some((r) => r.qty === 0)).toBe(true);
    expect(rows.some((r) => r.returns > 0)).toBe(true);
    expect(rows.some((r) => r.week === EMPTY_WEEK)).toBe(false);
  });

  it.each(["product", "customer"] as const)("sums per %s × week as the lines in memory do", async (dimension) => {
    const { weeks, entityWeeks } = await entityWeekSums(handle.db, dimension);
    expect(weeks).toBe(WEEKS);
    const expected = entityWeeksOf(featureLines(rows, dimension));
    expect(close(byKey(entityWeeks, (r) => r.entityId))).toEqual(close(byKey(expected, (r) => r.entityId)));
    expect(entityWeeks.some((r) => r.week === EMPTY_WEEK)).toBe(false);
    // A week whose only lines have zero quantity is still a week with an order.
    expect(entityWeeks.some((r) => r.units === 0)).toBe(expected.some((r) => r.units === 0));
    const ids = dimension === "product" ? productIds : customerIds;
    expect(close(entityWeekFeatures(ids, entityWeeks, weeks))).toEqual(close(entityFeatures(ids, featureLines(rows, dimension), weeks)));
    expect(close(periodWeekMetrics(ids, entityWeeks, weeks, 2, 2))).toEqual(close(periodMetrics(ids, featureLines(rows, dimension), weeks, 2, 2)));
  });

  it("sums per product × week and per customer as the segmentation methods read them", async () => {
    const sums = await orderSums(handle.db);
    const facts = rows.map((r) => ({ customer_id: r.customer_id, product_id: r.product_id, week: r.week, qty: r.qty, price: r.price, cost: r.cost }));
    const expected = orderSumsOf(facts);
    expect(close(byKey(sums.productWeeks, (r) => r.productId))).toEqual(close(byKey(expected.productWeeks, (r) => r.productId)));
    expect(close([...sums.customers].sort((a, b) => (a.customerId < b.customerId ? -1 : 1)))).toEqual(close([...expected.customers].sort((a, b) => (a.customerId < b.customerId ? -1 : 1))));
    const agg = aggregateOrderSums(productIds, customerIds, sums);
    expect(close(agg)).toEqual(close(aggregateOrderLines(productIds, customerIds, facts)));
    expect(agg.demand.every((series) => series[EMPTY_WEEK - 1] === 0)).toBe(true);
  });

  it("gives the use cases the results of the shared functions over the raw lines", async () => {
    const facts = rows.map((r) => ({ customer_id: r.customer_id, product_id: r.product_id, week: r.week, qty: r.qty, price: r.price, cost: r.cost }));
    const company = {
      productIds,
      products: productIds.map((id) => ({ id, attributes: {} })),
      customers: customerIds.map((id) => ({ id, strategic: id === "C2", attributes: { strategic: id === "C2", region: id < "C4" ? "North" : "South" } })),
      orders: orderSumsOf(facts),
    };
    for (const run of [
      { method: "abc", dimension: "product", criterion: "revenue" },
      { method: "xyz", dimension: "product" },
      { method: "customer-tiers", dimension: "customer" },
      { method: "hybrid", dimension: "customer", parts: ["tier", "region"] },
    ]) {
      const definition = segmentationRunSchema.parse(run);
      expect(close(await computeSegmentation(handle.db, definition))).toEqual(close(runSegmentationMethod(definition, company)));
    }
    const features = await loadEntityFeatures(handle.db, "customer");
    expect(close(features.features)).toEqual(close(entityFeatures(features.ids, featureLines(rows, "customer"), WEEKS)));
  });
});

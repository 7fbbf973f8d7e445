/**
 * The KPI report's order sums per customer and per product, summed in SQL on
 * SQLite and PostgreSQL, equal the same sums taken from the customer × product
 * pairs in the process (entitySumsFromPairs), chunked or not; the pairs read
 * for the OTIF proxy can be limited to some segments.
 */
import { customerCostToServe, entitySumsFromPairs } from "../../shared/src/kpi";
import { activityByCustomer } from "../../service/src/store/activityCounts";
import { openDatabase } from "../../service/src/store/openDatabase";
import { orderSumsByCustomer, orderSumsByProduct } from "../../service/src/store/orderEntitySums";
import { orderTotalsByPair } from "../../service/src/store/orderLines";
import { costPerLine } from "../../shared/src/kpi";
import { assignmentsAt, currentVersion } from "../../service/src/useCases/masterData";
import { STORES, startTestService, type TestService } from "./harness";

jest.setTimeout(120_000);

describe.each(STORES)("order sums per entity on %s", (store) => {
  let t: TestService;
  let db: ReturnType<typeof openDatabase>["db"];
  beforeAll(async () => {
    t = await startTestService(store);
    db = openDatabase(t.databaseUrl).db;
  });
  afterAll(async () => {
    await db?.destroy();
    await t?.close();
  });

  it("per product: revenue and the attributed cost-to-serve equal the pair sums, in one statement or in chunks of 7 customers", async () => {
    const pairs = await orderTotalsByPair(db);
    const costs = customerCostToServe(await activityByCustomer(db), { orders: 12, returns: 18, special_handling: 40 });
    const expected = entitySumsFromPairs(pairs, "product", costs);
    const customers = await orderSumsByCustomer(db);
    const weights = costPerLine(costs, new Map([...customers].map(([c, s]) => [c, s.lines])));
    expect(weights.size).toBeGreaterThan(10);
    for (const chunk of [10_000, 7]) {
      const sums = await orderSumsByProduct(db, weights, [...customers.keys()], chunk);
      expect(sums.size).toBe(expected.revenue.size);
      for (const [product, revenue] of expected.revenue) {
        const s = sums.get(product)!;
        expect(s.revenue).toBeCloseTo(revenue, 6);
        const cost = expected.costs.get(product) ?? { total: 0, byActivity: [0, 0, 0] };
        expect(s.weighted[0]).toBeCloseTo(cost.total, 6);
        cost.byActivity.forEach((v, j) => expect(s.weighted[j + 1]).toBeCloseTo(v, 6));
      }
    }
  });

  it("per customer: lines and revenue equal the pair sums", async () => {
    const pairs = await orderTotalsByPair(db);
    const customers = await orderSumsByCustomer(db);
    const expected = entitySumsFromPairs(pairs, "customer", new Map());
    expect([...customers.keys()]).toEqual([...expected.revenue.keys()].sort());
    for (const [c, revenue] of expected.revenue) expect(customers.get(c)!.revenue).toBeCloseTo(revenue, 6);
    expect([...customers.values()].reduce((s, c) => s + c.lines, 0)).toBe(pairs.reduce((s, p) => s + p.lines, 0));
  });

  it("the pairs of some segments only, and none for no segment", async () => {
    const version = await currentVersion(db, "product");
    const assignments = await assignmentsAt(db, "product", version);
    const segment = assignments[0].segment;
    const members = new Set(assignments.filter((a) => a.segment === segment).map((a) => a.entityId));
    const all = await orderTotalsByPair(db);
    const some = await orderTotalsByPair(db, { dimension: "product", version, segments: [segment] });
    // Revenue rounded: the two statements may sum a pair's lines in different orders.
    const rounded = (pairs: typeof all) => pairs.map((p) => ({ ...p, revenue: Math.round(p.revenue * 1e6) }));
    expect(rounded(some)).toEqual(rounded(all.filter((p) => members.has(p.productId))));
    expect(some.length).toBeGreaterThan(0);
    expect(await orderTotalsByPair(db, { dimension: "product", version, segments: [] })).toEqual([]);
  });
});

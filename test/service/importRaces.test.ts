/**
 * Two planners import at the same moment. A replacing import (order
 * history) must leave exactly one of the files, the one committed last;
 * upserting imports of the same ids must all succeed (no 500 from a
 * unique-key race), on both stores.
 */
import { STORES, startTestService, type TestService, importForm } from "./harness";

jest.setTimeout(60_000);

function orderLines(rows: number, product: string, customers: string[], qty: number): string {
  const lines = ["customer_id,product_id,week,qty,price,cost,lines,deliveries,returns"];
  for (let i = 0; i < rows; i++) lines.push(`${customers[i % customers.length]},${product},${(i % 26) + 1},${qty},10,6,1,1,0`);
  return lines.join("\n") + "\n";
}

describe.each(STORES)("concurrent imports on %s", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("replacing order-history imports racing: the last committed file is the history, never both merged", async () => {
    const customers = (await t.api("GET", "/api/v1/entities/customer?limit=5")).body.entities.map((e: { id: string }) => e.id);
    const rows = 1500;
    for (let round = 0; round < 3; round++) {
      const files = [orderLines(rows, "P0001", customers, 3), orderLines(rows, "P0002", customers, 5)];
      const results = await Promise.all(files.map((f, i) => t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm("order_lines", `race-${round}-${i}.csv`, f) as never })));
      expect(results.map((r) => r.status)).toEqual([201, 201]);
      const audit = await t.api("GET", `/api/v1/audit?action=import.order_lines&limit=100000`);
      const last = audit.body.entries[audit.body.entries.length - 1].entityId as string;
      const winner = last.endsWith("-0.csv") ? "P0001" : "P0002";
      const history = await countOrderLines(t);
      expect(history).toEqual({ total: rows, products: [winner] });
    }
  });

  it("upserting imports of the same ids racing: every one succeeds, no 500", async () => {
    const header = "product_id,name,category,unit_price,unit_cost,supplier_id,lifecycle";
    const supplier = (await t.api("GET", "/api/v1/entities/supplier?limit=1")).body.entities[0].id;
    const file = (n: number) => [header, ...Array.from({ length: 200 }, (_, i) => `RACE${String(i).padStart(4, "0")},Race ${n},cat,${10 + n},5,${supplier},active`)].join("\n") + "\n";
    const results = await Promise.all(Array.from({ length: 8 }, (_, n) => t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm("products", `products-${n}.csv`, file(n)) as never })));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    const entities = (await t.api("GET", "/api/v1/entities/product?limit=10000")).body.entities.filter((e: { id: string }) => e.id.startsWith("RACE"));
    expect(entities).toHaveLength(200);
    // One file's values throughout: the last committed import.
    expect(new Set(entities.map((e: { name: string }) => e.name)).size).toBe(1);
  });
});

async function countOrderLines(t: TestService): Promise<{ total: number; products: string[] }> {
  const { db } = t.service.ctx;
  const rows = await db
    .selectFrom("order_lines")
    .select(["product_id"])
    .select((eb) => eb.fn.countAll().as("n"))
    .groupBy("product_id")
    .execute();
  return { total: rows.reduce((s, r) => s + Number(r.n), 0), products: rows.map((r) => r.product_id).sort() };
}

/**
 * Transfer prices between divisions through POST /compute/transfer-price, on
 * SQLite and PostgreSQL, checked by hand:
 *
 *   P1 for segment A: unit cost 100, logistics 6 / unit, 73 days of inventory,
 *     carrying rate 20 %: carrying 100 × 0.2 × 73 / 365 = 4; cost base 110;
 *     markup 10 % → 11; price 121.
 *   P1 for segment C: logistics 2, 18.25 days → carrying 1; base 103; price 113.3.
 *   P2 for A: unit cost 50, logistics 5, 36.5 days → carrying 1; base 56;
 *     cost-plus 61.6 above its market price 60 → the price is 60, capped.
 */
import { STORES, startTestService, type TestService } from "./harness";

jest.setTimeout(60_000);

describe.each(STORES)("transfer prices on %s", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store, { demo: false });
  });
  afterAll(async () => {
    await t?.close();
  });
  const price = (body: unknown) => t.api("POST", "/api/v1/compute/transfer-price", { token: t.tokens.viewer, body });

  it("prices each item × segment at cost + logistics + carrying, plus the markup, capped at the market", async () => {
    const r = await price({
      lines: [
        { item: "P1", segment: "A", unitCost: 100, logisticsCostPerUnit: 6, daysOfInventory: 73 },
        { item: "P1", segment: "C", unitCost: 100, logisticsCostPerUnit: 2, daysOfInventory: 18.25 },
        { item: "P2", segment: "A", unitCost: 50, logisticsCostPerUnit: 5, daysOfInventory: 36.5 },
      ],
      policy: { carryingRate: 0.2, markup: 0.1, marketPrices: { P2: 60 } },
    });
    expect([r.status, r.body.detail]).toEqual([200, undefined]);
    const rows = r.body.result.prices.map((p: Record<string, number | string | boolean>) => [
      p.item,
      p.segment,
      +(p.carryingCostPerUnit as number).toFixed(6),
      +(p.costBase as number).toFixed(6),
      +(p.price as number).toFixed(6),
      p.cappedAtMarket,
    ]);
    expect(rows).toEqual([
      ["P1", "A", 4, 110, 121, false],
      ["P1", "C", 1, 103, 113.3, false],
      ["P2", "A", 1, 56, 60, true],
    ]);
  });

  it("names the field of a bad line or policy, and refuses a duplicate item × segment", async () => {
    const negative = await price({ lines: [{ item: "P1", segment: "A", unitCost: -1, logisticsCostPerUnit: 0, daysOfInventory: 0 }], policy: { carryingRate: 0.2 } });
    expect(negative.status).toBe(400);
    expect(negative.body.errors[0].field).toBe("lines[0].unitCost");
    const rate = await price({ lines: [{ item: "P1", segment: "A", unitCost: 1, logisticsCostPerUnit: 0, daysOfInventory: 0 }], policy: { carryingRate: 3 } });
    expect(rate.status).toBe(400);
    expect(rate.body.errors[0].field).toBe("policy.carryingRate");
    const twice = await price({
      lines: [
        { item: "P1", segment: "A", unitCost: 1, logisticsCostPerUnit: 0, daysOfInventory: 0 },
        { item: "P1", segment: "A", unitCost: 2, logisticsCostPerUnit: 0, daysOfInventory: 0 },
      ],
      policy: { carryingRate: 0.2 },
    });
    expect(twice.status).toBe(400);
    expect(twice.body.errors[0]).toMatchObject({ field: "lines[1]" });
    const missing = await price({ lines: [], policy: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(["body.lines", "body.policy.carryingRate"]));
  });
});

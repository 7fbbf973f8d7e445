/** The segment P&L spreads a freight pool by order lines, the driver the service's stored freight can use (issue 19). */
import { segmentPnl } from "../../../shared/src/cost";

it("spreads a freight pool by order lines and names a customer without lines", () => {
  // 400 over 3 + 1 lines: 300 and 100; C1 also billed 20 directly. Contribution = 100 − 60 − 10 − 320 = −290.
  const customers = [
    { id: "C1", segment: "A", revenue: 100, cogs: 60, costToServe: 10, freight: 20, lines: 3 },
    { id: "C2", segment: "B", revenue: 200, cogs: 100, lines: 1 },
  ];
  const pnl = segmentPnl(customers, { freightPool: { total: 400, method: "lines" } });
  expect(pnl.customers.map((c) => [c.id, c.freight, c.contribution])).toEqual([
    ["C1", 320, -290],
    ["C2", 100, 0],
  ]);
  expect(pnl.total.freight).toBe(420);
  expect(() => segmentPnl([customers[0], { id: "C2", segment: "B", revenue: 1, cogs: 0 }], { freightPool: { total: 400, method: "lines" } })).toThrow(expect.objectContaining({ field: "customers[1].lines" }));
});

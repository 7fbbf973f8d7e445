import { incentiveFigures, type IncentiveAccount } from "../../../shared/src/cost";

/*
 * Hand-checked: margin after cost-to-serve = gross margin − activity cost per
 * account (Kaplan & Narayanan 2001, "Measuring and managing customer
 * profitability", J. Cost Management 15(5)); the plan pays 3 % of it, and
 * segment B's floor of 5 % bites C2 (10 / 500 = 2 %).
 */
const accounts: IncentiveAccount[] = [
  { customerId: "C1", owner: "Ann", segment: "A", revenue: 1000, grossMargin: 300, costToServe: 100 }, // MAC 200, 20 %: 6
  { customerId: "C2", owner: "Ann", segment: "B", revenue: 500, grossMargin: 100, costToServe: 90 }, // MAC 10, 2 % < 5 %: 0
  { customerId: "C3", owner: "Bob", segment: "B", revenue: 800, grossMargin: 200, costToServe: 120 }, // MAC 80, 10 %: 2.4
  { customerId: "C4", owner: "Bob", segment: null, revenue: 200, grossMargin: 40, costToServe: 60 }, // MAC −20, no floor: −0.6
  { customerId: "C5", owner: null, segment: "A", revenue: 100, grossMargin: 30, costToServe: 10 }, // MAC 20: 0.6
];
const plan = { share: 0.03, floors: [{ segment: "B", minMarginPct: 0.05 }] };

describe("incentiveFigures", () => {
  const r = incentiveFigures(accounts, plan, "(no owner)", "(no segment)");

  it("sums each owner's accounts and pays the share of margin after cost-to-serve, nothing where the floor bites", () => {
    expect(r.owners.map((o) => o.owner)).toEqual(["Ann", "Bob", "(no owner)"]);
    const [ann, bob, none] = r.owners;
    expect(ann).toMatchObject({ customers: 2, revenue: 1500, grossMargin: 400, costToServe: 190, marginAfterCts: 210, belowFloor: 1 });
    expect(ann.marginAfterCtsPct).toBeCloseTo(0.14, 12);
    expect(ann.incentive).toBeCloseTo(6, 12);
    expect(bob).toMatchObject({ customers: 2, revenue: 1000, marginAfterCts: 60, belowFloor: 0 });
    expect(bob.incentive).toBeCloseTo(1.8, 12); // 2.4 − 0.6: a loss-making account nets against the portfolio
    expect(none.incentive).toBeCloseTo(0.6, 12);
    expect(r.totals.customers).toBe(5);
    expect(r.totals.marginAfterCts).toBe(290);
    expect(r.totals.incentive).toBeCloseTo(8.4, 12);
  });

  it("says per owner × segment which floor bit and how much margin it held", () => {
    const annB = r.segments.find((s) => s.owner === "Ann" && s.segment === "B")!;
    expect(annB).toMatchObject({ floor: 0.05, belowFloor: 1, marginBelowFloor: 10, incentive: 0 });
    const bobB = r.segments.find((s) => s.owner === "Bob" && s.segment === "B")!;
    expect(bobB).toMatchObject({ floor: 0.05, belowFloor: 0 });
    expect(bobB.incentive).toBeCloseTo(2.4, 12);
    expect(r.segments.find((s) => s.owner === "Bob" && s.segment === "(no segment)")).toMatchObject({ floor: null, marginAfterCts: -20 });
    expect(r.segments).toHaveLength(5);
  });

  it("without a plan shows the figures and no incentive", () => {
    const bare = incentiveFigures(accounts, null, "(no owner)", "(no segment)");
    expect(bare.owners[0]).toMatchObject({ marginAfterCts: 210, incentive: null, belowFloor: 0 });
    expect(bare.totals.incentive).toBeNull();
  });

  it("gives no % to an account without revenue, so no floor can bite it", () => {
    const r0 = incentiveFigures([{ customerId: "C9", owner: "Ann", segment: "B", revenue: 0, grossMargin: 0, costToServe: 50 }], plan, "(no owner)", "(no segment)");
    expect(r0.owners[0]).toMatchObject({ marginAfterCtsPct: null, belowFloor: 0, marginAfterCts: -50 });
    expect(r0.owners[0].incentive).toBeCloseTo(-1.5, 12);
  });
});

/**
 * Activity-based costing and customer profitability against published
 * exercises kept as JSON in test/fixtures/cost (each file names its source,
 * and which numbers are printed there and which were computed by hand).
 */
import { activityRates, costToServe, segmentPnl, timeDrivenRates, whaleCurve } from "../../../shared/src/cost";
import spring from "../../fixtures/cost/spring_distribution.json";
import kaplan from "../../fixtures/cost/kaplan_anderson_2004.json";
import garber from "../../fixtures/cost/garber_company.json";

describe("Kaplan & Anderson (HBR 2004), 'Doing ABC the traditional way'", () => {
  const abc = kaplan.conventional_abc;
  it("reproduces the printed rates $8, $40 and $44.80 from the 70/10/20 % time split of $560,000", () => {
    const pools = abc.time_shares.map((s) => s * abc.department_cost);
    const rates = activityRates(pools, abc.driver_quantities_derived);
    rates.forEach((r, j) => expect(r).toBeCloseTo(abc.expected_rates_printed[j], 10));
  });
});

describe("Kaplan & Anderson, time-driven ABC working paper (customer-service department)", () => {
  const td = kaplan.time_driven_abc;
  const r = timeDrivenRates(td.capacity_cost, td.practical_capacity_minutes, td.unit_times_minutes, td.quantities);
  const printed = td.expected_printed;

  it("capacity cost rate $0.80 per minute and activity rates $32, $176, $200 (printed)", () => {
    expect(r.capacityCostRate).toBeCloseTo(printed.capacity_cost_rate_per_minute, 12);
    r.rates.forEach((x, j) => expect(x).toBeCloseTo(printed.rates[j], 9));
  });

  it("578,600 minutes used, $462,880 assigned, 83 % of capacity, $97,120 unused (printed)", () => {
    expect(r.timeUsed).toEqual(printed.total_minutes);
    expect(r.totalTimeUsed).toBe(printed.total_minutes_used);
    expect(r.assignedCost).toBeCloseTo(printed.assigned_cost, 6);
    expect(Math.round((100 * r.totalTimeUsed) / td.practical_capacity_minutes)).toBe(printed.share_of_capacity_used_pct);
    expect(r.unusedCapacityCost).toBeCloseTo(printed.unused_capacity_cost, 6);
    r.timeUsed.forEach((m, j) => expect(m * r.capacityCostRate).toBeCloseTo(printed.total_cost[j], 6));
  });
});

describe("Garber Company: conventional and time-driven ABC of customer service", () => {
  const g = garber.inputs;
  it("conventional rates $56.25, $150, $200 (printed answer to requirement a)", () => {
    const pools = g.time_shares.map((s) => s * g.committed_cost);
    pools.forEach((p, j) => expect(p).toBeCloseTo(garber.expected.abc_pools_printed[j], 8));
    activityRates(pools, g.driver_quantities).forEach((r, j) => expect(r).toBeCloseTo(garber.expected.abc_rates_printed[j], 10));
  });

  it("time-driven: $60 per hour, rates $45/$210/$180, 1,250 idle hours worth $75,000 (computed by hand)", () => {
    const hand = garber.expected.tdabc_by_hand;
    const r = timeDrivenRates(g.committed_cost, g.practical_capacity_hours, g.unit_times_hours, g.driver_quantities);
    expect(r.capacityCostRate).toBe(hand.capacity_cost_rate_per_hour);
    expect(r.rates).toEqual(hand.rates);
    expect(r.totalTimeUsed).toBe(hand.hours_used);
    expect(r.unusedCapacity).toBe(hand.unused_hours);
    expect(r.unusedCapacityCost).toBe(hand.unused_cost);
    const next = timeDrivenRates(g.committed_cost, g.practical_capacity_hours, g.unit_times_hours, g.next_period_quantities);
    expect([next.totalTimeUsed, next.unusedCapacity, next.unusedCapacityCost]).toEqual([hand.next_period_hours_used, hand.next_period_unused_hours, hand.next_period_unused_cost]);
  });
});

describe("Horngren, Datar & Rajan: Spring Distribution, customer profitability of P, Q, R, S, T", () => {
  const input = spring.inputs;
  const expected = spring.expected;
  const ids = input.customers.map((c) => c.id);
  const volumes = input.customers.map((c) => [c.purchase_orders, c.customer_visits, c.deliveries * c.miles_per_delivery, c.cases_sold, c.expedited_deliveries]);
  const cts = costToServe(volumes, { rates: input.rates }, { ids, activities: input.activities });

  it("customer-level costs by activity (hand-computed from the printed rates and data)", () => {
    cts.ids.forEach((id, i) => {
      expect(cts.byActivity[i]).toEqual((expected.customer_level_costs_by_activity as Record<string, number[]>)[id]);
      expect(cts.total[i]).toBe((expected.customer_level_costs as Record<string, number>)[id]);
    });
  });

  const pnl = segmentPnl(
    input.customers.map((c, i) => ({
      id: c.id,
      segment: "retail",
      revenue: c.cases_sold * c.actual_price,
      cogs: c.cases_sold * input.purchase_cost_per_case,
      costToServe: cts.total[i],
    })),
  );

  it("customer-level operating income; T loses money despite list-price sales (hand-computed)", () => {
    for (const c of pnl.customers) {
      expect(c.revenue).toBeCloseTo((expected.revenue as Record<string, number>)[c.id], 6);
      expect(c.cogs).toBeCloseTo((expected.cogs as Record<string, number>)[c.id], 6);
      expect(c.contribution).toBeCloseTo((expected.operating_income as Record<string, number>)[c.id], 6);
    }
    expect(pnl.total.contribution).toBeCloseTo(expected.total_operating_income, 6);
    expect(pnl.segments).toHaveLength(1);
    expect(pnl.segments[0].contribution).toBeCloseTo(expected.total_operating_income, 6);
  });

  it("whale curve: S, R, Q, P, T; the curve peaks at 103.7 % before T's loss (hand-computed)", () => {
    const whale = whaleCurve(
      pnl.customers.map((c) => c.contribution),
      ids,
    );
    expect(whale.curve.map((p) => p.id)).toEqual(expected.profit_rank);
    whale.curve.forEach((p, r) => expect(p.cumulativeShare).toBeCloseTo(expected.whale_cumulative_share_by_rank[r], 5));
    expect(whale.peakShare).toBeCloseTo(1.03686, 5);
    expect(whale.peakCount).toBe(4);
    expect(whale.lossMakers).toBe(1);
    expect(whale.lossTotal).toBeCloseTo(-3346, 6);
  });
});

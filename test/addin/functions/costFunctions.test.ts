/**
 * The cost and supplier functions, called through the built dist/functions.js
 * (what Excel loads), with only a CustomFunctions global defined.
 */
import { caller, column, expectCellError, loadBuiltFunctions, plain, readFunctionsJson } from "./loadBuiltFunctions";
import kaplan from "../../fixtures/cost/kaplan_anderson_2004.json";
import spring from "../../fixtures/cost/spring_distribution.json";

const fns = loadBuiltFunctions();
const call = caller(fns);
const numbers = (result: unknown[][]) => plain(result).map((r: number[]) => r[0]);

describe("registration", () => {
  it("registers the four cost and supplier functions", () => {
    for (const id of ["ACTIVITYRATES", "COSTTOSERVE", "WHALE", "SCORECARD"]) expect(fns.has(id)).toBe(true);
  });
});

describe("TIER.ACTIVITYRATES", () => {
  it("reproduces Kaplan & Anderson's (HBR 2004) $8, $40, $44.80 per order, inquiry and credit check", () => {
    const abc = kaplan.conventional_abc;
    const pools = abc.time_shares.map((s) => s * abc.department_cost);
    numbers(call("ACTIVITYRATES", [pools], [abc.driver_quantities_derived])).forEach((r: number, j: number) => expect(r).toBeCloseTo(abc.expected_rates_printed[j], 10));
  });

  it("takes columns too", () => {
    expect(numbers(call("ACTIVITYRATES", column(100, 30), column(4, 3)))).toEqual([25, 10]);
  });

  it("names the activity of a zero volume under a cost", () => {
    expectCellError(call("ACTIVITYRATES", [[100, 30]], [[4, 0]]), "#VALUE!", "total_driver_volumes column 2: is 0 but the activity costs 30: a pool needs driver volume to be spread over");
  });

  it("refuses ranges of different lengths and text", () => {
    expectCellError(call("ACTIVITYRATES", column(100, 30), column(4)), "#VALUE!", "total_driver_volumes: expected 2 totals (one per activity cost), got 1");
    expectCellError(call("ACTIVITYRATES", column(100, "lots"), column(4, 3)), "#VALUE!", 'activity_costs row 2: must be a number, got "lots"');
  });
});

describe("TIER.COSTTOSERVE", () => {
  // Spring Distribution (Horngren et al.): the printed rates are reached with pools = rate × a company-wide total.
  // Totals chosen here (hand-made): 1,000 POs, 100 visits, 10,000 miles, 200,000 cases, 10 expedited deliveries.
  it("prices Spring Distribution's five customers at pool ÷ company-wide totals (hand-computed costs 2,980 … 7,090)", () => {
    const totals = [1000, 100, 10000, 200000, 10];
    const pools = spring.inputs.rates.map((r, j) => r * totals[j]);
    const volumes = spring.inputs.customers.map((c) => [c.purchase_orders, c.customer_visits, c.deliveries * c.miles_per_delivery, c.cases_sold, c.expedited_deliveries]);
    const expected = spring.inputs.customers.map((c) => (spring.expected.customer_level_costs as Record<string, number>)[c.id]);
    numbers(call("COSTTOSERVE", volumes, [pools], [totals])).forEach((v: number, i: number) => expect(v).toBeCloseTo(expected[i], 8));
  });

  // Hand-checked: column sums 5 and 1 → rates 10 and 40.
  it("defaults the totals to the column sums, so the customers absorb every pool", () => {
    expect(
      numbers(
        call(
          "COSTTOSERVE",
          [
            [2, 1],
            [3, 0],
          ],
          [[50, 40]],
          null,
        ),
      ),
    ).toEqual([60, 30]);
  });

  it("names row and column of a negative driver volume", () => {
    expectCellError(
      call(
        "COSTTOSERVE",
        [
          [2, 1],
          [3, -1],
        ],
        [[50, 40]],
        null,
      ),
      "#VALUE!",
      "driver_volumes row 2, column 2: must be ≥ 0, got -1",
    );
  });

  it("refuses a pool count that does not match the activity columns", () => {
    expectCellError(call("COSTTOSERVE", [[2, 1]], [[50, 40, 10]], null), "#VALUE!", "activity_costs: expected 2 activity costs (one per activity column), got 3");
  });

  it("refuses a company-wide total below the table's own volume", () => {
    expectCellError(
      call(
        "COSTTOSERVE",
        [
          [2, 1],
          [3, 0],
        ],
        [[50, 40]],
        [[4, 1]],
      ),
      "#VALUE!",
      "total_driver_volumes column 1: 4 is below the 5 units of this activity in the table: the rows would absorb more than the whole pool",
    );
  });
});

describe("TIER.WHALE", () => {
  it("reproduces the hand-computed whale curve of Spring Distribution's customers (peak 103.7 %)", () => {
    const income = spring.inputs.customers.map((c) => (spring.expected.operating_income as Record<string, number>)[c.id]);
    const byRank = spring.expected.profit_rank.map((id, r) => [id, spring.expected.whale_cumulative_share_by_rank[r]] as const);
    const expected = spring.inputs.customers.map((c) => byRank.find(([id]) => id === c.id)![1]);
    numbers(call("WHALE", column(...income))).forEach((v: number, i: number) => expect(v).toBeCloseTo(expected[i], 5));
  });

  it("refuses a non-positive total", () => {
    expectCellError(call("WHALE", column(10, -10)), "#VALUE!", "profits: the total profit is 0: a whale curve shows shares of a positive total");
  });
});

describe("TIER.SCORECARD", () => {
  // Hand-checked: on-time 0.98/0.90/0.94 → 1, 0, 0.5; ppm (cost) 200/50/100 → 0, 1, 2/3; weights 0.6/0.4.
  it("scores min-max normalised metrics 0–100 with weights and directions", () => {
    const scores = numbers(
      call(
        "SCORECARD",
        [
          [0.98, 200],
          [0.9, 50],
          [0.94, 100],
        ],
        [[0.6, 0.4]],
        [["benefit", "cost"]],
      ),
    );
    expect(scores).toEqual([60, 40, 30 + 40 * (2 / 3)].map((x) => expect.closeTo(x, 10)));
  });

  it("treats omitted directions as benefit", () => {
    expect(numbers(call("SCORECARD", [[1], [3], [2]], [[1]], null))).toEqual([0, 100, 50]);
  });

  it("refuses weights that do not sum to 1", () => {
    expectCellError(
      call(
        "SCORECARD",
        [
          [1, 2],
          [3, 4],
        ],
        [[0.5, 0.6]],
        null,
      ),
      "#VALUE!",
      "weights: must sum to 1, got 1.1",
    );
  });

  it("names a bad weight item and a bad direction", () => {
    expectCellError(
      call(
        "SCORECARD",
        [
          [1, 2],
          [3, 4],
        ],
        [[0.5, "x"]],
        null,
      ),
      "#VALUE!",
      'weights item 2: must be a number, got "x"',
    );
    expectCellError(
      call(
        "SCORECARD",
        [
          [1, 2],
          [3, 4],
        ],
        [[0.5, 0.5]],
        [["benefit", "up"]],
      ),
      "#VALUE!",
      'directions item 2: "up" is not one of benefit, cost',
    );
  });

  it("names the row and column of text in the metrics", () => {
    expectCellError(
      call(
        "SCORECARD",
        [
          [1, 2],
          ["n/a", 4],
        ],
        [[0.5, 0.5]],
        null,
      ),
      "#VALUE!",
      'metrics row 2, column 1: must be a number, got "n/a"',
    );
  });
});

describe("generated functions.json", () => {
  const expected: Record<string, Array<[string, boolean]>> = {
    ACTIVITYRATES: [
      ["activity_costs", false],
      ["total_driver_volumes", false],
    ],
    COSTTOSERVE: [
      ["driver_volumes", false],
      ["activity_costs", false],
      ["total_driver_volumes", true],
    ],
    WHALE: [["profits", false]],
    SCORECARD: [
      ["metrics", false],
      ["weights", false],
      ["directions", true],
    ],
  };
  const metadata = readFunctionsJson().functions;

  it.each(Object.keys(expected))("%s has the contract's parameters, in order, with optional flags, all ranges", (id) => {
    const fn = metadata.find((f) => f.id === id);
    expect(fn).toBeDefined();
    expect(fn!.name).toBe(id);
    expect(fn!.parameters.map((p) => [p.name, p.optional === true])).toEqual(expected[id]);
    for (const p of fn!.parameters) expect(p.dimensionality).toBe("matrix");
    expect(fn!.result.dimensionality).toBe("matrix");
  });
});

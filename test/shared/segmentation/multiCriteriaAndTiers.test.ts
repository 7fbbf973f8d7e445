import fc from "fast-check";
import { assignCustomerTiers, classifyMultiCriteriaAbc, DEFAULT_TIER_RULES, describeTierRule, scoreMultiCriteria } from "../../../shared/src";

describe("scoreMultiCriteria: weighted", () => {
  it("min-max normalises, flips cost criteria and normalises weights", () => {
    // Hand-checked: c1 benefit → 0, .5, 1; c2 cost → 1, 0, .5; weights 3:1 → .75/.25.
    const scores = scoreMultiCriteria(
      [
        [0, 1],
        [5, 3],
        [10, 2],
      ],
      { weights: [3, 1], directions: ["benefit", "cost"] },
    );
    expect(scores[0]).toBeCloseTo(0.25, 12);
    expect(scores[1]).toBeCloseTo(0.375, 12);
    expect(scores[2]).toBeCloseTo(0.875, 12);
  });

  it("a criterion on which everyone ties contributes nothing", () => {
    expect(
      scoreMultiCriteria([
        [1, 7],
        [3, 7],
      ]),
    ).toEqual([0, 0.5]);
  });

  it("scores stay in [0, 1] and improving a benefit criterion never lowers the score", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })), { minLength: 2, maxLength: 30 }), fc.nat(), fc.integer({ min: 1, max: 50 }), (rows, pick, raise) => {
        const i = pick % rows.length;
        const before = scoreMultiCriteria(rows);
        for (const s of before) expect(s >= 0 && s <= 1 + 1e-12).toBe(true);
        // Raising x within the current range keeps min and max, so only item i moves.
        const max = Math.max(...rows.map((r) => r[0]));
        const raised = rows.map((r, k) => (k === i ? [Math.min(max, r[0] + raise), r[1]] : r));
        expect(scoreMultiCriteria(raised)[i]).toBeGreaterThanOrEqual(before[i] - 1e-12);
      }),
    );
  });

  it.each([
    [[[1, "x"]], {}, 'criteria[0][1]: must be a number, got "x"'],
    [[[1, 2], [3]], {}, "criteria[1]: expected 2 criteria like the first row, got 1"],
    [[[1, 2]], { weights: [1] }, "weights: expected 2 weights (one per criterion column), got 1"],
    [[[1, 2]], { weights: [0, 0] }, "weights: at least one weight must be above 0"],
    [[[1, 2]], { weights: [1, -1] }, "weights[1]: must be ≥ 0, got -1"],
    [[[1, 2]], { directions: ["benefit"] }, "directions: expected 2 directions (one per criterion column), got 1"],
    [[[1, 2]], { directions: ["benefit", "up"] }, 'directions[1]: Invalid option: expected one of "benefit"|"cost", got "up"'],
  ])("refuses %j %j", (criteria, options, message) => {
    expect(() => scoreMultiCriteria(criteria as unknown[][], options as never)).toThrow(message);
  });

  it("EDAS refuses a criterion whose average is 0", () => {
    expect(() =>
      scoreMultiCriteria(
        [
          [0, 1],
          [0, 2],
        ],
        { method: "edas" },
      ),
    ).toThrow("criteria column 1: EDAS divides by the criterion's average");
  });
});

describe("classifyMultiCriteriaAbc", () => {
  it("defaults to count mode with 20 % / 30 % / 50 %", () => {
    const criteria = Array.from({ length: 10 }, (_, i) => [10 - i, i]); // both favour the first rows
    const r = classifyMultiCriteriaAbc(criteria, { directions: ["benefit", "cost"] });
    expect(r.items.map((i) => i.class).join("")).toBe("AABBBCCCCC");
    expect(r.scores[0]).toBe(1);
  });

  it("value mode uses 80 % / 95 % of the score total by default", () => {
    const r = classifyMultiCriteriaAbc([[8], [1.5], [0.5], [0]], { mode: "value" });
    // Scores (min-max): 1, 0.1875, 0.0625, 0 → cumulative 0.8, 0.95, 1, 1.
    expect(r.items.map((i) => i.class)).toEqual(["A", "B", "C", "C"]);
  });
});

describe("assignCustomerTiers", () => {
  const customers = [
    { id: "c1", revenue: 500, marginPct: 0.3 },
    { id: "c2", revenue: 300, marginPct: 0.05 },
    { id: "c3", revenue: 150, marginPct: 0.2 },
    { id: "c4", revenue: 40, marginPct: 0.4, strategic: true },
    { id: "c5", revenue: 10, marginPct: 0.1 },
  ];

  it("applies the default rules in order", () => {
    // Cumulative revenue share: c1 .5, c2 .8, c3 .95, c4 .99, c5 1.
    const tiers = assignCustomerTiers(customers);
    expect(tiers.map((t) => [t.id, t.tier, t.cumulativeRevenueShare])).toEqual([
      ["c1", "Key", 0.5],
      ["c2", "Core", 0.8], // in the top 80 % but margin 5 % < 10 %
      ["c3", "Core", 0.95],
      ["c4", "Strategic", 0.99],
      ["c5", "Transactional", 1],
    ]);
    expect(DEFAULT_TIER_RULES.at(-1)).toEqual({ label: "Transactional" });
  });

  it("takes custom rules and requires a catch-all last rule", () => {
    const tiers = assignCustomerTiers(customers, [{ label: "Gold", minMarginPct: 0.25 }, { label: "Rest" }]);
    expect(tiers.map((t) => t.tier)).toEqual(["Gold", "Rest", "Rest", "Gold", "Rest"]);
    expect(() => assignCustomerTiers(customers, [{ label: "Gold", minMarginPct: 0.25 }])).toThrow("rules: the last rule must have no condition");
  });

  it("NPS and CSAT as criteria: a Key rule asking NPS ≥ 0 keeps detractors and the unmeasured out (by hand)", () => {
    // Revenue 500, 300, 110, 90 of 1,000: cumulative shares 0.5, 0.8, 0.91, 1.0; every margin 20 %.
    const withFeedback = [
      { id: "promoter", revenue: 500, marginPct: 0.2, nps: 40 },
      { id: "detractor", revenue: 300, marginPct: 0.2, nps: -20, csat: 90 },
      { id: "unmeasured", revenue: 110, marginPct: 0.2 },
      { id: "tail", revenue: 90, marginPct: 0.2, nps: 80 },
    ];
    const rules = DEFAULT_TIER_RULES.map((r) => (r.label === "Key" ? { ...r, minNps: 0 } : r));
    const tiers = assignCustomerTiers(withFeedback, rules);
    // detractor is in the top 80 % at 20 % margin, but NPS −20 < 0: not Key; within 95 % of revenue: Core.
    expect(tiers.map((t) => [t.id, t.tier])).toEqual([
      ["promoter", "Key"],
      ["detractor", "Core"],
      ["unmeasured", "Core"],
      ["tail", "Transactional"],
    ]);
    expect(tiers[1]).toMatchObject({ nps: -20, csat: 90 });
    expect(tiers[2]).toMatchObject({ nps: null, csat: null });
    // Without the criterion the detractor is Key, as before.
    expect(assignCustomerTiers(withFeedback).map((t) => t.tier)).toEqual(["Key", "Key", "Core", "Transactional"]);
    // CSAT: unmeasured never meets a minimum.
    expect(assignCustomerTiers(withFeedback, [{ label: "Happy", minCsat: 80 }, { label: "Rest" }]).map((t) => t.tier)).toEqual(["Rest", "Happy", "Rest", "Rest"]);
    expect(() => assignCustomerTiers(withFeedback, [{ label: "Loyal", minNps: 0 }])).toThrow("rules: the last rule must have no condition");
    expect(() => assignCustomerTiers([{ id: "c", revenue: 1, marginPct: 0, nps: 120 }])).toThrow("customers[0].nps");
    expect(describeTierRule(rules[1])).toBe("Key: within the top 80 % of revenue, margin ≥ 10 %, NPS ≥ 0");
    expect(describeTierRule(rules[3])).toBe("Transactional: everyone else");
  });

  it("names the customer and field of bad input", () => {
    expect(() => assignCustomerTiers([{ id: "c1", revenue: Number.NaN, marginPct: 0.1 }])).toThrow("customers[0].revenue");
    expect(() => assignCustomerTiers([{ id: "", revenue: 1, marginPct: 0.1 }])).toThrow("customers[0].id");
  });
});

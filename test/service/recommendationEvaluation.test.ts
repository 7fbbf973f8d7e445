/**
 * A quick run of the planted-drift evaluation (`npm run evaluate:recommendations`): one small seeded company from the
 * independent generator, through the service's use cases on a throw-away SQLite store. The floors are what this seed
 * reaches now, so a change that loses drift or raises noise on intermittent, seasonal or erratic stable items fails.
 * The three-seed figures are in the evaluation's own output.
 */
import { evaluateSeed, poolResults } from "../../scripts/lib/recommendationEvaluation";

jest.setTimeout(180_000);

describe("planted-drift evaluation, one small seed", () => {
  let pooled: ReturnType<typeof poolResults>;
  let calibration: Record<string, unknown>;
  beforeAll(async () => {
    const result = await evaluateSeed({ seed: 4, products: 200, customers: 60, weeks: 104 });
    pooled = poolResults([result]);
    calibration = result.calibration;
  });

  it("the rule finds the planted product and customer drift and raises little else", () => {
    expect(pooled["rule.products"].planted).toBe(18);
    expect(pooled["rule.products"].recall).toBeGreaterThanOrEqual(0.88);
    expect(pooled["rule.products"].precision).toBeGreaterThanOrEqual(0.95);
    expect(pooled["rule.customers"].recall).toBeGreaterThanOrEqual(1);
    expect(pooled["rule.customers"].precision).toBeGreaterThanOrEqual(0.8);
  });

  // Pooled over seeds 1–3 (400 products, 120 customers) the model reaches products 1.00 / 0.88 and customers 0.92 / 0.95,
  // over held-out seeds 4–6 0.93 / 0.90 and 0.95 / 0.93. This seed's five planted customers include a Key customer
  // whose 20-week windows reach back before its fall, so one of five (0.8) is the floor there.
  it("the model finds most of it and raises little else", () => {
    expect(pooled["model.products"].recall).toBeGreaterThanOrEqual(0.9);
    expect(pooled["model.products"].precision).toBeGreaterThanOrEqual(0.9);
    expect(pooled["model.customers"].recall).toBeGreaterThanOrEqual(0.8);
    expect(pooled["model.customers"].precision).toBeGreaterThanOrEqual(0.9);
  });

  it("lists every miss and false alarm with a reason, and stores the model's calibration", () => {
    for (const s of Object.values(pooled)) {
      expect(s.misses.length).toBe(s.planted - s.hits);
      expect(s.falseAlarms.length).toBe(s.raised - s.hits);
      for (const f of s.falseAlarms) expect(f.reason).toMatch(/\w/);
    }
    expect(calibration.product).toMatchObject({ brier: expect.any(Number), reliability: expect.any(Array) });
  });
});

import { storedForecastExceptions } from "../../../shared/src/forecasting";

describe("storedForecastExceptions", () => {
  it("judges each product by its policy's ceiling else its class default, ranks by WAPE × revenue (by hand)", () => {
    const errors = [
      { productId: "P1", segment: "AX", wape: 0.25, revenue: 1000 }, // A default 0.2: out, value at risk 250
      { productId: "P2", segment: "AX", wape: 0.15, revenue: 9000 }, // under 0.2: in
      { productId: "P3", segment: "BZ", wape: 0.5, revenue: 800 }, // policy 0.3: out, 400
      { productId: "P4", segment: "CZ", wape: 0.55, revenue: 5000 }, // C default 0.6: in
      { productId: "P5", segment: "Key", wape: 0.9, revenue: 100 }, // no class, no policy: not judged
      { productId: "P6", segment: null, wape: 0.9, revenue: 100 },
      { productId: "P7", segment: "AY", wape: null, revenue: 100 },
    ];
    const out = storedForecastExceptions(errors, (s) => (s === "BZ" ? 0.3 : undefined));
    expect(out.map((e) => [e.productId, e.valueAtRisk, e.thresholdSource])).toEqual([
      ["P3", 400, "policy"],
      ["P1", 250, "default"],
    ]);
    expect(out[0].reason).toBe("WAPE 50 % above 30 % (policy of BZ)");
    expect(out[1].reason).toBe("WAPE 25 % above 20 % (default for A items)");
  });
});

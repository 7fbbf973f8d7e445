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
    const out = storedForecastExceptions(errors, (s) => (s === "BZ" ? { maxWape: 0.3 } : {}));
    expect(out.map((e) => [e.productId, e.valueAtRisk, e.thresholdSource])).toEqual([
      ["P3", 400, "policy"],
      ["P1", 250, "default"],
    ]);
    expect(out[0].reason).toBe("WAPE 50 % above 30 % (policy of BZ)");
    expect(out[1].reason).toBe("WAPE 25 % above 20 % (default for A items)");
  });

  it("flags a biased forecast by |tracking signal| against the policy's maxTrackingSignal, else the class default (C has none)", () => {
    const errors = [
      { productId: "P1", segment: "AX", wape: 0.1, trackingSignal: 4.5, revenue: 1000 }, // A default ±4: out on bias alone, 100
      { productId: "P2", segment: "AX", wape: 0.1, trackingSignal: -3.9, revenue: 1000 }, // inside ±4
      { productId: "P3", segment: "BY", wape: 0.1, trackingSignal: -2.5, revenue: 3000 }, // policy ±2: out (over-forecast), 300
      { productId: "P4", segment: "CZ", wape: 0.3, trackingSignal: 9, revenue: 1000 }, // C: no default bias limit
      { productId: "P5", segment: "CY", wape: 0.7, trackingSignal: 7, revenue: 1000 }, // policy ±6 and C ceiling 0.6: both, 700
      { productId: "P6", segment: "AZ", wape: 0.1, trackingSignal: null, revenue: 1000 }, // not stored: WAPE alone
    ];
    const out = storedForecastExceptions(errors, (s) => (s === "BY" ? { maxTrackingSignal: 2 } : s === "CY" ? { maxTrackingSignal: 6 } : {}));
    expect(out.map((e) => [e.productId, e.valueAtRisk, e.trackingSource])).toEqual([
      ["P5", 700, "policy"],
      ["P3", 300, "policy"],
      ["P1", 100, "default"],
    ]);
    expect(out[0].reasons).toEqual(["WAPE 70 % above 60 % (default for C items)", "tracking signal +7.0 beyond ±6: under-forecast (policy of CY)"]);
    expect(out[1].reason).toBe("tracking signal −2.5 beyond ±2: over-forecast (policy of BY)");
    expect(out[2]).toMatchObject({ trackingSignal: 4.5, maxTrackingSignal: 4, reason: "tracking signal +4.5 beyond ±4: under-forecast (default for A items)" });
  });
});

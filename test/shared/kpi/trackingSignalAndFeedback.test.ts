/** The segment tracking signal and the strategic accounts' NPS / CSAT, on inputs small enough to compute by hand. */
import { DEFAULT_MIN_CSAT, segmentTrackingSignal, strategicFeedback } from "../../../shared/src/kpi";

describe("segmentTrackingSignal", () => {
  it("pools the segment's weekly errors before CFE / MAD, and ranks the entities leaning the segment's way", () => {
    const forecasts = new Map([
      ["P1", { actual: [12, 12, 12, 12], forecast: [10, 10, 10, 10] }], // e = +2 each week: own CFE +8
      ["P2", { actual: [5, 3, 5, 3], forecast: [4, 4, 4, 4] }], // e = +1, −1, +1, −1: own CFE 0
      ["P3", { actual: [9, 9, 9, 9], forecast: [10, 10, 10, 10] }], // e = −1 each week: own CFE −4
    ]);
    // Pooled e_t = 2 + 1 − 1, 2 − 1 − 1, 2, 0 = 2, 0, 2, 0: CFE 4, MAD 1 → TS 4.
    const ts = segmentTrackingSignal(["P1", "P2", "P3", "P9"], forecasts);
    expect(ts).toMatchObject({ signal: 4, cfe: 4, mad: 1, weeks: 4 });
    expect(ts.drivers.entities).toEqual([{ id: "P1", value: 8, share: 1 }]);
    // Alternating errors cancel: CFE 0, MAD 1 → 0, nothing leans.
    expect(segmentTrackingSignal(["P2"], forecasts)).toMatchObject({ signal: 0, cfe: 0, mad: 1, drivers: { entities: [] } });
    // An over-forecast is negative.
    expect(segmentTrackingSignal(["P3"], forecasts).signal).toBe(-4);
  });

  it("has no signal without forecasts or without error", () => {
    expect(segmentTrackingSignal(["P1"], new Map()).signal).toBeNull();
    expect(segmentTrackingSignal(["P1"], new Map([["P1", { actual: [3, 3], forecast: [3, 3] }]])).signal).toBeNull();
  });
});

describe("strategicFeedback", () => {
  const customers = new Map<string, Record<string, unknown>>([
    ["C1", { strategic: true, nps: 30, csat: "80" }],
    ["C2", { strategic: false, nps: 90, csat: 99 }],
    ["C3", { strategic: true, nps: -10 }],
    ["C4", { strategic: true }],
  ]);

  it("means the strategic accounts' scores against the policy's minimum, else the stated default", () => {
    // NPS (30 − 10) / 2 = 10 < 20 (policy); CSAT 80 of the one scored account ≥ 75 (default).
    const [nps, csat] = strategicFeedback(["C1", "C2", "C3", "C4"], customers, { minNps: 20 });
    expect(nps).toMatchObject({ kpi: "nps", value: 10, target: 20, targetSource: "policy.minNps", status: "breach", basis: "measured" });
    expect(nps.note).toBe("mean NPS of 2 of 3 strategic accounts (those with an imported score)");
    expect(csat).toMatchObject({ kpi: "csat", value: 80, target: DEFAULT_MIN_CSAT, targetSource: "default.minCsat", status: "met" });
    expect(csat.note).toBe("mean CSAT of 1 of 3 strategic accounts (those with an imported score)");
  });

  it("says when a segment has no strategic account, or none scored", () => {
    const [none] = strategicFeedback(["C2"], customers, undefined);
    expect(none).toMatchObject({ value: null, status: "no_data", note: "mean NPS of the segment's strategic accounts: it has none" });
    const [, unscored] = strategicFeedback(["C3", "C4"], customers, undefined);
    expect(unscored).toMatchObject({ value: null, status: "no_data", note: "mean CSAT of the segment's 2 strategic accounts: none has an imported CSAT" });
  });
});

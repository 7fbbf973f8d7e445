/**
 * demandSignalSeries: an account's shipments give way to its sell-through in
 * the weeks its feed covers, shipments stand elsewhere (fallback), and the
 * signal says which history the forecast was fitted to. Figures by hand.
 */
import { demandSignalSeries } from "../../../shared/src/forecasting";

describe("demandSignalSeries", () => {
  it("replaces a covered account's shipments by its sell-through only in the weeks its feed covers", () => {
    // Product shipped 10, 0, 12, 6 in weeks 0..3; the account took 8, 0, 12, 0 of it and sold 3, 4, 5, 4.
    // Its feed covers weeks 1..3, so week 0 keeps the shipments (fallback): 10; week 1: 0 − 0 + 4 = 4;
    // week 2: 12 − 12 + 5 = 5; week 3: 6 − 0 + 4 = 10.
    const out = demandSignalSeries([10, 0, 12, 6], [{ shipments: [8, 0, 12, 0], sellThrough: [3, 4, 5, 4], covers: [1, 3] }]);
    expect([...out.series]).toEqual([10, 4, 5, 10]);
    expect(out.signal).toBe("mixed");
  });

  it("is sell-through when every shipped unit went to covered accounts", () => {
    const out = demandSignalSeries([8, 0, 12], [{ shipments: [8, 0, 12], sellThrough: [6, 7, 5], covers: [0, 2] }]);
    expect([...out.series]).toEqual([6, 7, 5]);
    expect(out.signal).toBe("sell-through");
  });

  it("is shipments when no account has a feed, or its feed never touches the product", () => {
    expect(demandSignalSeries([1, 2], [{ shipments: [1, 2], sellThrough: [0, 0], covers: null }]).signal).toBe("shipments");
    const untouched = demandSignalSeries([1, 2], [{ shipments: [0, 0], sellThrough: [0, 0], covers: [0, 1] }]);
    expect(untouched.signal).toBe("shipments");
    expect([...untouched.series]).toEqual([1, 2]);
  });

  it("clips a feed covering weeks outside the series", () => {
    const out = demandSignalSeries([4, 4], [{ shipments: [4, 4], sellThrough: [1, 2], covers: [-5, 9] }]);
    expect([...out.series]).toEqual([1, 2]);
    expect(out.signal).toBe("sell-through");
  });
});

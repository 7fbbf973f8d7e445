/** Runs of missed months ending with the latest one, by hand. */
import { persistentUnderperformance } from "../../../shared/src/kpi";

const months = (values: Array<number | null>) => values.map((value, i) => ({ period: `2026-${String(i + 1).padStart(2, "0")}`, value }));

describe("persistentUnderperformance", () => {
  it("flags a KPI that missed its target in each of the latest months, naming the months and figures", () => {
    const out = persistentUnderperformance([
      // OTIF ≥ 0.95: met in Jan, missed Feb–Apr → a run of 3; worst 0.88 in Mar.
      { segment: "AX", kpis: [{ kpi: "otif", target: 0.95, periods: months([0.97, 0.9, 0.88, 0.94]) }] },
      // Cost-to-serve ≤ 0.12 ("max"): above in the last 4 months.
      { segment: "BY", kpis: [{ kpi: "cost_to_serve_pct", target: 0.12, periods: months([0.13, 0.14, 0.125, 0.15]) }] },
      // Recovered in the latest month: not flagged, however long the earlier run.
      { segment: "CZ", kpis: [{ kpi: "fill_rate", target: 0.9, periods: months([0.5, 0.5, 0.5, 0.5, 0.95]) }] },
      // Exactly on target is met; a month without a value ends the run.
      {
        segment: "AY",
        kpis: [
          { kpi: "otif", target: 0.9, periods: months([0.8, 0.8, 0.9, 0.8, 0.8]) },
          { kpi: "fill_rate", target: 0.9, periods: months([0.8, null, 0.8, 0.8]) },
        ],
      },
      // No target: not judged.
      { segment: "BZ", kpis: [{ kpi: "otif", target: null, periods: months([0.1, 0.1, 0.1]) }] },
    ]);
    expect(out.map((u) => [u.segment, u.kpi, u.periods])).toEqual([
      ["BY", "cost_to_serve_pct", ["2026-01", "2026-02", "2026-03", "2026-04"]],
      ["AX", "otif", ["2026-02", "2026-03", "2026-04"]],
    ]);
    expect(out[1]).toMatchObject({ values: [0.9, 0.88, 0.94], worst: { period: "2026-03", value: 0.88 }, target: 0.95 });
    expect(out[1].sentence).toBe("AX: OTIF below its target of 95.0 % for 3 months running, 2026-02 to 2026-04 (90.0 %, 88.0 %, 94.0 %; worst 88.0 % in 2026-03)");
    expect(out[0].sentence).toBe("BY: cost-to-serve above its target of 12.0 % for 4 months running, 2026-01 to 2026-04 (13.0 %, 14.0 %, 12.5 %, 15.0 %; worst 15.0 % in 2026-04)");
  });

  it("takes the run length asked for", () => {
    const segments = [{ segment: "AX", kpis: [{ kpi: "otif" as const, target: 0.95, periods: months([0.97, 0.9, 0.9]) }] }];
    expect(persistentUnderperformance(segments)).toEqual([]);
    expect(persistentUnderperformance(segments, 2)).toHaveLength(1);
  });
});

/**
 * Rule recommendations for 100,000 entities × 52 weeks (target < 10 s):
 * measured is the pure path the service runs after loading, periodMetrics
 * (4-week periods, 12-week trailing CoV) and recommendByRule on the ABC
 * revenue ladder and the XYZ CoV ladder; the order lines are generated in
 * memory from a seed (not timed) because 100k entities' history through the
 * store would time the database, not the recommendation. Change-request
 * writes (one per recommendation) are not included. The check is a planted
 * drift: 1% of the B and C entities take an A entity's level from week 33;
 * ABC recommendations must find them with recall ≥ 0.9 and precision ≥ 0.8.
 */
import { periodMetrics, recommendByRule, type FeatureOrderLine } from "../shared/src/ml";
import { createRng } from "../shared/src/random";
import { median, timeRuns, type BenchResult } from "./writeResult";

export function generate(entities: number, weeks: number, seed = 17) {
  const rng = createRng(seed);
  const ids = Array.from({ length: entities }, (_, i) => `E${i}`);
  const level = Float64Array.from({ length: entities }, () => rng.lognormal(4, 1.5));
  const sorted = Float64Array.from(level).sort();
  const a = sorted[Math.floor(entities * 0.8)];
  const b = sorted[Math.floor(entities * 0.5)];
  const current = Array.from(level, (v) => (v >= a ? "A" : v >= b ? "B" : "C"));
  // XYZ by construction: weekly noise of width 0.2, 1 or 1.9 around the level (CoV ≈ width/√12).
  const width = Array.from({ length: entities }, () => [0.2, 1, 1.9][rng.int(0, 2)]);
  const xyz = width.map((u) => (u < 0.5 ? "X" : u < 1.5 ? "Y" : "Z"));
  const planted = new Set<number>();
  for (let i = 0; i < entities; i++) if (current[i] !== "A" && rng.next() < 0.01) planted.add(i);
  const fromWeek = 33;
  const lines: FeatureOrderLine[] = [];
  for (let i = 0; i < entities; i++) {
    for (let w = 1; w <= weeks; w++) {
      const mean = planted.has(i) && w >= fromWeek ? a * 4 : level[i];
      const q = Math.max(0, Math.round(mean * (1 - width[i] / 2 + width[i] * rng.next())));
      if (q > 0) lines.push({ entityId: ids[i], week: w, quantity: q, unitPrice: 1, unitCost: 0.7, lines: 1, returnedUnits: 0 });
    }
  }
  return { ids, current, xyz, planted, lines };
}

export function run(entities = 100_000, weeks = 52): BenchResult {
  const { ids, current, xyz, planted, lines } = generate(entities, weeks);
  let found: Array<{ entityId: string; to: string }> = [];
  let xyzRecommended = 0;
  const runs = timeRuns(
    () => {
      const m = periodMetrics(ids, lines, weeks, 4);
      const p = m.periods.length;
      const abc = recommendByRule(
        m.periods,
        ids.map((id, i) => ({ entityId: id, current: current[i], metric: m.revenue.subarray(i * p, (i + 1) * p) })),
        { metricName: "revenue", classes: ["A", "B", "C"], scale: "log" },
      );
      const x = recommendByRule(
        m.periods,
        ids.map((id, i) => ({ entityId: id, current: xyz[i], metric: m.unitsCov.subarray(i * p, (i + 1) * p) })),
        { metricName: "CoV", classes: ["X", "Y", "Z"], direction: "lowerIsBetter" },
      );
      found = abc.recommendations;
      xyzRecommended = x.recommendations.length;
    },
    3,
    1,
  );
  const hits = found.filter((r) => planted.has(Number(r.entityId.slice(1))) && r.to === "A").length;
  const recall = hits / planted.size;
  const precision = found.length ? hits / found.length : 0;
  return {
    name: "recommendations-100k",
    size: { entities, weeks, orderLines: lines.length },
    runs_ms: runs.map((r) => +r.toFixed(2)),
    median_ms: +median(runs).toFixed(2),
    target_ms: 10_000,
    check: {
      passed: recall >= 0.9 && precision >= 0.8,
      detail: `planted ${planted.size}: recall ${recall.toFixed(4)}, precision ${precision.toFixed(4)} (${found.length} ABC recommendations; ${xyzRecommended} XYZ recommendations, where the generator plants no XYZ drift)`,
    },
  };
}

export const benchmarks = { "recommendations-100k": () => run() };

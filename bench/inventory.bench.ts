/**
 * Inventory benchmarks, data generated in memory from a seed and
 * excluded from the timing:
 * - safety stock + reorder point for 1,000,000 items (target < 200 ms), checked
 *   item by item against the plain formula with z from the scalar quantile;
 * - the Graves–Willems DP on a 500-stage random tree (target < 1 s), checked
 *   for feasibility of every constraint and against two feasible policies it
 *   must never cost more than.
 */
import { normalQuantile, safetyStockArrays, solveGuaranteedService, type GsmStage } from "../shared/src/inventory";
import { createRng } from "../shared/src/random";
import { median, timeRuns, type BenchResult } from "./writeResult";

const SEGMENT_SERVICE_LEVELS = [0.8, 0.9, 0.95, 0.975, 0.99];

export function generateItems(items: number, seed = 11) {
  const rng = createRng(seed);
  const cols = {
    demandMean: new Float64Array(items),
    demandSd: new Float64Array(items),
    leadTime: new Float64Array(items),
    serviceLevel: new Float64Array(items),
    leadTimeSd: new Float64Array(items),
    reviewPeriod: new Float64Array(items),
  };
  for (let i = 0; i < items; i++) {
    const mean = rng.lognormal(2, 1.2);
    cols.demandMean[i] = mean;
    cols.demandSd[i] = mean * (0.2 + rng.next());
    cols.leadTime[i] = rng.int(1, 12);
    cols.serviceLevel[i] = SEGMENT_SERVICE_LEVELS[rng.int(0, SEGMENT_SERVICE_LEVELS.length - 1)];
    cols.leadTimeSd[i] = i % 3 === 0 ? rng.next() * 2 : 0;
    cols.reviewPeriod[i] = i % 4 === 0 ? 1 : 0;
  }
  return cols;
}

export function runSafetyStock(items = 1_000_000): BenchResult {
  const cols = generateItems(items);
  let out: ReturnType<typeof safetyStockArrays> = { safetyStock: new Float64Array(), reorderPoint: new Float64Array() };
  const runs = timeRuns(() => {
    out = safetyStockArrays(cols);
  });
  let worst = 0;
  for (let i = 0; i < items; i++) {
    const z = normalQuantile(cols.serviceLevel[i]);
    const protect = cols.leadTime[i] + cols.reviewPeriod[i];
    const ss = z * Math.sqrt(protect * cols.demandSd[i] ** 2 + cols.demandMean[i] ** 2 * cols.leadTimeSd[i] ** 2);
    const rop = cols.demandMean[i] * protect + ss;
    worst = Math.max(worst, Math.abs(out.safetyStock[i] - ss) / (1 + Math.abs(ss)), Math.abs(out.reorderPoint[i] - rop) / (1 + Math.abs(rop)));
  }
  return {
    name: "safety-stock-rop-1m",
    size: { items },
    runs_ms: runs.map((r) => +r.toFixed(2)),
    median_ms: +median(runs).toFixed(2),
    target_ms: 200,
    check: { passed: worst < 1e-12, detail: `largest relative difference from the plain formula ${worst.toExponential(2)} over ${items} items` },
    notes: `service levels drawn from the segment targets ${SEGMENT_SERVICE_LEVELS.join(", ")}; a third of items with lead-time sd, a quarter with a review period`,
  };
}

export function generateTree(n: number, seed = 5) {
  const rng = createRng(seed);
  const arcs: Array<{ from: string; to: string }> = [];
  for (let k = 1; k < n; k++) {
    const other = rng.int(Math.max(0, k - 20), k - 1);
    // Mixed network: suppliers feeding assemblies and warehouses feeding customers.
    arcs.push(rng.bernoulli(0.5) ? { from: `s${other}`, to: `s${k}` } : { from: `s${k}`, to: `s${other}` });
  }
  const hasSuccessor = new Set(arcs.map((a) => a.from));
  const hasPredecessor = new Set(arcs.map((a) => a.to));
  const stages: GsmStage[] = Array.from({ length: n }, (_, k) => {
    const id = `s${k}`;
    return {
      id,
      processingTime: rng.int(1, 5),
      holdingCost: 0.1 + rng.next() * 5,
      demandSd: hasSuccessor.has(id) ? undefined : 1 + rng.next() * 20,
      maxOutboundServiceTime: hasSuccessor.has(id) ? undefined : rng.int(0, 3),
      inboundServiceTime: hasPredecessor.has(id) ? undefined : rng.int(0, 2),
    };
  });
  return { stages, arcs };
}

export function runGsm(n = 500): BenchResult {
  const { stages, arcs } = generateTree(n);
  let result = solveGuaranteedService({ stages, arcs, serviceLevel: 0.95 });
  const runs = timeRuns(
    () => {
      result = solveGuaranteedService({ stages, arcs, serviceLevel: 0.95 });
    },
    5,
    1,
  );
  const byId = new Map(result.stages.map((s) => [s.id, s]));
  const problems: string[] = [];
  for (const a of arcs) if (byId.get(a.to)!.inboundServiceTime < byId.get(a.from)!.serviceTime) problems.push(`SI(${a.to}) < S(${a.from})`);
  stages.forEach((s) => {
    const r = byId.get(String(s.id))!;
    if (r.netLeadTime < 0) problems.push(`negative net lead time at ${s.id}`);
    if (s.demandSd !== undefined && r.serviceTime > (s.maxOutboundServiceTime ?? 0)) problems.push(`S(${s.id}) above its maximum`);
  });
  // Two feasible policies the optimum may not exceed: every stage quoting 0 (stock everywhere), and
  // every internal stage quoting its full replenishment time (stock only at demand stages).
  const zero = feasibleCost(stages, arcs, result.safetyFactor, () => 0);
  const pull = feasibleCost(stages, arcs, result.safetyFactor, (_k, m, isDemand, sOut) => (isDemand ? Math.min(sOut, m) : m));
  const passed = problems.length === 0 && result.totalHoldingCost <= zero + 1e-9 && result.totalHoldingCost <= pull + 1e-9;
  return {
    name: "gsm-500-stage-tree",
    size: { stages: n },
    runs_ms: runs.map((r) => +r.toFixed(2)),
    median_ms: +median(runs).toFixed(2),
    target_ms: 1000,
    check: {
      passed,
      detail: `${problems.length} constraint violations${problems.length ? ` (${problems.slice(0, 3).join("; ")})` : ""}; optimum ${result.totalHoldingCost.toFixed(2)} vs all-zero ${zero.toFixed(2)} and stock-at-demand-only ${pull.toFixed(2)}`,
    },
  };
}

function feasibleCost(stages: GsmStage[], arcs: Array<{ from: string; to: string }>, z: number, quote: (k: number, m: number, isDemand: boolean, sOut: number) => number): number {
  const index = new Map(stages.map((s, k) => [String(s.id), k]));
  const preds = stages.map(() => [] as number[]);
  const succs = stages.map(() => [] as number[]);
  for (const a of arcs) {
    preds[index.get(a.to)!].push(index.get(a.from)!);
    succs[index.get(a.from)!].push(index.get(a.to)!);
  }
  const order: number[] = [];
  const indeg = preds.map((p) => p.length);
  stages.forEach((_, k) => indeg[k] === 0 && order.push(k));
  for (let t = 0; t < order.length; t++) for (const j of succs[order[t]]) if (--indeg[j] === 0) order.push(j);
  const variance = new Array<number>(stages.length).fill(0);
  for (let t = order.length - 1; t >= 0; t--) {
    const k = order[t];
    variance[k] = succs[k].length === 0 ? stages[k].demandSd! ** 2 : succs[k].reduce((s, j) => s + variance[j], 0);
  }
  const S = new Array<number>(stages.length).fill(0);
  let cost = 0;
  for (const k of order) {
    const si = preds[k].length ? Math.max(...preds[k].map((i) => S[i])) : (stages[k].inboundServiceTime ?? 0);
    const m = si + stages[k].processingTime;
    S[k] = quote(k, m, succs[k].length === 0, stages[k].maxOutboundServiceTime ?? 0);
    cost += stages[k].holdingCost * z * Math.sqrt(variance[k]) * Math.sqrt(m - S[k]);
  }
  return cost;
}

export const benchmarks = {
  "safety-stock-rop-1m": () => runSafetyStock(),
  "gsm-500-stage-tree": () => runGsm(),
};

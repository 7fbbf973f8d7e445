import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { normalQuantile } from "./normalQuantile";
import { nonNegativeSchema, positiveSchema, probabilitySchema } from "./schemas";
import { mustBe } from "../validation";

const integerTime = z.number(mustBe.number).finite().int(mustBe.wholeNumber).min(0, mustBe.atLeast(0));

export const gsmStageSchema = z.object({
  id: z.union([z.string().trim().min(1, "a stage id may not be blank"), z.number(mustBe.number).finite()]).transform(String),
  /** T: processing time, periods */
  processingTime: integerTime,
  /** h: holding cost per unit of safety stock per period */
  holdingCost: nonNegativeSchema,
  /** σ: demand sd per period, demand stages only (those without successors) */
  demandSd: nonNegativeSchema.optional(),
  /** s: the service time quoted to external customers, demand stages only (blank = 0) */
  maxOutboundServiceTime: integerTime.optional(),
  /** the service time of the external supplier, source stages only (blank = 0) */
  inboundServiceTime: integerTime.optional(),
});
export type GsmStage = z.input<typeof gsmStageSchema>;

export const gsmInputSchema = z.object({
  stages: z.array(gsmStageSchema).min(1, "at least one stage is needed"),
  arcs: z.array(z.object({ from: z.union([z.string(), z.number(mustBe.number)]).transform(String), to: z.union([z.string(), z.number(mustBe.number)]).transform(String) })),
  /** the service level whose z = Φ⁻¹ bounds demand at every stage */
  serviceLevel: probabilitySchema.optional(),
  /** or z directly (Snyder & Shen's examples use z = 1 and z = 4) */
  safetyFactor: positiveSchema.optional(),
});
export type GsmInput = z.input<typeof gsmInputSchema>;

export interface GsmStageResult {
  id: string;
  /** S: committed outbound service time */
  serviceTime: number;
  /** SI: inbound service time */
  inboundServiceTime: number;
  /** SI + T − S */
  netLeadTime: number;
  /** σ at the stage: √(Σ variances of the demand stages it serves) */
  demandSd: number;
  /** z·σ·√(net lead time) */
  safetyStock: number;
  /** h·safety stock */
  holdingCost: number;
}

export interface GsmResult {
  safetyFactor: number;
  /** in input order */
  stages: GsmStageResult[];
  totalHoldingCost: number;
}

/**
 * Optimal safety-stock placement on a tree network under guaranteed service
 * (Graves & Willems 2000, "Optimizing strategic safety stock placement in
 * supply chains", Manufacturing & Service Operations Management 2(1):68–83;
 * Snyder & Shen, *Fundamentals of Supply Chain Theory*, 2nd ed., ch. 6).
 *
 * Each stage j quotes a committed service time S_j and receives its inputs
 * after SI_j ≥ S_i for every supplier i (SI_j ≥ the external inbound service
 * time at sources); it holds safety stock z·σ_j·√(SI_j + T_j − S_j) against
 * demand over its net lead time. Demand stages (no successors) quote at most
 * their maximum outbound service time (blank = 0). The integer service times
 * minimising Σ h_j·z·σ_j·√(SI_j + T_j − S_j) are found by the exact dynamic
 * programme of Graves & Willems: label the tree so that each stage but the
 * last has exactly one neighbour with a higher label (peel leaves), then
 * compute f_k(S) (when the higher neighbour is downstream of k) or g_k(SI)
 * (when it is upstream) over every integer service time up to the longest
 * replenishment path M_k, and recover the optimum by walking the labels back.
 * Time O(Σ_k M_k²).
 *
 * @throws DomainError naming the stage or arc for a duplicate or unknown id, a
 *   negative or fractional time, a demand sd on a stage with successors or a
 *   missing one on a demand stage, a cycle, a disconnected network, or a
 *   service level outside (0, 1)
 * @example solveGuaranteedService({ stages: [{ id: "A", processingTime: 2, holdingCost: 1, demandSd: 1 }], arcs: [], safetyFactor: 2 }).totalHoldingCost // 2√2
 */
export function solveGuaranteedService(input: GsmInput): GsmResult {
  const v = parseWith(gsmInputSchema, input, "");
  if (v.serviceLevel === undefined && v.safetyFactor === undefined) throw new DomainError("serviceLevel", "required", "missing");
  const zValue = v.safetyFactor ?? normalQuantile(v.serviceLevel!);
  const net = buildTree(v.stages, v.arcs);
  return optimise(net, v.stages, zValue);
}

type ParsedStage = z.output<typeof gsmStageSchema>;

interface Tree {
  n: number;
  ids: string[];
  successors: number[][];
  predecessors: number[][];
  /** directed topological order, sources first */
  topo: number[];
}

function buildTree(stages: ParsedStage[], arcs: Array<{ from: string; to: string }>): Tree {
  const n = stages.length;
  const index = new Map<string, number>();
  stages.forEach((s, i) => {
    const first = index.get(s.id);
    if (first !== undefined) throw new DomainError(`stages[${i}].id`, `duplicate stage id "${s.id}" (also at stages[${first}])`);
    index.set(s.id, i);
  });
  const successors: number[][] = Array.from({ length: n }, () => []);
  const predecessors: number[][] = Array.from({ length: n }, () => []);
  // Union-find: an arc joining two stages already connected closes a cycle.
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  arcs.forEach((arc, a) => {
    const from = index.get(arc.from);
    const to = index.get(arc.to);
    if (from === undefined) throw new DomainError(`arcs[${a}].from`, `unknown stage id "${arc.from}"`, "missing");
    if (to === undefined) throw new DomainError(`arcs[${a}].to`, `unknown stage id "${arc.to}"`, "missing");
    if (from === to) throw new DomainError(`arcs[${a}]`, `stage "${arc.from}" cannot supply itself (a cycle)`);
    const rf = find(from);
    const rt = find(to);
    if (rf === rt) {
      throw new DomainError(`arcs[${a}]`, `the arc "${arc.from}" → "${arc.to}" closes a cycle: the network must be a tree`);
    }
    parent[rf] = rt;
    successors[from].push(to);
    predecessors[to].push(from);
  });
  const root = find(0);
  for (let i = 1; i < n; i++) {
    if (find(i) !== root) throw new DomainError(`stages[${i}]`, `stage "${stages[i].id}" is not connected to stage "${stages[0].id}": the network must be one tree`);
  }
  stages.forEach((s, i) => {
    const isDemand = successors[i].length === 0;
    if (!isDemand && s.demandSd !== undefined) {
      throw new DomainError(`stages[${i}].demandSd`, `stage "${s.id}" has successors, so its demand comes from them: leave its demand sd blank`);
    }
    if (isDemand && s.demandSd === undefined) throw new DomainError(`stages[${i}].demandSd`, `demand stage "${s.id}" needs a demand sd`, "missing");
    if (!isDemand && s.maxOutboundServiceTime !== undefined) {
      throw new DomainError(`stages[${i}].maxOutboundServiceTime`, `stage "${s.id}" is not a demand stage: leave its maximum outbound service time blank`);
    }
    if (predecessors[i].length > 0 && s.inboundServiceTime !== undefined) {
      throw new DomainError(`stages[${i}].inboundServiceTime`, `stage "${s.id}" has suppliers in the network: leave its inbound service time blank`);
    }
  });
  // A tree is acyclic as an undirected graph, so Kahn's order always completes.
  const indegree = predecessors.map((p) => p.length);
  const topo: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) topo.push(i);
  for (let t = 0; t < topo.length; t++) for (const j of successors[topo[t]]) if (--indegree[j] === 0) topo.push(j);
  return { n, ids: stages.map((s) => s.id), successors, predecessors, topo };
}

function optimise(tree: Tree, stages: ParsedStage[], z: number): GsmResult {
  const { n, successors, predecessors, topo } = tree;
  const T = stages.map((s) => s.processingTime);
  const h = stages.map((s) => s.holdingCost);
  // σ² of a stage = Σ σ² of the demand stages below it: sum over successors, sinks first.
  const variance = new Float64Array(n);
  for (let t = n - 1; t >= 0; t--) {
    const k = topo[t];
    if (successors[k].length === 0) variance[k] = stages[k].demandSd! ** 2;
    else for (const j of successors[k]) variance[k] += variance[j];
  }
  const sigma = Array.from(variance, Math.sqrt);
  // M_k: the longest replenishment time into k, T_k + max(inbound service, M of suppliers).
  const siMin = stages.map((s, k) => (predecessors[k].length === 0 ? (s.inboundServiceTime ?? 0) : 0));
  const M = new Array<number>(n).fill(0);
  for (const k of topo) {
    let upstream = siMin[k];
    for (const i of predecessors[k]) upstream = Math.max(upstream, M[i]);
    M[k] = upstream + T[k];
  }
  const siMax = M.map((m, k) => m - T[k]);
  const sMax = stages.map((s, k) => (successors[k].length === 0 ? Math.min(s.maxOutboundServiceTime ?? 0, M[k]) : M[k]));
  const stageCost = (k: number, nlt: number) => h[k] * z * sigma[k] * Math.sqrt(nlt);

  // Labelling: peel leaves of the undirected tree; each peeled stage's one
  // remaining neighbour is its "parent" (the higher label).
  const degree = Array.from({ length: n }, (_, k) => successors[k].length + predecessors[k].length);
  const removed = new Uint8Array(n);
  const order: number[] = [];
  const queue: number[] = [];
  for (let k = 0; k < n; k++) if (degree[k] <= 1) queue.push(k);
  const parentOf = new Int32Array(n).fill(-1);
  for (let q = 0; q < queue.length && order.length < n - 1; q++) {
    const k = queue[q];
    if (removed[k]) continue;
    removed[k] = 1;
    order.push(k);
    for (const j of [...successors[k], ...predecessors[k]]) {
      if (removed[j]) continue;
      parentOf[k] = j;
      if (--degree[j] === 1) queue.push(j);
    }
  }
  let rootStage = 0;
  while (rootStage < n && removed[rootStage]) rootStage++;
  order.push(rootStage);

  // Per stage, the table the parent needs, with prefix/suffix minima for "S_i ≤ SI" and "SI_j ≥ S".
  // upstreamBest[i][x] = min over S_i ≤ x of f_i(S_i) (i supplies its parent), argmin in upstreamArg.
  // downstreamBest[j][y] = min over SI_j ≥ y of g_j(SI_j) (j is supplied by its parent), argmin in downstreamArg.
  const upstreamBest: Float64Array[] = new Array(n);
  const upstreamArg: Int32Array[] = new Array(n);
  const downstreamBest: Float64Array[] = new Array(n);
  const downstreamArg: Int32Array[] = new Array(n);
  // The other variable at the optimum: for f_k(S), the best SI; for g_k(SI), the best S.
  const companion: Int32Array[] = new Array(n);
  const children: number[][] = Array.from({ length: n }, () => []);
  for (const k of order) if (parentOf[k] >= 0) children[parentOf[k]].push(k);

  const isSupplierOf = (i: number, k: number) => successors[i].includes(k);

  let bestTotal = Infinity;
  let rootS = 0;
  let rootSI = 0;
  for (const k of order) {
    const parent = parentOf[k];
    const sHi = sMax[k];
    const siLo = siMin[k];
    const siHi = siMax[k];
    const supplierCost = new Float64Array(siHi + 1);
    const customerCost = new Float64Array(sHi + 1);
    // Already-solved neighbours: a supplier i needs S_i ≤ SI_k, a customer j needs SI_j ≥ S_k.
    for (const c of children[k]) {
      if (isSupplierOf(c, k)) {
        const table = upstreamBest[c];
        for (let si = siLo; si <= siHi; si++) supplierCost[si] += table[Math.min(si, table.length - 1)];
      } else {
        const table = downstreamBest[c];
        for (let s = 0; s <= sHi; s++) customerCost[s] += s < table.length ? table[s] : Infinity;
      }
    }
    if (parent < 0) {
      for (let s = 0; s <= sHi; s++) {
        if (customerCost[s] === Infinity) continue;
        for (let si = Math.max(siLo, s - T[k]); si <= siHi; si++) {
          const c = stageCost(k, si + T[k] - s) + supplierCost[si] + customerCost[s];
          if (c < bestTotal) {
            bestTotal = c;
            rootS = s;
            rootSI = si;
          }
        }
      }
    } else if (isSupplierOf(k, parent)) {
      // f_k(S) = min over SI of c_k(S, SI), for every S the parent might need.
      const f = new Float64Array(sHi + 1).fill(Infinity);
      const arg = new Int32Array(sHi + 1).fill(-1);
      for (let s = 0; s <= sHi; s++) {
        if (customerCost[s] === Infinity) continue;
        for (let si = Math.max(siLo, s - T[k]); si <= siHi; si++) {
          const c = stageCost(k, si + T[k] - s) + supplierCost[si] + customerCost[s];
          if (c < f[s]) {
            f[s] = c;
            arg[s] = si;
          }
        }
      }
      companion[k] = arg;
      const best = new Float64Array(sHi + 1);
      const bestArg = new Int32Array(sHi + 1);
      for (let s = 0; s <= sHi; s++) {
        const keep = s > 0 && best[s - 1] <= f[s];
        best[s] = keep ? best[s - 1] : f[s];
        bestArg[s] = keep ? bestArg[s - 1] : s;
      }
      upstreamBest[k] = best;
      upstreamArg[k] = bestArg;
    } else {
      // g_k(SI) = min over S of c_k(S, SI), for every SI the parent's S might force.
      const g = new Float64Array(siHi + 1).fill(Infinity);
      const arg = new Int32Array(siHi + 1).fill(-1);
      for (let si = siLo; si <= siHi; si++) {
        for (let s = 0; s <= Math.min(sHi, si + T[k]); s++) {
          if (customerCost[s] === Infinity) continue;
          const c = stageCost(k, si + T[k] - s) + supplierCost[si] + customerCost[s];
          if (c < g[si]) {
            g[si] = c;
            arg[si] = s;
          }
        }
      }
      companion[k] = arg;
      const best = new Float64Array(siHi + 1);
      const bestArg = new Int32Array(siHi + 1);
      for (let si = siHi; si >= 0; si--) {
        const keep = si < siHi && best[si + 1] < g[si];
        best[si] = keep ? best[si + 1] : g[si];
        bestArg[si] = keep ? bestArg[si + 1] : si;
      }
      downstreamBest[k] = best;
      downstreamArg[k] = bestArg;
    }
  }

  // Walk back from the root: each child takes its best value under its parent's choice.
  const S = new Int32Array(n);
  const SI = new Int32Array(n);
  S[rootStage] = rootS;
  SI[rootStage] = rootSI;
  for (let t = order.length - 2; t >= 0; t--) {
    const k = order[t];
    const p = parentOf[k];
    if (isSupplierOf(k, p)) {
      const table = upstreamArg[k];
      S[k] = table[Math.min(SI[p], table.length - 1)];
      SI[k] = companion[k][S[k]];
    } else {
      SI[k] = downstreamArg[k][S[p]];
      S[k] = companion[k][SI[k]];
    }
  }

  let total = 0;
  const results: GsmStageResult[] = stages.map((stage, k) => {
    const nlt = SI[k] + T[k] - S[k];
    const safety = z * sigma[k] * Math.sqrt(nlt);
    const cost = h[k] * safety;
    total += cost;
    return { id: stage.id, serviceTime: S[k], inboundServiceTime: SI[k], netLeadTime: nlt, demandSd: sigma[k], safetyStock: safety, holdingCost: cost };
  });
  return { safetyFactor: z, stages: results, totalHoldingCost: total };
}

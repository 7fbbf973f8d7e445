import { DomainError } from "../errors";
import type { MipModel } from "../optimisation/solveMip";
import { serveCost, type NetworkInstance } from "./networkInstance";

export interface NetworkDesignModel {
  model: MipModel;
  /** column of DC j's open/close variable yⱼ is j; arc k's assignment variable xₖ is m + k */
  arcCustomer: Int32Array;
  arcDc: Int32Array;
  arcCost: Float64Array;
  /** customer × DC pairs dropped because the distance breaks the segment's limit */
  prunedArcs: number;
}

/**
 * The uncapacitated facility-location MILP of network design, in its strong
 * formulation, with each segment's delivery limit applied by leaving out the
 * assignments that break it:
 *
 *   min Σⱼ fⱼ yⱼ + Σ_(i,j)∈A cᵢⱼ xᵢⱼ
 *   s.t. Σ_(j:(i,j)∈A) xᵢⱼ = 1           for every customer i     (served once)
 *        xᵢⱼ − yⱼ ≤ 0                    for every (i, j) ∈ A       (only from an open DC)
 *        yⱼ ∈ {0, 1} (= 1 when the DC must stay open),  0 ≤ xᵢⱼ ≤ 1,
 *
 * with A = {(i, j) : dᵢⱼ ≤ limit of i's segment}, fⱼ the fixed cost and
 * cᵢⱼ = demandᵢ × (rate × dᵢⱼ + handlingⱼ). Pruning is exact: an arc outside
 * A may never carry flow, so dropping its variable changes nothing but size.
 * Uncapacitated: a DC can serve any demand, so for fixed y the best x sends
 * each customer whole to its cheapest open DC in reach and x need not be
 * binary (single sourcing holds at an optimum). The disaggregated linking
 * rows xᵢⱼ ≤ yⱼ, rather than Σᵢ xᵢⱼ ≤ n yⱼ, give the tight LP relaxation
 * that lets branch-and-bound close quickly (Cornuéjols, Nemhauser & Wolsey,
 * "The uncapacitated facility location problem", in Mirchandani & Francis
 * (eds.), *Discrete Location Theory*, Wiley 1990, ch. 3; Daskin, *Network and
 * Discrete Location*, 2nd ed., Wiley 2013, §6.3).
 *
 * Options: capacitated adds Σᵢ demandᵢ xᵢⱼ ≤ capⱼ yⱼ for each DC with a
 * capacity (then x may split a customer between DCs unless singleSourcing
 * makes x binary); maxDcs adds Σⱼ yⱼ ≤ K (Daskin 2013, §6.4 on the
 * capacitated and p-median variants).
 *
 * Pure: builds arrays only, so the model can be checked entry by entry.
 *
 * @throws DomainError naming `customers[i]` when no candidate DC is within its segment's limit (the design would be infeasible)
 */
export function networkDesignModel(instance: NetworkInstance): NetworkDesignModel {
  const n = instance.customerIds.length;
  const m = instance.dcIds.length;
  const { distance, limits, segmentOf } = instance;
  let arcs = 0;
  for (let i = 0; i < n; i++) {
    const limit = limits[segmentOf[i]];
    let reach = 0;
    let nearest = Infinity;
    for (let j = 0; j < m; j++) {
      const d = distance[i * m + j];
      if (d <= limit) reach++;
      if (d < nearest) nearest = d;
    }
    if (reach === 0) {
      throw new DomainError(
        `customers[${i}]`,
        `no candidate DC is within ${limit} of customer "${instance.customerIds[i]}" (segment "${instance.segments[segmentOf[i]]}"); the nearest is ${nearest} away`,
        "out_of_range",
      );
    }
    arcs += reach;
  }
  const arcCustomer = new Int32Array(arcs);
  const arcDc = new Int32Array(arcs);
  const arcCost = new Float64Array(arcs);
  const capacitatedDcs: number[] = [];
  for (let j = 0; j < m; j++) if (Number.isFinite(instance.capacity[j])) capacitatedDcs.push(j);
  const limitDcs = instance.options.maxDcs !== undefined && instance.options.maxDcs < m;
  const singleSourcing = capacitatedDcs.length > 0 && instance.options.singleSourcing;
  const numCols = m + arcs;
  const numRows = n + arcs + capacitatedDcs.length + (limitDcs ? 1 : 0);
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(1);
  const integer = new Int32Array(numCols);
  for (let j = 0; j < m; j++) {
    colCost[j] = instance.fixedCost[j];
    colLower[j] = instance.mustOpen[j];
    integer[j] = 1;
  }
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  const starts = new Int32Array(numRows + 1);
  // Each arc appears in its assignment row, its linking row and at most one capacity row; the DC count row holds the m y's.
  const nonZeros = 3 * arcs + capacitatedDcs.length + arcs + (limitDcs ? m : 0);
  const indices = new Int32Array(nonZeros);
  const values = new Float64Array(nonZeros);
  let k = 0;
  let p = 0;
  // Rows 0 … n−1: assignment; arcs are numbered customer by customer, so each row is one contiguous run.
  for (let i = 0; i < n; i++) {
    starts[i] = p;
    rowLower[i] = 1;
    rowUpper[i] = 1;
    const limit = limits[segmentOf[i]];
    for (let j = 0; j < m; j++) {
      if (distance[i * m + j] > limit) continue;
      arcCustomer[k] = i;
      arcDc[k] = j;
      arcCost[k] = serveCost(instance, i, j);
      colCost[m + k] = arcCost[k];
      if (singleSourcing) integer[m + k] = 1;
      indices[p] = m + k;
      values[p++] = 1;
      k++;
    }
  }
  // Rows n … n+|A|−1: linking, −yⱼ + xₖ ≤ 0.
  for (let a = 0; a < arcs; a++) {
    const r = n + a;
    starts[r] = p;
    rowLower[r] = -Infinity;
    rowUpper[r] = 0;
    indices[p] = arcDc[a];
    values[p++] = -1;
    indices[p] = m + a;
    values[p++] = 1;
  }
  // Capacity rows, one per DC with a capacity: −capⱼ yⱼ + Σᵢ demandᵢ xᵢⱼ ≤ 0. The linking rows stay: they keep the relaxation tight.
  let r = n + arcs;
  for (const j of capacitatedDcs) {
    starts[r] = p;
    rowLower[r] = -Infinity;
    rowUpper[r] = 0;
    indices[p] = j;
    values[p++] = -instance.capacity[j];
    for (let a = 0; a < arcs; a++) {
      if (arcDc[a] !== j) continue;
      indices[p] = m + a;
      values[p++] = instance.demand[arcCustomer[a]];
    }
    r++;
  }
  if (limitDcs) {
    starts[r] = p;
    rowLower[r] = -Infinity;
    rowUpper[r] = instance.options.maxDcs!;
    for (let j = 0; j < m; j++) {
      indices[p] = j;
      values[p++] = 1;
    }
    r++;
  }
  starts[numRows] = p;
  return {
    model: { numCols, numRows, colCost, colLower, colUpper, rowLower, rowUpper, starts, indices: indices.subarray(0, p), values: values.subarray(0, p), integer },
    arcCustomer,
    arcDc,
    arcCost,
    prunedArcs: n * m - arcs,
  };
}

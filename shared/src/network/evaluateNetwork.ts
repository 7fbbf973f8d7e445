import { DomainError } from "../errors";
import { serveCost, type NetworkInstance } from "./networkInstance";

export interface NetworkAssignment {
  customer: string;
  segment: string;
  dc: string;
  distance: number;
  transportCost: number;
  handlingCost: number;
  /** the distance meets the segment's limit */
  withinLimit: boolean;
}

export interface SegmentService {
  segment: string;
  customers: number;
  demand: number;
  /** the segment's limit; null when it has none */
  maxDistanceAllowed: number | null;
  /** customers served within the limit */
  withinLimit: number;
  /** withinLimit / customers */
  serviceLevel: number;
  /** share of the segment's demand served within the limit (null without demand) */
  demandServiceLevel: number | null;
  /** demand-weighted mean distance (plain mean when the segment has no demand) */
  meanDistance: number;
  longestDistance: number;
  transportCost: number;
  handlingCost: number;
  /** each open DC's fixed cost shared by the demand it serves */
  fixedCostShare: number;
  /** transport + handling + fixed-cost share */
  totalCost: number;
}

export interface NetworkReport {
  open: string[];
  fixedCost: number;
  transportCost: number;
  handlingCost: number;
  totalCost: number;
  /** fixed cost of open DCs that serve no demand, which no segment carries */
  unallocatedFixedCost: number;
  /** in customer order */
  assignments: NetworkAssignment[];
  /** in the order of the segments table */
  segments: SegmentService[];
  dcs: Array<{ dc: string; open: boolean; customers: number; demand: number; fixedCost: number }>;
}

/**
 * Cost and service of a given network: each customer is served by its
 * cheapest open DC within its segment's limit, or, when no open DC is in
 * reach (today's network may break a limit), by its cheapest open DC overall
 * and counted as a service failure. For the chosen design this is exactly
 * the optimal assignment of the facility-location model for those open DCs
 * (with y fixed the problem separates by customer). Ties go to the shorter
 * distance, then to the DC listed first.
 *
 * Per segment: customers and demand within the limit, mean and longest
 * distance, and cost, where each DC's fixed cost is shared in proportion to
 * the demand it serves (the volume-based allocation of a facility cost;
 * Horngren, Datar & Rajan, *Cost Accounting*, ch. "Cost allocation").
 *
 * @param open one flag per DC
 * @throws DomainError (`open`) when no DC is open
 */
export function evaluateNetwork(instance: NetworkInstance, open: ArrayLike<boolean | number>): NetworkReport {
  const n = instance.customerIds.length;
  const m = instance.dcIds.length;
  const openIdx: number[] = [];
  for (let j = 0; j < m; j++) if (open[j]) openIdx.push(j);
  if (openIdx.length === 0) throw new DomainError("open", "no DC is open: every customer needs one to be served from", "missing");
  const { distance, limits, segmentOf, rate } = instance;
  const assignedDc = new Int32Array(n);
  const within = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const limit = limits[segmentOf[i]];
    let best = -1;
    let bestReach = false;
    let bestCost = Infinity;
    let bestDistance = Infinity;
    for (const j of openIdx) {
      const d = distance[i * m + j];
      const reach = d <= limit;
      const c = serveCost(instance, i, j);
      if ((reach && !bestReach) || (reach === bestReach && (c < bestCost || (c === bestCost && d < bestDistance)))) {
        best = j;
        bestReach = reach;
        bestCost = c;
        bestDistance = d;
      }
    }
    assignedDc[i] = best;
    within[i] = bestReach ? 1 : 0;
  }

  const dcDemand = new Float64Array(m);
  const dcCustomers = new Uint32Array(m);
  for (let i = 0; i < n; i++) {
    dcDemand[assignedDc[i]] += instance.demand[i];
    dcCustomers[assignedDc[i]]++;
  }
  const assignments: NetworkAssignment[] = new Array(n);
  const segs = instance.segments.map((segment, s) => ({
    segment,
    customers: 0,
    demand: 0,
    maxDistanceAllowed: Number.isFinite(limits[s]) ? limits[s] : null,
    withinLimit: 0,
    demandWithin: 0,
    distanceSum: 0,
    weightedDistance: 0,
    longestDistance: 0,
    transportCost: 0,
    handlingCost: 0,
    fixedCostShare: 0,
  }));
  let transportCost = 0;
  let handlingCost = 0;
  for (let i = 0; i < n; i++) {
    const j = assignedDc[i];
    const d = distance[i * m + j];
    const t = instance.demand[i] * rate * d;
    const h = instance.demand[i] * instance.handlingCost[j];
    transportCost += t;
    handlingCost += h;
    const s = segs[segmentOf[i]];
    s.customers++;
    s.demand += instance.demand[i];
    if (within[i]) {
      s.withinLimit++;
      s.demandWithin += instance.demand[i];
    }
    s.distanceSum += d;
    s.weightedDistance += instance.demand[i] * d;
    s.longestDistance = Math.max(s.longestDistance, d);
    s.transportCost += t;
    s.handlingCost += h;
    if (dcDemand[j] > 0) s.fixedCostShare += (instance.fixedCost[j] * instance.demand[i]) / dcDemand[j];
    assignments[i] = {
      customer: instance.customerIds[i],
      segment: instance.segments[segmentOf[i]],
      dc: instance.dcIds[j],
      distance: d,
      transportCost: t,
      handlingCost: h,
      withinLimit: within[i] === 1,
    };
  }
  let fixedCost = 0;
  let unallocatedFixedCost = 0;
  for (const j of openIdx) {
    fixedCost += instance.fixedCost[j];
    if (!(dcDemand[j] > 0)) unallocatedFixedCost += instance.fixedCost[j];
  }
  return {
    open: openIdx.map((j) => instance.dcIds[j]),
    fixedCost,
    transportCost,
    handlingCost,
    totalCost: fixedCost + transportCost + handlingCost,
    unallocatedFixedCost,
    assignments,
    segments: segs.map((s) => ({
      segment: s.segment,
      customers: s.customers,
      demand: s.demand,
      maxDistanceAllowed: s.maxDistanceAllowed,
      withinLimit: s.withinLimit,
      serviceLevel: s.customers > 0 ? s.withinLimit / s.customers : 1,
      demandServiceLevel: s.demand > 0 ? s.demandWithin / s.demand : null,
      meanDistance: s.customers === 0 ? 0 : s.demand > 0 ? s.weightedDistance / s.demand : s.distanceSum / s.customers,
      longestDistance: s.longestDistance,
      transportCost: s.transportCost,
      handlingCost: s.handlingCost,
      fixedCostShare: s.fixedCostShare,
      totalCost: s.transportCost + s.handlingCost + s.fixedCostShare,
    })),
    dcs: instance.dcIds.map((dc, j) => ({ dc, open: Boolean(open[j]), customers: dcCustomers[j], demand: dcDemand[j], fixedCost: open[j] ? instance.fixedCost[j] : 0 })),
  };
}

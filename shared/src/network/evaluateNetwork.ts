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
  /** share of the customer's demand on this DC: 1 unless a capacitated design splits the customer */
  share: number;
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
  dcs: Array<{ dc: string; open: boolean; customers: number; demand: number; fixedCost: number; capacity: number | null; overCapacity: boolean }>;
}

/** A customer's demand split over DCs: [DC index, share] pairs whose shares sum to 1. */
export type CustomerFlows = ReadonlyArray<ReadonlyArray<readonly [number, number]>>;

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
 * With `flows` (a capacitated design's solution) the customers are served
 * as the flows say instead, and capacities are reported as met or not.
 *
 * @param open one flag per DC
 * @param flows per customer, the DCs and shares that serve it
 * @throws DomainError (`open`) when no DC is open
 */
export function evaluateNetwork(instance: NetworkInstance, open: ArrayLike<boolean | number>, flows?: CustomerFlows): NetworkReport {
  const n = instance.customerIds.length;
  const m = instance.dcIds.length;
  const openIdx: number[] = [];
  for (let j = 0; j < m; j++) if (open[j]) openIdx.push(j);
  if (openIdx.length === 0) throw new DomainError("open", "no DC is open: every customer needs one to be served from", "missing");
  const { distance, limits, segmentOf } = instance;
  const served: CustomerFlows = flows ?? Array.from({ length: n }, (_, i) => [[cheapestOpen(instance, i, openIdx), 1] as const]);
  const dcDemand = new Float64Array(m);
  const dcCustomers = new Uint32Array(m);
  for (let i = 0; i < n; i++) {
    for (const [j, share] of served[i]) {
      dcDemand[j] += share * instance.demand[i];
      dcCustomers[j]++;
    }
  }
  const assignments: NetworkAssignment[] = [];
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
    const s = segs[segmentOf[i]];
    const limit = limits[segmentOf[i]];
    s.customers++;
    s.demand += instance.demand[i];
    let allWithin = true;
    for (const [j, share] of served[i]) {
      const units = share * instance.demand[i];
      const d = distance[i * m + j];
      const t = units * instance.dcRate[j] * d;
      const h = units * instance.handlingCost[j];
      const within = d <= limit;
      allWithin &&= within;
      transportCost += t;
      handlingCost += h;
      if (within) s.demandWithin += units;
      s.distanceSum += share * d;
      s.weightedDistance += units * d;
      s.longestDistance = Math.max(s.longestDistance, d);
      s.transportCost += t;
      s.handlingCost += h;
      if (dcDemand[j] > 0) s.fixedCostShare += (instance.fixedCost[j] * units) / dcDemand[j];
      assignments.push({
        customer: instance.customerIds[i],
        segment: instance.segments[segmentOf[i]],
        dc: instance.dcIds[j],
        distance: d,
        transportCost: t,
        handlingCost: h,
        withinLimit: within,
        share,
      });
    }
    if (allWithin) s.withinLimit++;
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
    dcs: instance.dcIds.map((dc, j) => ({
      dc,
      open: Boolean(open[j]),
      customers: dcCustomers[j],
      demand: dcDemand[j],
      fixedCost: open[j] ? instance.fixedCost[j] : 0,
      capacity: Number.isFinite(instance.capacity[j]) ? instance.capacity[j] : null,
      // A relative tolerance: the solver's flows meet a capacity only to its feasibility tolerance.
      overCapacity: dcDemand[j] > instance.capacity[j] * (1 + 1e-6),
    })),
  };
}

/**
 * The cheapest open DC within the customer's limit, else the cheapest open
 * DC overall (a service failure); ties go to the shorter distance, then to
 * the DC listed first.
 */
function cheapestOpen(instance: NetworkInstance, i: number, openIdx: readonly number[]): number {
  const m = instance.dcIds.length;
  const limit = instance.limits[instance.segmentOf[i]];
  let best = -1;
  let bestReach = false;
  let bestCost = Infinity;
  let bestDistance = Infinity;
  for (const j of openIdx) {
    const d = instance.distance[i * m + j];
    const reach = d <= limit;
    const c = serveCost(instance, i, j);
    if ((reach && !bestReach) || (reach === bestReach && (c < bestCost || (c === bestCost && d < bestDistance)))) {
      best = j;
      bestReach = reach;
      bestCost = c;
      bestDistance = d;
    }
  }
  return best;
}

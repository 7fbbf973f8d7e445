import { DomainError } from "../errors";
import { solveMip, type MipModel, type MipOptions, type MipSolution, type MipStatus } from "../optimisation/solveMip";
import { evaluateNetwork, type CustomerFlows, type NetworkReport } from "./evaluateNetwork";
import { networkDesignModel } from "./networkDesignModel";
import { toNetworkInstance, type CandidateDc, type NetworkCustomer, type NetworkOptions, type SegmentReach } from "./networkInstance";

export interface NetworkDesign {
  /** the network the solver chose */
  chosen: NetworkReport;
  /** today's network (the DCs flagged `current`), evaluated the same way; null when none is flagged */
  current: NetworkReport | null;
  /** current total cost − chosen total cost; null without a current network */
  saving: number | null;
  solver: {
    status: MipStatus;
    /** objective of the solver's solution (equals chosen.totalCost up to rounding) */
    objective: number;
    /** proven lower bound on the cost of any network that meets the limits */
    bound: number;
    /** relative gap HiGHS reports; ≤ the requested mipRelGap when status is "optimal" */
    gap: number;
    nodes: number;
    seconds: number;
    /** assignment variables after pruning */
    arcs: number;
    prunedArcs: number;
  };
}

/** The design's phases, in order, for a caller that reports progress or stops between them. */
export const DESIGN_PHASES = ["building the model", "solving", "evaluating"] as const;

export interface DesignHooks {
  /** awaited before each phase; a rejection (a cancelled job) stops the design there */
  phase?: (label: (typeof DESIGN_PHASES)[number], index: number) => Promise<void>;
  /** solves the MIP; {@link solveMip} on this thread unless a caller runs it elsewhere (a service's worker pool) */
  solve?: (model: MipModel, options: MipOptions) => Promise<MipSolution>;
}

/**
 * Network design: which candidate DCs to open and which customers each
 * serves, minimising fixed + transport + handling cost while every
 * customer is within its segment's maximum delivery distance (or time) —
 * the uncapacitated facility-location MILP of {@link networkDesignModel},
 * solved by HiGHS — and the cost and service per segment of the chosen
 * network beside today's ({@link evaluateNetwork}).
 *
 * @param distances customers × DCs distances (or travel times) in the unit of the segments' limits
 * @throws DomainError naming the bad input (see {@link toNetworkInstance}), a customer out of reach of every candidate, or the solver's status when it found no network in time
 * @example
 * // DCs at km 0, 10, 20; customers at 0, 5, 15, 20; segment A within 3 km:
 * // (await designNetwork(customers, dcs, [{ segment: "A", maxDistance: 3 }, { segment: "B" }], distances, { transportCostPerUnitDistance: 1 })).chosen.open // ["D1", "D3"]
 */
export async function designNetwork(
  customers: ReadonlyArray<NetworkCustomer>,
  dcs: ReadonlyArray<CandidateDc>,
  segments: ReadonlyArray<SegmentReach>,
  distances: ReadonlyArray<ReadonlyArray<unknown>>,
  options: NetworkOptions,
  hooks: DesignHooks = {},
): Promise<NetworkDesign> {
  const instance = toNetworkInstance(customers, dcs, segments, distances, options);
  await hooks.phase?.(DESIGN_PHASES[0], 0);
  const built = networkDesignModel(instance);
  const m = instance.dcIds.length;
  await hooks.phase?.(DESIGN_PHASES[1], 1);
  const solution = await (hooks.solve ?? solveMip)(built.model, { mipRelGap: instance.options.mipRelGap, timeLimitSeconds: instance.options.timeLimitSeconds });
  if (solution.values.length === 0) {
    const why = solution.status === "infeasible" ? "no network meets the limits, capacities and DC count together" : "raise timeLimitSeconds or check the limits";
    throw new DomainError("dcs", `the solver found no network (${solution.statusText}): ${why}`, "invalid");
  }
  await hooks.phase?.(DESIGN_PHASES[2], 2);
  const open = Array.from({ length: m }, (_, j) => solution.values[j] > 0.5);
  // With capacities the cheapest open DC may be full: report the solver's own flows. Without, they coincide with the cheapest open DC.
  const chosen = instance.capacity.some(Number.isFinite) ? evaluateNetwork(instance, open, flowsOf(built, solution.values, instance.customerIds.length)) : evaluateNetwork(instance, open);
  // Today's network is evaluated cheapest-DC-first whatever its capacities; its DC rows flag any capacity it would break.
  const hasCurrent = instance.current.some((v) => v === 1);
  const current = hasCurrent ? evaluateNetwork(instance, instance.current) : null;
  return {
    chosen,
    current,
    saving: current ? current.totalCost - chosen.totalCost : null,
    solver: {
      status: solution.status,
      objective: solution.objective,
      bound: solution.dualBound,
      gap: solution.gap,
      nodes: solution.nodes,
      seconds: solution.seconds,
      arcs: built.arcCost.length,
      prunedArcs: built.prunedArcs,
    },
  };
}

/** The solver's assignment per customer; shares below 1e-6 are solver noise and dropped, the rest renormalised to sum to 1. */
function flowsOf(built: ReturnType<typeof networkDesignModel>, values: Float64Array, n: number): CustomerFlows {
  const m = values.length - built.arcCost.length;
  const flows: Array<Array<readonly [number, number]>> = Array.from({ length: n }, () => []);
  for (let a = 0; a < built.arcCost.length; a++) {
    const x = values[m + a];
    if (x > 1e-6) flows[built.arcCustomer[a]].push([built.arcDc[a], x]);
  }
  return flows.map((f) => {
    const total = f.reduce((sum, [, x]) => sum + x, 0);
    return f.map(([j, x]) => [j, x / total] as const);
  });
}

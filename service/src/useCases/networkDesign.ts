import type { DesignNetworkRequest, NetworkDesignResult, NetworkVariant } from "../../../shared/src/api";
import { placeByRegion } from "../../../shared/src/demo";
import { DESIGN_PHASES, designNetwork, distanceMatrix, type NetworkReport } from "../../../shared/src/network";
import { unprocessable } from "../appError";
import type { Actor } from "../auth/actor";
import type { JobContext } from "../jobs/jobQueue";
import { segmentsOf } from "../store/assignments";
import { customerUnits } from "../store/customerDemand";
import { listDcCandidates } from "../store/dcCandidates";
import { entityAttributes } from "../store/entities";
import { currentVersion } from "../store/versions";
import { runTask } from "../workers/tasks";
import type { MipModel, MipOptions, MipSolution } from "../../../shared/src/optimisation/solveMip";
import type { ServiceContext } from "./context";

/** Customers without a segment are designed as one group under this name. */
export const UNSEGMENTED = "(no segment)";
const WEEKS_PER_YEAR = 52;
/** Steps a design reports: loading, then the design's phases. */
const STEPS = 1 + DESIGN_PHASES.length;

type Progress = Pick<JobContext, "progress">;

/** Seconds past the solver's own time limit before the pool stops a solve that ignored it. */
const SOLVE_GRACE_SECONDS = 30;

/**
 * The MIP on a worker of the task pool: HiGHS (WebAssembly) never yields,
 * and a solve of seconds to minutes on the request thread would stall every
 * other request, a progress read or a cancel of this very design included.
 * Its budget is the solver's time limit plus a grace, not the compute budget.
 */
function solveOffThread(ctx: ServiceContext): (model: MipModel, options: MipOptions) => Promise<MipSolution> {
  return (model, options) => {
    const task = { kind: "solve-mip" as const, model, options };
    if (!ctx.pool) return runTask(task);
    const seconds = options.timeLimitSeconds !== undefined && Number.isFinite(options.timeLimitSeconds) ? options.timeLimitSeconds + SOLVE_GRACE_SECONDS : undefined;
    return ctx.pool.run(task, seconds === undefined ? {} : { budgetMs: seconds * 1000 });
  };
}

/**
 * SQLite reads and the model building run on this thread without yielding,
 * so without a turn of the event loop between phases a progress read or a
 * cancel would wait for them. The HiGHS solve, the long part, runs on the
 * task pool ({@link solveOffThread}).
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Network design over the stored data: customers (coordinates, or a point
 * near their region), their segment in the current customer version, their
 * units in the order history scaled to a year, and the stored candidate DCs.
 * Distances are great-circle km times the circuity. Progress is reported
 * before loading and before each phase of the design, so a cancelled job
 * stops at the next phase; nothing is written, so stopping anywhere is safe.
 *
 * @param maxPairs refuse (422) more customer × DC pairs than this: the synchronous route's bound
 */
export async function runNetworkDesign(ctx: ServiceContext, actor: Actor, body: DesignNetworkRequest, job?: Progress, maxPairs = Infinity): Promise<NetworkDesignResult> {
  void actor;
  await yieldToEventLoop();
  await job?.progress(0, STEPS, "loading customers, demand and candidate DCs");
  const stored = await listDcCandidates(ctx.db);
  if (stored.length === 0) throw unprocessable("dcs: no candidate DCs are stored; import dc_candidates first", [{ field: "dcs", message: "no candidate DCs stored" }]);
  let dcs = stored;
  if (body.candidates) {
    const byId = new Map(stored.map((d) => [d.id, d]));
    const unknown = body.candidates.map((id, i) => ({ id, i })).filter(({ id }) => !byId.has(id));
    if (unknown.length) {
      throw unprocessable(
        `candidates[${unknown[0].i}]: no stored candidate DC "${unknown[0].id}"`,
        unknown.map(({ id, i }) => ({ field: `candidates[${i}]`, message: `no stored candidate DC "${id}"` })),
      );
    }
    dcs = body.candidates.map((id) => byId.get(id)!);
  }
  const { weeks, units } = await customerUnits(ctx.db);
  const attributes = await entityAttributes(ctx.db, "customer");
  // Customers who ordered nothing need no DC; a design that had to reach them would open DCs for no demand.
  const ids = [...attributes.keys()].filter((id) => (units.get(id) ?? 0) > 0);
  if (ids.length === 0) throw unprocessable("customers: no customer has orders in the stored history; import customers and order_lines first", [{ field: "customers", message: "no demand" }]);
  if (ids.length * dcs.length > maxPairs) {
    throw unprocessable(`body: ${ids.length} customers × ${dcs.length} DCs is more than ${maxPairs} pairs for an answer in one request; start it as a job (POST /jobs, kind designNetwork)`, [
      { field: "body", message: "too large to answer synchronously" },
    ]);
  }
  const segmentOf = await segmentsOf(ctx.db, "customer", await currentVersion(ctx.db, "customer"), ids);
  let placedByRegion = 0;
  const customers = ids.map((id) => {
    const a = attributes.get(id)!;
    const segment = segmentOf.get(id) ?? UNSEGMENTED;
    const demand = (units.get(id)! * WEEKS_PER_YEAR) / Math.max(1, weeks);
    if (typeof a.lat === "number" && typeof a.lon === "number") return { id, segment, demand, lat: a.lat, lon: a.lon };
    placedByRegion++;
    return { id, segment, demand, ...placeByRegion(String(a.region ?? ""), id) };
  });
  const segments = [...new Set(customers.map((c) => c.segment))].sort().map((segment) => ({ segment, maxDistance: body.segmentMaxKm[segment] ?? body.defaultMaxKm }));
  const distances = distanceMatrix(
    customers.map((c) => ({ x: c.lon, y: c.lat })),
    dcs.map((d) => ({ x: d.lon, y: d.lat })),
    "greatCircle",
    body.circuity,
  );
  const design = await designNetwork(
    customers,
    dcs.map((d) => ({
      id: d.id,
      fixedCost: d.fixedCost,
      handlingCostPerUnit: d.handlingCostPerUnit,
      current: d.current,
      capacity: d.capacity ?? undefined,
      transportCostPerUnitDistance: d.costPerUnitKm ?? undefined,
    })),
    segments,
    distances,
    {
      transportCostPerUnitDistance: body.costPerUnitKm,
      mipRelGap: body.mipRelGap,
      timeLimitSeconds: body.timeLimitSeconds,
      capacitated: body.capacitated,
      singleSourcing: body.singleSourcing,
      maxDcs: body.maxDcs,
    },
    {
      phase: async (label, index) => {
        await yieldToEventLoop();
        await job?.progress(1 + index, STEPS, label);
        await yieldToEventLoop();
      },
      solve: solveOffThread(ctx),
    },
  );
  const todayOf = new Map<string, { dc: string; share: number }>();
  for (const a of design.current?.assignments ?? []) {
    const seen = todayOf.get(a.customer);
    if (!seen || a.share > seen.share) todayOf.set(a.customer, { dc: a.dc, share: a.share });
  }
  const demandOf = new Map(customers.map((c) => [c.id, c.demand]));
  const load = new Map(design.chosen.dcs.map((d) => [d.dc, d.demand]));
  return {
    customers: customers.length,
    candidates: dcs.length,
    weeksOfHistory: weeks,
    customersPlacedByRegion: placedByRegion,
    chosen: variant(design.chosen, body.bandsKm, demandOf),
    current: design.current ? variant(design.current, body.bandsKm, demandOf) : null,
    saving: design.saving,
    savingShare: design.current && design.current.totalCost > 0 ? design.saving! / design.current.totalCost : null,
    solver: design.solver,
    assignments: design.chosen.assignments.map((a) => ({
      customer: a.customer,
      segment: a.segment,
      dc: a.dc,
      share: a.share,
      km: a.distance,
      withinLimit: a.withinLimit,
      cost: a.transportCost + a.handlingCost,
      currentDc: todayOf.get(a.customer)?.dc ?? null,
    })),
    points: {
      customers: customers.map((c) => ({ id: c.id, segment: c.segment, lat: c.lat, lon: c.lon, demand: c.demand })),
      dcs: dcs.map((d) => ({ id: d.id, name: d.name, lat: d.lat, lon: d.lon, open: design.chosen.open.includes(d.id), current: d.current, capacity: d.capacity, load: load.get(d.id) ?? 0 })),
    },
  };
}

/** A network's report on the wire, with each segment's demand counted in the distance bands. */
function variant(report: NetworkReport, bandsKm: readonly number[], demandOf: ReadonlyMap<string, number>): NetworkVariant {
  return {
    open: report.open,
    totalCost: report.totalCost,
    fixedCost: report.fixedCost,
    transportCost: report.transportCost,
    handlingCost: report.handlingCost,
    unallocatedFixedCost: report.unallocatedFixedCost,
    overCapacity: report.dcs.filter((d) => d.open && d.overCapacity).map((d) => d.dc),
    segments: report.segments.map((s) => {
      const inBand = bandsKm.map(() => 0);
      for (const a of report.assignments) {
        if (a.segment !== s.segment) continue;
        bandsKm.forEach((b, k) => {
          if (a.distance <= b) inBand[k] += a.share * demandOf.get(a.customer)!;
        });
      }
      return {
        segment: s.segment,
        customers: s.customers,
        demand: s.demand,
        maxKm: s.maxDistanceAllowed,
        demandWithinLimit: s.demandServiceLevel,
        meanKm: s.meanDistance,
        longestKm: s.longestDistance,
        bands: bandsKm.map((upToKm, k) => ({ upToKm, demandShare: s.demand > 0 ? inBand[k] / s.demand : null })),
        transportCost: s.transportCost,
        handlingCost: s.handlingCost,
        fixedCostShare: s.fixedCostShare,
        totalCost: s.totalCost,
        costPerUnit: s.demand > 0 ? s.totalCost / s.demand : null,
      };
    }),
  };
}

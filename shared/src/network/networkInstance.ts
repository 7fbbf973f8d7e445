import { z } from "zod";
import { DomainError, describeValue, parseWith } from "../errors";
import { checkIds, checkNumber, mustBe, numberSchema } from "../validation";

const money = z.number(mustBe.number).finite().min(0, mustBe.atLeast(0));
const id = z.union([z.string().trim().min(1, "an id may not be blank"), z.number(mustBe.number)]);

export const networkCustomerSchema = z.object({
  id,
  segment: z.string().trim().min(1, "a segment may not be blank"),
  /** units shipped to the customer per period; transport cost scales with it */
  demand: money,
});
export type NetworkCustomer = z.input<typeof networkCustomerSchema>;

export const candidateDcSchema = z.object({
  id,
  /** cost of keeping the DC open for the period (rent, staff, systems) */
  fixedCost: money,
  /** cost per unit handled at the DC */
  handlingCostPerUnit: money.default(0),
  /** open in today's network: the baseline the design is compared with */
  current: z.boolean().default(false),
  /** must stay open whatever it costs (a lease that cannot be broken) */
  mustOpen: z.boolean().default(false),
  /** most units the DC can ship per period; only binds when the design is asked to be capacitated */
  capacity: z.number(mustBe.number).finite().gt(0, mustBe.above(0)).optional(),
  /** this DC's outbound rate (money per unit per unit of distance), instead of the options' rate */
  transportCostPerUnitDistance: money.optional(),
});
export type CandidateDc = z.input<typeof candidateDcSchema>;

export const segmentReachSchema = z.object({
  segment: z.string().trim().min(1, "a segment may not be blank"),
  /** longest delivery allowed to the segment's customers, in the unit of the distance matrix (km, or hours when it holds travel times); omit for no limit */
  maxDistance: z.number(mustBe.number).finite().gt(0, mustBe.above(0)).optional(),
});
export type SegmentReach = z.input<typeof segmentReachSchema>;

export const networkOptionsSchema = z.object({
  /** money per unit shipped per unit of distance (per unit-km, or per unit-hour) */
  transportCostPerUnitDistance: money,
  /** HiGHS mip_rel_gap: stop when the incumbent is proven within this share of the optimum (HiGHS default 1e-4) */
  mipRelGap: numberSchema({ min: 0, max: 1 }).default(1e-4),
  /** HiGHS time_limit in seconds */
  timeLimitSeconds: z.number(mustBe.number).gt(0, mustBe.above(0)).default(60),
  /** respect the DCs' capacities (a DC without one stays unlimited) */
  capacitated: z.boolean().default(false),
  /** each customer served whole by one DC; only changes anything when capacitated (uncapacitated optima are single-sourced already) */
  singleSourcing: z.boolean().default(false),
  /** open at most this many DCs */
  maxDcs: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).optional(),
});
export type NetworkOptions = z.input<typeof networkOptionsSchema>;

/** A validated facility-location instance, arrays indexed by customer i and DC j. */
export interface NetworkInstance {
  customerIds: string[];
  dcIds: string[];
  /** distinct segments in order of the segments table */
  segments: string[];
  /** segment index of each customer */
  segmentOf: Uint32Array;
  /** maximum distance of each segment; Infinity when it has none */
  limits: Float64Array;
  demand: Float64Array;
  fixedCost: Float64Array;
  handlingCost: Float64Array;
  current: Uint8Array;
  mustOpen: Uint8Array;
  /** units per period each DC can ship; Infinity when unlimited or the design is uncapacitated */
  capacity: Float64Array;
  /** outbound rate of each DC: its own, or the options' rate */
  dcRate: Float64Array;
  /** d(i, j) = distance[i · m + j] */
  distance: Float64Array;
  rate: number;
  options: z.output<typeof networkOptionsSchema>;
}

/**
 * Validate the inputs of network design: customers, candidate DCs, the
 * segments' delivery limits, a customers × DCs distance (or travel-time)
 * matrix and the transport rate. Errors name the field and row.
 *
 * @throws DomainError naming `customers[i].field`, `dcs[j].field`, `segments[k].field`, `distances[i][j]`, a duplicate id or segment, or a customer whose segment has no row
 */
export function toNetworkInstance(
  customers: ReadonlyArray<NetworkCustomer>,
  dcs: ReadonlyArray<CandidateDc>,
  segments: ReadonlyArray<SegmentReach>,
  distances: ReadonlyArray<ReadonlyArray<unknown>>,
  options: NetworkOptions,
): NetworkInstance {
  const c = parseWith(z.array(networkCustomerSchema).min(1, "give at least one customer"), customers, "customers");
  const d = parseWith(z.array(candidateDcSchema).min(1, "give at least one candidate DC"), dcs, "dcs");
  const s = parseWith(z.array(segmentReachSchema).min(1, "give the delivery limit of at least one segment"), segments, "segments");
  const opts = parseWith(networkOptionsSchema, options, "options");
  const customerIds = checkIds(
    c.map((r) => String(r.id).trim()),
    c.length,
    "customers.id",
  );
  const dcIds = checkIds(
    d.map((r) => String(r.id).trim()),
    d.length,
    "dcs.id",
  );
  const segmentIndex = new Map<string, number>();
  s.forEach((r, k) => {
    const first = segmentIndex.get(r.segment);
    if (first !== undefined) throw new DomainError(`segments[${k}].segment`, `duplicate segment "${r.segment}" (also in row ${first})`);
    segmentIndex.set(r.segment, k);
  });
  const segmentOf = Uint32Array.from(c, (r, i) => {
    const k = segmentIndex.get(r.segment);
    if (k === undefined) throw new DomainError(`customers[${i}].segment`, `"${r.segment}" has no row in segments (give it a maxDistance, or a row without one for no limit)`, "missing");
    return k;
  });
  const n = c.length;
  const m = d.length;
  if (!Array.isArray(distances)) throw new DomainError("distances", `expected a customers × DCs table, got ${describeValue(distances)}`, "missing");
  if (distances.length !== n) throw new DomainError("distances", `expected ${n} rows (one per customer), got ${distances.length}`);
  const distance = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const row = distances[i];
    if (!Array.isArray(row) || row.length !== m) {
      throw new DomainError(`distances[${i}]`, `expected ${m} distances (one per candidate DC), got ${Array.isArray(row) ? row.length : describeValue(row)}`);
    }
    for (let j = 0; j < m; j++) distance[i * m + j] = checkNumber(row[j], `distances[${i}][${j}]`, { min: 0 });
  }
  return {
    customerIds,
    dcIds,
    segments: s.map((r) => r.segment),
    segmentOf,
    limits: Float64Array.from(s, (r) => r.maxDistance ?? Infinity),
    demand: Float64Array.from(c, (r) => r.demand),
    fixedCost: Float64Array.from(d, (r) => r.fixedCost),
    handlingCost: Float64Array.from(d, (r) => r.handlingCostPerUnit),
    current: Uint8Array.from(d, (r) => (r.current ? 1 : 0)),
    mustOpen: Uint8Array.from(d, (r) => (r.mustOpen ? 1 : 0)),
    capacity: Float64Array.from(d, (r) => (opts.capacitated ? (r.capacity ?? Infinity) : Infinity)),
    dcRate: Float64Array.from(d, (r) => r.transportCostPerUnitDistance ?? opts.transportCostPerUnitDistance),
    distance,
    rate: opts.transportCostPerUnitDistance,
    options: opts,
  };
}

/** Cost of serving customer i from DC j for the period: demand × (DC j's rate × distance + handling). */
export function serveCost(instance: NetworkInstance, i: number, j: number): number {
  const m = instance.dcIds.length;
  return instance.demand[i] * (instance.dcRate[j] * instance.distance[i * m + j] + instance.handlingCost[j]);
}

import { z } from "zod";
import { MAX_ID_LENGTH, textField } from "./text";

/* Network design on the wire: POST /network-designs and the job kind designNetwork. */

const id = textField({ max: MAX_ID_LENGTH, minMessage: "is blank" });
const positive = z.number("must be a number").finite("must be a finite number").gt(0, "must be above 0");
const nonNegative = z.number("must be a number").finite("must be a finite number").min(0, "must be at least 0");

export const designNetworkSchema = z
  .object({
    /** money per unit shipped per km, for DCs without their own rate */
    costPerUnitKm: nonNegative.max(1e6, "must be at most 1,000,000"),
    /** road km per great-circle km (Daskin 2013, §2: typically 1.2–1.4) */
    circuity: z.number("must be a number").min(1, "must be at least 1").max(3, "must be at most 3").default(1.2),
    /** respect the DCs' capacities */
    capacitated: z.boolean("must be true or false").default(false),
    /** each customer served whole by one DC (with capacities) */
    singleSourcing: z.boolean("must be true or false").default(false),
    /** open at most this many DCs */
    maxDcs: z.number("must be a number").int("must be a whole number").min(1, "must be at least 1").max(10_000).optional(),
    /** design over these candidate DCs only (ids); all stored candidates when absent */
    candidates: z.array(id).min(1, "give at least one candidate DC, or leave candidates out for all").max(10_000).optional(),
    /** longest delivery per customer segment, km; a segment not listed takes defaultMaxKm */
    segmentMaxKm: z.record(id, positive).default({}),
    /** longest delivery for a segment not in segmentMaxKm; no limit when absent */
    defaultMaxKm: positive.optional(),
    /** distance bands the service report counts demand in, km, increasing */
    bandsKm: z.array(positive).min(1).max(10).default([100, 250, 500]),
    /** stop when the design is proven within this share of the optimum */
    mipRelGap: z.number("must be a number").min(0, "must be at least 0").max(0.2, "must be at most 0.2").default(1e-4),
    timeLimitSeconds: positive.max(600, "must be at most 600").default(60),
  })
  .superRefine((body, ctx) => {
    body.bandsKm.forEach((b, i) => {
      if (i > 0 && b <= body.bandsKm[i - 1]) ctx.addIssue({ code: "custom", path: ["bandsKm", i], message: `must be above ${body.bandsKm[i - 1]} (bands increase)` });
    });
    if (body.singleSourcing && !body.capacitated)
      ctx.addIssue({ code: "custom", path: ["singleSourcing"], message: "only means something with capacitated: true (without capacities every customer is served whole anyway)" });
    if (body.candidates && new Set(body.candidates).size !== body.candidates.length) ctx.addIssue({ code: "custom", path: ["candidates"], message: "a candidate is listed twice" });
  });
export type DesignNetworkRequest = z.output<typeof designNetworkSchema>;
export type DesignNetworkInput = z.input<typeof designNetworkSchema>;

export const networkSegmentSchema = z.object({
  segment: z.string(),
  customers: z.number().int(),
  /** units per year */
  demand: z.number(),
  maxKm: z.number().nullable(),
  /** share of the segment's demand delivered within maxKm (1 without a limit) */
  demandWithinLimit: z.number().nullable(),
  meanKm: z.number(),
  longestKm: z.number(),
  /** share of demand within each of bandsKm, cumulative */
  bands: z.array(z.object({ upToKm: z.number(), demandShare: z.number().nullable() })),
  transportCost: z.number(),
  handlingCost: z.number(),
  fixedCostShare: z.number(),
  totalCost: z.number(),
  costPerUnit: z.number().nullable(),
});
export type NetworkSegment = z.infer<typeof networkSegmentSchema>;

export const networkVariantSchema = z.object({
  open: z.array(z.string()),
  totalCost: z.number(),
  fixedCost: z.number(),
  transportCost: z.number(),
  handlingCost: z.number(),
  unallocatedFixedCost: z.number(),
  segments: z.array(networkSegmentSchema),
  /** open DCs whose load exceeds their capacity (today's network may) */
  overCapacity: z.array(z.string()),
});
export type NetworkVariant = z.infer<typeof networkVariantSchema>;

export const networkDesignResultSchema = z.object({
  customers: z.number().int(),
  candidates: z.number().int(),
  weeksOfHistory: z.number().int(),
  /** customers placed from their region because they carry no coordinates */
  customersPlacedByRegion: z.number().int(),
  chosen: networkVariantSchema,
  /** the DCs flagged current; null when none is */
  current: networkVariantSchema.nullable(),
  /** current − chosen total cost; null without a current network */
  saving: z.number().nullable(),
  savingShare: z.number().nullable(),
  solver: z.object({
    status: z.string(),
    objective: z.number(),
    bound: z.number(),
    gap: z.number(),
    nodes: z.number(),
    seconds: z.number(),
    arcs: z.number().int(),
    prunedArcs: z.number().int(),
  }),
  /** one row per customer and serving DC (a capacitated split gives several) */
  assignments: z.array(
    z.object({
      customer: z.string(),
      segment: z.string(),
      dc: z.string(),
      share: z.number(),
      km: z.number(),
      withinLimit: z.boolean(),
      cost: z.number(),
      /** the DC serving the customer today; null without a current network */
      currentDc: z.string().nullable(),
    }),
  ),
  /** coordinates for the map */
  points: z.object({
    customers: z.array(z.object({ id: z.string(), segment: z.string(), lat: z.number(), lon: z.number(), demand: z.number() })),
    dcs: z.array(z.object({ id: z.string(), name: z.string(), lat: z.number(), lon: z.number(), open: z.boolean(), current: z.boolean(), capacity: z.number().nullable(), load: z.number() })),
  }),
});
export type NetworkDesignResult = z.infer<typeof networkDesignResultSchema>;

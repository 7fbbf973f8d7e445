import { z } from "zod";
import { MAX_ID_LENGTH, textField } from "./text";

/* Warehouse by segment on the wire: slotting over the stored order history, shared capacity, wave release. */

const id = textField({ max: MAX_ID_LENGTH, minMessage: "is blank" });
const num = z.number("must be a number").finite("must be a finite number");
const nonNegative = num.min(0, "must be at least 0");
const positive = num.gt(0, "must be above 0");
const share = num.min(0, "must be at least 0").max(1, "must be at most 1");
const weeksSchema = z.number("must be a number").int("must be a whole number").min(1, "must be at least 1").max(520, "must be at most 520");

/** A storage zone as the planner's zones sheet lists it (the layout is a what-if, so it travels with the request). */
export const zoneInputSchema = z.object({
  zone: id,
  /** in the products' slot_space unit (slots, pallet places) */
  capacity: nonNegative,
  /** cost of one pick from the zone: lowest in the golden zone */
  costPerPick: nonNegative,
  refrigerated: z.boolean("must be true or false").default(false),
});

export const planSlottingSchema = z
  .object({
    zones: z.array(zoneInputSchema).min(1, "give at least one zone").max(200, "at most 200 zones"),
    /** pick frequency is the order lines of the last `weeks` weeks of the stored history */
    weeks: weeksSchema.default(13),
    /** weight of each product segment's picks (service priority); segments not listed weigh 1 */
    segmentWeights: z.record(id, positive).default({}),
    /** cost of moving a product out of the zone it sits in today */
    moveCost: nonNegative.default(0),
    timeLimitSeconds: positive.max(120, "must be at most 120").default(30),
  })
  .superRefine((body, ctx) => {
    const seen = new Map<string, number>();
    body.zones.forEach((z, i) => {
      if (seen.has(z.zone)) ctx.addIssue({ code: "custom", path: ["zones", i, "zone"], message: `zone "${z.zone}" is listed twice (also in row ${seen.get(z.zone)! + 1})` });
      seen.set(z.zone, i);
    });
  });
export type PlanSlottingRequest = z.output<typeof planSlottingSchema>;
export type PlanSlottingInput = z.input<typeof planSlottingSchema>;

export const slottingResultSchema = z.object({
  window: z.object({ fromWeek: z.number().int(), toWeek: z.number().int() }),
  zones: z.array(
    z.object({
      zone: z.string(),
      refrigerated: z.boolean(),
      capacity: z.number(),
      used: z.number(),
      /** used / capacity; null for a zone without capacity */
      utilisation: z.number().nullable(),
      products: z.number().int(),
      picksPerWeek: z.number(),
      pickCostPerWeek: z.number(),
      /** products per segment in the zone */
      segments: z.array(z.object({ segment: z.string(), products: z.number().int() })),
      reason: z.string(),
    }),
  ),
  products: z.array(
    z.object({
      productId: z.string(),
      productName: z.string(),
      segment: z.string(),
      picksPerWeek: z.number(),
      space: z.number(),
      zone: z.string(),
      from: z.string().nullable(),
      moved: z.boolean(),
      reason: z.string(),
    }),
  ),
  moves: z.number().int(),
  /** weighted pick cost a week + move cost, of the plan and of today's slotting (null when a product has no zone today) */
  cost: z.number(),
  currentCost: z.number().nullable(),
  solver: z.object({ status: z.string(), gap: z.number() }),
  notes: z.array(z.string()),
});
export type SlottingResult = z.infer<typeof slottingResultSchema>;

export const sharedCapacitySchema = z.object({
  /** the shared capacity (refrigerated pallet places, fast-pick slots) a week */
  capacity: nonNegative,
  /** units a week and margin per unit come from the last `weeks` weeks of the stored history */
  weeks: weeksSchema.default(13),
  /** only products marked refrigerated compete (the refrigerated store) */
  refrigeratedOnly: z.boolean("must be true or false").default(false),
  /** capacity one unit takes, per product segment; segments not listed take defaultCapacityPerUnit */
  capacityPerUnit: z.record(id, positive).default({}),
  defaultCapacityPerUnit: positive.default(1),
  /** share of its weekly units a segment must get, per product segment */
  serviceFloors: z.record(id, share).default({}),
  defaultServiceFloor: share.default(0),
});
export type SharedCapacityRequest = z.output<typeof sharedCapacitySchema>;
export type SharedCapacityInput = z.input<typeof sharedCapacitySchema>;

export const sharedCapacityResultSchema = z.object({
  window: z.object({ fromWeek: z.number().int(), toWeek: z.number().int() }),
  segments: z.array(
    z.object({
      segment: z.string(),
      unitsPerWeek: z.number(),
      marginPerUnit: z.number(),
      capacityPerUnit: z.number(),
      serviceFloor: z.number(),
      units: z.number(),
      capacityUsed: z.number(),
      margin: z.number(),
      /** units / units a week; null without demand */
      serviceShare: z.number().nullable(),
      reason: z.string(),
    }),
  ),
  capacity: z.number(),
  capacityUsed: z.number(),
  margin: z.number(),
  /** margin a week of one more unit of capacity */
  capacityShadowPrice: z.number(),
});
export type SharedCapacityResult = z.infer<typeof sharedCapacityResultSchema>;

const minute = num.min(0, "must be at least 0").max(1440, "must be at most 1440");

/** A day's orders as the pane sends them from a sheet, with the waves and each segment's rule. */
export const waveReleaseSchema = z.object({
  orders: z.array(z.object({ id, segment: id, arrivalMinute: minute, lines: z.number("must be a number").int("must be a whole number").min(1, "must be at least 1").default(1) })).max(50_000, "at most 50,000 orders"),
  waves: z
    .array(z.object({ wave: id, releaseMinute: minute }))
    .min(1, "give at least one wave")
    .max(48, "at most 48 waves"),
  rules: z
    .array(z.object({ segment: id, waves: z.array(id).min(1, "name at least one wave").optional(), cutoffMinutes: nonNegative.default(0) }))
    .min(1, "give the rule of at least one segment")
    .max(1000),
});
export type WaveReleaseRequest = z.output<typeof waveReleaseSchema>;

export const waveReleaseResultSchema = z.object({
  orders: z.array(z.object({ id: z.string(), segment: z.string(), wave: z.string().nullable(), releaseMinute: z.number().nullable(), waitMinutes: z.number().nullable() })),
  waves: z.array(z.object({ wave: z.string(), releaseMinute: z.number(), orders: z.number().int(), lines: z.number().int(), bySegment: z.record(z.string(), z.number()) })),
  carriedOver: z.object({ orders: z.number().int(), lines: z.number().int() }),
});
export type WaveReleaseResult = z.infer<typeof waveReleaseResultSchema>;

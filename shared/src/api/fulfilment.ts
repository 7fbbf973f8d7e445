import { z } from "zod";
import { FULFILMENT_PATHS, LAST_MILE_OPTIONS, TRANSPORT_MODES } from "../fulfilment/chooseFulfilment";
import { MAX_STORED_INTEGER, idText } from "./text";

/*
 * Order promising and fulfilment on the wire: the planner's rule tables
 * (allocation by customer segment, fulfilment path by segment and size),
 * allocated ATP over the stored open orders and supply, and the path of each
 * open order line.
 */

const num = (what = "a number") => z.number(`must be ${what}`).finite("must be a finite number");
const nonNegative = num().min(0, "must be at least 0");
const hour = num().min(0, "must be at least 0").max(24, "must be at most 24");

/** How one customer segment ("*": any segment without its own row) is served when supply is short. */
export const allocationRowSchema = z.object({
  segment: idText(),
  /** 1 is served first; equal priorities share fairly */
  priority: num("a whole number").int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100"),
  /** share of each product's supply held back for this segment's orders (0.2 = 20 %) */
  reservePct: num().min(0, "must be at least 0").max(1, "must be at most 1 (100 %)").default(0),
  /** the reserve covers orders due to ship within this many days; absent: any date */
  reserveHorizonDays: nonNegative.max(3660, "must be at most 3,660").optional(),
  /** may be given a premium last mile (scheduled, same-day) */
  premium: z.boolean("must be true or false").default(false),
});
export type AllocationRow = z.output<typeof allocationRowSchema>;

/** A row of the fulfilment-path table; the first row that matches a line decides (absent bounds: no limit). */
export const pathRuleSchema = z.object({
  segment: idText(),
  minQuantity: nonNegative.default(0),
  maxQuantity: nonNegative.optional(),
  maxWeightKg: nonNegative.optional(),
  path: z.enum(FULFILMENT_PATHS, `must be one of ${FULFILMENT_PATHS.join(", ")}`),
  mode: z.enum(TRANSPORT_MODES, `must be one of ${TRANSPORT_MODES.join(", ")}`),
  lastMile: z.enum(LAST_MILE_OPTIONS, `must be one of ${LAST_MILE_OPTIONS.join(", ")}`).default("none"),
  deliveriesPerWeek: num().gt(0, "must be above 0").max(50, "must be at most 50").optional(),
  windowFromHour: hour.optional(),
  windowToHour: hour.optional(),
});
export type PathRule = z.output<typeof pathRuleSchema>;

export const putFulfilmentRulesSchema = z
  .object({
    allocation: z.array(allocationRowSchema).min(1, "give at least one allocation row").max(500, "at most 500 rows"),
    paths: z.array(pathRuleSchema).min(1, "give at least one path rule").max(500, "at most 500 rules"),
  })
  .superRefine((body, ctx) => {
    const seen = new Map<string, number>();
    let reserved = 0;
    body.allocation.forEach((row, k) => {
      const first = seen.get(row.segment);
      if (first !== undefined) ctx.addIssue({ code: "custom", path: ["allocation", k, "segment"], message: `"${row.segment}" is also in row ${first + 1}` });
      else seen.set(row.segment, k);
      reserved += row.reservePct;
      if (reserved > 1 + 1e-9) ctx.addIssue({ code: "custom", path: ["allocation", k, "reservePct"], message: `reserves add up to ${Math.round(reserved * 100)} % by this row: at most 100 % of supply can be held back` });
    });
    const premium = new Set(body.allocation.filter((r) => r.premium).map((r) => r.segment));
    body.paths.forEach((rule, k) => {
      if (rule.maxQuantity !== undefined && rule.minQuantity > rule.maxQuantity) ctx.addIssue({ code: "custom", path: ["paths", k, "maxQuantity"], message: `is below the minimum quantity ${rule.minQuantity}` });
      if ((rule.windowFromHour === undefined) !== (rule.windowToHour === undefined))
        ctx.addIssue({ code: "custom", path: ["paths", k, rule.windowFromHour === undefined ? "windowFromHour" : "windowToHour"], message: "give both ends of the delivery window, or neither" });
      else if (rule.windowFromHour !== undefined && rule.windowToHour !== undefined && rule.windowFromHour >= rule.windowToHour)
        ctx.addIssue({ code: "custom", path: ["paths", k, "windowToHour"], message: `must be after the window's start (${rule.windowFromHour})` });
      if (rule.lastMile !== "none" && !premium.has(rule.segment))
        ctx.addIssue({ code: "custom", path: ["paths", k, "lastMile"], message: `"${rule.lastMile}" is for premium segments only: mark "${rule.segment}" premium in the allocation table, or choose none` });
    });
  });
export type PutFulfilmentRules = z.input<typeof putFulfilmentRulesSchema>;

export const fulfilmentRulesSchema = z.object({
  allocation: z.array(allocationRowSchema),
  paths: z.array(pathRuleSchema),
  /** null: no table stored yet */
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type FulfilmentRules = z.output<typeof fulfilmentRulesSchema>;

const pageQuery = {
  limit: z.coerce.number<unknown>().int().min(1).max(10_000).default(1000),
  offset: z.coerce.number<unknown>().int().min(0).max(MAX_STORED_INTEGER).default(0),
};

export const atpQuerySchema = z.object({
  ...pageQuery,
  /** short: only the lines promised less than ordered or later than requested */
  lines: z.enum(["all", "short"]).default("all"),
});
export type AtpQuery = z.output<typeof atpQuerySchema>;

export const atpSegmentSchema = z.object({
  segment: z.string(),
  /** the allocation row that served it ("*" for the catch-all) */
  rule: z.string(),
  priority: z.number(),
  promisedLeadTimeDays: z.number(),
  lines: z.number(),
  requested: z.number(),
  promised: z.number(),
  fromReserve: z.number(),
  shortfall: z.number(),
  linesShort: z.number(),
  linesLate: z.number(),
});

export const atpLineSchema = z.object({
  orderId: z.string(),
  line: z.number(),
  customerId: z.string(),
  productId: z.string(),
  segment: z.string(),
  priority: z.number(),
  requested: z.number(),
  promised: z.number(),
  fromReserve: z.number(),
  shortfall: z.number(),
  requestedDate: z.string(),
  /** delivery date promised for the promised units; null when nothing is promised */
  promisedDate: z.string().nullable(),
  /** days after the requested date; null when nothing is promised */
  daysLate: z.number().nullable(),
});
export type AtpLine = z.output<typeof atpLineSchema>;

export const atpReportSchema = z.object({
  /** the day promising counts from */
  today: z.string(),
  /** the stock snapshot on-hand came from; null when none is stored */
  onHandDate: z.string().nullable(),
  totals: z.object({ lines: z.number(), requested: z.number(), supply: z.number(), promised: z.number(), shortfall: z.number(), linesShort: z.number(), products: z.number(), productsShort: z.number() }),
  /** by priority, then segment */
  segments: z.array(atpSegmentSchema),
  /** the products short, largest shortfall first (at most 50) */
  shortProducts: z.array(z.object({ productId: z.string(), requested: z.number(), supply: z.number(), shortfall: z.number() })),
  /** a page of the lines, by order id and line */
  lines: z.array(atpLineSchema),
  /** lines matching the query, over every page */
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
});
export type AtpReport = z.output<typeof atpReportSchema>;

export const fulfilmentPathsQuerySchema = z.object(pageQuery);

export const fulfilmentPathLineSchema = z.object({
  orderId: z.string(),
  line: z.number(),
  customerId: z.string(),
  productId: z.string(),
  segment: z.string(),
  quantity: z.number(),
  weightKg: z.number(),
  path: z.enum(FULFILMENT_PATHS),
  mode: z.enum(TRANSPORT_MODES),
  lastMile: z.enum(LAST_MILE_OPTIONS),
  deliveriesPerWeek: z.number().nullable(),
  windowFromHour: z.number().nullable(),
  windowToHour: z.number().nullable(),
  /** the path-table row (1-based) that decided */
  rule: z.number(),
});
export type FulfilmentPathLine = z.output<typeof fulfilmentPathLineSchema>;

export const fulfilmentPathReportSchema = z.object({
  /** lines per path and mode, most first */
  byPath: z.array(z.object({ path: z.enum(FULFILMENT_PATHS), mode: z.enum(TRANSPORT_MODES), lines: z.number(), units: z.number() })),
  lines: z.array(fulfilmentPathLineSchema),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
});
export type FulfilmentPathReport = z.output<typeof fulfilmentPathReportSchema>;

/** Carrier departures to load the promised lines onto, by segment priority (POST /fulfilment/shipment-plan). */
export const shipmentPlanRequestSchema = z.object({
  departures: z
    .array(
      z.object({
        date: z.iso.date("must be a date YYYY-MM-DD"),
        /** room on the departure, in the unit of `size` */
        capacity: nonNegative,
      }),
    )
    .min(1, "give at least one departure")
    .max(1000, "at most 1,000 departures"),
  /** what a line takes on a truck: its weight (kg, from the order book) or its promised units */
  size: z.enum(["weightKg", "units"], "must be weightKg or units").default("weightKg"),
  /** a smaller, lower line may take room a larger, higher one does not fit in (first fit); false keeps the queue's order */
  backfill: z.boolean("must be true or false").default(true),
});
export type ShipmentPlanRequest = z.input<typeof shipmentPlanRequestSchema>;

export const shipmentPlanSchema = z.object({
  today: z.string(),
  shipments: z.number(),
  departures: z.array(z.object({ date: z.string(), capacity: z.number(), used: z.number(), shipments: z.number() })),
  /** by priority */
  segments: z.array(z.object({ segment: z.string(), priority: z.number(), shipments: z.number(), onTime: z.number(), late: z.number(), notShipped: z.number() })),
  /** lines that leave late or not at all, latest first (at most 1,000) */
  exceptions: z.array(
    z.object({
      orderId: z.string(),
      line: z.number(),
      segment: z.string(),
      priority: z.number(),
      size: z.number(),
      /** the day it must leave to keep its promised date */
      shipBy: z.string(),
      departure: z.string().nullable(),
      daysLate: z.number().nullable(),
    }),
  ),
});
export type ShipmentPlan = z.output<typeof shipmentPlanSchema>;

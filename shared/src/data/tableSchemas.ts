import { z } from "zod";
import { MAX_ID_LENGTH, textField } from "../api/text";
import { mustBe, numberSchema } from "../validation";

/*
 * Row schemas of the company tables as they arrive from CSV (every cell a
 * string). The demo company writes these files; the service's import reads
 * the same shapes. Column names are the files' headers.
 */

/** Ids and short codes: the API's one text rule (no control characters, at most 100 characters), so the read API can serve back whatever an import took. */
const text = textField({ max: MAX_ID_LENGTH, minMessage: "is blank" });
/** Display names: the same rule, longer, and may be blank. */
const name = textField({ max: 300, min: 0 });
/** Optional short codes (channel, demand profile): the id rule, may be blank. */
const code = textField({ max: MAX_ID_LENGTH, min: 0 });
/**
 * A plain decimal as a planner types it (`12`, `-3.5`, `.5`, `1e3`). JavaScript's Number() would also take
 * `0x10` (16), `0b1`, `Infinity` and whitespace-padded signs; a cell meaning 16 must say 16.
 */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const number = z
  .string()
  .trim()
  .min(1, "is blank")
  .regex(DECIMAL, mustBe.number)
  .pipe(z.coerce.number<string>({ error: mustBe.number }).pipe(z.number(mustBe.number).finite("is too large")));
const nonNegative = number.pipe(z.number(mustBe.number).min(0, mustBe.atLeast(0)));
const count = nonNegative.pipe(z.number(mustBe.number).int(mustBe.wholeNumber));
const fraction = number.pipe(numberSchema({ min: 0, max: 1 }));
const flag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(["true", "false", "1", "0", "yes", "no"], "expected true or false"))
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** An optional cell a planner may leave empty: blank reads as absent, not as a bad number. */
function blankable<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());
}

export const productRowSchema = z.object({
  product_id: text,
  name,
  category: text,
  unit_price: nonNegative,
  unit_cost: nonNegative,
  supplier_id: text,
  lifecycle: z.enum(["active", "new", "dying"]),
  demand_profile: code.optional(),
  seasonal: flag.optional(),
  weight_kg: nonNegative.optional(),
  /** warehouse slotting: storage the product takes in the zones' unit (slots, pallet places); blank counts as 1 */
  slot_space: blankable(number.pipe(z.number(mustBe.number).gt(0, mustBe.above(0)))),
  /** kept chilled: slotted only in refrigerated zones */
  refrigerated: flag.optional(),
  /** the supplier takes unsold stock back (aging actions may return it) */
  returnable: flag.optional(),
  /** the storage zone the product sits in today, for the moves a slotting plan lists */
  storage_zone: code.optional(),
});
export type ProductRow = z.output<typeof productRowSchema>;

export const customerRowSchema = z.object({
  customer_id: text,
  name,
  region: text,
  channel: code.optional(),
  strategic: flag,
  tolerated_lead_time_days: nonNegative.optional(),
  /** where the customer is served, for network design; blank puts it near its region's centre */
  lat: blankable(number.pipe(numberSchema({ min: -90, max: 90 }))),
  lon: blankable(number.pipe(numberSchema({ min: -180, max: 180 }))),
  /** the sales rep who owns the account, for incentives on profitability after cost-to-serve; blank: no owner */
  account_owner: blankable(text),
});
export type CustomerRow = z.output<typeof customerRowSchema>;

export const orderLineRowSchema = z.object({
  customer_id: text,
  product_id: text,
  week: count.pipe(z.number(mustBe.number).min(1, mustBe.atLeast(1))),
  qty: nonNegative,
  price: nonNegative,
  cost: nonNegative,
  lines: count,
  deliveries: count,
  returns: nonNegative,
});
export type OrderLineRow = z.output<typeof orderLineRowSchema>;

export const supplierRowSchema = z.object({
  supplier_id: text,
  name,
  lead_time_mean_days: nonNegative,
  lead_time_sd_days: nonNegative,
  on_time_rate: fraction,
  fill_rate: fraction,
  quality_ppm: nonNegative,
});
export type SupplierRow = z.output<typeof supplierRowSchema>;

export const regionRowSchema = z.object({
  region_id: text,
  name,
});
export type RegionRow = z.output<typeof regionRowSchema>;

/** One supplier's performance in one period; metrics a period lacks may be blank. */
export const supplierPerformanceRowSchema = z.object({
  supplier_id: text,
  period: text,
  on_time_rate: fraction.optional(),
  fill_rate: fraction.optional(),
  quality_ppm: nonNegative.optional(),
  lead_time_mean_days: nonNegative.optional(),
  lead_time_sd_days: nonNegative.optional(),
  price_variance: number.optional(),
  responsiveness: nonNegative.optional(),
});
export type SupplierPerformanceRow = z.output<typeof supplierPerformanceRowSchema>;

/** Cost drivers per customer: customer_id, then any number of driver columns (orders, order_lines, deliveries…), each ≥ 0. */
export const activityCountRowSchema = z
  .object({ customer_id: text })
  .catchall(nonNegative);
export type ActivityCountRow = z.output<typeof activityCountRowSchema>;

/** Customer feedback scores: NPS −100…100 and CSAT 0…100 (either may be blank). */
export const customerFeedbackRowSchema = z.object({
  customer_id: text,
  nps: number.pipe(numberSchema({ min: -100, max: 100 })).optional(),
  csat: number.pipe(numberSchema({ min: 0, max: 100 })).optional(),
});
export type CustomerFeedbackRow = z.output<typeof customerFeedbackRowSchema>;

/** The cell rules above, for the row schemas of other files (kpiDataSchemas). */
export const cellRules = { text, name, code, number, nonNegative, count };
/** Price breaks as a cell holds them: a JSON array of {minQty, unitPrice}, minQty strictly ascending (a later break must be a larger quantity). */
const priceBreaks = z
  .string()
  .trim()
  .min(1, "is blank: give [] for no price breaks")
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: 'is not JSON: expected [{"minQty": 100, "unitPrice": 4.5}, …]' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(z.object({ minQty: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)), unitPrice: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)) }).strict(), "expected a JSON array of {minQty, unitPrice}")
      .max(50, "at most 50 price breaks")
      .superRefine((breaks, ctx) => {
        for (let k = 1; k < breaks.length; k++) {
          if (breaks[k].minQty <= breaks[k - 1].minQty) ctx.addIssue({ code: "custom", path: [k, "minQty"], message: `must be above the previous break's ${breaks[k - 1].minQty}` });
        }
      }),
  );

/** One supplier's contract terms from a date; a later valid_from supersedes. */
export const supplierTermsRowSchema = z.object({
  supplier_id: text,
  moq: nonNegative,
  contracted_lead_time_days: nonNegative,
  penalty_per_late_line: nonNegative,
  price_breaks: priceBreaks,
  valid_from: z.string().trim().pipe(z.iso.date("must be a date YYYY-MM-DD")),
});
export type SupplierTermsRow = z.output<typeof supplierTermsRowSchema>;
/**
 * Candidate distribution centres for network design: where each is, its
 * yearly fixed cost, optional yearly capacity in units, whether it is open
 * today, handling cost per unit, and optionally its own outbound rate per
 * unit-km (the run's rate applies where blank).
 */
export const dcCandidateRowSchema = z.object({
  dc_id: text,
  name,
  lat: number.pipe(numberSchema({ min: -90, max: 90 })),
  lon: number.pipe(numberSchema({ min: -180, max: 180 })),
  fixed_cost: nonNegative,
  capacity: blankable(number.pipe(z.number(mustBe.number).gt(0, mustBe.above(0)))),
  current: flag,
  handling_cost_per_unit: blankable(nonNegative),
  cost_per_unit_km: blankable(nonNegative),
});
export type DcCandidateRow = z.output<typeof dcCandidateRowSchema>;

import { z } from "zod";

/*
 * Row schemas of the company tables as they arrive from CSV (every cell a
 * string). The demo company writes these files; the service's import reads
 * the same shapes. Column names are the files' headers.
 */

const text = z.string().trim().min(1, "is blank");
const number = z.string().trim().min(1, "is blank").pipe(z.coerce.number<string>({ error: "expected a number" }));
const nonNegative = number.pipe(z.number().min(0, "must be >= 0"));
const count = nonNegative.pipe(z.number().int("must be a whole number"));
const flag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(["true", "false", "1", "0", "yes", "no"], "expected true or false"))
  .transform((v) => v === "true" || v === "1" || v === "yes");

export const productRowSchema = z.object({
  product_id: text,
  name: z.string(),
  category: text,
  unit_price: nonNegative,
  unit_cost: nonNegative,
  supplier_id: text,
  lifecycle: z.enum(["active", "new", "dying"]),
  demand_profile: z.string().optional(),
  seasonal: flag.optional(),
  weight_kg: nonNegative.optional(),
});
export type ProductRow = z.output<typeof productRowSchema>;

export const customerRowSchema = z.object({
  customer_id: text,
  name: z.string(),
  region: text,
  channel: z.string().optional(),
  strategic: flag,
  tolerated_lead_time_days: nonNegative.optional(),
});
export type CustomerRow = z.output<typeof customerRowSchema>;

export const orderLineRowSchema = z.object({
  customer_id: text,
  product_id: text,
  week: count.pipe(z.number().min(1, "must be >= 1")),
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
  name: z.string(),
  lead_time_mean_days: nonNegative,
  lead_time_sd_days: nonNegative,
  on_time_rate: nonNegative.pipe(z.number().max(1, "must be <= 1")),
  fill_rate: nonNegative.pipe(z.number().max(1, "must be <= 1")),
  quality_ppm: nonNegative,
});
export type SupplierRow = z.output<typeof supplierRowSchema>;

export const regionRowSchema = z.object({
  region_id: text,
  name: z.string(),
});
export type RegionRow = z.output<typeof regionRowSchema>;

/** One supplier's performance in one period; metrics a period lacks may be blank. */
export const supplierPerformanceRowSchema = z.object({
  supplier_id: text,
  period: text,
  on_time_rate: nonNegative.pipe(z.number().max(1, "must be <= 1")).optional(),
  fill_rate: nonNegative.pipe(z.number().max(1, "must be <= 1")).optional(),
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
  nps: number.pipe(z.number().min(-100, "must be >= -100").max(100, "must be <= 100")).optional(),
  csat: number.pipe(z.number().min(0, "must be >= 0").max(100, "must be <= 100")).optional(),
});
export type CustomerFeedbackRow = z.output<typeof customerFeedbackRowSchema>;

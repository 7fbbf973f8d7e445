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

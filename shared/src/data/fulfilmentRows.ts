import { z } from "zod";
import { mustBe } from "../validation";
import { cellRules } from "./tableSchemas";

/*
 * Row schemas of what order promising reads (issue 19): the open order book
 * and the scheduled receipts, as they arrive from CSV or xlsx (every cell a
 * string; a blank optional cell is absent). On hand comes from the latest
 * stored stock snapshot.
 */

const { text, nonNegative, count } = cellRules;
const blankIsAbsent = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const date = z.string().trim().pipe(z.iso.date("must be a date YYYY-MM-DD"));
const positiveWhole = count.pipe(z.number(mustBe.number).min(1, mustBe.atLeast(1)));

/** One line of an open (not yet shipped) customer order; an order file replaces the stored order book. */
export const openOrderRowSchema = z.object({
  order_id: text,
  line: positiveWhole,
  customer_id: text,
  product_id: text,
  /** whole units: allocation shares out whole units */
  quantity: positiveWhole,
  requested_date: date,
  /** the line's shipping weight, for weight bands of the fulfilment rules (blank: 0) */
  weight_kg: z.preprocess(blankIsAbsent, nonNegative.optional()),
});
export type OpenOrderRow = z.output<typeof openOrderRowSchema>;

/** Units of a product due in on a date (purchase or production orders); a receipts file replaces the stored ones. */
export const scheduledReceiptRowSchema = z.object({
  product_id: text,
  date,
  quantity: count,
});
export type ScheduledReceiptRow = z.output<typeof scheduledReceiptRowSchema>;

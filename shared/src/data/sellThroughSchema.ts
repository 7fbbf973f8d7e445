import { z } from "zod";
import { mustBe } from "../validation";
import { cellRules } from "./tableSchemas";

const { text, nonNegative, count } = cellRules;

/**
 * One week of one customer's sell-through (POS) of one product: the units
 * the account sold on to its own customers, its real consumption, as the
 * retailer or distributor reports it. A customer's feed covers the weeks
 * from its first to its last row; a product it names in none of those weeks
 * sold nothing there.
 */
export const sellThroughRowSchema = z.object({
  customer_id: text,
  product_id: text,
  week: count.pipe(z.number(mustBe.number).min(1, mustBe.atLeast(1))),
  units: nonNegative,
});
export type SellThroughRow = z.output<typeof sellThroughRowSchema>;

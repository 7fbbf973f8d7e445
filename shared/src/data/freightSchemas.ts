import { z } from "zod";
import { mustBe } from "../validation";
import { cellRules } from "./tableSchemas";

const { text, name, nonNegative, count } = cellRules;
const blankIsAbsent = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const week = count.pipe(z.number(mustBe.number).min(1, mustBe.atLeast(1)));

/**
 * One freight invoice (or invoice line) as a carrier bills it: over a span
 * of order-history weeks, either for one customer's shipments (billed to that
 * customer as it stands) or for a lane into a region (spread over the
 * region's customers by the driver the planner picks). The file is the
 * freight ledger: an import replaces what was stored.
 */
export const freightCostRowSchema = z
  .object({
    invoice_id: text,
    carrier: z.preprocess(blankIsAbsent, name.optional()),
    from_week: week,
    to_week: week,
    /** the customer a shipment bill is for; blank for a lane bill */
    customer_id: z.preprocess(blankIsAbsent, text.optional()),
    /** the region a lane bill delivers into; blank for a shipment bill */
    region: z.preprocess(blankIsAbsent, text.optional()),
    cost: nonNegative,
  })
  .superRefine((r, ctx) => {
    if (r.to_week < r.from_week) ctx.addIssue({ code: "custom", path: ["to_week"], message: `is before from_week ${r.from_week}` });
    if ((r.customer_id === undefined) === (r.region === undefined)) {
      ctx.addIssue({ code: "custom", path: [r.customer_id === undefined ? "customer_id" : "region"], message: "give a customer_id (a shipment bill) or a region (a lane bill), not both and not neither" });
    }
  });
export type FreightCostRow = z.output<typeof freightCostRowSchema>;

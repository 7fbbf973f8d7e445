import { z } from "zod";
import { kpiNameSchema } from "../kpi/schemas";
import { mustBe } from "../validation";
import { cellRules } from "./tableSchemas";

/*
 * Row schemas of the tables measured KPIs read (issue 18): deliveries, stock
 * snapshots, activity rates, escalation paths and forecast overrides, as they
 * arrive from CSV or xlsx (every cell a string; a blank optional cell is absent).
 */

const { text, code, nonNegative, count } = cellRules;
const blankIsAbsent = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const date = z.string().trim().pipe(z.iso.date("must be a date YYYY-MM-DD"));
const week = count.pipe(z.number(mustBe.number).min(1, mustBe.atLeast(1)));

export const deliveryImportRowSchema = z
  .object({
    customer_id: text,
    product_id: text,
    /** the order line's week in the order history */
    week,
    promised_date: date,
    /** blank: not delivered (yet) */
    delivered_date: z.preprocess(blankIsAbsent, date.optional()),
    qty_ordered: nonNegative,
    qty_delivered: nonNegative,
    /** why the line missed (stock_out, supplier_late, carrier_late…); blank when it did not */
    miss_cause: z.preprocess(blankIsAbsent, code.optional()),
  })
  .superRefine((r, ctx) => {
    if (r.delivered_date === undefined && r.qty_delivered > 0) ctx.addIssue({ code: "custom", path: ["delivered_date"], message: "is needed when qty_delivered is above 0" });
  });
export type DeliveryImportRow = z.output<typeof deliveryImportRowSchema>;

export const stockSnapshotRowSchema = z.object({
  product_id: text,
  location: text,
  date,
  qty: nonNegative,
  /** stock value at cost, in the company's currency */
  value: nonNegative,
});
export type StockSnapshotRow = z.output<typeof stockSnapshotRowSchema>;

export const activityRateRowSchema = z.object({
  /** what is done: order handling, picking, delivery… */
  activity: text,
  /** the activity_counts column that drives it: orders, units_picked, deliveries… */
  driver: text,
  /** money per driver unit */
  rate: nonNegative,
  valid_from: date,
});
export type ActivityRateRow = z.output<typeof activityRateRowSchema>;

/** One level of a segment's escalation path for a KPI; the rows of one segment × KPI form its path. */
export const escalationPathRowSchema = z.object({
  /** a segment or a pattern with `*`, as in the policy table */
  segment: text,
  kpi: z.string().trim().pipe(kpiNameSchema),
  owner: text,
  level: count.pipe(z.number(mustBe.number).min(1, mustBe.atLeast(1))),
  after_days: count,
  to: text,
});
export type EscalationPathRow = z.output<typeof escalationPathRowSchema>;

export const forecastOverrideRowSchema = z.object({
  product_id: text,
  week,
  from: nonNegative,
  to: nonNegative,
  who: text,
  at: z.string().trim().pipe(z.iso.datetime({ offset: true, error: "must be a date-time like 2026-05-04T09:30:00Z" })),
  reason: z.string().trim().min(3, "at least 3 characters").max(2000, "at most 2000 characters"),
});
export type ForecastOverrideRow = z.output<typeof forecastOverrideRowSchema>;

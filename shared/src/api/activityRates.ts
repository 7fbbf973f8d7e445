import { z } from "zod";
import { mustBe } from "../validation/mustBe";
import { freeText, idText } from "./text";

/*
 * The activity-rate table on the wire: read with the version in force and
 * proposed whole, like the policy table, as a change request an approver
 * decides; the approved table lands as the next rate version.
 */

export const activityRateSchema = z.object({
  /** what is done: order handling, picking, delivery drop… */
  activity: idText(),
  /** the activity-count column that drives it: orders, deliveries, units_picked… */
  driver: idText(),
  /** money per driver unit */
  rate: z.number(mustBe.number).min(0, mustBe.atLeast(0)),
  validFrom: z.iso.date("must be a date YYYY-MM-DD"),
});
export type ActivityRateInput = z.infer<typeof activityRateSchema>;

export const putActivityRatesSchema = z.object({
  rows: z
    .array(activityRateSchema)
    .min(1, "propose at least one rate")
    .max(1000, "at most 1,000 rates")
    .superRefine((rows, ctx) => {
      // Two rates of one activity from the same day: which one costs the activity is not the service's to guess.
      const seen = new Map<string, number>();
      rows.forEach((r, i) => {
        const key = `${r.activity.toLowerCase()}\u0000${r.validFrom}`;
        const first = seen.get(key);
        if (first !== undefined) ctx.addIssue({ code: "custom", path: [i, "validFrom"], message: `"${r.activity}" from ${r.validFrom} is also row ${first + 1}` });
        else seen.set(key, i);
      });
    }),
  justification: freeText("say why (at least 3 characters)"),
});
export type PutActivityRates = z.infer<typeof putActivityRatesSchema>;

export const rateTableSchema = z.object({
  /** 0 before any table is stored (cost-to-serve then uses the stated default rates) */
  version: z.number().int(),
  /** who stored the version and how: an import file or an approved change request */
  createdBy: z.string().nullable(),
  createdAt: z.string().nullable(),
  note: z.string().nullable(),
  changeRequestId: z.string().nullable(),
  /** the day `inForce` is judged on (YYYY-MM-DD) */
  asOf: z.string(),
  /** every row of the version, by activity then valid-from; `inForce`: the row that prices the activity on `asOf` */
  rows: z.array(activityRateSchema.extend({ inForce: z.boolean() })),
});
export type RateTable = z.infer<typeof rateTableSchema>;

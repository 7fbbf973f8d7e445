import { z } from "zod";

/* Cost-to-serve drivers per customer segment, on the wire: what an investment case prices. */

export const costDriversSchema = z.object({
  /** the customer assignment version the segments come from */
  assignmentsVersion: z.number().int(),
  /** weeks of stored order history the activity counts cover; volumes are scaled to 52 weeks */
  weeksOfHistory: z.number().int(),
  /** the stored rate table in force today, or the illustrative default rates when none is stored */
  ratesSource: z.object({ source: z.enum(["stored", "default"]), version: z.number().int().nullable() }),
  /** each activity, the activity_counts column that drives it and its rate in force (money per driver unit) */
  activities: z.array(z.object({ activity: z.string(), driver: z.string(), rate: z.number() })),
  segments: z.array(
    z.object({
      segment: z.string(),
      customers: z.number().int(),
      /** activity → driver units a year */
      yearlyVolumes: z.record(z.string(), z.number()),
      /** activity → driver units a year × rate */
      yearlyCosts: z.record(z.string(), z.number()),
    }),
  ),
});
export type CostDrivers = z.output<typeof costDriversSchema>;

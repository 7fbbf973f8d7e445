import { z } from "zod";
import { idText } from "./text";

/** How the run that produced a proposal was made, as the approver reads it. */
export const runProvenanceSchema = z.object({
  /** abc, xyz, abc-xyz, mcabc, kmeans, customer-tiers, hybrid */
  method: idText(),
  /** where it ran: this workbook's table (browser or service compute) or the service's stored history */
  computedFrom: z.enum(["workbook", "service"]),
  /** what ABC ranked by: a column of the table ("Revenue") or a stored measure ("revenue") */
  criterion: idText().optional(),
  /** multi-criteria ABC: the criteria and their weights */
  criteria: z
    .array(z.object({ name: idText(), weight: z.number().finite().min(0) }))
    .max(20)
    .optional(),
  mode: z.enum(["value", "count"]).optional(),
  /** the class boundaries, as fractions (0.8 = 80 %) for ABC and as coefficients of variation for XYZ */
  cutoffs: z.object({ abc: z.array(z.number().finite()).max(20).optional(), xyz: z.array(z.number().finite()).max(20).optional() }).optional(),
  /** customer tiers: the rules in order, in words ("Key: within the top 80 % of revenue, margin ≥ 10 %, NPS ≥ 0") */
  tierRules: z.array(z.string().max(300)).max(20).optional(),
  /** the parts of a hybrid key, in order (e.g. Category, Segment) */
  keyParts: z.array(idText()).max(6).optional(),
  /** the demand periods the run read: the first and last column (W01 … W52) or weeks of the stored history, and how many */
  window: z.object({ first: idText(), last: idText(), periods: z.number().int().min(0) }).optional(),
  /** what the run classified: a table name or "stored order history", with its rows */
  population: z.object({ source: idText(), rows: z.number().int().min(0) }),
});
export type RunProvenance = z.infer<typeof runProvenanceSchema>;

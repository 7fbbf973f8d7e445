import { z } from "zod";
import { mustBe, numberSchema } from "../validation";

/** Class boundaries on a share: each in (0, 1], strictly increasing. */
export const cutoffsSchema = z
  .array(numberSchema({ greaterThan: 0, max: 1 }))
  .min(1, "at least one cut-off is needed")
  .refine((c) => c.every((v, i) => i === 0 || v > c[i - 1]), "cut-offs must be strictly increasing");

/** Labels for classes; unique and non-empty. */
export const labelsSchema = z.array(z.string().trim().min(1, "a label may not be blank")).refine((l) => new Set(l).size === l.length, "labels must be unique");

export const abcModeSchema = z.enum(["value", "count"]);
export type AbcMode = z.infer<typeof abcModeSchema>;

export const abcOptionsSchema = z.object({
  cutoffs: cutoffsSchema.default([0.8, 0.95]),
  labels: labelsSchema.optional(),
  mode: abcModeSchema.default("value"),
  ids: z.array(z.union([z.string(), z.number(mustBe.number)])).optional(),
});
export type AbcOptions = z.input<typeof abcOptionsSchema>;

/** CoV boundaries are not shares: any increasing positive numbers. */
export const cvCutoffsSchema = z
  .array(z.number(mustBe.number).finite().gt(0, mustBe.above(0)))
  .min(1, "at least one cut-off is needed")
  .refine((c) => c.every((v, i) => i === 0 || v > c[i - 1]), "cut-offs must be strictly increasing");

export const xyzOptionsSchema = z.object({
  cutoffs: cvCutoffsSchema.default([0.5, 1.0]),
  labels: labelsSchema.optional(),
  noDemandLabel: z.string().trim().min(1).default("no demand"),
  ids: z.array(z.union([z.string(), z.number(mustBe.number)])).optional(),
});
export type XyzOptions = z.input<typeof xyzOptionsSchema>;

export const demandPatternOptionsSchema = z.object({
  adiCutoff: z
    .number(mustBe.number)
    .finite()
    .gt(1, `${mustBe.above(1)} (ADI is at least 1)`)
    .default(1.32),
  cv2Cutoff: z.number(mustBe.number).finite().gt(0, mustBe.above(0)).default(0.49),
  ids: z.array(z.union([z.string(), z.number(mustBe.number)])).optional(),
});
export type DemandPatternOptions = z.input<typeof demandPatternOptionsSchema>;

export const directionSchema = z.enum(["benefit", "cost"]);
export type CriterionDirection = z.infer<typeof directionSchema>;
export const multiCriteriaMethodSchema = z.enum(["weighted", "edas"]);
export type MultiCriteriaMethod = z.infer<typeof multiCriteriaMethodSchema>;

export const multiCriteriaOptionsSchema = z.object({
  weights: z.array(z.number(mustBe.number).finite().min(0, mustBe.atLeast(0))).optional(),
  directions: z.array(directionSchema).optional(),
  method: multiCriteriaMethodSchema.default("weighted"),
});
export type MultiCriteriaOptions = z.input<typeof multiCriteriaOptionsSchema>;

/** Default letters: A, B, C, … one per class. */
export function defaultLabels(count: number, first = "A"): string[] {
  const start = first.charCodeAt(0);
  return Array.from({ length: count }, (_, i) => String.fromCharCode(start + i));
}

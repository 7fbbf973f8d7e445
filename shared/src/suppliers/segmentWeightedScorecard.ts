import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { checkWeights, prepareScorecard, scoreWithWeights, type ScorecardOptions, type SupplierScore } from "./scoreSuppliers";
import { mustBe } from "../validation";

export const segmentWeightsSchema = z
  .array(z.object({ segment: z.string().trim().min(1, "a segment may not be blank"), weights: z.array(z.unknown()) }))
  .min(1, "name the weights of at least one segment")
  .superRefine((rows, ctx) => {
    const seen = new Map<string, number>();
    rows.forEach((r, i) => {
      const first = seen.get(r.segment);
      if (first !== undefined) ctx.addIssue({ code: "custom", path: [i, "segment"], message: `duplicate segment "${r.segment}" (also in row ${first})` });
      seen.set(r.segment, i);
    });
  });
export type SegmentWeights = z.input<typeof segmentWeightsSchema>;

export const supplierSpendSchema = z.array(
  z.object({
    supplier: z.union([z.string().trim().min(1, "a supplier id may not be blank"), z.number(mustBe.number)]),
    segment: z.string().trim().min(1, "a segment may not be blank"),
    amount: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)),
  }),
);
export type SupplierSpend = z.input<typeof supplierSpendSchema>;

export type SegmentWeightedScorecardOptions = ScorecardOptions & {
  /** weights of a supplier without spend in any segment; without them such a supplier is an error */
  defaultWeights?: ReadonlyArray<unknown>;
};

export interface SegmentWeightedScore extends SupplierScore {
  /** the blended weights this supplier was scored with */
  weights: number[];
  /** share of the supplier's spend per segment (sums to 1), or empty when default weights were used */
  spendShares: Record<string, number>;
}

/**
 * Each supplier's weights blended from the segments it serves, by its spend
 * share in each:
 *
 *   wᵢ = Σₛ (spendᵢₛ / Σₛ' spendᵢₛ') · wₛ.
 *
 * A convex combination of weight vectors that each sum to 1 sums to 1, so the
 * score stays on 0–100. Segment weights express the segment policy (an A-item
 * segment weighs on-time delivery more, a C-item segment price), following
 * the segmented purchasing of Kraljic (1983), "Purchasing must become supply
 * management", Harvard Business Review 61(5): 109–117.
 *
 * @throws DomainError naming `segmentWeights[k]` (weights not summing to 1, duplicate segment), `spend[k]` (unknown supplier or segment, negative amount) or a supplier with no spend
 */
export function blendSegmentWeights(
  supplierIds: readonly string[],
  metricCount: number,
  segmentWeights: SegmentWeights,
  spend: SupplierSpend,
  defaultWeights?: ReadonlyArray<unknown>,
): Array<{ weights: Float64Array; spendShares: Record<string, number> }> {
  const segments = parseWith(segmentWeightsSchema, segmentWeights, "segmentWeights");
  const bySegment = new Map(segments.map((s, k) => [s.segment, checkWeights(s.weights, metricCount, `segmentWeights[${k}].weights`)]));
  const rows = parseWith(supplierSpendSchema, spend, "spend");
  const index = new Map(supplierIds.map((id, i) => [id, i]));
  const amounts = supplierIds.map(() => new Map<string, number>());
  rows.forEach((r, k) => {
    const i = index.get(String(r.supplier).trim());
    if (i === undefined) throw new DomainError(`spend[${k}].supplier`, `"${r.supplier}" is not a supplier of the metrics table`, "invalid");
    if (!bySegment.has(r.segment)) throw new DomainError(`spend[${k}].segment`, `"${r.segment}" has no row in segmentWeights`, "missing");
    amounts[i].set(r.segment, (amounts[i].get(r.segment) ?? 0) + r.amount);
  });
  const fallback = defaultWeights === undefined ? undefined : checkWeights(defaultWeights, metricCount, "defaultWeights");
  return amounts.map((bySeg, i) => {
    let total = 0;
    for (const a of bySeg.values()) total += a;
    if (!(total > 0)) {
      if (fallback) return { weights: fallback, spendShares: {} };
      throw new DomainError("spend", `supplier "${supplierIds[i]}" has no spend in any segment: give its spend or defaultWeights`, "missing");
    }
    const weights = new Float64Array(metricCount);
    const spendShares: Record<string, number> = {};
    for (const [segment, amount] of bySeg) {
      const share = amount / total;
      spendShares[segment] = share;
      const w = bySegment.get(segment)!;
      for (let j = 0; j < metricCount; j++) weights[j] += share * w[j];
    }
    return { weights, spendShares };
  });
}

/**
 * The supplier scorecard ({@link scoreSuppliers}) with each supplier's
 * weights blended from the segments it serves ({@link blendSegmentWeights}).
 * Normalisation is shared (all suppliers on the same scale); only the weights
 * differ, so a supplier of A-items is judged mostly on what A-items need.
 *
 * @param options.ids required: supplier ids, matched by `spend[k].supplier`
 */
export function scoreSuppliersBySegment(metrics: ReadonlyArray<ReadonlyArray<unknown>>, segmentWeights: SegmentWeights, spend: SupplierSpend, options: SegmentWeightedScorecardOptions): SegmentWeightedScore[] {
  if (!options || options.ids === undefined) throw new DomainError("ids", "name the suppliers: spend rows refer to them by id", "missing");
  const { table, ids, normalised } = prepareScorecard(metrics, options);
  const blended = blendSegmentWeights(ids, table.columns, segmentWeights, spend, options.defaultWeights);
  const scores = scoreWithWeights(normalised, table.rows, table.columns, (i) => blended[i].weights, ids);
  return scores.map((s, i) => ({ ...s, weights: Array.from(blended[i].weights), spendShares: blended[i].spendShares }));
}

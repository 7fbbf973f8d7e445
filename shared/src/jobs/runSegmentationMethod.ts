import type { SegmentationRun } from "../api";
import { assertUnreachable } from "../errors";
import { assignCustomerTiers, classifyAbc, classifyXyz } from "../segmentation";
import { aggregateOrderLines, type OrderLineFacts } from "./aggregateOrderLines";

export interface ProposedAssignment {
  entityId: string;
  segment: string;
  detail: Record<string, string | number | boolean | null>;
}

/**
 * Run a stored segmentation definition over a company's data and return one
 * assignment per entity of the definition's dimension. The service proposes
 * the result as a change request; /validate replays it to prove the logic
 * still gives the applied assignments.
 */
export function runSegmentationMethod(
  definition: SegmentationRun,
  data: { productIds: string[]; customers: Array<{ id: string; strategic: boolean }>; orderLines: readonly OrderLineFacts[] },
): ProposedAssignment[] {
  const customerIds = data.customers.map((c) => c.id);
  const agg = aggregateOrderLines(data.productIds, customerIds, data.orderLines);
  const criterionValues = (criterion: "revenue" | "margin" | "units") =>
    Array.from(criterion === "revenue" ? agg.productRevenue : criterion === "margin" ? agg.productMargin : agg.productUnits);
  switch (definition.method) {
    case "abc": {
      const abc = classifyAbc(criterionValues(definition.criterion), { ids: data.productIds, cutoffs: definition.cutoffs, labels: definition.labels, mode: definition.mode });
      return abc.items.map((i) => ({ entityId: i.id, segment: i.class, detail: { abc: i.class, [definition.criterion]: round(i.value), cumulativeShare: round(i.cumulativeShare) } }));
    }
    case "xyz": {
      const xyz = classifyXyz(agg.demand, { ids: data.productIds, cutoffs: definition.cutoffs, labels: definition.labels });
      return xyz.items.map((i) => ({ entityId: i.id, segment: i.class, detail: { xyz: i.class, cv: i.coefficientOfVariation === null ? null : round(i.coefficientOfVariation) } }));
    }
    case "abc-xyz": {
      const abc = classifyAbc(criterionValues(definition.criterion), { ids: data.productIds });
      const xyz = classifyXyz(agg.demand, { ids: data.productIds, noDemandLabel: "N" });
      return abc.items.map((a, k) => ({ entityId: a.id, segment: `${a.class}${xyz.items[k].class}`, detail: { abc: a.class, xyz: xyz.items[k].class } }));
    }
    case "customer-tiers": {
      const tiers = assignCustomerTiers(
        data.customers.map((c, i) => ({
          id: c.id,
          revenue: agg.customerRevenue[i],
          marginPct: agg.customerRevenue[i] > 0 ? agg.customerMargin[i] / agg.customerRevenue[i] : 0,
          strategic: c.strategic,
        })),
      );
      return tiers.map((t) => ({ entityId: t.id, segment: t.tier, detail: { tier: t.tier, revenue: round(t.revenue), marginPct: round(t.marginPct) } }));
    }
    default:
      return assertUnreachable(definition);
  }
}

/** Six significant decimals keep the stored detail stable across platforms' last-bit differences. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

import type { SegmentationRun } from "../api";
import { DomainError, assertUnreachable } from "../errors";
import { DEFAULT_TIER_RULES, assignCustomerTiers, classifyAbc, classifyMultiCriteriaAbc, classifyXyz, segmentKey } from "../segmentation";
import { aggregateOrderSums, type OrderSums } from "./aggregateOrderLines";

/** A feedback score stored as a customer attribute (the customer-feedback import), or null when it was never measured. */
function feedbackScore(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

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
  data: {
    productIds: string[];
    customers: Array<{ id: string; strategic: boolean; attributes?: Record<string, unknown> }>;
    products?: Array<{ id: string; attributes: Record<string, unknown> }>;
    /** the order history summed per product × week and per customer */
    orders: OrderSums;
  },
): ProposedAssignment[] {
  const customerIds = data.customers.map((c) => c.id);
  const agg = aggregateOrderSums(data.productIds, customerIds, data.orders);
  const criterionValues = (criterion: "revenue" | "margin" | "units") => Array.from(criterion === "revenue" ? agg.productRevenue : criterion === "margin" ? agg.productMargin : agg.productUnits);
  // Tiers from the customers' revenue, margin % and strategic flag (used by tiers and hybrid keys).
  const customerTiers = () =>
    assignCustomerTiers(
      data.customers.map((c, i) => ({
        id: c.id,
        revenue: agg.customerRevenue[i],
        marginPct: agg.customerRevenue[i] > 0 ? agg.customerMargin[i] / agg.customerRevenue[i] : 0,
        strategic: c.strategic,
        nps: feedbackScore(c.attributes?.nps),
        csat: feedbackScore(c.attributes?.csat),
      })),
      definition.method === "customer-tiers" && definition.rules ? definition.rules : DEFAULT_TIER_RULES,
    );
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
      const abc = classifyAbc(criterionValues(definition.criterion), { ids: data.productIds, cutoffs: definition.abcCutoffs });
      const xyz = classifyXyz(agg.demand, { ids: data.productIds, cutoffs: definition.xyzCutoffs, noDemandLabel: "N" });
      return abc.items.map((a, k) => ({ entityId: a.id, segment: `${a.class}${xyz.items[k].class}`, detail: { abc: a.class, xyz: xyz.items[k].class } }));
    }
    case "customer-tiers": {
      const tiers = customerTiers();
      return tiers.map((t) => ({
        entityId: t.id,
        segment: t.tier,
        detail: { tier: t.tier, revenue: round(t.revenue), marginPct: round(t.marginPct), ...(t.nps !== null ? { nps: t.nps } : {}), ...(t.csat !== null ? { csat: t.csat } : {}) },
      }));
    }
    case "mcabc": {
      const xyz = classifyXyz(agg.demand, { ids: data.productIds });
      const column = (metric: string, i: number): number => {
        switch (metric) {
          case "revenue":
            return agg.productRevenue[i];
          case "margin":
            return agg.productMargin[i];
          case "units":
            return agg.productUnits[i];
          case "marginPct":
            return agg.productRevenue[i] > 0 ? agg.productMargin[i] / agg.productRevenue[i] : 0;
          default:
            // No demand has no CV: treat it as the most variable, the conservative reading.
            return xyz.items[i].coefficientOfVariation ?? Number.MAX_SAFE_INTEGER / 1e6;
        }
      };
      const criteria = data.productIds.map((_, i) => definition.criteria.map((c) => column(c.metric, i)));
      const result = classifyMultiCriteriaAbc(criteria, {
        ids: data.productIds,
        weights: definition.criteria.map((c) => c.weight),
        directions: definition.criteria.map((c) => c.direction ?? (c.metric === "cv" ? "cost" : "benefit")),
        method: definition.scoring,
        mode: definition.mode,
        cutoffs: definition.cutoffs,
      });
      return result.items.map((item, i) => ({ entityId: item.id, segment: item.class, detail: { mcabc: item.class, score: round(result.scores[i]) } }));
    }
    case "hybrid": {
      const parts = definition.parts;
      if (definition.dimension === "product") {
        const bad = parts.find((p) => !["abc", "xyz", "category"].includes(p));
        if (bad) throw new DomainError(`parts`, `"${bad}" is not a product part (abc, xyz, category)`);
        const abc = classifyAbc(criterionValues("revenue"), { ids: data.productIds });
        const xyz = classifyXyz(agg.demand, { ids: data.productIds, noDemandLabel: "N" });
        const attributes = new Map((data.products ?? []).map((p) => [p.id, p.attributes]));
        return data.productIds.map((id, i) => {
          const values = { abc: abc.items[i].class, xyz: xyz.items[i].class, category: attributes.get(id)?.category };
          return { entityId: id, segment: segmentKey(values, parts, `products[${i}]`), detail: Object.fromEntries(parts.map((p) => [p, String(values[p as keyof typeof values])])) };
        });
      }
      const bad = parts.find((p) => !["tier", "region", "channel"].includes(p));
      if (bad) throw new DomainError(`parts`, `"${bad}" is not a customer part (tier, region, channel)`);
      const tiers = customerTiers();
      return data.customers.map((c, i) => {
        const values = { tier: tiers[i].tier, region: c.attributes?.region, channel: c.attributes?.channel };
        return { entityId: c.id, segment: segmentKey(values, parts, `customers[${i}]`), detail: Object.fromEntries(parts.map((p) => [p, String(values[p as keyof typeof values])])) };
      });
    }
    default:
      return assertUnreachable(definition);
  }
}

/** Six significant decimals keep the stored detail stable across platforms' last-bit differences. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

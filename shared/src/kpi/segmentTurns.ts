import type { PolicyFields } from "../segmentation/policyTable";
import { attributeNumber } from "./attributeNumber";
import { modelledTurns } from "./modelledTurns";
import { rankDrivers, type RankedDriver } from "./rankDrivers";
import type { TurnsInput } from "./schemas";

type Attributes = Readonly<Record<string, unknown>>;

export interface SegmentTurns {
  turns: number | null;
  note: string;
  /** the items holding the most stock above what the turns target allows; only when turns are modelled */
  drivers?: { excessItems: RankedDriver[] };
}

/** A supplier without a stored lead time is taken to deliver in a week. */
const DEFAULT_LEAD_TIME_DAYS = 7;

/**
 * A product segment's modelled inventory turns (modelledTurns) at its policy:
 * per product the weekly demand mean and sample standard deviation over the
 * history, its `unit_cost`, and its supplier's `lead_time_mean_days` and
 * `lead_time_sd_days` in weeks; review period and service level from the
 * policy. Customers hold no inventory, and without a policy there is no
 * review period or service level to model with: both give null and say why.
 *
 * @param entities the segment's product ids, in the order the items are listed
 * @param weeklyUnits units per week of each product, weeks 1 … `weeks`; a product without sales has none
 * @throws DomainError naming `items[i].<field>` for a negative unit cost or a service level outside (0, 1)
 */
export function segmentTurns(input: {
  dimension: "product" | "customer";
  entities: readonly string[];
  weeklyUnits: ReadonlyMap<string, Float64Array>;
  weeks: number;
  products: ReadonlyMap<string, Attributes>;
  suppliers: ReadonlyMap<string, Attributes>;
  policy: PolicyFields | null;
}): SegmentTurns {
  const { policy } = input;
  if (input.dimension === "customer") return { turns: null, note: "inventory is held per product, not per customer" };
  if (!policy) return { turns: null, note: "the policy (review period, service level) is needed to model the average inventory" };
  const items: TurnsInput[] = input.entities.map((id) => {
    const s = input.weeklyUnits.get(id) ?? new Float64Array(input.weeks);
    const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
    const sd = s.length > 1 ? Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / (s.length - 1)) : 0;
    const product = input.products.get(id) ?? {};
    const supplier = input.suppliers.get(String(product.supplier_id)) ?? {};
    return {
      itemId: id,
      demandMean: mean,
      demandSd: sd,
      unitCost: Math.max(0, attributeNumber(product.unit_cost, 0)),
      leadTime: Math.max(0, attributeNumber(supplier.lead_time_mean_days, DEFAULT_LEAD_TIME_DAYS)) / 7,
      leadTimeSd: Math.max(0, attributeNumber(supplier.lead_time_sd_days, 0)) / 7,
      reviewPeriod: policy.reviewPeriodDays / 7,
      cycleServiceLevel: policy.cycleServiceLevel,
      inventoryTurnsTarget: policy.inventoryTurnsTarget,
    };
  });
  const modelled = modelledTurns(items);
  return {
    turns: modelled.turns,
    note: "modelled: annual COGS / (cycle stock d·R/2 + safety stock) at the segment's policy; stock levels are not stored",
    drivers: { excessItems: rankDrivers(modelled.items.map((i) => ({ id: i.itemId, value: Math.max(0, i.excessValue) }))) },
  };
}

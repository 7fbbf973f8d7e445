import type { EscalationTable } from "./schemas";

/**
 * Activity rates (money per driver unit) used for cost-to-serve while no rate
 * table is stored: illustrative distribution-business figures, stated in every
 * report so no one mistakes them for measured costs. Drivers are the
 * activity_counts columns.
 */
export const DEFAULT_ACTIVITY_RATES: Readonly<Record<string, number>> = {
  orders: 12,
  order_lines: 1.5,
  deliveries: 35,
  units_picked: 0.08,
  returns: 18,
  sales_visits: 120,
  special_handling: 25,
  kg_km: 0.0004,
};

/** Targets the policy table does not carry: cost-to-serve and forecast error ceilings, overridable per request. */
export interface KpiCeilings {
  maxCostToServePct: number;
  maxWape: number;
}
export const DEFAULT_CEILINGS: Readonly<KpiCeilings> = { maxCostToServePct: 0.12, maxWape: 0.5 };

/** Escalation used for an owner function with no stored row. */
export const DEFAULT_ESCALATION: Readonly<EscalationTable> = {
  "supply chain": [
    { level: 1, contact: "supply chain planner", afterDays: 0 },
    { level: 2, contact: "supply chain manager", afterDays: 7 },
    { level: 3, contact: "head of supply chain", afterDays: 21 },
  ],
  sales: [
    { level: 1, contact: "account manager", afterDays: 0 },
    { level: 2, contact: "sales director", afterDays: 7 },
  ],
  finance: [
    { level: 1, contact: "financial controller", afterDays: 0 },
    { level: 2, contact: "finance director", afterDays: 14 },
  ],
};

import type { DemoCompany, Region } from "./types";

/** Carrier rate per kg into each demo region (LTL, € per kg): the far West costs most to reach. */
const RATE_PER_KG: Record<Region, number> = { North: 0.09, South: 0.11, West: 0.14 };
/** A lane's fixed charge per quarter (tolls, fuel surcharge floor), €. */
const LANE_CHARGE = 400;
/** An express parcel bill per strategic customer per quarter, €: key accounts get rush deliveries outside the lanes. */
const EXPRESS_CHARGE = 180;
const QUARTER_WEEKS = 13;

/**
 * The demo's freight ledger as the `freight_costs` import reads it: per
 * quarter, one lane bill per region (its kg shipped at the region's rate plus
 * a fixed lane charge) and one express bill per strategic customer. Bills
 * follow the weight shipped, so spreading them by weight returns roughly what
 * each customer caused; by order lines it shows what a cruder driver shifts.
 */
export function demoFreightCostsCsv(company: Pick<DemoCompany, "customers" | "products" | "orderLines">): string {
  const weight = new Map(company.products.map((p) => [p.productId, p.weightKg]));
  const region = new Map(company.customers.map((c) => [c.customerId, c.region]));
  const lastWeek = company.orderLines.reduce((m, l) => Math.max(m, l.week), 0);
  const kg = new Map<string, number>();
  for (const l of company.orderLines) {
    const key = `${region.get(l.customerId)} ${Math.ceil(l.week / QUARTER_WEEKS)}`;
    kg.set(key, (kg.get(key) ?? 0) + l.quantity * (weight.get(l.productId) ?? 0));
  }
  const rows = ["invoice_id,carrier,from_week,to_week,customer_id,region,cost"];
  for (let q = 1; (q - 1) * QUARTER_WEEKS < lastWeek; q++) {
    const from = (q - 1) * QUARTER_WEEKS + 1;
    const to = Math.min(q * QUARTER_WEEKS, lastWeek);
    for (const r of Object.keys(RATE_PER_KG) as Region[]) {
      const cost = Math.round((kg.get(`${r} ${q}`) ?? 0) * RATE_PER_KG[r]) + LANE_CHARGE;
      rows.push(`FR-Q${q}-${r},Roadline,${from},${to},,${r},${cost}`);
    }
    for (const c of company.customers.filter((c) => c.strategic)) rows.push(`EX-Q${q}-${c.customerId},Swiftparcel,${from},${to},${c.customerId},,${EXPRESS_CHARGE}`);
  }
  return rows.join("\n") + "\n";
}

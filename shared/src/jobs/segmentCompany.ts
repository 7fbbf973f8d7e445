import { DomainError } from "../errors";
import type { CustomerRow, OrderLineRow, ProductRow } from "../data";
import { aggregateOrderLines } from "./aggregateOrderLines";
import { abcXyzMatrix, assignCustomerTiers, classifyAbc, classifyDemandPatterns, classifyXyz, type AbcResult, type AbcXyzMatrix, type CustomerTier, type DemandPattern, type XyzResult } from "../segmentation";

export interface CompanySegmentation {
  weeks: number;
  products: { abc: AbcResult; xyz: XyzResult; matrix: AbcXyzMatrix; patterns: Record<DemandPattern, number> };
  customers: { tiers: CustomerTier[]; byTierAndRegion: Array<{ tier: string; region: string; customers: number; revenue: number }>; regions: string[] };
}

/**
 * The main segmentation job over a company's tables: products by revenue
 * (ABC), weekly demand variability (XYZ) and pattern (Syntetos–Boylan), the
 * ABC-XYZ matrix, and customer tiers from revenue, margin % and the strategic
 * flag. Revenue = Σ qty × price; margin = Σ qty × (price − cost).
 * Every product and customer appears, including those that never ordered.
 *
 * @throws DomainError naming the order line whose product or customer is unknown.
 */
export function segmentCompany(products: readonly ProductRow[], customers: readonly CustomerRow[], orderLines: readonly OrderLineRow[]): CompanySegmentation {
  const agg = aggregateOrderLines(
    products.map((p) => p.product_id),
    customers.map((c) => c.customer_id),
    orderLines,
    0,
  );
  const { weeks, productRevenue, demand, customerRevenue, customerMargin } = agg;
  if (weeks < 2) throw new DomainError("order_lines.csv", `needs at least 2 weeks of history for XYZ, got ${weeks}`, "missing");

  const ids = products.map((p) => p.product_id);
  const abc = classifyAbc(Array.from(productRevenue), { ids });
  const xyz = classifyXyz(demand, { ids });
  const patterns: Record<DemandPattern, number> = { smooth: 0, erratic: 0, intermittent: 0, lumpy: 0, "no demand": 0 };
  for (const item of classifyDemandPatterns(demand, { ids }).items) patterns[item.pattern]++;
  const matrix = abcXyzMatrix(
    abc.items.map((item, i) => ({ abcClass: item.class, xyzClass: xyz.items[i].class, value: item.value })),
    abc.labels,
    [...xyz.labels, xyz.noDemandLabel],
  );

  const tiers = assignCustomerTiers(
    customers.map((c, i) => ({
      id: c.customer_id,
      revenue: customerRevenue[i],
      marginPct: customerRevenue[i] > 0 ? customerMargin[i] / customerRevenue[i] : 0,
      strategic: c.strategic,
    })),
  );
  const regions = [...new Set(customers.map((c) => c.region))].sort();
  const cells = new Map<string, { tier: string; region: string; customers: number; revenue: number }>();
  tiers.forEach((t, i) => {
    const key = `${t.tier}\u0000${customers[i].region}`;
    const cell = cells.get(key) ?? { tier: t.tier, region: customers[i].region, customers: 0, revenue: 0 };
    cell.customers++;
    cell.revenue += t.revenue;
    cells.set(key, cell);
  });
  return { weeks, products: { abc, xyz, matrix, patterns }, customers: { tiers, byTierAndRegion: [...cells.values()], regions } };
}

import { PolicyTable, type PolicyFields } from "../../../../shared/src/segmentation";
import { DomainError } from "../../../../shared/src/errors";
import { segmentsOf } from "../../store/assignments";
import { entityAttributes, entityPage, type Attributes } from "../../store/entities";
import { currentVersion } from "../../store/versions";
import type { Executor } from "../context";
import { currentPolicies } from "../policies";

const ALL = 1_000_000_000;

export interface ProductContext {
  products: Array<{ id: string; name: string; attributes: Attributes }>;
  segmentOf: Map<string, string>;
  suppliers: Map<string, Attributes>;
  /** the segment's policy, or why there is none */
  policyOf: (segment: string) => { policy: PolicyFields } | { reason: string };
}

/** The stored products with their current segment, their suppliers and the current policy table. */
export async function productContext(db: Executor): Promise<ProductContext> {
  const [products, version, suppliers, policies] = await Promise.all([entityPage(db, "product", ALL, 0), currentVersion(db, "product"), entityAttributes(db, "supplier"), currentPolicies(db)]);
  const segmentOf = await segmentsOf(
    db,
    "product",
    version,
    products.map((p) => p.id),
  );
  const table = policies.rows.length ? new PolicyTable(policies.rows) : null;
  const policyOf = (segment: string) => {
    if (!table) return { reason: "no policy table has been approved" };
    try {
      return { policy: table.resolve(segment).policy };
    } catch (e) {
      if (e instanceof DomainError) return { reason: e.detail };
      throw e;
    }
  };
  return { products, segmentOf, suppliers, policyOf };
}

/** A numeric attribute, or null when absent or not a finite number. */
export const numberAttribute = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** The product's supplier lead time (mean, sd) in days, or null when the supplier has none stored. */
export function supplierLeadTime(ctx: ProductContext, attributes: Attributes): { meanDays: number; sdDays: number } | null {
  const supplier = ctx.suppliers.get(String(attributes.supplier_id));
  const mean = numberAttribute(supplier?.lead_time_mean_days);
  if (mean === null) return null;
  return { meanDays: mean, sdDays: numberAttribute(supplier?.lead_time_sd_days) ?? 0 };
}

/**
 * A product's segment, its policy and its supplier lead time, or why one is
 * missing (the reason for a product without a segment is the caller's: it
 * says what the policy was needed for).
 */
export function policyAndLeadTime(
  ctx: ProductContext,
  product: { id: string; attributes: Attributes },
  noSegment: string,
): { segment: string; policy: PolicyFields; lead: { meanDays: number; sdDays: number } } | { reason: string } {
  const segment = ctx.segmentOf.get(product.id) ?? null;
  if (segment === null) return { reason: noSegment };
  const found = ctx.policyOf(segment);
  if (!("policy" in found)) return { reason: `segment ${segment}: ${found.reason}` };
  const lead = supplierLeadTime(ctx, product.attributes);
  if (!lead) return { reason: `supplier ${String(product.attributes.supplier_id)} has no lead time stored` };
  return { segment, policy: found.policy, lead };
}

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

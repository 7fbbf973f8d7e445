import { DomainError, describeValue } from "../errors";
import { costToServe, type CostToServeOptions, type CostToServeResult, type RateBasis } from "./costToServe";
import { rollUpCostToServe, type CostToServeGroup } from "./rollUpCostToServe";

export interface CustomerProductLine {
  customerId: string;
  productId: string;
  /** driver volume of each activity for this customer × product (order lines, units picked, returns…) */
  volumes: ReadonlyArray<unknown>;
  /** costs traced directly to this line (≥ 0) */
  directCost?: number;
}

export interface CostToServeByLine {
  /** one row per line, id `customer|product` */
  lines: CostToServeResult;
  byCustomer: CostToServeGroup[];
  byProduct: CostToServeGroup[];
}

/**
 * Cost-to-serve per customer × product: each line priced like a customer in
 * {@link costToServe}, then summed per customer and per product. A pair may
 * appear once (two rows for the same pair would double-count its volumes).
 * Customer-level drivers that no product causes (sales visits) belong on a
 * line of their own, e.g. product "—", so they are not spread arbitrarily.
 *
 * @throws DomainError naming `lines[i].customerId`, `lines[i].productId`, a duplicate pair, or a bad volume `driverVolumes[i][j]`
 */
export function costToServeByLine(lines: ReadonlyArray<CustomerProductLine>, basis: RateBasis, options: Pick<CostToServeOptions, "activities"> = {}): CostToServeByLine {
  if (!Array.isArray(lines) || lines.length === 0) throw new DomainError("lines", "expected at least one customer × product line", "missing");
  const seen = new Map<string, number>();
  const ids = lines.map((line, i) => {
    for (const key of ["customerId", "productId"] as const) {
      const v = line?.[key];
      if (typeof v !== "string" || v.trim() === "") throw new DomainError(`lines[${i}].${key}`, `expected a non-empty id, got ${describeValue(v)}`, "missing");
    }
    const id = `${line.customerId.trim()}|${line.productId.trim()}`;
    const first = seen.get(id);
    if (first !== undefined) throw new DomainError(`lines[${i}]`, `duplicate customer × product ${JSON.stringify(id)} (also at lines[${first}])`);
    seen.set(id, i);
    return id;
  });
  const result = costToServe(
    lines.map((l) => l.volumes),
    basis,
    { ids, activities: options.activities, directCosts: lines.map((l) => l.directCost ?? 0) },
  );
  return {
    lines: result,
    byCustomer: rollUpCostToServe(
      result,
      lines.map((l) => l.customerId.trim()),
      "customerId",
    ),
    byProduct: rollUpCostToServe(
      result,
      lines.map((l) => l.productId.trim()),
      "productId",
    ),
  };
}

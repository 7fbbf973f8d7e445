import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import type { DemoCompany, OrderLine } from "./types";
import { mustBe } from "../validation";

export const plantDriftOptionsSchema = z.object({
  /** the products or customers that drift (all of one dimension) */
  entities: z.array(z.string().trim().min(1)).min(1, "name at least one entity"),
  /** an entity of the other segment whose behaviour the drifting ones take on */
  toBehaviourOf: z.string().trim().min(1),
  /** the first week of the new behaviour */
  fromWeek: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)),
});
export type PlantDriftOptions = z.input<typeof plantDriftOptionsSchema>;

/**
 * A copy of a demo company in which a known set of products or customers
 * behaves, from `fromWeek` on, like another entity: their own order lines from
 * that week are replaced by the model entity's lines (quantities, prices,
 * costs, lines, deliveries, returns) under their own id. It is the planted
 * truth of the recommendation tests: the drifting set is known, everyone else
 * is untouched, and the company without drift is the same `generateDemoCompany`
 * output as before. Activity counts are whole-horizon totals and are left as
 * generated.
 *
 * @throws DomainError (`entities[i]`, `toBehaviourOf`) for an id that is neither a product nor a customer, or not of the same dimension; (`fromWeek`) past the last week
 * @example
 * const drifted = plantDrift(company, { entities: ["P0050"], toBehaviourOf: "P0001", fromWeek: 14 });
 * // P0050's lines from week 14 are P0001's, relabelled P0050
 */
export function plantDrift(company: DemoCompany, options: PlantDriftOptions): DemoCompany {
  const o = parseWith(plantDriftOptionsSchema, options, "");
  if (o.fromWeek > company.settings.weeks) throw new DomainError("fromWeek", `${mustBe.atMost(company.settings.weeks)} (the weeks of history), got ${o.fromWeek}`, "out_of_range");
  const products = new Set(company.products.map((p) => p.productId));
  const customers = new Set(company.customers.map((c) => c.customerId));
  const dimension = products.has(o.toBehaviourOf) ? "product" : customers.has(o.toBehaviourOf) ? "customer" : undefined;
  if (!dimension) throw new DomainError("toBehaviourOf", `"${o.toBehaviourOf}" is neither a product nor a customer of the company`, "missing");
  const known = dimension === "product" ? products : customers;
  const drifting = new Set<string>();
  o.entities.forEach((id, i) => {
    if (!known.has(id)) throw new DomainError(`entities[${i}]`, `"${id}" is not a ${dimension} of the company (toBehaviourOf is a ${dimension})`, "missing");
    if (id === o.toBehaviourOf) throw new DomainError(`entities[${i}]`, `"${id}" is the entity whose behaviour is copied`);
    drifting.add(id);
  });
  const key = (l: OrderLine) => (dimension === "product" ? l.productId : l.customerId);
  const kept = company.orderLines.filter((l) => l.week < o.fromWeek || !drifting.has(key(l)));
  const copied: OrderLine[] = [];
  for (const l of company.orderLines) {
    if (l.week < o.fromWeek || key(l) !== o.toBehaviourOf) continue;
    for (const id of drifting) copied.push(dimension === "product" ? { ...l, productId: id } : { ...l, customerId: id });
  }
  // The generator's file order: week, then customer, then product.
  const orderLines = [...kept, ...copied].sort((a, b) => a.week - b.week || compare(a.customerId, b.customerId) || compare(a.productId, b.productId));
  return { ...company, orderLines };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

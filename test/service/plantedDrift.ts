/**
 * Planted drift for the recommendation tests (rules and model): a known truth
 * on a stored, segmented demo company.
 */
import { parse } from "csv-parse/sync";
import { generateDemoCompany, plantDrift, toCsvFiles } from "../../shared/src/demo";
import type { Actor } from "../../service/src/auth/actor";
import { importRows } from "../../service/src/useCases/imports";
import { loadDemoCompany } from "../../service/src/demo/loadDemo";
import { assignmentsAt, currentVersion } from "../../service/src/useCases/masterData";
import type { TestService } from "./harness";

export const DEMO = { seed: 11, products: 400, customers: 60, weeks: 52, suppliers: 6 };
const FROM_WEEK = 33;
const loader: Actor = { tokenId: "system", subject: "drift-loader", name: "drift-loader", role: "admin" };

/**
 * The planted truth: the company is stored and segmented as generated (the
 * segments a planner approved), then a new order history arrives in which a
 * known set of stationary B and C products behave like the top A product, and a set of
 * Transactional customers like the top Key customer, from week 33 of 52.
 */
export async function plantAndStore(t: TestService, dimension: "product" | "customer", options: { loaded?: boolean } = {}) {
  const company = generateDemoCompany(DEMO);
  // `loaded`: the service already holds DEMO (a pane browser starts its service with it).
  if (!options.loaded) await loadDemoCompany(t.service.ctx, DEMO);
  const products = await assignmentsAt(t.service.ctx.db, "product", await currentVersion(t.service.ctx.db, "product"));
  const customers = await assignmentsAt(t.service.ctx.db, "customer", await currentVersion(t.service.ctx.db, "customer"));
  const revenue = new Map<string, number>();
  for (const l of company.orderLines) {
    revenue.set(l.productId, (revenue.get(l.productId) ?? 0) + l.quantity * l.unitPrice);
    revenue.set(l.customerId, (revenue.get(l.customerId) ?? 0) + l.quantity * l.unitPrice);
  }
  const top = (ids: string[]) => ids.reduce((best, id) => ((revenue.get(id) ?? 0) > (revenue.get(best) ?? 0) ? id : best));
  const every = <T>(xs: T[], k: number, count: number) => xs.filter((_, i) => i % k === 0).slice(0, count);
  // The generator's own drift (new and dying products, seasonal cycles, months-long gaps of intermittent demand) is
  // real drift too; the planted set and the stable control are taken from the products it keeps stationary, so the
  // truth is known on both sides.
  const stationary = new Set(company.products.filter((p) => p.lifecycle === "active" && !p.seasonal && (p.demandProfile === "smooth" || p.demandProfile === "erratic")).map((p) => p.productId));
  const lower = products.filter((a) => a.detail.abc !== "A" && stationary.has(a.entityId) && (revenue.get(a.entityId) ?? 0) > 0).map((a) => a.entityId);
  const driftProducts = every(lower, 2, 12);
  const productModel = top(products.filter((a) => a.detail.abc === "A").map((a) => a.entityId));
  const transactional = customers.filter((a) => a.segment === "Transactional").map((a) => a.entityId);
  const driftCustomers = every(transactional, 2, 5);
  const customerModel = top(customers.filter((a) => a.segment === "Key").map((a) => a.entityId));
  // One dimension at a time: a customer who buys like a Key account also moves the products that account buys.
  const drifted =
    dimension === "product"
      ? plantDrift(company, { entities: driftProducts, toBehaviourOf: productModel, fromWeek: FROM_WEEK })
      : plantDrift(company, { entities: driftCustomers, toBehaviourOf: customerModel, fromWeek: FROM_WEEK });
  const rows = parse(toCsvFiles(drifted)["order_lines.csv"], { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  await importRows(t.service.ctx, loader, "order_lines", rows, "order_lines.csv");
  const planted = dimension === "product" ? driftProducts : driftCustomers;
  return { planted, driftProducts, driftCustomers, stationary, lifecycle: new Map(company.products.map((p) => [p.productId, p])) };
}

export function score(recommended: Array<{ entityId: string; to: string }>, planted: string[], expectedTo: (to: string) => boolean) {
  const truth = new Set(planted);
  const hits = recommended.filter((r) => truth.has(r.entityId) && expectedTo(r.to)).length;
  return { recall: hits / planted.length, precision: recommended.length ? hits / recommended.length : 0, hits, recommended: recommended.length, planted: planted.length };
}

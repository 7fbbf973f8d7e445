import { parseWith } from "../errors";
import { createRng } from "../random";
import { deriveActivityCounts } from "./deriveActivityCounts";
import { assignAccountOwners } from "./assignAccountOwners";
import { generateCustomers } from "./generateCustomers";
import { generateOrderLines } from "./generateOrderLines";
import { generateProducts } from "./generateProducts";
import { generateSuppliers } from "./generateSuppliers";
import { demoCompanyOptionsSchema, type DemoCompanyOptions } from "./options";
import type { DemoCompany } from "./types";

/**
 * A made-up distributor of industrial supplies (MRO), the same to the byte
 * for the same options: suppliers, products, customers, two years of weekly
 * order lines and per-customer activity counts. Built to exercise
 * segmentation: long-tailed product revenue (about 20% of products make 80%),
 * all four Syntetos–Boylan demand classes, seasonal, new and dying products,
 * strategic accounts, unprofitable high-maintenance accounts, suppliers with
 * different lead times.
 *
 * Each table draws from its own stream, seeded from the main seed, so a
 * change in how one table is drawn leaves the earlier ones as they were.
 *
 * @param options seed (default 20261125), products (2000), customers (500), weeks (104), suppliers (40)
 * @throws DomainError naming the option when one is not a whole number in range
 * @example
 * const company = generateDemoCompany({ products: 300, customers: 80 });
 * company.products[0].productId; // "P0001"
 */
export function generateDemoCompany(options: DemoCompanyOptions = {}): DemoCompany {
  const settings = parseWith(demoCompanyOptionsSchema, options, "");
  const seeds = createRng(settings.seed);
  const streams = {
    suppliers: createRng(seeds.int(0, 0xffffffff)),
    products: createRng(seeds.int(0, 0xffffffff)),
    customers: createRng(seeds.int(0, 0xffffffff)),
    orderLines: createRng(seeds.int(0, 0xffffffff)),
    activity: createRng(seeds.int(0, 0xffffffff)),
    // Drawn after the others, so adding it left every other table as it was.
    owners: createRng(seeds.int(0, 0xffffffff)),
  };

  const suppliers = generateSuppliers(streams.suppliers, settings.suppliers);
  const products = generateProducts(
    streams.products,
    settings.products,
    settings.weeks,
    suppliers.traits,
    suppliers.suppliers.map((s) => s.supplierId),
  );
  const customers = generateCustomers(streams.customers, settings.customers);
  const orderLines = generateOrderLines(streams.orderLines, {
    products: products.products,
    productTraits: products.traits,
    customers: customers.customers,
    customerTraits: customers.traits,
    suppliers: suppliers.suppliers,
    weeks: settings.weeks,
  });
  const activityCounts = deriveActivityCounts(streams.activity, orderLines, customers.customers, customers.traits, products.products, settings.weeks);

  return {
    settings,
    suppliers: suppliers.suppliers,
    products: products.products,
    customers: assignAccountOwners(streams.owners, customers.customers),
    orderLines,
    activityCounts,
  };
}

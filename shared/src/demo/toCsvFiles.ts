import { fixed, toCsv, type CsvColumn } from "./toCsv";
import type { ActivityCount, Customer, DemoCompany, OrderLine, Product, Supplier } from "./types";

const integer = (value: number): string => fixed(value, 0);
const money = (value: number): string => fixed(value, 2);
const boolean = (value: boolean): string => (value ? "true" : "false");

// Column order and number formats are part of the file format: changing one changes every file's bytes.
const SUPPLIER_COLUMNS: CsvColumn<Supplier>[] = [
  { header: "supplier_id", format: (r) => r.supplierId },
  { header: "name", format: (r) => r.name },
  { header: "lead_time_mean_days", format: (r) => fixed(r.leadTimeMeanDays, 1) },
  { header: "lead_time_sd_days", format: (r) => fixed(r.leadTimeSdDays, 1) },
  { header: "on_time_rate", format: (r) => fixed(r.onTimeRate, 3) },
  { header: "fill_rate", format: (r) => fixed(r.fillRate, 3) },
  { header: "quality_ppm", format: (r) => integer(r.qualityPpm) },
];

const PRODUCT_COLUMNS: CsvColumn<Product>[] = [
  { header: "product_id", format: (r) => r.productId },
  { header: "name", format: (r) => r.name },
  { header: "category", format: (r) => r.category },
  { header: "unit_price", format: (r) => money(r.unitPrice) },
  { header: "unit_cost", format: (r) => money(r.unitCost) },
  { header: "supplier_id", format: (r) => r.supplierId },
  { header: "lifecycle", format: (r) => r.lifecycle },
  { header: "demand_profile", format: (r) => r.demandProfile },
  { header: "seasonal", format: (r) => boolean(r.seasonal) },
  { header: "weight_kg", format: (r) => fixed(r.weightKg, 3) },
];

const CUSTOMER_COLUMNS: CsvColumn<Customer>[] = [
  { header: "customer_id", format: (r) => r.customerId },
  { header: "name", format: (r) => r.name },
  { header: "region", format: (r) => r.region },
  { header: "channel", format: (r) => r.channel },
  { header: "strategic", format: (r) => boolean(r.strategic) },
  { header: "tolerated_lead_time_days", format: (r) => integer(r.toleratedLeadTimeDays) },
  { header: "account_owner", format: (r) => r.accountOwner ?? "" },
];

const ORDER_LINE_COLUMNS: CsvColumn<OrderLine>[] = [
  { header: "customer_id", format: (r) => r.customerId },
  { header: "product_id", format: (r) => r.productId },
  { header: "week", format: (r) => integer(r.week) },
  { header: "qty", format: (r) => integer(r.quantity) },
  { header: "price", format: (r) => money(r.unitPrice) },
  { header: "cost", format: (r) => money(r.unitCost) },
  { header: "lines", format: (r) => integer(r.lines) },
  { header: "deliveries", format: (r) => integer(r.deliveries) },
  { header: "returns", format: (r) => integer(r.returnedUnits) },
];

const ACTIVITY_COLUMNS: CsvColumn<ActivityCount>[] = [
  { header: "customer_id", format: (r) => r.customerId },
  { header: "orders", format: (r) => integer(r.orders) },
  { header: "order_lines", format: (r) => integer(r.orderLines) },
  { header: "deliveries", format: (r) => integer(r.deliveries) },
  { header: "units_picked", format: (r) => integer(r.unitsPicked) },
  { header: "returns", format: (r) => integer(r.returns) },
  { header: "sales_visits", format: (r) => integer(r.salesVisits) },
  { header: "special_handling", format: (r) => integer(r.specialHandling) },
  { header: "kg_km", format: (r) => integer(r.kgKm) },
];

/**
 * The demo company as CSV files, file name → text (RFC 4180 quoting, `\n`
 * line ends, fixed decimals: money 2, rates 3, weights 3, lead times 1), so
 * the same company always gives the same bytes.
 *
 * @example Object.keys(toCsvFiles(generateDemoCompany())) // ["suppliers.csv", "products.csv", "customers.csv", "order_lines.csv", "activity_counts.csv"]
 */
export function toCsvFiles(company: DemoCompany): Record<string, string> {
  return {
    "suppliers.csv": toCsv(company.suppliers, SUPPLIER_COLUMNS),
    "products.csv": toCsv(company.products, PRODUCT_COLUMNS),
    "customers.csv": toCsv(company.customers, CUSTOMER_COLUMNS),
    "order_lines.csv": toCsv(company.orderLines, ORDER_LINE_COLUMNS),
    "activity_counts.csv": toCsv(company.activityCounts, ACTIVITY_COLUMNS),
  };
}

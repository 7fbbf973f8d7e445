import { createRng, type Rng } from "../random";
import { fixed } from "./toCsv";
import type { DemoCompany } from "./types";

/*
 * The data measured KPIs read, for the demo company: deliveries of the last
 * half-year's order lines (some late, some short, each miss with its cause),
 * month-end stock snapshots for a year, an activity-rate table and an
 * escalation path per KPI. Rows are CSV-shaped (header → text) so the demo
 * loads them through the same import as a user's files. Drawn from its own
 * stream of the company's seed: the company's own tables are unchanged.
 */

type CsvRow = Record<string, string>;

export interface DemoKpiData {
  deliveries: CsvRow[];
  stockSnapshots: CsvRow[];
  activityRates: CsvRow[];
  escalationPaths: CsvRow[];
}

/** Monday of the history's last week: weeks are numbered, the data needs dates. */
export const DEMO_LAST_WEEK_START = "2026-11-23";
const DAY_MS = 86_400_000;
// Half a year: long enough to follow stock a quarter old (aging) from the snapshot before it.
const DELIVERY_WEEKS = 26;
const SNAPSHOTS = 12;
const PROMISE_DAYS = 3;

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function generateKpiData(company: DemoCompany): DemoKpiData {
  const rng = createRng((company.settings.seed ^ 0x4b504931) >>> 0);
  const weeks = company.settings.weeks;
  const lastWeekStart = Date.parse(`${DEMO_LAST_WEEK_START}T00:00:00Z`);
  const weekStart = (week: number) => lastWeekStart - (weeks - week) * 7 * DAY_MS;
  return {
    deliveries: deliveries(rng, company, weekStart),
    stockSnapshots: stockSnapshots(rng, company, weekStart),
    activityRates: ACTIVITY_RATES.map(([activity, driver, rate, validFrom]) => ({ activity, driver, rate: String(rate), valid_from: validFrom })),
    escalationPaths: ESCALATION_PATHS.flatMap(([segment, kpi, owner, levels]) => levels.map(([afterDays, to], i) => ({ segment, kpi, owner, level: String(i + 1), after_days: String(afterDays), to }))),
  };
}

/**
 * One delivery per order-line row of the last 26 weeks, promised 3 days after
 * the week starts. Of the rows the history shows as split (deliveries >
 * lines) 40% are short (stock-out); otherwise a late supplier makes a line
 * late at 30% of its own lateness (the safety stock covers the rest), a
 * carrier 1.5% of the time, and a customer that often changes orders 3% of
 * the time.
 */
function deliveries(rng: Rng, company: DemoCompany, weekStart: (week: number) => number): CsvRow[] {
  const supplierOnTime = new Map(company.suppliers.map((s) => [s.supplierId, s.onTimeRate]));
  const productSupplier = new Map(company.products.map((p) => [p.productId, p.supplierId]));
  const changer = new Set(company.activityCounts.filter((a) => a.orders > 0 && a.specialHandling / a.orders > 0.1).map((a) => a.customerId));
  const from = company.settings.weeks - DELIVERY_WEEKS + 1;
  const rows: CsvRow[] = [];
  for (const line of company.orderLines) {
    if (line.week < from || line.quantity <= 0) continue;
    const promised = weekStart(line.week) + PROMISE_DAYS * DAY_MS;
    let delivered = promised - rng.int(0, 2) * DAY_MS;
    let qty = line.quantity;
    let cause = "";
    if (line.deliveries > line.lines && rng.bernoulli(0.4)) {
      qty = Math.floor(line.quantity * (0.5 + 0.45 * rng.next()));
      cause = "stock_out";
    } else if (rng.bernoulli((1 - (supplierOnTime.get(productSupplier.get(line.productId) ?? "") ?? 1)) * 0.3)) {
      delivered = promised + rng.int(1, 5) * DAY_MS;
      cause = "supplier_late";
    } else if (rng.bernoulli(0.015)) {
      delivered = promised + rng.int(1, 2) * DAY_MS;
      cause = "carrier_late";
    } else if (changer.has(line.customerId) && rng.bernoulli(0.03)) {
      delivered = promised + rng.int(1, 3) * DAY_MS;
      cause = "order_changed";
    }
    rows.push({
      customer_id: line.customerId,
      product_id: line.productId,
      week: String(line.week),
      promised_date: dateOf(promised),
      delivered_date: dateOf(delivered),
      qty_ordered: String(line.quantity),
      qty_delivered: String(qty),
      miss_cause: cause,
    });
  }
  return rows;
}

/**
 * Stock at the end of each of the last 12 four-week periods in one
 * distribution centre: a few weeks of the product's recent demand (more for
 * slow suppliers), plus a leftover of dying and intermittent products that
 * no longer sells, valued at unit cost.
 */
function stockSnapshots(rng: Rng, company: DemoCompany, weekStart: (week: number) => number): CsvRow[] {
  const weeks = company.settings.weeks;
  const units = new Map<string, Float64Array>();
  for (const line of company.orderLines) {
    let series = units.get(line.productId);
    if (!series) units.set(line.productId, (series = new Float64Array(weeks + 1)));
    series[line.week] += line.quantity;
  }
  const leadWeeks = new Map(company.suppliers.map((s) => [s.supplierId, s.leadTimeMeanDays / 7]));
  const rows: CsvRow[] = [];
  for (let k = SNAPSHOTS - 1; k >= 0; k--) {
    const week = weeks - 4 * k;
    if (week < 1) continue;
    const date = dateOf(weekStart(week) + 6 * DAY_MS);
    for (const p of company.products) {
      const series = units.get(p.productId);
      let recent = 0;
      for (let w = Math.max(1, week - 7); w <= week; w++) recent += series?.[w] ?? 0;
      const weekly = recent / 8;
      const cover = 1.5 + 0.6 * (leadWeeks.get(p.supplierId) ?? 1) + 2.5 * rng.next();
      const leftover = p.lifecycle === "dying" || p.demandProfile === "lumpy" ? rng.int(0, 40) : 0;
      const qty = Math.round(weekly * cover) + leftover;
      rows.push({ product_id: p.productId, location: "DC1", date, qty: String(qty), value: fixed(qty * p.unitCost, 2) });
    }
  }
  return rows;
}

/** [activity, driver (an activity_counts column), rate, valid from]: the carrier's surcharge raises the drop rate mid-year. */
const ACTIVITY_RATES: Array<[string, string, number, string]> = [
  ["order handling", "orders", 12, "2025-01-01"],
  ["line entry", "order_lines", 1.5, "2025-01-01"],
  ["delivery drop", "deliveries", 35, "2025-01-01"],
  ["delivery drop", "deliveries", 38, "2026-07-01"],
  ["picking", "units_picked", 0.08, "2025-01-01"],
  ["returns processing", "returns", 18, "2025-01-01"],
  ["sales visits", "sales_visits", 120, "2025-01-01"],
  ["special handling", "special_handling", 25, "2025-01-01"],
  ["transport", "kg_km", 0.0004, "2025-01-01"],
];

/** [segment pattern, KPI, owner, [after days, to]…]: A-class service breaches climb faster. */
const ESCALATION_PATHS: Array<[string, string, string, Array<[number, string]>]> = [
  [
    "*",
    "otif",
    "supply chain",
    [
      [0, "supply chain planner"],
      [7, "supply chain manager"],
      [21, "head of supply chain"],
    ],
  ],
  [
    "A*",
    "otif",
    "supply chain",
    [
      [0, "supply chain manager"],
      [3, "head of supply chain"],
      [10, "COO"],
    ],
  ],
  [
    "*",
    "fill_rate",
    "supply chain",
    [
      [0, "supply chain planner"],
      [7, "supply chain manager"],
      [21, "head of supply chain"],
    ],
  ],
  [
    "*",
    "inventory_turns",
    "supply chain",
    [
      [0, "inventory analyst"],
      [14, "supply chain manager"],
      [42, "finance director"],
    ],
  ],
  [
    "*",
    "days_of_supply",
    "supply chain",
    [
      [0, "inventory analyst"],
      [14, "supply chain manager"],
    ],
  ],
  [
    "*",
    "stock_aging",
    "finance",
    [
      [0, "financial controller"],
      [30, "finance director"],
    ],
  ],
  [
    "*",
    "cost_to_serve_pct",
    "finance",
    [
      [0, "financial controller"],
      [14, "finance director"],
    ],
  ],
  [
    "*",
    "forecast_wape",
    "demand planning",
    [
      [0, "demand planner"],
      [14, "demand planning manager"],
      [28, "head of supply chain"],
    ],
  ],
];

import { generateDemoCompany, type DemoCompanyOptions } from "../../../shared/src/demo";
import type { CellValue, TableData, TableTag } from "./workbook";

/**
 * The demo company at the size the service's tests load (seed 5: 60 products,
 * 24 customers, 26 weeks, 5 suppliers). Its ids (P0001…, C001…) exist in every
 * demo store, the default `npm start` one included, so proposals made from the
 * demo grid name real entities.
 */
export const DEMO_WORKBOOK_COMPANY: DemoCompanyOptions = { seed: 5, products: 60, customers: 24, weeks: 26, suppliers: 5 };

/**
 * Cost per driver unit used to size the demo's activity pools (pool = rate ×
 * the demo's total volume). Illustrative round figures for a distributor,
 * not data from a source: the pane works on whatever pools a workbook holds.
 */
const DEMO_POOL_RATES: Array<{ activity: string; driver: string; rate: number }> = [
  { activity: "Order entry", driver: "Orders", rate: 12 },
  { activity: "Picking", driver: "OrderLines", rate: 2.5 },
  { activity: "Delivery", driver: "Deliveries", rate: 45 },
  { activity: "Returns handling", driver: "Returns", rate: 30 },
  { activity: "Sales visits", driver: "SalesVisits", rate: 120 },
  { activity: "Special handling", driver: "SpecialHandling", rate: 60 },
];

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Sample standard deviation (n − 1), as the XYZ and safety-stock formulas use. */
function sampleSd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}

export interface DemoTables {
  tables: TableData[];
  tags: Record<string, TableTag>;
}

/** The demo workbook's tables: Products (with weekly demand), Customers (with activity volumes), ActivityPools, and a stale TierlineSegments. */
export function demoTables(options: DemoCompanyOptions = DEMO_WORKBOOK_COMPANY): DemoTables {
  const company = generateDemoCompany(options);
  const weeks = company.settings.weeks;
  const weekHeaders = Array.from({ length: weeks }, (_, w) => `W${String(w + 1).padStart(2, "0")}`);
  const supplier = new Map(company.suppliers.map((s) => [s.supplierId, s]));

  const byProduct = new Map(company.products.map((p) => [p.productId, { revenue: 0, margin: 0, units: 0, weekly: new Array<number>(weeks).fill(0) }]));
  const byCustomer = new Map(company.customers.map((c) => [c.customerId, { revenue: 0, cogs: 0 }]));
  for (const line of company.orderLines) {
    const p = byProduct.get(line.productId)!;
    p.revenue += line.quantity * line.unitPrice;
    p.margin += line.quantity * (line.unitPrice - line.unitCost);
    p.units += line.quantity;
    p.weekly[line.week - 1] += line.quantity;
    const c = byCustomer.get(line.customerId)!;
    c.revenue += line.quantity * line.unitPrice;
    c.cogs += line.quantity * line.unitCost;
  }

  const products: TableData = {
    name: "Products",
    headers: ["ProductId", "Name", "Category", "Revenue", "Margin", "Units", "UnitCost", "DemandMean", "DemandSd", "LeadTimeWeeks", "LeadTimeSdWeeks", ...weekHeaders],
    rows: company.products.map((p) => {
      const t = byProduct.get(p.productId)!;
      const s = supplier.get(p.supplierId)!;
      const mean = t.units / weeks;
      return [
        p.productId,
        p.name,
        p.category,
        round(t.revenue),
        round(t.margin),
        t.units,
        p.unitCost,
        round(mean, 3),
        round(sampleSd(t.weekly), 3),
        round(s.leadTimeMeanDays / 7, 3),
        round(s.leadTimeSdDays / 7, 3),
        ...t.weekly,
      ] as CellValue[];
    }),
  };

  const activity = new Map(company.activityCounts.map((a) => [a.customerId, a]));
  const driverOf = (a: (typeof company.activityCounts)[number], driver: string): number =>
    ({ Orders: a.orders, OrderLines: a.orderLines, Deliveries: a.deliveries, Returns: a.returns, SalesVisits: a.salesVisits, SpecialHandling: a.specialHandling })[driver] ?? 0;
  const customers: TableData = {
    name: "Customers",
    headers: ["CustomerId", "Name", "Region", "Channel", "Revenue", "COGS", ...DEMO_POOL_RATES.map((r) => r.driver)],
    rows: company.customers.map((c) => {
      const t = byCustomer.get(c.customerId)!;
      const a = activity.get(c.customerId)!;
      return [c.customerId, c.name, c.region, c.channel, round(t.revenue), round(t.cogs), ...DEMO_POOL_RATES.map((r) => driverOf(a, r.driver))];
    }),
  };

  const pools: TableData = {
    name: "ActivityPools",
    headers: ["Activity", "Driver", "PoolCost"],
    rows: DEMO_POOL_RATES.map((r) => [r.activity, r.driver, round(r.rate * company.activityCounts.reduce((s, a) => s + driverOf(a, r.driver), 0))]),
  };

  // A shared workbook a colleague saved before the last approval: empty segments, no version yet.
  const managed: TableData = {
    name: "TierlineSegments",
    headers: ["ProductId", "Segment"],
    rows: company.products.slice(0, 30).map((p) => [p.productId, null]),
  };

  return { tables: [products, customers, pools, managed, divisionTransfers(company), ...dayOrders(company)], tags: { TierlineSegments: { dimension: "product", version: null, etag: null } } };
}

/**
 * What the central warehouse division charges the sales divisions, one per
 * channel (the Customers table's Channel, so the segment P&L by channel can
 * take the prices), per product: e-commerce parcels cost most per unit and
 * industrial accounts hold the deepest buffer (logistics grows with the
 * unit's weight); every second product has an outside price the buying
 * division could pay instead. Units are what each channel's customers took
 * of the product over the history, the same period as the Customers table's
 * revenue. Rates and days are illustrative, not data from a source.
 */
function divisionTransfers(company: ReturnType<typeof generateDemoCompany>): TableData {
  const divisions: Record<string, { perKg: number; base: number; days: number }> = {
    wholesale: { perKg: 0.35, base: 0.2, days: 14 },
    retail: { perKg: 0.5, base: 0.3, days: 21 },
    "e-commerce": { perKg: 0.9, base: 0.8, days: 28 },
    industrial: { perKg: 0.6, base: 0.4, days: 35 },
  };
  const products = company.products.slice(0, 6);
  const channelOf = new Map(company.customers.map((c) => [c.customerId, c.channel as string]));
  const units = new Map<string, number>();
  for (const line of company.orderLines) {
    const key = `${line.productId}|${channelOf.get(line.customerId)}`;
    units.set(key, (units.get(key) ?? 0) + line.quantity);
  }
  return {
    name: "DivisionTransfers",
    headers: ["Item", "Segment", "UnitCost", "LogisticsPerUnit", "DaysOfInventory", "MarketPrice", "Units"],
    // Only the divisions the workbook's customers buy through: the P&L refuses a segment it has no customers for.
    rows: products.flatMap((p, i) =>
      Object.entries(divisions)
        .filter(([channel]) => [...channelOf.values()].includes(channel))
        .map(
          ([channel, d]) =>
            [p.productId, channel, round(p.unitCost), round(d.base + d.perKg * p.weightKg), d.days, i % 2 === 0 ? round(p.unitCost * 1.12) : null, units.get(`${p.productId}|${channel}`) ?? 0] as CellValue[],
        ),
    ),
  };
}

/** Customer tiers of the wave rules, as the demo's fulfilment rules name them. */
const WAVE_TIERS = ["Strategic", "Key", "Core"] as const;

/**
 * A day's orders to release into waves (one per demo customer, its lines
 * the customer's order lines in the last week, dropping in between 06:00
 * and 17:00) and each tier's wave rule: strategic orders in any wave,
 * key accounts in the morning or midday wave, core orders batched into
 * the evening wave. Illustrative, for the Wave release section.
 */
function dayOrders(company: ReturnType<typeof generateDemoCompany>): TableData[] {
  const lastWeek = company.orderLines.reduce((m, l) => Math.max(m, l.week), 0);
  const lines = new Map<string, number>();
  for (const l of company.orderLines) if (l.week === lastWeek) lines.set(l.customerId, (lines.get(l.customerId) ?? 0) + 1);
  const time = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
  const count = company.customers.length;
  const orders: TableData = {
    name: "DayOrders",
    headers: ["OrderId", "Customer", "Segment", "Arrival", "Lines"],
    rows: company.customers.map((c, i) => [
      `D${String(i + 1).padStart(3, "0")}`,
      c.customerId,
      WAVE_TIERS[i % WAVE_TIERS.length],
      time(360 + Math.round((i * 660) / Math.max(1, count - 1))),
      Math.max(1, lines.get(c.customerId) ?? 1),
    ]),
  };
  const rules: TableData = {
    name: "WaveRules",
    headers: ["Segment", "Waves", "CutoffMinutes"],
    rows: [
      ["Strategic", null, 30],
      ["Key", "Morning, Midday", 45],
      ["Core", "Evening", 60],
    ],
  };
  return [orders, rules];
}

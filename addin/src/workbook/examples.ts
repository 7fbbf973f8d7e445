/**
 * The example sheets, as data: one sheet per area, example inputs on
 * real-looking numbers from the demo company generator (same seed → same
 * sheets), and a `TIER.*` formula for every function of the contract. Two
 * writers share this one definition: the pane's "Insert examples" (through
 * Office.js, addin/src/excel/examples.ts, so Excel parses and binds each
 * formula) and scripts/build-examples.ts (dist/Tierline-examples.xlsx, which
 * carries each formula as text with its expected result).
 */
import { generateDemoCompany, type DemoCompany } from "../../../shared/src/demo";

export type ExampleValue = string | number | null;

export interface ExampleCell {
  /** 1-based, as on the sheet */
  row: number;
  column: number;
  value: ExampleValue;
  style?: "header" | "note";
}

/** A formula (without "=") anchored at (row, column); a spilling one fills `rows` × `columns` cells. */
export interface ExampleFormula {
  sheet: string;
  row: number;
  column: number;
  /** A1 address of the anchor, e.g. "S4" */
  cell: string;
  formula: string;
  rows: number;
  columns: number;
}

export interface ExampleSheet {
  name: string;
  cells: ExampleCell[];
  formulas: ExampleFormula[];
}

/** 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The sheet's bounding block: every data cell and every cell a formula fills. */
export function sheetExtent(sheet: ExampleSheet): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  for (const c of sheet.cells) {
    rows = Math.max(rows, c.row);
    columns = Math.max(columns, c.column);
  }
  for (const f of sheet.formulas) {
    rows = Math.max(rows, f.row + f.rows - 1);
    columns = Math.max(columns, f.column + f.columns - 1);
  }
  return { rows, columns };
}

class SheetBuilder {
  readonly cells: ExampleCell[] = [];
  readonly formulas: ExampleFormula[] = [];
  constructor(readonly name: string) {}

  note(row: number, text: string): void {
    this.cells.push({ row, column: 1, value: text, style: "note" });
  }

  header(row: number, column: number, titles: string[]): void {
    titles.forEach((value, i) => this.cells.push({ row, column: column + i, value, style: "header" }));
  }

  /** Rows of values from (row, column); returns the block's A1 range. */
  table(row: number, column: number, rows: ExampleValue[][]): string {
    rows.forEach((values, r) => values.forEach((value, c) => this.cells.push({ row: row + r, column: column + c, value })));
    const width = Math.max(...rows.map((r) => r.length));
    return `${columnLetter(column)}${row}:${columnLetter(column + width - 1)}${row + rows.length - 1}`;
  }

  formula(row: number, column: number, formula: string, rows = 1, columns = 1): void {
    this.formulas.push({ sheet: this.name, row, column, cell: `${columnLetter(column)}${row}`, formula, rows, columns });
  }

  build(): ExampleSheet {
    return { name: this.name, cells: this.cells, formulas: this.formulas };
  }
}

/** Weekly demand of a product summed into four-week buckets (13 per year). */
function bucketedDemand(company: DemoCompany, productId: string, buckets: number): number[] {
  const out = new Array<number>(buckets).fill(0);
  for (const line of company.orderLines) {
    if (line.productId !== productId) continue;
    const b = Math.floor((line.week - 1) / 4);
    if (b < buckets) out[b] += line.quantity;
  }
  return out;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function sd(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / Math.max(1, xs.length - 1));
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export const EXAMPLES_SEED = 20261125;

/** The example sheets: Segmentation, Forecasting, Inventory, Cost, Service. */
export function buildExamples(seed = EXAMPLES_SEED): ExampleSheet[] {
  const company = generateDemoCompany({ seed, products: 60, customers: 30, suppliers: 6, weeks: 52 });
  const sheets: ExampleSheet[] = [];

  // Twelve products with demand, their revenue and 13 four-week buckets of demand.
  const revenue = new Map<string, number>();
  for (const l of company.orderLines) revenue.set(l.productId, (revenue.get(l.productId) ?? 0) + l.quantity * l.unitPrice);
  const products = company.products.filter((p) => (revenue.get(p.productId) ?? 0) > 0).slice(0, 12);
  const demand = products.map((p) => bucketedDemand(company, p.productId, 13));

  // Segmentation
  {
    const w = new SheetBuilder("Segmentation");
    w.note(1, "Demo products: revenue over a year and demand in 13 four-week periods. Class columns are live TIER formulas.");
    w.header(3, 1, ["Product", "Revenue", "Margin %", "Lead time (days)", ...demand[0].map((_, i) => `P${i + 1}`)]);
    const n = products.length;
    products.forEach((p, i) => {
      const supplier = company.suppliers.find((s) => s.supplierId === p.supplierId);
      w.table(4 + i, 1, [[p.productId, round(revenue.get(p.productId) ?? 0), round(1 - p.unitCost / p.unitPrice, 3), supplier?.leadTimeMeanDays ?? 7, ...demand[i]]]);
    });
    const last = 3 + n;
    const demandRange = `E4:${columnLetter(4 + demand[0].length)}${last}`;
    const out = 6 + demand[0].length;
    w.header(3, out, ["ABC", "Pareto share", "XYZ", "Demand pattern", "MC score", "MC ABC"]);
    w.formula(4, out, `TIER.ABC(B4:B${last})`, n);
    w.formula(4, out + 1, `TIER.PARETO(B4:B${last})`, n);
    w.formula(4, out + 2, `TIER.XYZ(${demandRange})`, n);
    w.formula(4, out + 3, `TIER.DEMANDPATTERN(${demandRange})`, n);
    w.formula(4, out + 4, `TIER.MCSCORE(B4:D${last},{0.5,0.3,0.2},{"benefit","benefit","cost"})`, n);
    w.formula(4, out + 5, `TIER.MCABC(B4:D${last},{0.5,0.3,0.2},{"benefit","benefit","cost"})`, n);
    sheets.push(w.build());
  }

  // Forecasting
  {
    const w = new SheetBuilder("Forecasting");
    const smooth = demand.map((d, i) => ({ d, i })).sort((a, b) => mean(b.d) - mean(a.d))[0];
    const history = smooth.d;
    w.note(1, `Demand of ${products[smooth.i].productId} in 13 four-week periods; forecasts, fitted values and accuracy are live TIER formulas.`);
    w.header(3, 1, ["Period", "Demand", "Fitted (SES)", "Forecast (auto)", "Forecast (Holt, 3 ahead)"]);
    history.forEach((q, i) => w.table(4 + i, 1, [[i + 1, q]]));
    const last = 3 + history.length;
    w.formula(4, 3, `TIER.FITTED(B4:B${last},"ses",0.3)`, history.length);
    w.formula(4, 4, `TIER.FORECAST(B4:B${last})`, 1);
    w.formula(4, 5, `TIER.FORECAST(B4:B${last},"holt",3)`, 3);
    w.header(last + 2, 1, ["Accuracy of the SES fit (periods 2–13)", "WAPE", "MAE"]);
    w.formula(last + 3, 2, `TIER.FORECASTERROR(B5:B${last},C5:C${last})`);
    w.formula(last + 3, 3, `TIER.FORECASTERROR(B5:B${last},C5:C${last},"mae")`);
    sheets.push(w.build());
  }

  // Inventory
  {
    const w = new SheetBuilder("Inventory");
    w.note(1, "Weekly demand statistics of the demo products, supplier lead times in weeks; policies are live TIER formulas (single values broadcast over the columns).");
    const rows = products.map((p, i) => {
      const weekly = demand[i].map((q) => q / 4);
      const supplier = company.suppliers.find((s) => s.supplierId === p.supplierId);
      const annual = weekly.reduce((a, b) => a + b, 0) * 4;
      const holding = round(p.unitCost * 0.25, 2);
      return [
        p.productId,
        round(mean(weekly)),
        round(sd(weekly) / 2),
        round((supplier?.leadTimeMeanDays ?? 7) / 7, 2),
        round((supplier?.leadTimeSdDays ?? 0) / 7, 2),
        round(annual),
        holding,
        Math.max(1, Math.round(mean(weekly) * 4)),
        round(holding / 52, 4),
      ];
    });
    w.header(3, 1, ["Product", "Mean demand / week", "Demand sd / week", "Lead time (weeks)", "Lead time sd (weeks)", "Annual demand", "Holding cost / unit / year", "Order qty", "Holding cost / unit / week"]);
    w.table(4, 1, rows);
    const n = rows.length;
    const last = 3 + n;
    w.header(2, 11, ["Service level", "Fill rate", "Order cost", "Stockout cost / unit"]);
    w.table(3, 11, [[0.95, 0.98, 40, 8]]);
    w.header(3 + n + 2, 1, ["Results"]);
    const out = 3 + n + 3;
    w.header(out, 1, ["Safety stock", "Reorder point", "Safety stock (fill rate)", "Fill rate", "Cycle service level", "EOQ", "Base stock", "Normal loss G(1)"]);
    w.formula(out + 1, 1, `TIER.SAFETYSTOCK(B4:B${last},C4:C${last},D4:D${last},$K$3,E4:E${last})`, n);
    w.formula(out + 1, 2, `TIER.ROP(B4:B${last},C4:C${last},D4:D${last},$K$3,E4:E${last})`, n);
    w.formula(out + 1, 3, `TIER.SAFETYSTOCKFR(B4:B${last},C4:C${last},D4:D${last},$L$3,H4:H${last},E4:E${last})`, n);
    w.formula(out + 1, 4, `TIER.FILLRATE(A${out + 1}:A${out + n},C4:C${last}*SQRT(D4:D${last}),H4:H${last})`, n);
    w.formula(out + 1, 5, `TIER.CSL(A${out + 1}:A${out + n},C4:C${last}*SQRT(D4:D${last}))`, n);
    w.formula(out + 1, 6, `TIER.EOQ(F4:F${last},$M$3,G4:G${last})`, n);
    w.formula(out + 1, 7, `TIER.BASESTOCK(B4:B${last},C4:C${last},I4:I${last},$N$3/52,D4:D${last})`, n);
    w.formula(out + 1, 8, `TIER.NORMLOSS(1)`);
    const rq = out + n + 3;
    w.header(rq - 1, 1, ["(r, Q) of Snyder & Shen Example 5.1, exact", "r", "Q", "cost"]);
    w.formula(rq, 2, `TIER.RQPOLICY(1300,150,1/12,8,0.225,7.5,"exact")`, 1, 3);
    const meio = rq + 3;
    w.note(meio - 1, "A four-stage network (Snyder & Shen Example 6.5): stage id, processing time, holding cost, demand sd, max outbound service time, inbound service time; arcs from → to.");
    const stages = w.table(meio, 1, [
      [1, 2, 1, null, null, 1],
      [2, 1, 3, 1, 0, null],
      [3, 1, 2, null, null, null],
      [4, 1, 3, 1, 1, null],
    ]);
    const arcs = w.table(meio, 8, [
      [1, 3],
      [3, 2],
      [3, 4],
    ]);
    w.header(meio + 5, 1, ["Stage", "Service time", "Net lead time", "Safety stock", "Holding cost"]);
    w.formula(meio + 6, 1, `TIER.MEIO(${stages},${arcs},0.95)`, 4, 5);
    // Contract revision 2, each on its textbook example so the sheet can be checked against the book.
    const more: Array<[string[], string, number]> = [
      [["EPQ: Snyder & Shen Example 3.1 data, P = 2,000", "Lot size", "Cost / year"], `TIER.EPQ(1300,8,0.225,2000)`, 2],
      [["Quantity discount: Example 3.6, all units", "Order qty", "Price break", "Cost / year"], `TIER.EOQDISCOUNT(1300,8,0.3,{0;400;800},{0.75;0.72;0.68})`, 3],
      [["Quantity discount: Example 3.7, incremental", "Order qty", "Price break", "Cost / year"], `TIER.EOQDISCOUNT(1300,8,0.3,{0;400;800},{0.75;0.72;0.68},"incremental")`, 3],
      [["Newsvendor: Example 4.3, normal", "Order-up-to", "Expected cost"], `TIER.NEWSVENDOR(50,0.18,0.7,8)`, 2],
      [["Newsvendor: Poisson, mean 50", "Order-up-to", "Expected cost"], `TIER.NEWSVENDOR(50,0.18,0.7,,"poisson")`, 2],
      [["(s, S): Example 4.7, Poisson 6 a period", "s", "S", "Cost / period"], `TIER.SSPOLICY(6,5,1,4)`, 3],
      [["(r, Q): Example 5.8, Poisson, exact", "r", "Q", "Cost / year"], `TIER.RQPOLICY(1.5,,2,100,20,150,"exact","poisson")`, 3],
    ];
    more.forEach(([titles, formula, columns], k) => {
      const row = meio + 12 + 3 * k;
      w.header(row - 1, 1, titles);
      w.formula(row, 2, formula, 1, columns);
    });
    sheets.push(w.build());
  }

  // Cost
  {
    const w = new SheetBuilder("Cost");
    const customers = company.activityCounts.slice(0, 12);
    w.note(1, "Activity counts of demo customers (a year) and the pools they absorb; cost-to-serve, rates, whale curve and supplier scores are live TIER formulas.");
    w.header(3, 1, ["Customer", "Orders", "Order lines", "Deliveries", "Returns", "Gross profit"]);
    const profit = new Map<string, number>();
    for (const l of company.orderLines) profit.set(l.customerId, (profit.get(l.customerId) ?? 0) + l.quantity * (l.unitPrice - l.unitCost));
    customers.forEach((c, i) => w.table(4 + i, 1, [[c.customerId, c.orders, c.orderLines, c.deliveries, c.returns, round(profit.get(c.customerId) ?? 0)]]));
    const n = customers.length;
    const last = 3 + n;
    const totals = ["orders", "orderLines", "deliveries", "returns"] as const;
    const companyTotals = totals.map((k) => company.activityCounts.reduce((a, c) => a + c[k], 0));
    w.header(3, 8, ["Activity", "Pool cost", "Company driver volume", "Rate"]);
    const pools = [round(companyTotals[0] * 12), round(companyTotals[1] * 1.5), round(companyTotals[2] * 9), round(Math.max(1, companyTotals[3]) * 15)];
    ["Order handling", "Picking", "Delivery", "Returns"].forEach((name, i) => w.table(4 + i, 8, [[name, pools[i], Math.max(1, companyTotals[i])]]));
    w.formula(4, 11, `TIER.ACTIVITYRATES(I4:I7,J4:J7)`, 4);
    w.header(3, 13, ["Cost to serve", "Net profit", "Whale curve"]);
    w.formula(4, 13, `TIER.COSTTOSERVE(B4:E${last},I4:I7,J4:J7)`, n);
    for (let i = 0; i < n; i++) w.formula(4 + i, 14, `F${4 + i}-M${4 + i}`);
    w.formula(4, 15, `TIER.WHALE(N4:N${last})`, n);
    const s = last + 3;
    w.header(s, 1, ["Supplier", "On-time rate", "Fill rate", "Quality (ppm)", "Lead time (days)", "Score"]);
    company.suppliers.forEach((sup, i) => w.table(s + 1 + i, 1, [[sup.supplierId, sup.onTimeRate, sup.fillRate, sup.qualityPpm, sup.leadTimeMeanDays]]));
    const sl = s + company.suppliers.length;
    w.formula(s + 1, 6, `TIER.SCORECARD(B${s + 1}:E${sl},{0.4,0.3,0.2,0.1},{"benefit","benefit","cost","cost"})`, company.suppliers.length);
    sheets.push(w.build());
  }

  // Service
  {
    const w = new SheetBuilder("Service");
    w.note(1, "Needs the Tierline service: open the Tierline pane, Settings, and sign in. Segments come from the master data; policies from the policy table.");
    w.header(3, 1, ["Product", "Segment", "Cycle service level", "Review period (days)"]);
    products.slice(0, 8).forEach((p, i) => {
      w.table(4 + i, 1, [[p.productId]]);
      w.formula(4 + i, 2, `TIER.SEGMENT(A${4 + i})`);
      w.formula(4 + i, 3, `TIER.POLICY(B${4 + i},"cycleServiceLevel")`);
      w.formula(4 + i, 4, `TIER.POLICY(B${4 + i},"reviewPeriodDays")`);
    });
    w.header(13, 1, ["Customer", "Segment"]);
    company.customers.slice(0, 4).forEach((c, i) => {
      w.table(14 + i, 1, [[c.customerId]]);
      w.formula(14 + i, 2, `TIER.SEGMENT(A${14 + i},"customer")`);
    });
    sheets.push(w.build());
  }
  return sheets;
}

/** The TIER function names a formula calls, e.g. ["ABC"]. */
export function tierFunctionsIn(formula: string): string[] {
  return [...formula.matchAll(/TIER\.([A-Z0-9]+)\(/g)].map((m) => m[1]);
}

/**
 * How the numbers Tierline writes to a workbook are shown: one place that
 * maps the columns the runs write (by header, as they name them) to Excel
 * number formats, so a pane that writes a column gets it formatted without
 * saying how. Headers not listed here are judged by their values: whole
 * numbers as counts, other numbers with two decimals, text left alone.
 */
import type { CellValue, ChartSpec, ReferenceLine } from "./workbook";

export type ColumnKind = "count" | "quantity" | "money" | "share" | "score" | "number";

/** Headers the runs write (segmentation, safety stock, cost to serve), case-insensitive. */
const HEADER_KINDS: Record<string, ColumnKind> = {
  rank: "count",
  customers: "count",
  items: "count",
  flooreditems: "count",
  revenue: "money",
  cogs: "money",
  grossmargin: "money",
  costtoserve: "money",
  contribution: "money",
  excess: "money",
  safetystockvalue: "money",
  cyclestockvalue: "money",
  totalvalue: "money",
  marginpct: "share",
  contributionpct: "share",
  ctspct: "share",
  cumulativeshare: "share",
  servicetarget: "share",
  // the policy table written for editing (panes/policies)
  cycleservicelevel: "share",
  targetfillrate: "share",
  maxoverridepct: "share",
  maxwape: "share",
  valueatrisk: "money",
  safetystock: "quantity",
  reorderpoint: "quantity",
  orderqty: "quantity",
  score: "score",
  // The Governance pane's KPI and breach tables (governance/governanceSheets.ts).
  otif: "share",
  otiftarget: "share",
  fillrate: "share",
  fillratetarget: "share",
  ctspcttarget: "share",
  wape: "share",
  wapetarget: "share",
  relativegap: "share",
  turns: "quantity",
  turnstarget: "quantity",
  entities: "count",
  openactions: "count",
  // supplier scorecards and sourcing (panes/suppliers)
  ontimerate: "share",
  qualityppm: "count",
  leadtimemeandays: "quantity",
  leadtimesddays: "quantity",
  contractedleadtimedays: "quantity",
  moq: "quantity",
  annualspend: "money",
  approvallimit: "money",
  supplyrisk: "score",
  exposure: "score",
  supplierleadtime: "quantity",
  supplierleadtimesd: "quantity",
  // slotting, aging, slow movers and push/pull (panes/warehouse)
  picksperweek: "quantity",
  pickcostperweek: "money",
  utilisation: "share",
  capacity: "quantity",
  used: "quantity",
  space: "quantity",
  products: "count",
  onhand: "quantity",
  stockvalue: "money",
  monthlydemand: "quantity",
  monthsofsupply: "quantity",
  weekswithoutdemand: "count",
  excessunits: "quantity",
  excessvalue: "money",
  weeksbetweenorders: "quantity",
  weeklymean: "quantity",
  leadtimeweeks: "quantity",
  reviewweeks: "quantity",
  achievedservicelevel: "share",
  pdratio: "score",
  demandcv: "score",
  leadtimedays: "quantity",
  promisedleadtimedays: "quantity",
  // shared capacity (panes/warehouse/SharedCapacitySection)
  unitsperweek: "quantity",
  unitsallocated: "quantity",
  serviceshare: "share",
  servicefloor: "share",
  capacityperunit: "quantity",
  capacityused: "quantity",
  marginperunit: "money",
  marginperweek: "money",
  // order promising and fulfilment (panes/fulfilment)
  requested: "count",
  promised: "count",
  fromreserve: "count",
  shortfall: "count",
  reservepct: "share",
  // carrier capacity (panes/fulfilment/CarrierCapacitySection)
  ontime: "count",
  late: "count",
  notshipped: "count",
  dayslate: "count",
  // segment P&L with freight and transfer prices (runs/pnlTable, runs/transferPriceRun)
  freight: "money",
  inventorycarrying: "money",
  transfermargin: "money",
  divisioncontribution: "money",
  unitcost: "money",
  logisticsperunit: "money",
  carryingperunit: "money",
  costbase: "money",
  markupperunit: "money",
  transferprice: "money",
  units: "quantity",
  carryingcost: "money",
  // incentives on margin after cost-to-serve (panes/costToServe/incentiveSheet)
  marginaftercts: "money",
  marginafterctspct: "share",
  incentive: "money",
  floor: "share",
  belowfloor: "count",
};

/** The words a chart axis shows for a column the runs write (the headers themselves are identifiers). */
const HEADER_WORDS: Record<string, string> = {
  cumulativeshare: "Cumulative share",
  ctspct: "Cost to serve, % of revenue",
  marginpct: "Margin, % of revenue",
  contributionpct: "Contribution, % of revenue",
  costtoserve: "Cost to serve",
  grossmargin: "Gross margin",
  cogs: "Cost of goods sold",
  servicetarget: "Service target",
  orderqty: "Order quantity",
};

/** Where the workbook's currency symbol goes, as its culture writes money (e.g. "€1.00" in en-IE, "1,00 €" in de-DE). */
export interface Currency {
  symbol: string;
  before: boolean;
  space: boolean;
}

export const COUNT_FORMAT = "#,##0";
export const QUANTITY_FORMAT = "#,##0.0";
export const SHARE_FORMAT = "0.0%";
export const SCORE_FORMAT = "0.00";
export const NUMBER_FORMAT = "#,##0.00";
/** A chart's percentage axis: whole percents are enough to read a curve. */
export const SHARE_AXIS_FORMAT = "0%";
export const AXIS_NUMBER_FORMAT = "#,##0";
/** Excel's own name for "no format": it also clears the format a previous run left on a reused sheet. */
export const GENERAL_FORMAT = "General";

/** Money with thousands separators and cents; with the workbook's currency symbol when Excel told us it. */
export function moneyFormat(currency?: Currency): string {
  if (!currency || currency.symbol === "") return NUMBER_FORMAT;
  // [$…] makes the symbol a literal whatever characters it holds (Excel's own syntax for currency symbols).
  const symbol = `[$${currency.symbol.replace(/[[\]]/g, "")}]`;
  const gap = currency.space ? " " : "";
  return currency.before ? `${symbol}${gap}${NUMBER_FORMAT}` : `${NUMBER_FORMAT}${gap}${symbol}`;
}

/**
 * Where a culture puts the currency symbol, from the browser's Intl data for
 * that culture name (placement is the culture's, whichever currency it is).
 * An unknown culture name gives the symbol in front, with no space.
 */
export function currencyFor(symbol: string, cultureName: string | undefined): Currency {
  try {
    const parts = new Intl.NumberFormat(cultureName || "en-US", { style: "currency", currency: "EUR" }).formatToParts(1);
    const at = parts.findIndex((p) => p.type === "currency");
    const number = parts.findIndex((p) => p.type === "integer");
    const between = parts.slice(Math.min(at, number) + 1, Math.max(at, number));
    return { symbol, before: at < number, space: between.some((p) => p.type === "literal" && /\s/.test(p.value)) };
  } catch {
    return { symbol, before: true, space: false };
  }
}

function inferredKind(values: readonly CellValue[]): ColumnKind | undefined {
  let numbers = 0;
  let whole = true;
  for (const value of values) {
    if (value === null || value === "") continue;
    if (typeof value !== "number") return undefined;
    numbers++;
    if (!Number.isInteger(value)) whole = false;
  }
  if (numbers === 0) return undefined;
  return whole ? "count" : "number";
}

/** A column's kind: by its header when the runs name it, else by its values (undefined for text). */
export function columnKind(header: string, values: readonly CellValue[]): ColumnKind | undefined {
  // The ABC-XYZ matrix names its columns per cell ("X % of value", "Z inventory value").
  if (/% of value$/i.test(header.trim())) return "share";
  if (/inventory value$/i.test(header.trim())) return "money";
  return HEADER_KINDS[header.trim().toLowerCase()] ?? inferredKind(values);
}

export function kindFormat(kind: ColumnKind, currency?: Currency): string {
  switch (kind) {
    case "count":
      return COUNT_FORMAT;
    case "quantity":
      return QUANTITY_FORMAT;
    case "money":
      return moneyFormat(currency);
    case "share":
      return SHARE_FORMAT;
    case "score":
      return SCORE_FORMAT;
    case "number":
      return NUMBER_FORMAT;
  }
}

/** The number format of a written column, or undefined for a text column (left as it is). */
export function columnFormat(header: string, values: readonly CellValue[], currency?: Currency): string | undefined {
  const kind = columnKind(header, values);
  return kind === undefined ? undefined : kindFormat(kind, currency);
}

/** The number format of each column of a result table (rows as written), undefined for text columns. */
export function tableFormats(headers: readonly string[], rows: readonly CellValue[][], currency?: Currency): Array<string | undefined> {
  return headers.map((header, j) =>
    columnFormat(
      header,
      rows.map((row) => row[j] ?? null),
      currency,
    ),
  );
}

/** A column header in words, for a chart axis ("CumulativeShare" → "Cumulative share"). */
export function headerWords(header: string): string {
  const known = HEADER_WORDS[header.trim().toLowerCase()];
  if (known) return known;
  const words = header
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  // Acronyms (ABC, XYZ, SKU) keep their capitals; other words after the first are lower case, as in a sentence.
  return words.map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : /^[A-Z0-9]{2,}$/.test(w) ? w : w.toLowerCase())).join(" ");
}

/** Whether a column holds shares (0–1 shown as %), so its chart axis is a % axis. */
export function isShareColumn(header: string): boolean {
  return HEADER_KINDS[header.trim().toLowerCase()] === "share";
}

/** The reference lines a chart gets: the spec's, or a 100 % line under a line-only share chart (the whale curve). */
export function referenceLinesFor(spec: ChartSpec): ReferenceLine[] {
  if (spec.referenceLines) return spec.referenceLines;
  if (!spec.barColumn && spec.lineColumn && isShareColumn(spec.lineColumn)) return [{ label: "Total (100 %)", value: 1 }];
  return [];
}

/**
 * The Safety stock pane's result: a formula below zero is kept at 0 with the
 * reason in words, per segment and in total, and the value-by-segment table
 * is written with the pane's columns in Excel number formats (office-addin-mock).
 *
 * The negative case is computed here without the engine: the fill-rate
 * safety factor k solves σL·G(k) = (1 − β)·Q for β > 0.9 (Silver, Pyke &
 * Thomas, *Inventory and Production Management in Supply Chains*, 4th ed.,
 * eq. 6.28; TIER.SAFETYSTOCKFR in shared/tier-functions.md), with the
 * standard normal loss G(z) = φ(z) − z·(1 − Φ(z)).
 */
import { readCurrency } from "../../addin/src/excel/currency";
import { writeTable } from "../../addin/src/excel/tables";
import { formatMoney } from "../../addin/src/taskpane/panes/safetyStock/money";
import { flooredSafetyStock, itemNote, percent, segmentNote, summariseSafetyStock, type ItemSafetyStock } from "../../addin/src/taskpane/panes/safetyStock/safetyStockSummary";
import { inventoryValueTable } from "../../addin/src/taskpane/runs/safetyStockRun";
import { fillRateSafetyStock } from "../../shared/src/inventory";
import { mockContext } from "./excel/mockWorkbook";

// Φ by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), independent of the engine's normal functions.
function phiCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
const pdf = (z: number) => Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
const loss = (z: number) => pdf(z) - z * (1 - phiCdf(z));

/** k with G(k) = target, by bisection (G decreases). */
function safetyFactor(target: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (loss(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe("the independent loss function", () => {
  test("matches the tables: G(0) = 0.3989, G(0.9) = 0.1004 (SPT Appendix B)", () => {
    expect(loss(0)).toBeCloseTo(0.3989, 4);
    expect(loss(0.9)).toBeCloseTo(0.1004, 4);
  });
});

// CZ: σL = 100 (σ = 50 a period, L = 4), Q = 1,200, β = 0.95: (1 − β)·Q = 60 > σL·G(0) = 39.89, so k < 0.
const cz = { demandMean: 20, demandSd: 50, leadTime: 4, fillRate: 0.95, orderQuantity: 1200 };
const czSigma = Math.sqrt(cz.leadTime) * cz.demandSd;
const czK = safetyFactor(((1 - cz.fillRate) * cz.orderQuantity) / czSigma);
const czFormula = czK * czSigma;

describe("safety stock kept at zero with the reason", () => {
  test("the fill-rate formula goes below zero when (1 − β)·Q exceeds σL·G(0), and the engine agrees", () => {
    expect((1 - cz.fillRate) * cz.orderQuantity).toBeGreaterThan(czSigma * loss(0));
    // G(k) = 0.6 → k ≈ −0.353 (tables: G(−0.35) = G(0.35) + 0.35 = 0.2481 + 0.35 = 0.598).
    expect(czK).toBeCloseTo(-0.3529, 3);
    expect(fillRateSafetyStock({ ...cz, leadTimeSd: 0 }).safetyStock).toBeCloseTo(czFormula, 2);
    expect(flooredSafetyStock(czFormula)).toBe(0);
    expect(flooredSafetyStock(12.5)).toBe(12.5);
  });

  test("one item's note says why in plain words, with the formula's value", () => {
    expect(itemNote("fill-rate", 0.9, -132.4)).toBe("0 (the order quantity alone meets the 90 % fill rate: formula gives −132)");
    expect(itemNote("fill-rate", 0.95, czFormula)).toBe("0 (the order quantity alone meets the 95 % fill rate: formula gives −35)");
    expect(itemNote("cycle-service-level", 0.4, -3.24)).toBe("0 (a 40 % cycle service level is below 50 %, so the reorder point sits under the mean lead-time demand: formula gives −3.2)");
    expect(itemNote("fill-rate", 0.975, 0)).toBe("");
    expect(percent(0.975)).toBe("97.5 %");
  });

  test("per segment: units and value summed floored, the items counted, totals under them", () => {
    const items: ItemSafetyStock[] = [
      { segment: "CZ", kind: "fill-rate", target: 0.95, formula: czFormula, unitCost: 3, orderQuantity: 1200 },
      { segment: "CZ", kind: "fill-rate", target: 0.95, formula: 10, unitCost: 3, orderQuantity: 100 },
      { segment: "AX", kind: "fill-rate", target: 0.99, formula: 250, unitCost: 8, orderQuantity: 400 },
      { segment: "BY", kind: "fill-rate", target: 0.95, formula: -5, unitCost: 2, orderQuantity: 500 },
    ];
    const { segments, totals } = summariseSafetyStock(items);
    expect(segments.map((s) => s.segment)).toEqual(["AX", "CZ", "BY"]);
    const [ax, czRow, by] = segments;
    expect(ax).toMatchObject({ items: 1, target: 0.99, units: 250, value: 2000, cycleStockValue: 1600, totalValue: 3600, flooredItems: 0, note: "" });
    // CZ: the negative item counts 0 units and 0 value; its Q/2 still sits in cycle stock.
    expect(czRow).toMatchObject({ items: 2, units: 10, value: 30, cycleStockValue: 600 * 3 + 50 * 3, flooredItems: 1 });
    expect(czRow.note).toBe("1 of 2 items set to 0: their order quantity alone meets the 95 % fill rate (formula gives −35 in total for them)");
    expect(segmentNote("fill-rate", 0.9, 29, 29, -810)).toBe("all 29 items set to 0: their order quantity alone meets the 90 % fill rate (formula gives −810 in total for them)");
    expect(by).toMatchObject({ items: 1, units: 0, value: 0, flooredItems: 1, note: "0 (the order quantity alone meets the 95 % fill rate: formula gives −5)" });
    expect(totals).toEqual({ items: 4, units: 260, value: 2030, cycleStockValue: 1600 + 1950 + 500, totalValue: 2030 + 4050, flooredItems: 2 });
  });
});

describe("money in the workbook's currency", () => {
  test("placed as the culture writes it, whole amounts; no symbol when Excel cannot tell", () => {
    expect(formatMoney(1234567.4, { symbol: "€", before: false, space: true })).toBe("1,234,567\u00a0€");
    expect(formatMoney(1234.6, { symbol: "£", before: true, space: false })).toBe("£1,235");
    expect(formatMoney(1234.6, undefined)).toBe("1,235");
    expect(formatMoney(-20, { symbol: "$", before: true, space: false })).toBe("−$20");
  });

  test("read from Excel's culture (ExcelApi 1.17), undefined on an older Excel", async () => {
    const { context } = mockContext([], { culture: { name: "de-DE", currencySymbol: "€" } });
    await expect(readCurrency(context, true)).resolves.toEqual({ symbol: "€", before: false, space: true });
    await expect(readCurrency(mockContext([]).context, false)).resolves.toBeUndefined();
  });
});

describe("the value-by-segment table as written", () => {
  const { segments, totals } = summariseSafetyStock([
    { segment: "AX", kind: "fill-rate", target: 0.99, formula: 250.123, unitCost: 8, orderQuantity: 400 },
    { segment: "CZ", kind: "fill-rate", target: 0.9, formula: -132.4, unitCost: 3, orderQuantity: 1200 },
  ]);
  const table = inventoryValueTable("fill-rate", segments, totals);

  test("has the pane's columns, the reason and a Total row", () => {
    expect(table.headers).toEqual(["Segment", "Items", "TargetType", "ServiceTarget", "SafetyStock", "SafetyStockValue", "CycleStockValue", "TotalValue", "FlooredItems", "SafetyStockNote"]);
    expect(table.rows).toEqual([
      ["AX", 1, "fill rate", 0.99, 250.12, 2000.98, 1600, 3600.98, 0, ""],
      ["CZ", 1, "fill rate", 0.9, 0, 0, 1800, 1800, 1, "0 (the order quantity alone meets the 90 % fill rate: formula gives −132)"],
      ["Total", 2, null, null, 250.12, 2000.98, 3400, 5400.98, 1, null],
    ]);
  });

  test("numbers formatted: counts, target as %, units with one decimal, money in the workbook's currency", async () => {
    const { context, writes } = mockContext([], { culture: { name: "en-GB", currencySymbol: "£" } });
    await writeTable(context, table, undefined, true);
    const formats = writes.ranges.find((r) => r.values !== undefined)?.numberFormat as string[][];
    const money = "[$£]#,##0.00";
    expect(formats[1]).toEqual(["General", "#,##0", "General", "0.0%", "#,##0.0", money, money, money, "#,##0", "General"]);
    expect(formats[3]).toEqual(formats[1]);
  });
});

/**
 * The Cost-to-serve pane over stored data in a real browser at 350 px (issue 19): a
 * planner signed in adds the demo company's stored freight, spread by order
 * lines, and reads it as its own line in the pane's P&L and on the sheet,
 * with what it was spread by; then prices the demo's division transfers and
 * checks them by hand. Screenshots land in test/artifacts/.
 * Uses the build of `npm test` (dist/, or TIERLINE_DIST). No request leaves localhost.
 */
import type { Page } from "playwright-core";
import type { TestService } from "../service/harness";
import { PaneBrowser } from "./paneBrowser";

jest.setTimeout(240_000);

let service: TestService;
let browser: PaneBrowser;
let page: Page;

beforeAll(async () => {
  browser = await PaneBrowser.startOn("Cost-to-serve");
  ({ page, service } = browser);
});

afterAll(async () => {
  await browser?.close();
});

test("stored freight spread by order lines is its own P&L line, in the pane and on the sheet", async () => {
  const stored = (await service.api("GET", "/api/v1/cost-to-serve/freight?method=lines")).body as { total: number; customers: Array<{ customerId: string; freight: number }> };
  expect(stored.total).toBeGreaterThan(0);
  const freight = page.getByRole("combobox", { name: "Freight" });
  await freight.click();
  await page.getByRole("option", { name: "Stored freight, spread by order lines" }).click();
  await page.getByRole("button", { name: "Compute cost-to-serve" }).click();
  await browser.success("Cost-to-serve written");

  const pnl = page.getByRole("table", { name: "Segment P&L" });
  await expect(pnl.getByRole("columnheader").allTextContents()).resolves.toEqual(["Segment", "Revenue", "Cost-to-serve", "Freight", "Margin"]);
  await page.getByText(/^Freight: [\d,]+ of the [\d,]+ stored, spread by order lines\./).waitFor();
  await browser.screenshot("cost-to-serve-freight-350");
  await browser.expectAccessible("cost-to-serve with freight");

  // Each customer of the table carries the service's freight; the P&L's freight line is their sum per segment.
  const ids = await browser.gridColumn("Customers", "CustomerId");
  const perCustomer = (await browser.gridColumn("Customers", "Freight")).map(Number);
  const expected = new Map(stored.customers.map((c) => [c.customerId, c.freight]));
  ids.forEach((id, i) => expect({ id, freight: perCustomer[i] }).toEqual({ id, freight: Math.round((expected.get(id) ?? 0) * 100) / 100 }));
  const sheetFreight = (await browser.gridColumn("TierlineSegmentPnl", "Freight")).map(Number);
  expect(sheetFreight.at(-1)).toBeCloseTo(
    perCustomer.reduce((a, x) => a + x, 0),
    0,
  );
  expect(sheetFreight.at(-1)).toBeGreaterThan(0);
  await expect(browser.gridColumn("TierlineSegmentPnl", "FreightSpreadBy")).resolves.toContain("stored freight spread by order lines");
  // Contribution is gross margin less cost-to-serve less freight, on the sheet's Total row.
  const col = async (h: string) => Number((await browser.gridColumn("TierlineSegmentPnl", h)).at(-1));
  expect(await col("Contribution")).toBeCloseTo((await col("GrossMargin")) - (await col("CostToServe")) - (await col("Freight")), 0);
  await browser.screenshot("cost-to-serve-freight-sheet-350");
});

test("transfer prices per item × segment: cost + logistics + carrying, plus the markup, capped at the outside price", async () => {
  await browser.openPane("Cost-to-serve");
  await page.getByLabel("Carrying rate a year").fill("25%");
  await page.getByLabel("Markup").fill("10%");
  await page.getByRole("button", { name: "Price transfers" }).click();
  await browser.success("Transfer prices written");
  const summary = page.getByRole("table", { name: "Transfer prices by segment" });
  // One row per sales division: the channels the workbook's customers buy through.
  const channels = new Set(await browser.gridColumn("Customers", "Channel"));
  await expect(summary.locator("tbody tr").count()).resolves.toBe(channels.size);
  await summary.scrollIntoViewIfNeeded();
  await browser.screenshot("cost-to-serve-transfer-prices-350");

  // By hand from the demo grid: price = min(outside, (cost + logistics + cost × 25 % × days / 365) × 1.1).
  const col = (table: string, h: string) => browser.gridColumn(table, h);
  const [cost, logistics, days, market] = await Promise.all(["UnitCost", "LogisticsPerUnit", "DaysOfInventory", "MarketPrice"].map((h) => col("DivisionTransfers", h)));
  const expected = cost.map((c, i) => {
    const costPlus = (Number(c) + Number(logistics[i]) + (Number(c) * 0.25 * Number(days[i])) / 365) * 1.1;
    const outside = market[i] === "" ? Infinity : Number(market[i]);
    return Math.round(Math.min(costPlus, outside) * 100) / 100;
  });
  const prices = (await col("TierlineTransferPrices", "TransferPrice")).map(Number);
  prices.forEach((p, i) => expect(p).toBeCloseTo(expected[i], 2));
  const capped = await col("TierlineTransferPrices", "CappedAtMarket");
  expect(capped.filter((c) => c === "yes").length).toBe(expected.filter((e, i) => market[i] !== "" && e === Number(market[i])).length);
  await browser.screenshot("cost-to-serve-transfer-sheet-350");
});

test("the segment P&L by channel bears each channel's inventory carrying from the transfer prices", async () => {
  // The transfer sheet of the test above carries each line's units and period totals.
  const col = (table: string, h: string) => browser.gridColumn(table, h);
  const [segments, units, perUnit, carrying] = await Promise.all([col("TierlineTransferPrices", "Segment"), ...["Units", "CarryingPerUnit", "CarryingCost"].map((h) => col("TierlineTransferPrices", h))]);
  // The per-unit figure on the sheet is rounded to the cent: within half a cent a unit.
  carrying.forEach((c, i) => expect(Math.abs(Number(c) - Number(units[i]) * Number(perUnit[i]))).toBeLessThanOrEqual(Number(units[i]) * 0.005 + 0.01));
  const expected = new Map<string, number>();
  segments.forEach((s, i) => expected.set(s, (expected.get(s) ?? 0) + Number(carrying[i])));

  await page.getByRole("checkbox", { name: /Add the transfer prices/ }).check();
  await page.getByRole("button", { name: "Compute cost-to-serve" }).click();
  await browser.success("Cost-to-serve written");
  const channels = new Set(await col("Customers", "Channel"));
  await page.getByText(new RegExp(`^Margin is after [\\d,]+ of inventory carrying from the transfer prices \\(${channels.size} segments\\)`)).waitFor();
  await browser.screenshot("cost-to-serve-transfer-pnl-350");

  // By hand from the sheets: each channel's carrying is the sum of its transfer lines'; contribution deducts it.
  const [pnlSegments, pnlCarrying] = await Promise.all([col("TierlineSegmentPnl", "Segment"), col("TierlineSegmentPnl", "InventoryCarrying")]);
  pnlSegments.slice(0, -1).forEach((s, i) => expect({ s, carrying: Number(pnlCarrying[i]) }).toEqual({ s, carrying: expect.closeTo(expected.get(s) ?? 0, 1) }));
  const total = async (h: string) => Number((await col("TierlineSegmentPnl", h)).at(-1));
  const freightColumn = await col("TierlineSegmentPnl", "Freight");
  const freight = freightColumn.length ? Number(freightColumn.at(-1)) : 0;
  expect(await total("InventoryCarrying")).toBeGreaterThan(0);
  expect(await total("Contribution")).toBeCloseTo((await total("GrossMargin")) - (await total("CostToServe")) - freight - (await total("InventoryCarrying")), 0);
  expect(await total("DivisionContribution")).toBeCloseTo((await total("Contribution")) - (await total("TransferMargin")), 0);
  await browser.screenshot("cost-to-serve-transfer-pnl-sheet-350");
});

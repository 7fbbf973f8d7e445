/**
 * The Suppliers pane in a real browser at 350 px (issue 19): a planner
 * scores the demo suppliers over a window of periods, opens the best one to
 * its periods and the segments it serves, writes the scorecards to a sheet,
 * then asks for sourcing recommendations, reads one product's reasons and
 * writes those too. Screenshots land in test/artifacts/.
 * Uses the build of `npm test` (dist/, or TIERLINE_DIST). No request leaves localhost.
 */
import type { Page } from "playwright-core";
import type { TestService } from "../service/harness";
import { COUNT_FORMAT, QUANTITY_FORMAT, SHARE_FORMAT, columnFormat } from "../../addin/src/workbook/resultFormats";
import { PaneBrowser } from "./paneBrowser";

jest.setTimeout(240_000);

let service: TestService;
let browser: PaneBrowser;
let page: Page;

beforeAll(async () => {
  browser = await PaneBrowser.startOn("Suppliers");
  ({ page, service } = browser);
});

afterAll(async () => {
  await browser?.close();
});

test("a planner scores suppliers over a window, opens one, and writes the scorecards to a sheet", async () => {
  const expected = (await service.api("GET", "/api/v1/suppliers/scorecards?from=2026-06&to=2026-11")).body as {
    suppliers: Array<{ supplierId: string; name: string; onTimeRate: number; periods: unknown[]; segments: Array<{ segment: string }> }>;
  };
  expect(expected.suppliers.length).toBeGreaterThanOrEqual(2);
  await page.getByLabel("From period").fill("2026-06");
  await page.getByLabel("To period").fill("2026-11");
  await page.getByRole("button", { name: "Score suppliers" }).click();
  await page.getByText(`${expected.suppliers.length} scored, periods 2026-06 to 2026-11`, { exact: false }).waitFor();

  const best = expected.suppliers[0];
  await page.getByRole("button", { name: new RegExp(`^1\\. ${best.name} \\(${best.supplierId}\\)`) }).click();
  const periods = page.getByRole("table", { name: `${best.name} by period` });
  await periods.waitFor();
  await expect(periods.locator("tbody tr").count()).resolves.toBe(6);
  await page.getByText(best.segments[0].segment, { exact: false }).first().waitFor();
  await browser.screenshot("suppliers-scorecards");
  await browser.expectAccessible("suppliers");

  await page.getByRole("button", { name: "Write to sheet", exact: true }).click();
  await browser.success("Scorecards written");
  await expect(browser.gridColumn("TierlineSupplierScorecards", "Supplier")).resolves.toEqual(expected.suppliers.map((s) => s.supplierId));
  // The grid shows values; Excel shows them with the formats resultFormats gives by header.
  const onTime = await browser.gridColumn("TierlineSupplierScorecards", "OnTimeRate");
  expect(Number(onTime[0])).toBeCloseTo(expected.suppliers[0].onTimeRate, 3);
  expect(["OnTimeRate", "LeadTimeMeanDays", "LeadTimeSdDays", "QualityPpm"].map((h) => columnFormat(h, []))).toEqual([SHARE_FORMAT, QUANTITY_FORMAT, QUANTITY_FORMAT, COUNT_FORMAT]);
  await browser.screenshot("suppliers-sheet");
});

test("sourcing recommendations per product, with reasons, written to a sheet", async () => {
  await browser.openPane("Suppliers");
  const expected = (await service.api("GET", "/api/v1/suppliers/sourcing?limit=50")).body as { total: number; items: Array<{ productId: string; recommendations: Array<{ reason: string }> }> };
  await page.getByRole("button", { name: "Recommend sourcing" }).click();
  await page.getByText(expected.total > 50 ? `First 50 of ${expected.total} products` : `${expected.total} products`, { exact: false }).waitFor();
  const first = expected.items[0];
  await page.getByRole("button", { name: new RegExp(`^${first.productId} `) }).click();
  await page.getByText(first.recommendations[0].reason, { exact: false }).waitFor();
  await browser.screenshot("suppliers-sourcing");
  await page
    .locator(".fui-AccordionItem")
    .filter({ has: page.getByRole("button", { name: new RegExp(`^${first.productId} `) }) })
    .screenshot({ path: "test/artifacts/suppliers-sourcing-item.png" });

  await page.getByRole("button", { name: "Write sourcing to sheet" }).click();
  await browser.success("Sourcing written");
  await expect(browser.gridColumn("TierlineSourcing", "Product")).resolves.toEqual(expected.items.map((i) => i.productId));
});

test("the Safety stock pane takes each product's lead time from its supplier's history", async () => {
  await browser.openPane("Safety stock");
  await page.getByRole("button", { name: "Lead times from suppliers" }).click();
  await browser.success("Supplier lead times written");
  const ids = await browser.gridColumn("Products", "ProductId");
  const leadTimes = await browser.gridColumn("Products", "SupplierLeadTime");
  const sourcing = (await service.api("GET", `/api/v1/suppliers/sourcing?product=${ids[0]}`)).body.items[0] as { leadTimeMeanDays: number };
  // Periods of 7 days, the pane's default; the grid shows four decimals.
  expect(Number(leadTimes[0])).toBeCloseTo(sourcing.leadTimeMeanDays / 7, 3);
  await browser.openPane("Safety stock");
  await browser.screenshot("suppliers-safety-stock");
});

/**
 * Input as planners type it, in a real browser at Excel's 350 px pane width:
 * "25%" as the holding rate and "15%" as the cost-to-serve target give the
 * same written results as 0.25 and 0.15; "25" and "15" (2,500 % / 1,500 %)
 * are refused under the field; decreasing cut-offs show the inline error and
 * no request reaches the service; numeric pickers offer numeric columns only
 * and say when a column was guessed from its header.
 *
 * Uses the build of `npm test` (dist/, or TIERLINE_DIST). No request leaves localhost.
 */
import type { Page } from "playwright-core";
import type { TestService } from "../service/harness";
import { PaneBrowser } from "./paneBrowser";

jest.setTimeout(240_000);

let service: TestService;
let browser: PaneBrowser;
let page: Page;
/** every request the page sent to the service */
const serviceRequests: string[] = [];

beforeAll(async () => {
  browser = await PaneBrowser.start();
  ({ page, service } = browser);
  page.on("request", (r) => {
    if (r.url().startsWith(service.url)) serviceRequests.push(`${r.method()} ${r.url()}`);
  });
  await page.setViewportSize({ width: 350, height: 900 });
  await browser.signIn(service.tokens.planner, "planner");
});

afterAll(async () => {
  await browser?.close();
});

/** The option texts of a labelled drop-down (opened, read, closed). */
async function optionsOf(label: string): Promise<string[]> {
  await page.getByRole("combobox", { name: label, exact: true }).click();
  const options = await page.getByRole("option").allTextContents();
  await page.keyboard.press("Escape");
  return options;
}

/** Clicks a run button that must be inert: it is disabled and, clicked anyway, sends nothing to the service. */
async function expectInert(button: string) {
  const before = serviceRequests.length;
  const locator = page.getByRole("button", { name: button });
  await expect(locator.isDisabled()).resolves.toBe(true);
  await locator.click({ force: true });
  await page.waitForTimeout(1_000);
  expect(serviceRequests.slice(before)).toEqual([]);
}

test("segmentation: decreasing cut-offs are refused under the field and nothing is sent; 80%, 95% means 0.8, 0.95; Name is no criterion", async () => {
  await browser.openPane("Segmentation");
  const criteria = await optionsOf("Criterion");
  expect(criteria).toContain("Revenue");
  expect(criteria).not.toContain("Name");
  expect(criteria).not.toContain("Category");
  await page.getByText("Guessed from the header: Revenue").waitFor();

  await page.getByLabel("ABC cut-offs").fill("0.95, 0.8");
  await page.getByText("ABC cut-offs: must increase from one to the next; item 2 (80%) is not above item 1 (95%)").waitFor();
  await page.getByRole("textbox", { name: "ABC cut-offs" }).scrollIntoViewIfNeeded();
  await browser.screenshot("planner-input-segmentation-decreasing-350");
  await expectInert("Run segmentation");

  await page.getByLabel("ABC cut-offs").fill("0.8, 0.95");
  await page.getByRole("button", { name: "Run segmentation" }).click();
  await browser.success("Segmentation written");
  const fractions = await browser.gridColumn("Products", "ABC");
  await page.getByLabel("ABC cut-offs").fill("80%, 95%");
  await page.getByRole("button", { name: "Run segmentation" }).click();
  await browser.success("Segmentation written");
  const percents = await browser.gridColumn("Products", "ABC");
  expect(new Set(fractions)).toEqual(new Set(["A", "B", "C"]));
  expect(percents).toEqual(fractions);
});

test("safety stock: 25% as the holding rate writes what 0.25 writes; 25 is refused under the field with nothing sent; Name is no mean demand", async () => {
  await browser.openPane("Safety stock");
  const means = await optionsOf("Mean demand per period");
  expect(means).toContain("DemandMean");
  expect(means).not.toContain("Name");
  expect(means).not.toContain("ProductId");
  await page.getByText("Guessed from the header: DemandMean").waitFor();

  const written = async (rate: string) => {
    await page.getByLabel("Holding rate per year").fill(rate);
    await page.getByRole("button", { name: "Compute safety stock" }).click();
    await browser.success("Safety stock written");
    const result = { orderQty: await browser.gridColumn("Products", "OrderQty"), totalValue: await browser.gridColumn("TierlineInventoryValue", "TotalValue") };
    await page.getByText("Safety stock written", { exact: true }).first().waitFor();
    return result;
  };
  const fraction = await written("0.25");
  const percent = await written("25%");
  expect(fraction.orderQty.length).toBe(60);
  expect(percent).toEqual(fraction);
  // The rate matters: half the rate again would have shown a wrong reading.
  expect((await written("50%")).orderQty).not.toEqual(fraction.orderQty);

  await page.getByLabel("Holding rate per year").fill("25");
  await page.getByText("Holding rate: 25 is above 1 (100%); if you meant 25%, type 25% or 0.25").waitFor();
  await page.getByLabel("Holding rate per year").scrollIntoViewIfNeeded();
  await browser.screenshot("planner-input-safety-stock-25-350");
  await expectInert("Compute safety stock");
  await page.getByLabel("Holding rate per year").fill("250%");
  await page.getByText("Holding rate: 250% is above 100%").waitFor();
});

test("safety stock by fill rate: per segment the target, units and value with totals; a negative formula is kept at 0 with the reason", async () => {
  await browser.openPane("Safety stock");
  await browser.choose("Method", "Fill rate (policy target fill rate)");
  await page.getByLabel("Holding rate per year").fill("25%");
  // A large order cost gives large order quantities: (1 − β)·Q then exceeds σL·G(0) for some items and their formula goes below zero.
  await page.getByLabel("Order cost (K)").fill("2000");
  await page.getByRole("button", { name: "Compute safety stock" }).click();
  await browser.success("Safety stock written");

  const ss = (await browser.gridColumn("Products", "SafetyStock")).map(Number);
  const notes = await browser.gridColumn("Products", "SafetyStockNote");
  expect(ss.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
  const floored = notes.filter((n) => n !== "");
  expect(floored.length).toBeGreaterThan(0);
  floored.forEach((n) => expect(n).toMatch(/^0 \(the order quantity alone meets the [\d.]+ % fill rate: formula gives −[\d,.]+\)$/));
  notes.forEach((n, i) => (n === "" ? undefined : expect(ss[i]).toBe(0)));

  // The written table: a row per segment and a Total row that sums them.
  const segments = await browser.gridColumn("TierlineInventoryValue", "Segment");
  const units = (await browser.gridColumn("TierlineInventoryValue", "SafetyStock")).map(Number);
  const items = (await browser.gridColumn("TierlineInventoryValue", "Items")).map(Number);
  expect(segments[segments.length - 1]).toBe("Total");
  expect(items[items.length - 1]).toBe(60);
  expect(units[units.length - 1]).toBeCloseTo(
    units.slice(0, -1).reduce((a, b) => a + b, 0),
    1,
  );

  // The pane: the same segments, a Total row, and each floored segment's reason under it.
  const result = page.getByRole("table", { name: "Safety stock by segment" });
  await result.scrollIntoViewIfNeeded();
  await expect(result.getByRole("columnheader").allTextContents()).resolves.toEqual(["Segment", "Items", "Fill rate", "Units", "Value"]);
  const total = result.getByRole("row").filter({ hasText: /^Total/ });
  await expect(total.getByRole("cell").nth(1).textContent()).resolves.toBe("60");
  await result
    .getByText(/: (0 \(the order quantity alone|\d+ of \d+ items set to 0)/)
    .first()
    .waitFor();
  const box = await result.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(350);
  await browser.screenshot("safety-stock-fill-rate-result-350");
});

test("cost-to-serve: 15% as the target flags the customers 0.15 flags; 15 is refused under the field with nothing sent", async () => {
  await browser.openPane("Cost-to-serve");
  const revenue = await optionsOf("Revenue");
  expect(revenue).toContain("Revenue");
  expect(revenue).not.toContain("Name");
  expect(revenue).not.toContain("Region");

  const flagged = async (target: string) => {
    await page.getByLabel("Cost-to-serve target (share of revenue)").fill(target);
    await page.getByRole("button", { name: "Compute cost-to-serve" }).click();
    await browser.success("Cost-to-serve written");
    return browser.gridColumn("TierlineFlaggedCustomers", "Customer");
  };
  const fraction = await flagged("0.15");
  const percent = await flagged("15%");
  expect(fraction.length).toBeGreaterThan(0);
  expect(fraction).not.toEqual(["(none)"]);
  expect(percent).toEqual(fraction);

  await page.getByLabel("Cost-to-serve target (share of revenue)").fill("15");
  await page.getByText("Cost-to-serve target: 15 is above 1 (100%); if you meant 15%, type 15% or 0.15").waitFor();
  await page.getByLabel("Cost-to-serve target (share of revenue)").scrollIntoViewIfNeeded();
  await browser.screenshot("planner-input-cost-to-serve-15-350");
  await expectInert("Compute cost-to-serve");
  await browser.expectAccessible("cost-to-serve with an invalid target, 350 px");
  expect(browser.pageErrors).toEqual([]);
});

/**
 * Sell-through in the Governance pane's Forecasts tab at 350 px, as a
 * planner on the small demo company (issue 23): the pane starts a
 * TierlineSellThrough table, a bad week is refused naming its sheet row and
 * column with nothing written, the corrected table is imported (replacing
 * that account's feed), a forecast run started from the pane reads it, and
 * the exception list and its sheet say which demand signal each forecast
 * used, as the service counts them. Screenshots land in test/artifacts/.
 * Uses the build of `npm test` (dist/).
 */
import type { Page } from "playwright-core";
import type { TestService } from "../service/harness";
import { PaneBrowser } from "./paneBrowser";

jest.setTimeout(240_000);

let service: TestService;
let browser: PaneBrowser;
let page: Page;

beforeAll(async () => {
  browser = await PaneBrowser.startOn("Governance");
  ({ page, service } = browser);
});

afterAll(async () => {
  await browser?.close();
});

test("a planner imports sell-through from a sheet, runs forecasts and reads the signal each used", async () => {
  const { db } = service.service.ctx;
  // The demo's feed account, one product it bought and the last week of the history.
  const fed = await db.selectFrom("sell_through").select("customer_id").distinct().execute();
  expect(fed).toHaveLength(1);
  const account = fed[0].customer_id;
  const line = await db.selectFrom("order_lines").select(["product_id", "week"]).where("customer_id", "=", account).orderBy("week", "desc").orderBy("product_id").limit(1).executeTakeFirstOrThrow();

  await page.getByRole("tab", { name: "Forecasts" }).click();
  const section = page.getByRole("group", { name: "Sell-through" });
  await section.getByRole("button", { name: "Start a sell-through table" }).click();
  await browser.success("Sell-through table ready");
  await browser.typeInto("TierlineSellThrough", "customer_id", 0, account);
  await browser.typeInto("TierlineSellThrough", "product_id", 0, line.product_id);
  await browser.typeInto("TierlineSellThrough", "week", 0, "0");
  await browser.typeInto("TierlineSellThrough", "units", 0, "7");

  await section.getByRole("button", { name: "Import sell-through" }).click();
  await browser.success("Sell-through not imported");
  await page.getByText('TierlineSellThrough: nothing was imported. row 2, week: must be ≥ 1, got "0". Correct the table', { exact: false }).waitFor();
  expect((await db.selectFrom("sell_through").select("week").where("customer_id", "=", account).execute()).length).toBeGreaterThan(1);
  await browser.screenshot("sell-through-refused-350");

  await browser.typeInto("TierlineSellThrough", "week", 0, String(line.week));
  await section.getByRole("button", { name: "Import sell-through" }).click();
  await browser.success("Sell-through imported");
  await page.getByText("1 row from TierlineSellThrough", { exact: false }).waitFor();
  expect(await db.selectFrom("sell_through").select(["customer_id", "product_id", "week", "units"]).execute()).toEqual([{ customer_id: account, product_id: line.product_id, week: line.week, units: 7 }]);

  await section.getByRole("button", { name: "Run forecasts" }).click();
  await browser.success("Forecasts run");
  const report = (await service.api("GET", "/api/v1/forecast-exceptions?limit=200", { token: service.tokens.viewer })).body as {
    signals: { shipments: number; sellThrough: number; mixed: number };
    exceptions: Array<{ productId: string; signal: string | null }>;
  };
  expect(report.signals.mixed + report.signals.sellThrough).toBeGreaterThan(0);
  const summary = page.getByTestId("forecast-exceptions").locator("span").first();
  await expect(summary.innerText()).resolves.toContain(`${report.signals.shipments} on shipments`);
  await expect(summary.innerText()).resolves.toContain("Demand signal of the run's products:");
  await browser.screenshot("sell-through-forecasts-350");
  await browser.expectAccessible("sell-through, 350 px");

  if (report.exceptions.length > 0) {
    await page.getByRole("button", { name: "Write to sheet" }).click();
    await browser.success("Forecast exceptions written");
    const words: Record<string, string> = { shipments: "shipments", "sell-through": "sell-through", mixed: "sell-through and shipments" };
    expect(await browser.gridColumn("TierlineForecastExceptions", "DemandSignal")).toEqual(report.exceptions.map((e) => words[e.signal ?? ""] ?? ""));
    await browser.screenshot("sell-through-exceptions-sheet-350");
  }
  expect(browser.pageErrors).toEqual([]);
});

/**
 * Settings in a real browser at a task pane's width (350 px), outside Excel
 * (the in-page demo workbook): "Insert examples" adds the example sheets
 * with a formula for every TIER function, and the workbook's record of its
 * service shows in Settings, prefilled for whoever signs in next. Screenshots
 * land in test/artifacts/. No request leaves localhost.
 */
import type { Page } from "playwright-core";
import type { TestService } from "../service/harness";
import { buildExamples } from "../../addin/src/workbook/examples";
import { PaneBrowser } from "./paneBrowser";

jest.setTimeout(180_000);

let service: TestService;
let browser: PaneBrowser;
let page: Page;

beforeAll(async () => {
  browser = await PaneBrowser.start();
  ({ page, service } = browser);
  await page.setViewportSize({ width: 350, height: 900 });
});

afterAll(async () => {
  await browser?.close();
});

/** Every cell text of a demo-grid table. */
async function gridTexts(table: string): Promise<string[]> {
  await page.getByRole("tablist", { name: "Workbook tables" }).getByRole("tab", { name: table, exact: true }).click();
  const grid = page.getByRole("table", { name: table, exact: true });
  await grid.waitFor();
  return grid.locator("td").allTextContents();
}

test("Insert examples adds the five example sheets with a live formula for every TIER function", async () => {
  await page.getByRole("heading", { level: 2, name: "Settings" }).waitFor();
  await page.getByRole("button", { name: "Insert examples" }).click();
  await browser.success("Examples inserted");
  const message = await page.locator(".tl-message").filter({ hasText: "Examples inserted" }).textContent();
  // Every TIER formula of the definition (the net-profit cells are plain Excel formulas, not counted).
  const tierFormulas = buildExamples()
    .flatMap((sheet) => sheet.formulas)
    .filter((f) => f.formula.startsWith("TIER.")).length;
  expect(tierFormulas).toBeGreaterThan(40);
  expect(message).toContain(`5 sheets (Segmentation, Forecasting, Inventory, Cost, Service) with ${tierFormulas} live TIER formulas. The Service sheet shows #N/A until you sign in.`);
  await browser.screenshot("settings-insert-examples-350");
  const segmentation = await gridTexts("Segmentation");
  expect(segmentation).toContain("=TIER.ABC(B4:B15)");
  expect(segmentation).toContain("P1");
  const inventory = await gridTexts("Inventory");
  expect(inventory.filter((t) => t.startsWith("=TIER.RQ"))).toEqual(['=TIER.RQPOLICY(1300,150,1/12,8,0.225,7.5,"exact")', '=TIER.RQPOLICY(1.5,,2,100,20,150,"exact","poisson")']);
  // A second insert never overwrites: the sheets come again with a number.
  await page.getByRole("button", { name: "Insert examples" }).click();
  await page
    .getByText(/Segmentation 2, Forecasting 2/)
    .first()
    .waitFor();
  expect(await browser.layoutProblems()).toEqual([]);
  await browser.expectAccessible("settings with examples");
});

test("signing in records the service in the workbook; after signing out, Settings names it and keeps it prefilled", async () => {
  await expect(page.getByTestId("workbook-service").count()).resolves.toBe(0);
  await browser.signIn(service.tokens.planner, "planner");
  await expect(page.getByTestId("workbook-service").textContent()).resolves.toBe(`This workbook uses the Tierline service at ${service.url}.`);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByText("Signed out", { exact: true }).waitFor();
  await page.getByText("Your token was removed from this computer. The workbook still names its service, so signing in again needs only a token.").waitFor();
  // What a colleague opening the shared workbook sees: the service named, the URL filled in, only the token to give.
  await expect(page.getByTestId("workbook-service").textContent()).resolves.toBe(`This workbook uses the Tierline service at ${service.url}. Paste your token below and sign in.`);
  await expect(page.getByLabel("Service URL").inputValue()).resolves.toBe(service.url);
  expect(await browser.layoutProblems()).toEqual([]);
  await browser.screenshot("settings-workbook-service-350");
  await page.getByLabel("Token").fill(service.tokens.viewer);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("identity").filter({ hasText: "role viewer" }).waitFor();
  expect(browser.pageErrors).toEqual([]);
});

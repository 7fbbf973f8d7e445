/**
 * The Suppliers pane's scoring assumptions in a real browser at 350 px
 * (issue 19): a planner opens them, sees a bad weight refused under its
 * field with nothing sent, saves A-segment weights on lead time alone and a
 * higher dual-sourcing threshold, and the service scores with them.
 * Screenshots land in test/artifacts/. Uses the build of `npm test` (dist/).
 */
import type { Page } from "playwright-core";
import type { TestService } from "../service/harness";
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

test("a planner changes the weights and thresholds; scores and sourcing follow them", async () => {
  await page.getByRole("button", { name: "Scoring assumptions" }).click();
  const a = page.getByLabel("A segments");
  await expect(a.inputValue()).resolves.toBe("40/20/10/30");
  await page.getByText("These are the defaults.", { exact: false }).waitFor();

  await a.fill("40/20/ten/30");
  await page.getByText("A segments, weight 3", { exact: false }).waitFor();
  await expect(page.getByRole("button", { name: "Save assumptions" }).isDisabled()).resolves.toBe(true);
  await browser.screenshot("supplier-assumptions-refused-350");

  await a.fill("0/0/1/0");
  await page.getByLabel("Second source from exposure").fill("75%");
  await page.getByRole("button", { name: "Save assumptions" }).click();
  await browser.success("Assumptions saved");
  await page.getByText("Last saved by test-planner", { exact: false }).waitFor();
  await expect(a.inputValue()).resolves.toBe("0/0/100/0");
  await browser.screenshot("supplier-assumptions-saved-350");
  await browser.expectAccessible("supplier assumptions");

  const stored = (await service.api("GET", "/api/v1/suppliers/settings")).body;
  expect(stored.weights.A).toEqual({ onTime: 0, quality: 0, leadTime: 1, leadTimeVariability: 0 });
  expect(stored.sourcing.dualSourcingExposure).toBe(0.75);

  // The pane's scores are the service's under the new weights.
  const expected = (await service.api("GET", "/api/v1/suppliers/scorecards")).body as { suppliers: Array<{ supplierId: string; name: string; weights: number[] }> };
  const a0 = expected.suppliers.find((s) => s.weights[2] > 0.5);
  await page.getByRole("button", { name: "Score suppliers" }).click();
  await page.getByText(`${expected.suppliers.length} scored`, { exact: false }).waitFor();
  await page.getByRole("button", { name: new RegExp(`^1\\. ${expected.suppliers[0].name} \\(${expected.suppliers[0].supplierId}\\)`) }).waitFor();
  if (a0) expect(a0.weights[2]).toBeGreaterThan(a0.weights[0]);
  const sourcing = (await service.api("GET", "/api/v1/suppliers/sourcing?limit=1")).body;
  expect(sourcing.assumptions.dualSourcingExposure).toBe(0.75);
});

/**
 * Forecast level in the panes at 350 px (issue 23), on the small demo
 * company: a planner writes the policy table to a sheet, types "family" in
 * the ForecastLevel column of the CZ row, checks the sheet (the proposal says
 * the change in words) and proposes it; once another user has approved it,
 * the Policies pane lists CZ as forecast by family. After a forecast run, the
 * Governance pane's Forecasts tab shows the error per segment at the level
 * its policy set and per family, as the service reports it.
 * Screenshots land in test/artifacts/. Uses the build of `npm test` (dist/).
 */
import type { Page } from "playwright-core";
import { runForecastJob, type TestService } from "../service/harness";
import { PaneBrowser } from "./paneBrowser";

jest.setTimeout(240_000);

let service: TestService;
let browser: PaneBrowser;
let page: Page;

beforeAll(async () => {
  browser = await PaneBrowser.startOn("Policies");
  ({ page, service } = browser);
});

afterAll(async () => {
  await browser?.close();
});

const percent = (x: number) => new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 }).format(x);

test("a planner sets CZ to forecast by family in the policy sheet and the forecast results show both levels", async () => {
  const policies = (await service.api("GET", "/api/v1/policies")).body as { version: number; rows: Array<{ segment: string }> };
  await page.getByText(`Policy table version ${policies.version}:`, { exact: false }).waitFor();
  await page.getByRole("button", { name: "Write to sheet" }).click();
  await browser.success("Policy table written");
  const segments = await browser.gridColumn("TierlinePolicies", "Segment");
  const cz = segments.indexOf("CZ");
  expect(cz).toBeGreaterThanOrEqual(0);
  await browser.typeInto("TierlinePolicies", "ForecastLevel", cz, "family");
  await page.getByRole("button", { name: "Check the sheet" }).click();
  await browser.success("Ready to propose");
  const proposal = page.getByRole("group", { name: "What the proposal changes" });
  await expect(proposal.locator("li").allTextContents()).resolves.toEqual(["Forecast level: not set → Family (the category forecast, split by each item's historical share)"]);
  await browser.screenshot("forecast-level-proposal-350");
  await page.getByLabel("Why").fill("CZ items sell too rarely to forecast one by one");
  await page.getByRole("button", { name: "Propose for approval" }).click();
  await browser.success("Policy change proposed");

  const pending = (await service.api("GET", "/api/v1/change-requests?status=pending&dimension=policy")).body.changeRequests;
  const approved = await service.api("POST", `/api/v1/change-requests/${pending[0].id}/approve`, { token: service.tokens.approver, body: { reason: "agreed", expectedVersion: policies.version } });
  expect(approved.status).toBe(200);
  const after = (await service.api("GET", "/api/v1/policies")).body as { rows: Array<{ segment: string; forecastLevel?: string }> };
  expect(after.rows.find((r) => r.segment === "CZ")!.forecastLevel).toBe("family");

  await browser.openPane("Governance");
  await browser.openPane("Policies");
  await page.getByRole("button", { name: /^CZ .* · forecast by family · pull$/ }).click();
  await page.getByText("Family (the category forecast, split by each item's historical share)").waitFor();
  // The details open with a transition: let it end before the picture.
  await page.waitForTimeout(400);
  await browser.screenshot("forecast-level-policy-350");

  await runForecastJob(service, { horizon: 4, chunkSize: 10 });
  const accuracy = (await service.api("GET", "/api/v1/forecast-accuracy", { token: service.tokens.viewer })).body as {
    segments: Array<{ segment: string; level: string; products: number; wape: number | null }>;
    families: Array<{ family: string; products: number; wape: number | null }>;
    familyLevel: { products: number; itemWape: number; familyWape: number };
  };
  const czRow = accuracy.segments.find((s) => s.segment === "CZ")!;
  expect(czRow.level).toBe("family");
  expect(accuracy.families.length).toBeGreaterThan(0);

  await browser.openPane("Governance");
  await page.getByRole("tab", { name: "Forecasts" }).click();
  await page.getByRole("button", { name: "List forecast exceptions" }).click();
  const levels = page.getByTestId("forecast-levels");
  await levels.waitFor();
  await levels.getByText(`${accuracy.familyLevel.products} products forecast by family`, { exact: false }).first().waitFor();
  await levels.getByText(`at item level ${percent(accuracy.familyLevel.itemWape)}, at family level ${percent(accuracy.familyLevel.familyWape)}.`, { exact: false }).waitFor();
  await levels.getByText("split by each item's share, the average of historical proportions (Gross & Sohl 1990, method A).", { exact: false }).waitFor();
  const perSegment = levels.getByRole("list", { name: "Forecast error per segment" });
  await expect(perSegment.locator("li").count()).resolves.toBe(accuracy.segments.length);
  const czItem = perSegment.locator("li").filter({ hasText: "CZ · by family" });
  await expect(czItem.innerText()).resolves.toContain(`WAPE ${percent(czRow.wape!)}`);
  await expect(czItem.innerText()).resolves.toContain(`${czRow.products} product`);
  const perFamily = levels.getByRole("list", { name: "Forecast error per family" });
  await expect(perFamily.locator("li").count()).resolves.toBe(accuracy.families.length);
  await expect(levels.innerText()).resolves.not.toMatch(/\d\.\d{4,}/);
  await levels.scrollIntoViewIfNeeded();
  await browser.screenshot("forecast-levels-governance-350");
  expect(await browser.layoutProblems()).toEqual([]);
  await browser.expectAccessible("forecast levels, 350 px");
});

/**
 * The Cost-to-serve pane's Incentives section in a real browser at 350 px
 * (issue 23), signed in as finance on the demo company: the report without a
 * plan says so and pays nothing; a typed "15" as a floor is refused under its
 * field; finance saves 3 % of margin after cost-to-serve with a 5 % floor on
 * one segment, and the sheet TierlineIncentives carries the service's figures.
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
  browser = await PaneBrowser.startOn("Cost-to-serve", { role: "finance" });
  ({ page, service } = browser);
});

afterAll(async () => {
  await browser?.close();
});

test("finance reads the incentives per owner, sets the plan, and the sheet follows it", async () => {
  await page.getByRole("button", { name: "Write incentives" }).click();
  await browser.success("Incentives written");
  await page.getByText("No incentive plan is set", { exact: false }).first().waitFor();
  const byOwner = page.getByRole("table", { name: "Incentives by owner" });
  await expect(byOwner.getByRole("columnheader").allTextContents()).resolves.toEqual(["Owner", "Margin after CTS", "% of revenue", "Incentive"]);
  const unplanned = (await service.api("GET", "/api/v1/incentives/report")).body as { owners: Array<{ owner: string }> };
  await expect(byOwner.locator("tbody tr").count()).resolves.toBe(unplanned.owners.length);
  await browser.screenshot("incentives-no-plan-350");

  await page.getByRole("button", { name: "Set the plan" }).click();
  await page.getByLabel("Share of margin after cost-to-serve").fill("3%");
  const floor = page.getByLabel(/^Floor of /).first();
  const segment = (
    (await floor.getAttribute("aria-label")) ??
    (await page
      .getByText(/^Floor of /)
      .first()
      .textContent()) ??
    ""
  ).replace(/^Floor of /, "");
  await floor.fill("15");
  await page.getByText("is above 1 (100%)", { exact: false }).waitFor();
  await expect(page.getByRole("button", { name: "Save the plan" }).isDisabled()).resolves.toBe(true);
  await browser.screenshot("incentives-floor-refused-350");

  await floor.fill("5%");
  await page.getByRole("button", { name: "Save the plan" }).click();
  await browser.success("Plan saved");
  const plan = (await service.api("GET", "/api/v1/incentives/plan")).body;
  expect(plan.plan.share).toBe(0.03);
  expect(plan.plan.floors).toHaveLength(1);
  expect(plan.plan.floors[0].minMarginPct).toBe(0.05);
  expect(segment).toContain(plan.plan.floors[0].segment);
  await browser.screenshot("incentives-plan-saved-350");
  await browser.expectAccessible("incentives");

  // The sheet's last row is the company's total under the plan, as the service computes it.
  const report = (await service.api("GET", "/api/v1/incentives/report")).body as { totals: { incentive: number; revenue: number }; owners: unknown[]; segments: unknown[] };
  const owners = await browser.gridColumn("TierlineIncentives", "Owner");
  expect(owners.at(-1)).toBe("All owners");
  expect(owners).toHaveLength(report.owners.length + report.segments.length + 1);
  const number = (s: string | undefined) => Number(String(s).replace(/[^\d.-]/g, ""));
  expect(number((await browser.gridColumn("TierlineIncentives", "Incentive")).at(-1))).toBeCloseTo(report.totals.incentive, 0);
  expect(number((await browser.gridColumn("TierlineIncentives", "Revenue")).at(-1))).toBeCloseTo(report.totals.revenue, 0);
  await browser.screenshot("incentives-sheet-350");

  // A window of weeks: revenue and margin of those weeks, each customer's cost-to-serve by its order lines in them.
  await page.getByRole("tab", { name: "Products", exact: true }).click();
  await page.getByLabel("From week").fill("0");
  await page.getByText("From week: must be", { exact: false }).waitFor();
  await page.getByLabel("From week").fill("14");
  await page.getByLabel("To week").fill("26");
  await page.getByRole("button", { name: "Write incentives" }).click();
  await page.getByText("weeks 14–26", { exact: false }).waitFor();
  const windowed = (await service.api("GET", "/api/v1/incentives/report?from=14&to=26")).body as { totals: { incentive: number } };
  expect(number((await browser.gridColumn("TierlineIncentives", "Incentive")).at(-1))).toBeCloseTo(windowed.totals.incentive, 0);
  expect(windowed.totals.incentive).toBeLessThan(report.totals.incentive);
  await browser.screenshot("incentives-window-350");
});

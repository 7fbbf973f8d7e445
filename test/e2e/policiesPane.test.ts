/**
 * The Policies pane in a real browser at 350 px (issue 18): a planner reads
 * the policy table in words, writes it to a sheet, edits a target there the
 * way planners type it ("90%"), is told by row and column when a share is
 * typed as 95, proposes the change with a reason, and another person (the
 * approver) approves it in the Recommendations pane; the table's version
 * moves and the pane shows the new target. An admin sees the freeze-window
 * form and declares a freeze. The activity-rate table goes the same way: read
 * with the rows in force, edited in a sheet, proposed, approved by another
 * user as the next rate version. Screenshots land in test/artifacts/.
 * Uses the build of `npm test` (dist/, or TIERLINE_DIST). No request leaves localhost.
 */
import type { Locator, Page } from "playwright-core";
import type { TestService } from "../service/harness";
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

async function segmentRow(segment: string): Promise<number> {
  const segments = await browser.gridColumn("TierlinePolicies", "Segment");
  const at = segments.indexOf(segment);
  expect(at).toBeGreaterThanOrEqual(0);
  return at;
}

const messageText = (title: string): Locator => page.locator(".tl-message").filter({ hasText: title });

test("a planner reads the table in words, edits it in a sheet, and proposes the change with a reason", async () => {
  const policies = (await service.api("GET", "/api/v1/policies")).body as { version: number; rows: Array<{ segment: string; cycleServiceLevel: number }> };
  await page.getByText(`Policy table version ${policies.version}: ${policies.rows.length} rows.`, { exact: false }).waitFor();
  // One line per row with the figures a planner compares; the whole row in words when opened.
  await page.getByRole("button", { name: /^A\* 98 % cycle service · 99 % fill · promise 2 days/ }).click();
  await page.getByText("Push (build stock to forecast)").first().waitFor();
  await browser.screenshot("policies-table");
  await browser.expectAccessible("policies");

  await page.getByRole("button", { name: "Write to sheet" }).click();
  await browser.success("Policy table written");
  const cz = await segmentRow("CZ");
  const bz = await segmentRow("BZ");
  // A share typed as a whole number is refused with how to write it, by sheet row and column.
  await browser.typeInto("TierlinePolicies", "CycleServiceLevel", bz, "95");
  await page.getByRole("button", { name: "Check the sheet" }).click();
  await browser.success("The sheet has problems");
  await messageText("The sheet has problems")
    .getByText(`row ${bz + 2}, CycleServiceLevel: must be > 0 and < 1 (got 95; write 95% or 0.95)`, { exact: false })
    .waitFor();

  await browser.typeInto("TierlinePolicies", "CycleServiceLevel", bz, "0.9");
  await browser.typeInto("TierlinePolicies", "CycleServiceLevel", cz, "90%");
  await page.getByRole("button", { name: "Check the sheet" }).click();
  await browser.success("Ready to propose");
  const proposal = page.getByRole("group", { name: "What the proposal changes" });
  await proposal.getByText("Cycle service level: 85 % →", { exact: false }).waitFor();
  await expect(proposal.locator("li").allTextContents()).resolves.toEqual(["Cycle service level: 85 % → 90 %"]);
  await proposal.getByText(`${policies.rows.length - 1} rows unchanged.`).waitFor();
  await browser.screenshot("policies-proposal");

  await page.getByLabel("Why").fill("CZ stock-outs hurt two key accounts in November");
  await page.getByRole("button", { name: "Propose for approval" }).click();
  await browser.success("Policy change proposed");
  await page.getByText("A policy change waits for approval", { exact: true }).waitFor();
  const pending = (await service.api("GET", "/api/v1/change-requests?status=pending&dimension=policy")).body.changeRequests;
  expect(pending).toHaveLength(1);
  expect(pending[0]).toMatchObject({ createdBy: "test-planner", justification: "CZ stock-outs hurt two key accounts in November", baseVersion: policies.version });
});

test("the approver approves it in the Recommendations pane, and the planner's pane shows the new target", async () => {
  const before = (await service.api("GET", "/api/v1/policies")).body.version as number;
  await browser.signIn(service.tokens.approver, "approver");
  await browser.openPane("Recommendations");
  const toggle = page.getByRole("button", { name: "policy · policy edit", exact: true });
  await toggle.waitFor({ timeout: 15_000 });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  const row = page.locator("li[data-request-id]");
  await row.getByRole("checkbox").first().check();
  const bar = page.getByTestId("action-bar");
  await bar.getByLabel("Reason for the decision").fill("agreed at the S&OP review");
  await bar.getByRole("button", { name: "Approve (1)" }).click();
  await page.getByTestId("decision-outcome").getByText("Approved 1", { exact: true }).waitFor({ timeout: 30_000 });
  const after = (await service.api("GET", "/api/v1/policies")).body as { version: number; rows: Array<{ segment: string; cycleServiceLevel: number }> };
  expect(after.version).toBe(before + 1);
  expect(after.rows.find((r) => r.segment === "CZ")!.cycleServiceLevel).toBe(0.9);

  await browser.signIn(service.tokens.planner, "planner");
  await browser.openPane("Policies");
  await page.getByText(`Policy table version ${after.version}:`, { exact: false }).waitFor();
  await page.getByRole("button", { name: /^CZ 90 % cycle service/ }).waitFor();
  await expect(page.getByText("A policy change waits for approval", { exact: true }).count()).resolves.toBe(0);
  // Planners do not declare freezes.
  await expect(page.getByRole("group", { name: "Freeze window" }).count()).resolves.toBe(0);
});

test("a planner reads the rates in force, edits the rate table in a sheet and proposes it; another user's approval lands the next rate version", async () => {
  const rates = (await service.api("GET", "/api/v1/activity-rates")).body as { version: number; rows: Array<{ activity: string; rate: number; validFrom: string }> };
  const section = page.getByRole("group", { name: "Activity rates" });
  await section.getByText(`Rate table version ${rates.version}, import activity_rates.csv by`, { exact: false }).waitFor();
  // The surcharge row from July 2026 prices deliveries now; the January row it replaced says so.
  await section.getByText("delivery drop: 38.00 per delivery from 1 Jul 2026 — in force today").waitFor();
  await section.getByText("delivery drop: 35.00 per delivery from 1 Jan 2025 — superseded by a later row").waitFor();
  await section.getByText("line entry: 1.50 per order line from 1 Jan 2025 — in force today").waitFor();
  await section.getByRole("button", { name: "Write rates to sheet" }).scrollIntoViewIfNeeded();
  await browser.screenshot("policies-rates");

  await section.getByRole("button", { name: "Write rates to sheet" }).click();
  await browser.success("Rate table written");
  const activities = await browser.gridColumn("TierlineActivityRates", "Activity");
  const orderHandling = activities.indexOf("order handling");
  expect(orderHandling).toBeGreaterThanOrEqual(0);
  // A day that does not exist is refused by sheet row and column.
  await browser.typeInto("TierlineActivityRates", "ValidFrom", orderHandling, "2025-02-30");
  await section.getByRole("button", { name: "Check the rates sheet" }).click();
  await browser.success("The rates sheet has problems");
  await messageText("The rates sheet has problems")
    .getByText(`row ${orderHandling + 2}, ValidFrom: "2025-02-30" is not a date (write 2026-01-31)`, { exact: false })
    .waitFor();

  await browser.typeInto("TierlineActivityRates", "ValidFrom", orderHandling, "2025-01-01");
  await browser.typeInto("TierlineActivityRates", "Rate", orderHandling, "13.5");
  await section.getByRole("button", { name: "Check the rates sheet" }).click();
  await browser.success("Ready to propose");
  const proposal = page.getByRole("group", { name: "What the rate proposal changes" });
  await expect(proposal.locator("li").allTextContents()).resolves.toEqual(["order handling from 1 Jan 2025: 12.00 per order → 13.50 per order"]);
  await proposal.getByText(`${rates.rows.length - 1} rates unchanged.`).waitFor();
  await page.getByLabel("Why the rates change").fill("warehouse labour agreement from January");
  await page.getByRole("button", { name: "Propose rates for approval" }).scrollIntoViewIfNeeded();
  await browser.screenshot("policies-rates-proposal");
  await page.getByRole("button", { name: "Propose rates for approval" }).click();
  await browser.success("Rate change proposed");
  await section.getByText("A rate change waits for approval", { exact: true }).waitFor();
  const pending = (await service.api("GET", "/api/v1/change-requests?status=pending&dimension=rates")).body.changeRequests;
  expect(pending).toHaveLength(1);
  expect(pending[0]).toMatchObject({ kind: "rates", createdBy: "test-planner", baseVersion: rates.version, size: rates.rows.length });

  await browser.signIn(service.tokens.approver, "approver");
  await browser.openPane("Recommendations");
  const toggle = page.getByRole("button", { name: "rates · activity-rate edit", exact: true });
  await toggle.waitFor({ timeout: 15_000 });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await page.locator(`li[data-request-id="${pending[0].id}"]`).getByRole("checkbox").first().check();
  const bar = page.getByTestId("action-bar");
  await bar.getByLabel("Reason for the decision").fill("matches the signed agreement");
  await bar.getByRole("button", { name: "Approve (1)" }).click();
  await page.getByTestId("decision-outcome").getByText("Approved 1", { exact: true }).waitFor({ timeout: 30_000 });
  const kpis = (await service.api("GET", "/api/v1/kpis?dimension=customer")).body;
  expect(kpis.assumptions.activityRatesSource).toEqual({ source: "stored", version: rates.version + 1 });
  expect(kpis.assumptions.activityRates["order handling"]).toBe(13.5);

  await browser.signIn(service.tokens.planner, "planner");
  await browser.openPane("Policies");
  await section.getByText(`Rate table version ${rates.version + 1}, approved by test-approver`, { exact: false }).waitFor();
  await section.getByText("order handling: 13.50 per order from 1 Jan 2025 — in force today").waitFor();
  await expect(section.getByText("A rate change waits for approval", { exact: true }).count()).resolves.toBe(0);
});

test("an admin declares a freeze window from the pane", async () => {
  await browser.signIn(service.tokens.admin, "admin");
  await browser.openPane("Policies");
  const form = page.getByRole("group", { name: "Freeze window" });
  await form.getByLabel("First day").fill("2026-12-24");
  await form.getByLabel("Last day").fill("2026-12-20");
  await form.getByText("on or after the first day").waitFor();
  await form.getByLabel("Last day").fill("2027-01-02");
  await form.getByLabel("Reason").fill("year-end close");
  await form.getByRole("button", { name: "Declare freeze" }).click();
  await browser.success("Freeze declared");
  await page.getByText("No segments change takes effect from 2026-12-24 to 2027-01-02", { exact: false }).waitFor();
  await browser.screenshot("policies-admin");
  const audit = (await service.api("GET", "/api/v1/audit?action=freeze_window.created")).body;
  expect(JSON.stringify(audit)).toContain("year-end close");
});

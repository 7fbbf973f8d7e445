/**
 * The Policies pane in a real browser at 350 px (issue 18): a planner reads
 * the policy table in words, writes it to a sheet, edits a target there the
 * way planners type it ("90%"), is told by row and column when a share is
 * typed as 95, proposes the change with a reason, and another person (the
 * approver) approves it in the Recommendations pane; the table's version
 * moves and the pane shows the new target. An admin sees the freeze-window
 * form and declares a freeze. Screenshots land in test/artifacts/.
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
  browser = await PaneBrowser.start();
  ({ page, service } = browser);
  await page.setViewportSize({ width: 350, height: 900 });
  await browser.signIn(service.tokens.planner, "planner");
  await browser.openPane("Policies");
});

afterAll(async () => {
  await browser?.close();
});

/** Double-clicks a cell of the demo grid's table and types into it, as into an Excel cell. */
async function typeInto(table: string, header: string, row: number, text: string) {
  await page.getByRole("tab", { name: table, exact: true }).click();
  const grid = page.getByRole("table", { name: table, exact: true });
  await grid.locator("tbody tr").nth(row).locator(`td[data-column="${header}"]`).dblclick();
  const input = grid.getByRole("textbox", { name: `${header}, row ${row + 1}` });
  await input.fill(text);
  await input.press("Enter");
}

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
  await typeInto("TierlinePolicies", "CycleServiceLevel", bz, "95");
  await page.getByRole("button", { name: "Check the sheet" }).click();
  await browser.success("The sheet has problems");
  await messageText("The sheet has problems")
    .getByText(`row ${bz + 2}, CycleServiceLevel: must be > 0 and < 1 (got 95; write 95% or 0.95)`, { exact: false })
    .waitFor();

  await typeInto("TierlinePolicies", "CycleServiceLevel", bz, "0.9");
  await typeInto("TierlinePolicies", "CycleServiceLevel", cz, "90%");
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

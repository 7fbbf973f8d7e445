/**
 * Proposals a reviewer can defend, in a real browser at Excel's 350 px pane
 * width against a live service whose master data holds 300 products: the
 * workbook's Products table holds 60 of them. Proposing an ABC-XYZ run of
 * that table previews the subset warning and the transition matrix before
 * anything is raised; the request carries the run (method, cut-offs,
 * population) and the approver reads it, with the approval steps the
 * dimension's rule fixed (sales, then an approver); the same proposal again is refused;
 * a hybrid Category × Segment key the policy table does not cover cannot be
 * proposed, and the uncovered keys are listed.
 *
 * Uses the build of `npm test` (dist/, or TIERLINE_DIST). No request leaves localhost.
 */
import type { Page } from "playwright-core";
import type { ChangeRequestSummary } from "../../shared/src/api";
import type { TestService } from "../service/harness";
import { PaneBrowser } from "./paneBrowser";

jest.setTimeout(300_000);

let service: TestService;
let browser: PaneBrowser;
let page: Page;

beforeAll(async () => {
  browser = await PaneBrowser.start(undefined, { demoCompany: { seed: 5, products: 300, customers: 24, weeks: 26, suppliers: 5 } });
  ({ page, service } = browser);
  await page.setViewportSize({ width: 350, height: 900 });
  await browser.signIn(service.tokens.planner, "planner");
});

afterAll(async () => {
  await browser?.close();
});

const panel = () => page.getByTestId("propose-panel");

async function pendingRuns(): Promise<ChangeRequestSummary[]> {
  const response = await service.api("GET", "/api/v1/change-requests?status=pending&limit=100");
  return (response.body as { changeRequests: ChangeRequestSummary[] }).changeRequests.filter((r) => r.source === "segmentation-run");
}

test("a 60-row table proposed for 300 products: the subset warning and the transition matrix come first; the request carries the run; the same proposal again is refused", async () => {
  // Product requests need sales, then an approver: the approver's view lists the steps.
  expect((await service.api("PUT", "/api/v1/approval-rules", { body: { rules: [{ dimension: "product", steps: ["sales", "approver"] }] } })).status).toBe(200);
  await browser.openPane("Segmentation");
  await page.getByLabel("ABC cut-offs").fill("80%, 95%");
  await page.getByRole("button", { name: "Run segmentation" }).click();
  await browser.success("Segmentation written");

  const preview = panel().getByTestId("proposal-preview");
  await preview.getByText(/^\d+ of 60 products would change segment \(the table covers 60 of 300\)$/).waitFor({ timeout: 30_000 });
  await preview.getByText(/This proposal covers 60 of 300 products/).waitFor();
  const matrix = preview.getByRole("table", { name: "Transition matrix" });
  await matrix.waitFor();
  await expect(matrix.getByRole("rowheader").count()).resolves.toBeGreaterThan(1);
  await expect(panel().getByTestId("run-provenance").innerText()).resolves.toMatch(/ABC-XYZ, computed from a workbook table · Ranked by Revenue .*ABC cut-offs: 80%, 95% .*Population: 60 rows of Products/);
  await expect(browser.layoutProblems()).resolves.toEqual([]);
  await panel().scrollIntoViewIfNeeded();
  await browser.screenshot("proposal-subset-preview-350");

  await panel().getByLabel("Justification").fill("quarterly review of the catalogue table");
  await panel().getByRole("button", { name: "Propose as change request" }).click();
  await panel().getByText("Change request raised", { exact: true }).waitFor({ timeout: 30_000 });
  const [raised] = await pendingRuns();
  expect(raised).toBeDefined();

  // The same moves again: the preview names the pending request and Propose stays inert; the service refuses it too.
  await panel().getByRole("button", { name: "Check again" }).click();
  await panel()
    .getByText(new RegExp(`The same moves already wait for a decision as request ${raised.id}`))
    .waitFor({ timeout: 30_000 });
  await expect(panel().getByRole("button", { name: "Propose as change request" }).isDisabled()).resolves.toBe(true);
  await panel().scrollIntoViewIfNeeded();
  await browser.screenshot("proposal-duplicate-350");
  const detail = (await service.api("GET", `/api/v1/change-requests/${raised.id}`)).body as { payload: { changes: unknown[] } };
  const again = await service.api("POST", "/api/v1/change-requests", { token: service.tokens.planner, body: { dimension: "product", changes: detail.payload.changes, justification: "the same again" } });
  expect(again.status).toBe(409);

  // The approver reads how the run was made beside the moves.
  await browser.signIn(service.tokens.approver, "approver");
  await browser.openPane("Recommendations");
  // Groups open one at a time: open the segmentation runs' group.
  const group = page.locator("li[data-group]").filter({ hasText: /product · segmentation run/ });
  await group
    .getByRole("button", { name: /segmentation run/ })
    .first()
    .click({ timeout: 30_000 });
  const row = page.locator(`li[data-request-id="${raised.id}"]`);
  await row.waitFor({ timeout: 30_000 });
  await row.getByRole("button", { name: /^Show details of / }).click();
  const run = row.getByTestId("run-provenance");
  await run.waitFor({ timeout: 30_000 });
  const lines = await run.getByRole("listitem").allTextContents();
  expect(lines).toEqual(expect.arrayContaining(["ABC-XYZ, computed from a workbook table", "ABC cut-offs: 80%, 95%", "Population: 60 rows of Products"]));
  expect(lines.some((l) => /^Demand window: W01 to W26 \(26 periods\)$/.test(l))).toBe(true);
  await expect(row.getByTestId("approval-steps").getByRole("listitem").allTextContents()).resolves.toEqual(["sales: next to approve", "approver: waits"]);
  await run.scrollIntoViewIfNeeded();
  await browser.screenshot("proposal-approver-view-350");
});

test("a hybrid Category × Segment key without policy rows cannot be proposed: the uncovered keys are listed", async () => {
  await browser.signIn(service.tokens.planner, "planner");
  await browser.openPane("Segmentation");
  await browser.chooseMany("Key dimensions (optional)", ["Category", "Segment"]);
  await page.getByRole("button", { name: "Run segmentation" }).click();
  await browser.success("Segmentation written");
  const preview = panel().getByTestId("proposal-preview");
  const warning = preview.getByText(/proposed segments? (has|have) no policy row: /);
  await warning.waitFor({ timeout: 30_000 });
  // The demo policy table names A*, B*, AZ, BZ, *Z and CZ: a C item that is not Z has only the catch-all, which serves no hybrid key.
  expect(await warning.innerText()).toMatch(/\|C[XY]/);
  await expect(panel().getByRole("button", { name: "Propose as change request" }).isDisabled()).resolves.toBe(true);
  await expect(browser.layoutProblems()).resolves.toEqual([]);
  await panel().scrollIntoViewIfNeeded();
  await browser.screenshot("proposal-uncovered-keys-350");
});

test("customer tiers on the service's data: previewed, then proposed with the run", async () => {
  await browser.openPane("Segmentation");
  await page.getByRole("button", { name: "Segment the service's data" }).click();
  const panelRun = page.getByTestId("service-run-panel");
  await browser.choose("Run", "Customer tiers (Key, Core, …)");
  await panelRun.getByRole("button", { name: "Preview the run" }).click();
  await panelRun.getByTestId("proposal-preview").waitFor({ timeout: 60_000 });
  await expect(panelRun.getByTestId("run-provenance").innerText()).resolves.toMatch(/^Customer tiers, computed on the service's stored data/);
  await expect(panelRun.getByTestId("run-provenance").innerText()).resolves.toContain("Key: within the top 80 % of revenue, margin ≥ 10 %;");
  // Loyalty as a Key criterion: a bad entry is refused under the field, a good one reruns the preview with the rule in words.
  const nps = panelRun.getByLabel("Key accounts need an NPS of at least");
  await nps.fill("120");
  await panelRun.getByText("must be between -100 and 100", { exact: false }).waitFor();
  await nps.fill("0");
  await panelRun.getByRole("button", { name: "Preview the run" }).click();
  await panelRun.getByTestId("run-provenance").getByText("NPS ≥ 0", { exact: false }).waitFor({ timeout: 60_000 });
  await panelRun.scrollIntoViewIfNeeded();
  await browser.screenshot("proposal-service-run-350");
});

/**
 * Sales ops at 350 px (Excel's task-pane width), in a real browser on the
 * in-page demo workbook against a live service: a sales user refreshes; an
 * approver elsewhere applies a real change request; the pane's badge says a
 * change waits; Refresh lists it in "What changed" with approver and reason,
 * fills the changed cell in the sheet, and the badge goes. Then start-up:
 * a stopped service is "unreachable" with Retry and the token kept; a
 * revoked token is "token refused".
 *
 * Uses the build of `npm test` (dist/, or TIERLINE_DIST). No request leaves localhost.
 */
import fs from "node:fs";
import type { Page } from "playwright-core";
import type { TestService } from "../service/harness";
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

/** The pane asks whether changes wait when it comes back into view (and every few minutes). */
const paneRegainsFocus = () => page.evaluate(() => window.dispatchEvent(new Event("focus")));

test("sales ops: an approval elsewhere shows as waiting; Refresh lists it with approver and reason, fills the cell, and the badge clears", async () => {
  await browser.signIn(service.tokens.sales, "sales");
  await browser.openPane("Segment tables");
  await page.getByRole("button", { name: "Refresh segments" }).click();
  await browser.success("Segments refreshed");
  await page.getByTestId("changes-waiting").waitFor({ state: "detached" });

  // Elsewhere: a planner raises a real change request and an approver approves it with a reason.
  const ids = await browser.gridColumn("TierlineSegments", "ProductId");
  const before = await browser.gridColumn("TierlineSegments", "Segment");
  const target = ids[2];
  const next = before[2] === "CZ" ? "AX" : "CZ";
  const version = (await service.api("GET", "/api/v1/versions?dimension=product")).body.current;
  const raised = await service.api("POST", "/api/v1/change-requests", { token: service.tokens.planner, body: { dimension: "product", changes: [{ entityId: target, segment: next }], justification: "demand fell" } });
  expect(raised.status).toBe(201);
  const approved = await service.api("POST", `/api/v1/change-requests/${raised.body.id}/approve`, {
    token: service.tokens.approver,
    body: { reason: "Sales agreed: volume moved to the new range", expectedVersion: version },
  });
  expect(approved.status).toBe(200);

  await paneRegainsFocus();
  const badge = page.getByTestId("changes-waiting");
  await badge.filter({ hasText: "1 waiting" }).waitFor();
  await page.getByText("1 approved segment change since this workbook's last refresh: Refresh segments to get it.").waitFor();
  await page.getByText(/1 approved change waiting/).waitFor();
  await browser.screenshot("sales-ops-waiting-350");

  await page.getByRole("button", { name: "Refresh segments" }).click();
  await browser.success("Segments refreshed");
  await page.getByText(/^TierlineSegments: updated to segments approved .+, 1 change\.$/).waitFor();
  await badge.waitFor({ state: "detached" });
  const report = page.getByRole("table", { name: "What changed" });
  const row = report.locator(`tr[data-entity="${target}"]`);
  await row.waitFor();
  await expect(report.locator("tbody tr").count()).resolves.toBe(1);
  const text = await row.textContent();
  expect(text).toContain(`${before[2]} → ${next}`);
  expect(text).toContain("test-approver");
  expect(text).toContain("Sales agreed: volume moved to the new range");
  expect(text).not.toMatch(/version|none →/);
  expect({ problems: await browser.layoutProblems() }).toEqual({ problems: [] });
  await browser.screenshot("sales-ops-what-changed-350");
  await browser.expectAccessible("sales ops: what changed");

  // The sheet: the new segment, and only that cell filled.
  expect((await browser.gridColumn("TierlineSegments", "Segment"))[2]).toBe(next);
  const grid = page.getByRole("table", { name: "TierlineSegments", exact: true });
  await expect(grid.locator('td[data-changed="true"]').count()).resolves.toBe(1);
  await expect(grid.locator('td[data-changed="true"]').textContent()).resolves.toBe(next);

  // Go to row selects the entity's row of the sheet.
  await page.getByRole("button", { name: `Go to row of ${target} in TierlineSegments` }).click();
  await grid.locator('tr[data-selected="true"]').filter({ hasText: target }).waitFor();

  // The report as CSV (the project's safe-cell rule) and on a sheet of its own.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Save as CSV" }).click()]);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe("\uFEFFTable,Entity,Name,Previous segment,New segment,Effective,Approved by,Reason,Change request");
  expect(csv).toContain(`TierlineSegments,${target},`);
  expect(csv).toContain(`,${before[2]},${next},`);
  expect(csv).toContain(`test-approver,Sales agreed: volume moved to the new range,${raised.body.id}`);
  await page.getByRole("button", { name: "Copy to a new sheet" }).click();
  await browser.success("Change report copied");
  await expect(browser.gridColumn("TierlineChangeReport", "Entity")).resolves.toEqual([target]);

  // A refresh with nothing new clears the marks.
  await page.getByRole("button", { name: "Refresh segments" }).click();
  await browser.success("Segments already up to date");
  await page.getByRole("tablist", { name: "Workbook tables" }).getByRole("tab", { name: "TierlineSegments", exact: true }).click();
  await expect(grid.locator('td[data-changed="true"]').count()).resolves.toBe(0);
});

test("the pane lists the managed tables and links another table to a dimension, with history columns as a setting", async () => {
  await browser.openPane("Segment tables");
  const list = page.getByRole("list", { name: "Managed tables" });
  await list.getByText(/Products · version \d+, approved .+ · refreshed .+/).waitFor();
  await browser.choose("Table", "Customers");
  await browser.choose("Holds", "Customers");
  await page.getByRole("button", { name: "Link table" }).click();
  await browser.success("Table linked");
  await list
    .locator('li[data-table="Customers"]')
    .getByText(/Customers · never refreshed/)
    .waitFor();
  await page.getByRole("switch", { name: "PreviousSegment and ChangedOn columns in Customers" }).check();
  await browser.success("History columns on");
  await page.getByRole("button", { name: "Refresh segments" }).click();
  await browser.success("Segments refreshed");
  await page.getByRole("tablist", { name: "Workbook tables" }).getByRole("tab", { name: "Customers", exact: true }).click();
  const headers = await page.getByRole("table", { name: "Customers", exact: true }).locator("thead th").allTextContents();
  expect(headers).toEqual(expect.arrayContaining(["Segment", "PreviousSegment", "ChangedOn"]));
  expect({ problems: await browser.layoutProblems() }).toEqual({ problems: [] });
  await page.evaluate(() => window.scrollTo(0, 0));
  await browser.screenshot("sales-ops-tables-350");
  await browser.expectAccessible("sales ops: segment tables");
});

test("each role sees only its controls: an approver gets no Propose, a planner does", async () => {
  const proposeFor = async () => {
    await browser.openPane("Segmentation");
    await browser.choose("Table", "Products");
    await page.getByRole("button", { name: "Run segmentation" }).click();
    await browser.success("Segmentation written");
    return page.getByRole("button", { name: "Propose as change request" }).count();
  };
  await browser.signIn(service.tokens.approver, "approver");
  await expect(proposeFor()).resolves.toBe(0);
  await browser.signIn(service.tokens.planner, "planner");
  await expect(proposeFor()).resolves.toBe(1);
});

test("the pane picker is one row at 350 px and works from the keyboard", async () => {
  const picker = page.getByRole("combobox", { name: "Pane", exact: true });
  const box = (await picker.boundingBox())!;
  expect(box.height).toBeLessThan(40);
  expect(box.x + box.width).toBeLessThanOrEqual(350);
  await picker.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("option", { name: "Safety stock", exact: true }).waitFor();
  await page.keyboard.press("Home");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 2, name: "Segment tables", exact: true }).waitFor();
});

test("start-up: a stopped service is 'unreachable' with Retry and the token kept; Retry signs in once it is back", async () => {
  await browser.signIn(service.tokens.sales, "sales");
  // The service stops answering: every request to it fails as a refused connection would.
  const serviceUrl = `${service.url}/**`;
  await page.route(serviceUrl, (route) => route.abort("connectionrefused"));
  await page.reload();
  const notice = page.getByTestId("connection");
  await notice.filter({ hasText: "Service unreachable" }).waitFor({ timeout: 30_000 });
  await expect(notice.textContent()).resolves.toContain("Your sign-in is kept");
  await expect(page.getByText("Token refused").count()).resolves.toBe(0);
  await expect(page.evaluate(() => localStorage.getItem("tierline.token"))).resolves.toBe(service.tokens.sales);
  await page.getByText("service unreachable", { exact: true }).waitFor();
  await browser.screenshot("startup-unreachable-350");
  await page.unroute(serviceUrl);
  await notice.getByRole("button", { name: "Retry" }).click();
  await notice.waitFor({ state: "detached" });
  await page.getByText(/· sales$/).waitFor();
  // Sales ops land on their tables.
  await page.getByRole("heading", { level: 2, name: "Segment tables", exact: true }).waitFor();
});

test("start-up: a revoked token is 'token refused' and is not kept", async () => {
  const issued = await service.api("POST", "/api/v1/tokens", { body: { name: "sales laptop", subject: "sam.sales", role: "sales", expiresInDays: 30 } });
  expect(issued.status).toBe(201);
  await browser.signIn(issued.body.token, "sales");
  expect((await service.api("POST", `/api/v1/tokens/${issued.body.id}/revoke`)).status).toBe(200);
  await page.reload();
  const notice = page.getByTestId("connection");
  await notice.filter({ hasText: "Token refused" }).waitFor({ timeout: 30_000 });
  await expect(page.getByText("Service unreachable").count()).resolves.toBe(0);
  await expect(page.evaluate(() => localStorage.getItem("tierline.token"))).resolves.toBeNull();
  await page.getByRole("heading", { level: 2, name: "Settings", exact: true }).waitFor();
  await browser.screenshot("startup-token-refused-350");
  // Signing in again ends the notice: it does not outlive its cause.
  await browser.signIn(service.tokens.sales, "sales");
  await notice.waitFor({ state: "detached" });
});

test("no request left localhost and the page raised no error", () => {
  expect(browser.pageErrors).toEqual([]);
});

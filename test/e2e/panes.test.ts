/**
 * The panes in a real browser (Debian's chromium driven by playwright-core),
 * outside Excel, so they run on the in-page demo workbook: against a live
 * service with the small demo company, a planner runs a segmentation on the
 * service and proposes it, computes safety stock and cost-to-serve; an
 * approver approves the request; "Refresh segments" brings the managed table
 * to the new version (and the second refresh finds nothing to do). Every
 * pane passes axe-core with no serious or critical violation, and each pane's
 * screenshot lands in test/artifacts/.
 *
 * Uses the build of `npm test` (dist/, or TIERLINE_DIST). No request leaves localhost.
 */
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
});

afterAll(async () => {
  await browser?.close();
});

test("outside Excel the panes open on the demo workbook, with Settings first", async () => {
  await page.getByRole("heading", { level: 2, name: "Settings" }).waitFor();
  await page.getByRole("heading", { level: 2, name: "Demo workbook" }).waitFor();
  // The default service URL comes from the page's tierline-config.json.
  await expect(page.getByLabel("Service URL").inputValue()).resolves.toBe(service.url);
  await browser.screenshot("settings");
  await browser.expectAccessible("settings");
});

test("a planner signs in, segments on the service, writes classes, Pareto table and heat map, and proposes", async () => {
  await browser.signIn(service.tokens.planner, "planner");
  await browser.openPane("Segmentation");
  // Tighter A and B classes than the service's 0.8 / 0.95, so the proposal differs from the current master data.
  await page.getByLabel("ABC cut-offs").fill("0.7, 0.9");
  await page.getByRole("button", { name: "Run segmentation" }).click();
  await browser.success("Segmentation written");
  const abc = await browser.gridColumn("Products", "ABC");
  const xyz = await browser.gridColumn("Products", "XYZ");
  const segment = await browser.gridColumn("Products", "Segment");
  expect(abc).toHaveLength(60);
  expect(new Set(abc)).toEqual(new Set(["A", "B", "C"]));
  expect(segment.every((s, i) => s === `${abc[i]}${xyz[i]}`)).toBe(true);
  // The Pareto table is ranked and its cumulative share ends at 1 (every positive value counted).
  const share = (await browser.gridColumn("TierlinePareto", "CumulativeShare")).map(Number);
  expect(share[share.length - 1]).toBeCloseTo(1, 6);
  expect(share.every((s, i) => i === 0 || s >= share[i - 1])).toBe(true);
  await expect(page.getByRole("img", { name: /Chart: Pareto of Revenue/ }).count()).resolves.toBe(1);
  // The matrix: A/B/C and a Total row; item counts per cell summing to the 60 products, shares of value summing to 1.
  const xItems = (await browser.gridColumn("TierlineAbcXyz", "X items")).map(Number);
  expect(xItems).toHaveLength(4);
  expect(xItems[3]).toBe(xItems[0] + xItems[1] + xItems[2]);
  expect((await browser.gridColumn("TierlineAbcXyz", "Items")).map(Number)[3]).toBe(60);
  expect(Number((await browser.gridColumn("TierlineAbcXyz", "% of value"))[3])).toBeCloseTo(1, 6);
  await page.getByRole("tab", { name: "Products", exact: true }).click();
  await browser.screenshot("segmentation");
  await browser.expectAccessible("segmentation");

  await page.getByLabel("Justification").fill("e2e: quarterly ABC-XYZ review from the demo workbook");
  await page.getByRole("button", { name: "Propose as change request" }).click();
  await browser.success("Change request raised");
  const pending = await service.api("GET", "/api/v1/change-requests?status=pending");
  expect(pending.body.changeRequests).toHaveLength(1);
  expect(pending.body.changeRequests[0]).toMatchObject({ createdBy: "test-planner", size: 60, dimension: "product" });
});

test("safety stock uses each segment's policy and writes the columns and the value by segment", async () => {
  await browser.openPane("Safety stock");
  // A new policy table, through the governed path: a planner proposes, an admin approves.
  const rows = [
    { segment: "*", cycleServiceLevel: 0.9, targetFillRate: 0.95, promisedLeadTimeDays: 5, reviewPeriodDays: 7, forecastMethod: "auto", inventoryTurnsTarget: 6, supplyMode: "pull", ownerFunction: "supply chain" },
    { segment: "A*", cycleServiceLevel: 0.98, targetFillRate: 0.99, promisedLeadTimeDays: 2, reviewPeriodDays: 1, forecastMethod: "auto", inventoryTurnsTarget: 12, supplyMode: "push", ownerFunction: "supply chain" },
    { segment: "AZ", cycleServiceLevel: 0.95, targetFillRate: 0.97, promisedLeadTimeDays: 3, reviewPeriodDays: 7, forecastMethod: "sba", inventoryTurnsTarget: 8, supplyMode: "pull", ownerFunction: "supply chain" },
    { segment: "B*", cycleServiceLevel: 0.95, targetFillRate: 0.97, promisedLeadTimeDays: 3, reviewPeriodDays: 7, forecastMethod: "auto", inventoryTurnsTarget: 8, supplyMode: "push", ownerFunction: "supply chain" },
    { segment: "BZ", cycleServiceLevel: 0.9, targetFillRate: 0.93, promisedLeadTimeDays: 7, reviewPeriodDays: 14, forecastMethod: "sba", inventoryTurnsTarget: 4, supplyMode: "pull", ownerFunction: "sales" },
    { segment: "CZ", cycleServiceLevel: 0.85, targetFillRate: 0.9, promisedLeadTimeDays: 10, reviewPeriodDays: 28, forecastMethod: "sba", inventoryTurnsTarget: 3, supplyMode: "pull", ownerFunction: "finance" },
  ];
  const proposal = await service.api("PUT", "/api/v1/policies", { token: service.tokens.planner, body: { rows, justification: "e2e: unambiguous Z rows" } });
  expect(proposal.status).toBe(201);
  const version = (await service.api("GET", "/api/v1/policies")).body.version;
  expect((await service.api("POST", `/api/v1/change-requests/${proposal.body.id}/approve`, { body: { reason: "e2e setup", expectedVersion: version } })).status).toBe(200);

  await page.getByRole("button", { name: "Compute safety stock" }).click();
  await browser.success("Safety stock written");
  const ss = (await browser.gridColumn("Products", "SafetyStock")).map(Number);
  const target = (await browser.gridColumn("Products", "ServiceTarget")).map(Number);
  const segment = await browser.gridColumn("Products", "Segment");
  expect(ss.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
  // The table above: AZ → 0.95, other A* → 0.98, CZ → 0.85, C (not Z) → the default 0.9.
  segment.forEach((s, i) => {
    const expected = s === "AZ" ? 0.95 : s.startsWith("A") ? 0.98 : s === "BZ" ? 0.9 : s.startsWith("B") ? 0.95 : s === "CZ" ? 0.85 : 0.9;
    expect({ s, target: target[i] }).toEqual({ s, target: expected });
  });
  const values = await browser.gridColumn("TierlineInventoryValue", "Segment");
  // A row per segment, then the Total row.
  expect(values[values.length - 1]).toBe("Total");
  expect(new Set(values.slice(0, -1))).toEqual(new Set(segment));
  await browser.screenshot("safety-stock");
  await browser.expectAccessible("safety stock");
});

test("cost-to-serve writes per-customer cost, the segment P&L, the whale curve and the flagged customers", async () => {
  await browser.openPane("Cost-to-serve");
  await page.getByRole("button", { name: "Compute cost-to-serve" }).click();
  await browser.success("Cost-to-serve written");
  const cts = (await browser.gridColumn("Customers", "CostToServe")).map(Number);
  const pools = (await browser.gridColumn("ActivityPools", "PoolCost")).map(Number);
  // "table" totals: the customers absorb every pool, so the costs add up to the pools.
  expect(cts.reduce((s, x) => s + x, 0)).toBeCloseTo(
    pools.reduce((s, x) => s + x, 0),
    0,
  );
  const whale = (await browser.gridColumn("TierlineWhale", "CumulativeShare")).map(Number);
  expect(whale[whale.length - 1]).toBeCloseTo(1, 3);
  await expect(page.getByRole("img", { name: /Chart: Whale curve/ }).count()).resolves.toBe(1);
  expect((await browser.gridColumn("TierlineSegmentPnl", "Segment")).at(-1)).toBe("Total");
  // The message offers the way to each sheet written, and the way leads there.
  await page.getByRole("button", { name: "Go to whale curve" }).click();
  await expect(page.getByRole("tab", { name: "TierlineWhale", exact: true }).getAttribute("aria-selected")).resolves.toBe("true");
  await browser.screenshot("cost-to-serve");
  await browser.expectAccessible("cost-to-serve");
});

/** Opens a group of the approver's queue by its label, unless it is open already (the pane keeps it open across reloads). */
async function openGroup(label: string) {
  const toggle = page.getByRole("button", { name: label, exact: true });
  await toggle.waitFor({ timeout: 15_000 }).catch(async (error: unknown) => {
    throw new Error(`no group "${label}" listed; the page says: ${JSON.stringify(await page.locator(".tl-message").allTextContents())}`, { cause: error });
  });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
}

test("an approver sees the pending request with its diff and audit trail, and approves it with a reason", async () => {
  await browser.signIn(service.tokens.approver, "approver");
  await browser.openPane("Recommendations");
  await page.getByTestId("queue-status").getByText("1 of 1 pending shown, in 1 group", { exact: false }).waitFor({ timeout: 15_000 });
  // The planner's proposal of 60 products is one segmentation-run request in its own group, collapsed until opened.
  await expect(page.locator("li[data-request-id]").count()).resolves.toBe(0);
  await openGroup("product · segmentation run");
  const row = page.locator("li[data-request-id]");
  await expect(row.count()).resolves.toBe(1);
  await row.getByRole("button", { name: /^Show details of segmentation run on product \(60 changes\) by test-planner/ }).click();
  const diff = row.getByRole("list", { name: /^Changes of segmentation run on product/ });
  await diff.waitFor();
  expect(await diff.locator("li").count()).toBeGreaterThan(0);
  await row
    .getByRole("list", { name: /^Audit trail of segmentation run on product/ })
    .getByText(/test-planner raised it: e2e: quarterly ABC-XYZ review/)
    .waitFor();
  await browser.screenshot("recommendations");
  await browser.expectAccessible("recommendations");

  // The reason is required: approving without one says so and decides nothing.
  const bar = page.getByTestId("action-bar");
  await row.getByRole("checkbox", { name: /^Select segmentation run on product/ }).check();
  await bar.getByText("1 selected", { exact: true }).waitFor();
  await bar.getByRole("button", { name: "Approve (1)" }).click();
  await bar.getByText(/A reason is required/).waitFor();
  expect((await service.api("GET", "/api/v1/change-requests?status=pending")).body.changeRequests).toHaveLength(1);

  const before = (await service.api("GET", "/api/v1/versions?dimension=product")).body.current;
  await bar.getByLabel("Reason for the decision").fill("reviewed the A and B moves with sales");
  await bar.getByRole("button", { name: "Approve (1)" }).click();
  await page.getByTestId("decision-outcome").getByText("Approved 1", { exact: true }).waitFor({ timeout: 30_000 });
  await page
    .getByTestId("decision-outcome")
    .getByText(`Product now at version ${before + 1}:`, { exact: false })
    .waitFor();
  const approved = await service.api("GET", "/api/v1/change-requests?status=approved");
  expect(approved.body.changeRequests.some((r: { decidedBy: string; decisionReason: string }) => r.decidedBy === "test-approver" && r.decisionReason === "reviewed the A and B moves with sales")).toBe(true);
  await page.getByText("No change request is waiting for a decision.").waitFor();
});

test("Refresh segments brings the managed table to the approved version, then finds nothing to do", async () => {
  await page.getByRole("button", { name: "Refresh segments" }).click();
  await browser.success("Segments refreshed");
  const ids = await browser.gridColumn("TierlineSegments", "ProductId");
  const refreshed = await browser.gridColumn("TierlineSegments", "Segment");
  const current = await service.api("POST", "/api/v1/segments/lookup", { body: { dimension: "product", ids } });
  expect(refreshed).toEqual(current.body.segments.map((s: { segment: string }) => s.segment));
  // What the planner proposed from the Products table is what the managed table now holds.
  const products = await browser.gridColumn("Products", "ProductId");
  const proposed = await browser.gridColumn("Products", "Segment");
  const byId = new Map(products.map((id, i) => [id, proposed[i]]));
  expect(refreshed).toEqual(ids.map((id) => byId.get(id)));
  await page.getByText(/^TierlineSegments: updated to segments approved .+, \d+ changes?\.$/).waitFor();
  await page.getByRole("table", { name: "What changed" }).waitFor();
  await browser.screenshot("refreshed");

  await page.getByRole("button", { name: "Refresh segments" }).click();
  await browser.success("Segments already up to date");
  await page.getByText(/^TierlineSegments: up to date with segments approved .+\.$/).waitFor();
});

test("k-means on the service writes each customer's cluster name and profile into the table", async () => {
  await browser.signIn(service.tokens.planner, "planner");
  await browser.openPane("Segmentation");
  await browser.choose("Table", "Customers");
  await expect(page.getByRole("combobox", { name: "Id column", exact: true }).textContent()).resolves.toContain("CustomerId");
  await browser.choose("Method", "k-means clusters (on the service)");
  await page.getByLabel("Number of clusters").fill("3");
  await page.getByLabel("Seed").fill("7");
  await page.getByRole("button", { name: "Run segmentation" }).click();
  await browser.success("Segmentation written");
  await page
    .getByText(/k = 3 \(as given, silhouette -?\d\.\d\d\)/)
    .first()
    .waitFor();
  // The same request straight to the service: the pane wrote exactly its assignments, row by row.
  const direct = await service.api("POST", "/api/v1/clustering", { token: service.tokens.planner, body: { dimension: "customer", features: ["revenue", "margin_pct", "demand_cov"], k: 3, seed: 7 } });
  expect(direct.status).toBe(200);
  const ids = await browser.gridColumn("Customers", "CustomerId");
  const clusters = await browser.gridColumn("Customers", "Cluster");
  const profiles = await browser.gridColumn("Customers", "ClusterProfile");
  const byId = new Map<string, string>(direct.body.assignments.map((a: { entityId: string; name: string }) => [a.entityId, a.name]));
  expect(clusters).toEqual(ids.map((id) => byId.get(id)));
  // The profile counts this table's rows of the cluster (not the service's population) and names the features in words.
  for (const [i, p] of profiles.entries()) {
    const rows = clusters.filter((c) => c === clusters[i]).length;
    expect(p).toMatch(new RegExp(`^${rows} rows? of this table; centre Revenue [\\d,]+, Margin % -?[\\d.]+ %, Demand variability \\(CoV\\) [\\d.]+$`));
  }
  await page.getByRole("tab", { name: "Customers", exact: true }).click();
  await browser.screenshot("segmentation-kmeans");
  await browser.expectAccessible("segmentation k-means");
});

test("dimensions build a hybrid key (class × region) as an extra column, proposed for the customer dimension", async () => {
  await browser.choose("Method", "ABC (Pareto on one criterion)");
  await browser.chooseMany("Key dimensions (optional)", ["ABC", "Region"]);
  await page.getByRole("button", { name: "Run segmentation" }).click();
  await browser.success("Segmentation written");
  const abc = await browser.gridColumn("Customers", "ABC");
  const region = await browser.gridColumn("Customers", "Region");
  const keys = await browser.gridColumn("Customers", "SegmentKey");
  expect(keys).toHaveLength(24);
  expect(keys).toEqual(abc.map((c, i) => `${c}|${region[i]}`));
  // The id column CustomerId sets the proposal's dimension.
  await expect(page.getByRole("combobox", { name: "Dimension", exact: true }).textContent()).resolves.toContain("customer");
  // The demo policy table has no row for a customer key such as A|North: the preview lists the keys and Propose stays inert.
  const propose = page.getByRole("button", { name: "Propose as change request" });
  await page.getByText(/proposed segments have no policy row: A\|/).waitFor({ timeout: 30_000 });
  await expect(propose.isDisabled()).resolves.toBe(true);
  // Once a policy row covers class × region keys (raised and approved by two people), the same run can be proposed.
  const policies = await service.api("GET", "/api/v1/policies");
  const put = await service.api("PUT", "/api/v1/policies", {
    token: service.tokens.planner,
    body: { rows: [...policies.body.rows, { ...policies.body.rows[0], segment: "*|*" }], justification: "customer class × region keys" },
  });
  expect(put.status).toBe(201);
  const approved = await service.api("POST", `/api/v1/change-requests/${put.body.id}/approve`, { token: service.tokens.approver2, body: { reason: "agreed", expectedVersion: policies.body.version } });
  expect(approved.status).toBe(200);
  await page.getByRole("button", { name: "Check again" }).click();
  await page.waitForSelector('[data-testid="propose-panel"] button:not([disabled]):has-text("Propose as change request")', { timeout: 30_000 });
  await page.getByLabel("Justification").fill("e2e: customer class by region");
  await propose.click();
  await browser.success("Change request raised");
  const pending = (await service.api("GET", "/api/v1/change-requests?status=pending")).body.changeRequests;
  expect(pending).toHaveLength(1);
  expect(pending[0]).toMatchObject({ dimension: "customer", size: 24, justification: "e2e: customer class by region" });
  const detail = await service.api("GET", `/api/v1/change-requests/${pending[0].id}`);
  const ids = await browser.gridColumn("Customers", "CustomerId");
  expect(detail.body.payload.changes.map((c: { segment: string }) => c.segment)).toEqual(ids.map((_, i) => keys[i]));
  await browser.screenshot("segmentation-keys");
});

test("at 320 px the panes fit: no field past the edge, no table column running into the next; still accessible", async () => {
  await browser.signIn(service.tokens.approver, "approver");
  await page.setViewportSize({ width: 320, height: 800 });
  try {
    for (const pane of ["Segmentation", "Safety stock", "Cost-to-serve", "Settings"]) {
      await browser.openPane(pane);
      expect({ pane, problems: await browser.layoutProblems() }).toEqual({ pane, problems: [] });
    }
    await browser.openPane("Recommendations");
    await openGroup("customer · segmentation run");
    const row = page.locator("li[data-request-id]").first();
    await row.getByRole("button", { name: /^Show details of segmentation run on customer/ }).click();
    await row.getByRole("list", { name: /^Changes of segmentation run on customer/ }).waitFor();
    await row
      .getByRole("list", { name: /^Audit trail of segmentation run on customer/ })
      .getByText(/test-planner raised it/)
      .waitFor();
    expect({ pane: "Recommendations", problems: await browser.layoutProblems() }).toEqual({ pane: "Recommendations", problems: [] });
    await browser.screenshot("recommendations-narrow");
    await browser.expectAccessible("recommendations at 320 px");
  } finally {
    await page.setViewportSize({ width: 1400, height: 900 });
  }
});

test("two approvers on one request: the second sees a plain conflict with the service's detail, and the row leaves the queue", async () => {
  await browser.openPane("Recommendations");
  await page.getByRole("button", { name: "Reload", exact: true }).click();
  await openGroup("customer · segmentation run");
  const row = page.locator("li[data-request-id]");
  await row.first().waitFor({ timeout: 15_000 });
  const id = await row.first().getAttribute("data-request-id");
  // The pane has read the request and its version; a second approver decides first.
  const version = (await service.api("GET", "/api/v1/versions?dimension=customer")).body.current;
  const first = await service.api("POST", `/api/v1/change-requests/${id}/approve`, { token: service.tokens.approver2, body: { reason: "approved first by the second approver", expectedVersion: version } });
  expect(first.status).toBe(200);

  const bar = page.getByTestId("action-bar");
  await row
    .first()
    .getByRole("checkbox", { name: /^Select segmentation run on customer/ })
    .check();
  await bar.getByLabel("Reason for the decision").fill("approving after review");
  await bar.getByRole("button", { name: "Approve (1)" }).click();
  const outcome = page.getByTestId("decision-outcome");
  await outcome.getByText("Not approved: 1", { exact: true }).waitFor({ timeout: 30_000 });
  // The service's own words (service/src/useCases/changeRequests.ts notPendingMessage), after the request it concerns.
  await outcome.getByText(`change request ${id} is already approved (by test-approver2). It has left the queue.`, { exact: false }).waitFor();
  await expect(page.locator(`li[data-request-id="${id}"]`).count()).resolves.toBe(0);
  await browser.screenshot("recommendations-conflict");
  const decided = (await service.api("GET", `/api/v1/change-requests/${id}`)).body;
  expect(decided).toMatchObject({ status: "approved", decidedBy: "test-approver2", decisionReason: "approved first by the second approver" });
});

test("no request left localhost and the page raised no error", () => {
  expect(browser.pageErrors).toEqual([]);
  expect(browser.outsideRequests.every((u) => !u.startsWith("http://localhost") && !u.startsWith("http://127.0.0.1"))).toBe(true);
});

/**
 * The approver's queue at volume, in a real browser at Excel's 350 px pane
 * width against a live service: a larger demo company (2,000 products) is
 * imported and segmented, every stationary B and C product is made to buy
 * like the top A product from week 10 and every other stationary A product
 * like the weakest C product (plantDrift), and the planner's rule
 * recommendations raise well over 500 real pending requests. The approver
 * finds an entity by name, opens its history under the row, rejects it,
 * approves a whole group of at least 50 with one reason after the confirm
 * dialog, and empties a dimension filter, which then says what remains. The
 * action bar stays in the window and the pane's height stays bounded.
 *
 * Uses the build of `npm test` (dist/, or TIERLINE_DIST). No request leaves localhost.
 */
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Locator, Page } from "playwright-core";
import { generateDemoCompany, plantDrift, toCsvFiles } from "../../shared/src/demo";
import type { Actor } from "../../service/src/auth/actor";
import { approveChangeRequest } from "../../service/src/useCases/changeRequests";
import { importRows } from "../../service/src/useCases/imports";
import { assignmentsAt, currentVersion } from "../../service/src/useCases/masterData";
import { generateRecommendations } from "../../service/src/useCases/recommendationsGenerate";
import { startSegmentationRun } from "../../service/src/useCases/segmentationRuns";
import type { TestService } from "../service/harness";
import { PaneBrowser, artifacts } from "./paneBrowser";

const loader: Actor = { tokenId: "system", subject: "queue-loader", name: "queue-loader", role: "admin" };
const planner: Actor = { tokenId: "system", subject: "queue-planner", name: "queue-planner", role: "planner" };
const firstApprover: Actor = { tokenId: "system", subject: "queue-approver", name: "queue-approver", role: "approver" };
const COMPANY = { seed: 5, products: 2000, customers: 120, weeks: 26, suppliers: 5 };
const WIDTH = 350;
const HEIGHT = 800;
const MAX_PANE_HEIGHT = 4000;

jest.setTimeout(300_000);

let service: TestService;
let browser: PaneBrowser;
let page: Page;

/** Imports the larger company over the small demo, segments it as a planner would, plants drift and raises the rule recommendations. */
async function seedQueue(t: TestService): Promise<void> {
  const ctx = t.service.ctx;
  const company = generateDemoCompany(COMPANY);
  const files = toCsvFiles(company);
  const rows = (name: string) => parse(files[name], { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  for (const kind of ["suppliers", "products", "customers", "order_lines"] as const) await importRows(ctx, loader, kind, rows(`${kind}.csv`), `${kind}.csv`);
  for (const run of [
    { method: "abc-xyz", dimension: "product", criterion: "revenue" },
    { method: "customer-tiers", dimension: "customer" },
  ] as const) {
    const result = await startSegmentationRun(ctx, loader, run, "segmentation of the larger company");
    if (result.changeRequest) await approveChangeRequest(ctx, firstApprover, result.changeRequest.id, "initial master data of the larger company", await currentVersion(ctx.db, run.dimension));
  }
  const products = await assignmentsAt(ctx.db, "product", await currentVersion(ctx.db, "product"));
  const revenue = new Map<string, number>();
  for (const l of company.orderLines) revenue.set(l.productId, (revenue.get(l.productId) ?? 0) + l.quantity * l.unitPrice);
  const stationary = new Set(company.products.filter((p) => p.lifecycle === "active" && !p.seasonal && (p.demandProfile === "smooth" || p.demandProfile === "erratic")).map((p) => p.productId));
  const lower = products.filter((a) => a.detail.abc !== "A" && stationary.has(a.entityId) && (revenue.get(a.entityId) ?? 0) > 0).map((a) => a.entityId);
  const top = products.filter((a) => a.detail.abc === "A").reduce((best, a) => ((revenue.get(a.entityId) ?? 0) > (revenue.get(best) ?? 0) ? a.entityId : best), "");
  // Downgrades too: every other stationary A product buys like the weakest stationary C product.
  const upper = products.filter((a) => a.detail.abc === "A" && a.entityId !== top && stationary.has(a.entityId)).map((a) => a.entityId);
  const weakest = products
    .filter((a) => a.detail.abc === "C" && stationary.has(a.entityId) && (revenue.get(a.entityId) ?? 0) > 0)
    .reduce((low, a) => (low === "" || (revenue.get(a.entityId) ?? 0) < (revenue.get(low) ?? 0) ? a.entityId : low), "");
  const drifted = plantDrift(plantDrift(company, { entities: lower, toBehaviourOf: top, fromWeek: 10 }), { entities: upper, toBehaviourOf: weakest, fromWeek: 10 });
  await importRows(ctx, loader, "order_lines", parse(toCsvFiles(drifted)["order_lines.csv"], { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>, "order_lines.csv");
  for (const dimension of ["product", "customer"] as const) await generateRecommendations(ctx, planner, { dimension, periodWeeks: 4, consecutivePeriods: 3, margin: 0.25, source: "rule" });
}

interface Rec {
  changeRequestId: string;
  entityId: string;
  dimension: string;
  from: string;
  to: string;
  impact: { safetyStock?: { value: { change: number } | null } | null } | null;
}
const pending = async (): Promise<Rec[]> => (await service.api("GET", "/api/v1/recommendations?status=pending&limit=5000", { token: service.tokens.viewer })).body.recommendations;
/** The pane's scrolling part: everything above the action bar. */
const pane = () => page.getByTestId("queue-scroll");
const bar = () => page.getByTestId("action-bar");

async function shot(name: string) {
  await page.screenshot({ path: path.join(artifacts, `approver-queue-${name}.png`), fullPage: true });
}

/** The action bar lies inside the window, whatever was scrolled. */
async function expectBarInView(label: string) {
  const box = (await bar().boundingBox())!;
  expect({ label, top: box.y >= 0, bottom: box.y + box.height <= HEIGHT + 0.5 }).toEqual({ label, top: true, bottom: true });
}

/**
 * Scrolls the pane to its end, and the page by a few hundred pixels: outside Excel the in-page demo
 * workbook sits below the pane at this width, so the page is not scrolled past the pane itself.
 */
async function scrollEverythingDown() {
  await pane().evaluate((el) => (el.scrollTop = el.scrollHeight));
  await page.evaluate(() => window.scrollTo(0, 300));
}

async function expectBoundedPane(label: string) {
  const height = await pane().evaluate((el) => el.scrollHeight);
  expect({ label, bounded: height < MAX_PANE_HEIGHT, height: height < MAX_PANE_HEIGHT ? "ok" : height }).toEqual({ label, bounded: true, height: "ok" });
}

const box = async (l: Locator) => (await l.boundingBox())!;

beforeAll(async () => {
  browser = await PaneBrowser.start(seedQueue);
  ({ page, service } = browser);
  await page.setViewportSize({ width: WIDTH, height: HEIGHT });
});

afterAll(async () => {
  await browser?.close();
});

test("over 500 real pending requests: the queue is grouped, bounded and its action bar in view", async () => {
  const recs = await pending();
  expect(recs.length).toBeGreaterThanOrEqual(500);
  await browser.signIn(service.tokens.approver, "approver");
  await browser.openPane("Recommendations");
  await page
    .getByTestId("queue-status")
    .filter({ hasText: `of ${recs.length.toLocaleString("en-US")} pending shown` })
    .waitFor({ timeout: 60_000 });
  await expect(page.locator("li[data-request-id]").count()).resolves.toBe(0);
  await expectBoundedPane("collapsed");
  await scrollEverythingDown();
  await expectBarInView("collapsed, scrolled down");
  expect({ problems: await browser.layoutProblems() }).toEqual({ problems: [] });
  await shot("1-collapsed");
  await browser.expectAccessible("approver's queue, collapsed, 350 px");
});

test("the approver finds an entity by name, reads its history under the row and rejects it", async () => {
  const recs = await pending();
  const products = (await service.api("GET", "/api/v1/entities/product?limit=10000", { token: service.tokens.viewer })).body.entities as Array<{ id: string; name: string }>;
  const names = new Map(products.map((p) => [p.id, p.name]));
  const counts = new Map<string, number>();
  for (const p of products) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
  // An entity whose name is its own, so the search finds exactly its row.
  const target = recs.find((r) => r.dimension === "product" && names.get(r.entityId) && counts.get(names.get(r.entityId)!) === 1)!;
  const name = names.get(target.entityId)!;
  await page.getByRole("searchbox", { name: "Find an entity" }).fill(name);
  const row = page.locator(`li[data-entity-id="${target.entityId}"]`);
  await row.waitFor();
  await expect(page.locator("li[data-request-id]").count()).resolves.toBe(1);
  await row.getByRole("button", { name: `Show details of ${target.entityId}` }).click();
  const history = row.getByTestId("entity-history");
  await history.getByRole("list", { name: `Segment changes of ${target.entityId}` }).waitFor();
  await history.getByText(/initial master data of the larger company/).waitFor();
  await history.getByTestId("evidence-sparkline").waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  // In place: the details open directly under the row's line, the history inside them.
  const line = await box(row.getByRole("button", { name: `Hide details of ${target.entityId}` }));
  const details = await box(row.getByTestId("request-details"));
  const historyBox = await box(history);
  // Under the row's line, or under its evidence words ("Rule: past the boundary …") where the row has them.
  const evidence = row.getByTestId("row-evidence");
  const above = (await evidence.count()) > 0 ? await box(evidence) : line;
  expect(details.y - (above.y + above.height)).toBeGreaterThanOrEqual(-1);
  expect(details.y - (above.y + above.height)).toBeLessThan(12);
  expect(historyBox.y).toBeGreaterThanOrEqual(details.y);
  expect(historyBox.y + historyBox.height).toBeLessThanOrEqual(details.y + details.height + 1);
  // The reasons read as words: no raw feature ids, no long floats.
  const reasons = await row.getByRole("list", { name: `Reasons for ${target.entityId}` }).innerText();
  expect(reasons).not.toMatch(/margin_pct|demand_cov|order_frequency|\d\.\d{4,}/);
  await expectBarInView("history open");
  expect({ problems: await browser.layoutProblems() }).toEqual({ problems: [] });
  await shot("2-found-by-name-history");
  await browser.expectAccessible("an entity's history in place, 350 px");

  await row.getByRole("checkbox", { name: `Select ${target.entityId}` }).check();
  await bar().getByText("1 selected").waitFor();
  await bar().getByLabel("Reason for the decision").fill("demand copied from another product, not its own");
  await bar().getByRole("button", { name: "Reject (1)" }).click();
  await bar().getByText("Rejected 1").waitFor({ timeout: 30_000 });
  await bar()
    .getByText(new RegExp(`^${target.entityId}\\.$`))
    .waitFor();
  const decided = (await service.api("GET", `/api/v1/change-requests/${target.changeRequestId}`, { token: service.tokens.viewer })).body;
  expect(decided).toMatchObject({ status: "rejected", decidedBy: "test-approver", decisionReason: "demand copied from another product, not its own" });
  // The search stays as typed and says honestly that its one match is gone.
  await expect(page.getByRole("searchbox", { name: "Find an entity" }).inputValue()).resolves.toBe(name);
  await page.getByTestId("queue-empty").getByText(`No requests match name or id “${name}”`, { exact: false }).waitFor();
  await shot("3-rejected-one");
  await page.getByTestId("queue-empty").getByRole("button", { name: "Clear filters" }).click();
});

test("the approver approves a group of at least 50 with one reason, after a confirm dialog with the summary", async () => {
  const recs = (await pending()).filter((r) => r.dimension === "product");
  const groups = new Map<string, Rec[]>();
  for (const r of recs) groups.set(`${r.from} → ${r.to}`, [...(groups.get(`${r.from} → ${r.to}`) ?? []), r]);
  const [move, members] = [...groups].filter(([, m]) => m.length >= 50).sort((a, b) => a[1].length - b[1].length)[0];
  const label = `${move} · product · rule`;
  const n = members.length;
  const group = page.locator(`li[data-group="${label}"]`);
  await group.getByRole("checkbox", { name: `Select all ${n} requests: ${label}` }).check();
  await bar().getByText(`${n} selected`).waitFor();
  const valueChange = members.reduce((s, r) => s + (r.impact?.safetyStock?.value?.change ?? 0), 0);
  // Signed, thousands separators, a true minus (U+2212) for a fall.
  const money = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0, signDisplay: "exceptZero" }).format(Math.round(valueChange)).replace("-", "\u2212");
  await bar()
    .getByText(new RegExp(`^Δ safety-stock value ${money.replace(/[+]/g, "\\+")}`))
    .waitFor();
  await bar()
    .getByText(/^Δ service level [+−-]?[\d.]+ /)
    .waitFor();

  // Open the group to see a page of its rows: 25 at a time, the bar still in view at the bottom.
  await group.getByRole("button", { name: label }).click();
  await expect(group.locator("li[data-request-id]").count()).resolves.toBe(Math.min(25, n));
  await expectBoundedPane("a group open");
  await scrollEverythingDown();
  await expectBarInView("a group open, scrolled down");
  await pane().evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expectBarInView("a group open, scrolled halfway");
  expect({ problems: await browser.layoutProblems() }).toEqual({ problems: [] });
  await shot("4-group-selected");

  await bar().getByLabel("Reason for the decision").fill("sells like an A item since week 10");
  await bar()
    .getByRole("button", { name: `Approve (${n})` })
    .click();
  const dialog = page.getByRole("dialog");
  await dialog.getByText(`Approve ${n} requests?`).waitFor();
  await dialog.getByText(new RegExp(`^Δ safety-stock value ${money.replace(/[+]/g, "\\+")}`)).waitFor();
  await dialog.getByText(members[0].entityId, { exact: false }).first().waitFor();
  await shot("5-confirm-dialog");
  await browser.expectAccessible("confirm dialog, 350 px");
  const before = (await service.api("GET", "/api/v1/versions?dimension=product", { token: service.tokens.viewer })).body.current;
  await dialog.getByRole("button", { name: `Approve ${n}` }).click();
  await bar().getByText(`Approved ${n}`).waitFor({ timeout: 120_000 });
  // One bulk approval, one new master-data version for all of them.
  await expect(service.api("GET", "/api/v1/versions?dimension=product", { token: service.tokens.viewer }).then((r) => r.body.current)).resolves.toBe(before + 1);
  await page
    .getByTestId("decision-outcome")
    .getByText(`Product now at version ${before + 1}:`, { exact: false })
    .waitFor();
  const outcome = await page.getByTestId("decision-outcome").innerText();
  // The first eight by name, the rest counted: a bulk approval must not fill the pinned bar with ids.
  expect(members.filter((r) => outcome.includes(r.entityId)).length).toBe(Math.min(members.length, 8));
  if (members.length > 8) expect(outcome).toContain(`and ${members.length - 8} more`);
  for (const r of members) {
    const cr = (await service.api("GET", `/api/v1/change-requests/${r.changeRequestId}`, { token: service.tokens.viewer })).body;
    expect(cr).toMatchObject({ status: "approved", decidedBy: "test-approver", decisionReason: "sells like an A item since week 10" });
  }
  await expect(page.locator(`li[data-group="${label}"]`).count()).resolves.toBe(0);
  await expectBarInView("after approving");
  await shot("6-group-approved");
});

test("a filter a decision empties keeps its value and says what remains", async () => {
  const left = await pending();
  const customers = left.filter((r) => r.dimension === "customer");
  const products = left.filter((r) => r.dimension === "product");
  expect(customers.length).toBeGreaterThan(0);
  await page.getByRole("button", { name: /^Filters/ }).click();
  await browser.choose("Dimension", "Customer");
  const selectAll = page.getByRole("checkbox", { name: /^Select all \d+ requests?: .* · customer · rule$/ });
  for (const box of await selectAll.all()) await box.check();
  await bar().getByText(`${customers.length} selected`).waitFor();
  await bar().getByLabel("Reason for the decision").fill("customer tiers are reviewed at year end");
  await bar()
    .getByRole("button", { name: `Reject (${customers.length})` })
    .click();
  if (customers.length > 1)
    await page
      .getByRole("dialog")
      .getByRole("button", { name: `Reject ${customers.length}` })
      .click();
  await bar().getByText(`Rejected ${customers.length}`).waitFor({ timeout: 30_000 });
  const empty = page.getByTestId("queue-empty");
  await empty.getByText(`No customer requests left; ${products.length.toLocaleString("en-US")} product requests pending.`).waitFor();
  // Never blank: the drop-down still names the filter that emptied the list.
  await expect(page.getByRole("combobox", { name: "Dimension" }).innerText()).resolves.toBe("Customer");
  await expectBarInView("filter emptied");
  expect({ problems: await browser.layoutProblems() }).toEqual({ problems: [] });
  await shot("7-filter-emptied");
  await browser.expectAccessible("an emptied filter, 350 px");
  await empty.getByRole("button", { name: "Clear filters" }).click();
  await page
    .getByTestId("queue-status")
    .getByText(`${products.length.toLocaleString("en-US")} of ${products.length.toLocaleString("en-US")} pending shown`, { exact: false })
    .waitFor();
  await expect(page.getByRole("combobox", { name: "Dimension" }).innerText()).resolves.toBe("All");
});

test("no request left localhost and the page raised no error", () => {
  expect(browser.pageErrors).toEqual([]);
  expect(browser.outsideRequests.every((u) => !u.startsWith("http://localhost") && !u.startsWith("http://127.0.0.1"))).toBe(true);
});

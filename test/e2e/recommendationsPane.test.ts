/**
 * Recommendation details in the Recommendations pane, in a real browser
 * (Debian's chromium driven by playwright-core) against a live service with
 * the small demo company: the demo's own history is stable (the planner finds
 * nothing), so one C product is made to buy like the top A product from week
 * 10 (shared/src/demo/plantDrift.ts, as test/service/recommendations.test.ts
 * does); a planner presses "Generate recommendations"; an approver sees its
 * confidence, reasons and expected impact (the same figures the service
 * lists, in the shared plain wording), at 1400 px and at 320 px, filters by
 * source and approves it. A viewer sees no decision control and no Generate.
 * axe-core stays clean.
 *
 * Uses the build of `npm test` (dist/, or TIERLINE_DIST). No request leaves localhost.
 */
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import { generateDemoCompany, plantDrift, toCsvFiles } from "../../shared/src/demo";
import type { Actor } from "../../service/src/auth/actor";
import { importRows } from "../../service/src/useCases/imports";
import { assignmentsAt, currentVersion } from "../../service/src/useCases/masterData";
import { SMALL_DEMO, type TestService } from "../service/harness";
import { PaneBrowser, artifacts } from "./paneBrowser";

const loader: Actor = { tokenId: "system", subject: "drift-loader", name: "drift-loader", role: "admin" };

jest.setTimeout(180_000);

let service: TestService;
let browser: PaneBrowser;
let page: Page;
let drifted: string;

/**
 * The planted truth: the lowest-id stationary C product with sales takes on
 * the weekly behaviour of the top-revenue A product from week 10 of 26, so
 * its weekly revenue clears the A boundary in the last periods.
 */
async function plantOneDrift(t: TestService): Promise<string> {
  const company = generateDemoCompany(SMALL_DEMO);
  const products = await assignmentsAt(t.service.ctx.db, "product", await currentVersion(t.service.ctx.db, "product"));
  const revenue = new Map<string, number>();
  for (const l of company.orderLines) revenue.set(l.productId, (revenue.get(l.productId) ?? 0) + l.quantity * l.unitPrice);
  // The generator's own drift (launches, seasonality, intermittent gaps) is excluded, so the one planted move is the one expected.
  const stationary = new Set(company.products.filter((p) => p.lifecycle === "active" && !p.seasonal && (p.demandProfile === "smooth" || p.demandProfile === "erratic")).map((p) => p.productId));
  const candidates = products.filter((a) => a.detail.abc === "C" && stationary.has(a.entityId) && (revenue.get(a.entityId) ?? 0) > 0).map((a) => a.entityId);
  const top = products.filter((a) => a.detail.abc === "A").reduce((best, a) => ((revenue.get(a.entityId) ?? 0) > (revenue.get(best) ?? 0) ? a.entityId : best), "");
  if (candidates.length === 0 || top === "") throw new Error("the small demo has no stationary C product or no A product to plant drift with");
  const planted = plantDrift(company, { entities: [candidates[0]], toBehaviourOf: top, fromWeek: 10 });
  const rows = parse(toCsvFiles(planted)["order_lines.csv"], { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  await importRows(t.service.ctx, loader, "order_lines", rows, "order_lines.csv");
  return candidates[0];
}

beforeAll(async () => {
  browser = await PaneBrowser.start(async (s) => {
    drifted = await plantOneDrift(s);
  });
  ({ page, service } = browser);
});

afterAll(async () => {
  await browser?.close();
});

test("a viewer sees neither Generate nor the decision controls", async () => {
  await browser.signIn(service.tokens.viewer, "viewer");
  await browser.openPane("Recommendations");
  await page.getByText(/Deciding needs the approver role\./).waitFor();
  await expect(page.getByRole("button", { name: "Generate recommendations" }).count()).resolves.toBe(0);
  await expect(page.getByTestId("action-bar").count()).resolves.toBe(0);
  await expect(page.getByLabel("Reason for the decision").count()).resolves.toBe(0);
});

test("a planner generates rule recommendations; the planted product gets one with confidence, reasons and impact", async () => {
  await browser.signIn(service.tokens.planner, "planner");
  await browser.openPane("Recommendations");
  await browser.choose("Generate for", "Products");
  await page.getByRole("button", { name: "Generate recommendations" }).click();
  await browser.success("Recommendations generated");
  await page.getByText(/^1 new product recommendation\.$/).waitFor();

  // The figures the pane must show, straight from the service.
  const listed = (await service.api("GET", "/api/v1/recommendations?dimension=product&status=pending&source=rule")).body.recommendations;
  expect(listed).toHaveLength(1);
  const rec = listed[0];
  expect(rec).toMatchObject({ entityId: drifted, from: expect.stringMatching(/^C/), to: expect.stringMatching(/^A/) });
  // One line per request, in its group (to → from, dimension, source); the details open under it.
  await page.getByRole("button", { name: `${rec.from} → ${rec.to} · product · rule` }).click();
  const row = page.locator(`li[data-request-id="${rec.changeRequestId}"]`);
  await row.waitFor();
  await row.getByText(`${Math.round(rec.confidence * 1000) / 10}%`, { exact: true }).waitFor();
  await row.getByText(`${rec.from} → ${rec.to}`, { exact: true }).waitFor();
  // A planner may generate but not decide: the row has no checkbox, the pane no action bar.
  await expect(row.getByRole("checkbox").count()).resolves.toBe(0);
  await expect(page.getByTestId("recommendations-pane").getByRole("checkbox").count()).resolves.toBe(0);
  await expect(page.getByTestId("action-bar").count()).resolves.toBe(0);
  await row.getByRole("button", { name: `Show details of ${drifted}` }).click();
  // The confidence named for what it is: a rule's persistence score, rounded to one decimal.
  await row
    .getByTestId("confidences")
    .getByText(`Rule persistence ${Math.round(rec.confidence * 1000) / 10}%`, { exact: true })
    .waitFor();
  const reasons = await row
    .getByRole("list", { name: `Reasons for ${drifted}` })
    .locator("li")
    .allTextContents();
  // The shared wording (shared/src/ml/rationaleText.ts): who and what move first, then the rule's threshold in words, then the impact.
  expect(reasons[0]).toBe(`${drifted}${rec.entityName ? ` (${rec.entityName})` : ""}: ${rec.from} → ${rec.to}, an upgrade.`);
  expect(reasons[1]).toMatch(/^Weekly revenue has been above [\d,]+ \(the boundary [\d,]+ plus a \d+% margin\) for the last \d+ .*weeks.*, which puts it in A\w*\.$/);
  expect(reasons.join(" ")).not.toMatch(/margin_pct|demand_cov|\d\.\d{4,}/);
  // The demo's policy table prices both segments: safety stock, service level and fill rate all move.
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  const impact = reasons.find((r) => r.startsWith("If approved: "));
  expect(impact).toContain(`service level ${pct(rec.impact.serviceLevel.from)} → ${pct(rec.impact.serviceLevel.to)}`);
  expect(impact).toMatch(/safety stock [\d,]+ → [\d,]+ units, [+−][\d,]+ in value/);
  await row.getByTestId("entity-history").waitFor();

  // Generating again raises nothing new: the entity already has one pending.
  await page.getByRole("button", { name: "Generate recommendations" }).click();
  await page.getByText(/^0 new product recommendations; 1 already pending\.$/).waitFor();
  await page.screenshot({ path: path.join(artifacts, "recommendations-details.png"), fullPage: true });
  await browser.expectAccessible("recommendations with details");
});

test("an approver filters by source, sorts by confidence, reads it at 320 px and approves it", async () => {
  // A hand edit alongside: it has no confidence, so it sorts after the recommendation and the source filter hides it.
  const manual = await service.api("POST", "/api/v1/change-requests", {
    token: service.tokens.planner,
    body: {
      dimension: "customer",
      changes: [{ entityId: (await assignmentsAt(service.service.ctx.db, "customer", await currentVersion(service.service.ctx.db, "customer")))[0].entityId, segment: "Key" }],
      justification: "e2e: hand edit",
    },
  });
  expect(manual.status).toBe(201);
  await browser.signIn(service.tokens.approver, "approver");
  await browser.openPane("Recommendations");
  await page.getByTestId("queue-status").getByText("2 of 2 pending shown, in 2 groups", { exact: false }).waitFor({ timeout: 15_000 });
  // An approver decides but does not run: no Generate.
  await expect(page.getByRole("button", { name: "Generate recommendations" }).count()).resolves.toBe(0);
  const rec = (await service.api("GET", "/api/v1/recommendations?status=pending")).body.recommendations[0];

  await page.getByRole("button", { name: /^Filters/ }).click();
  await browser.choose("Source", "rule");
  await page.getByTestId("queue-status").getByText("1 of 2 pending shown, in 1 group", { exact: false }).waitFor();
  await page.getByRole("button", { name: `${rec.from} → ${rec.to} · product · rule` }).click();
  const row = page.locator(`li[data-request-id="${rec.changeRequestId}"]`);
  await row.getByRole("button", { name: `Show details of ${rec.entityId}` }).click();

  await page.setViewportSize({ width: 320, height: 800 });
  try {
    await row
      .getByTestId("confidences")
      .getByText(/^Rule persistence /)
      .waitFor();
    expect({ pane: "Recommendations", problems: await browser.layoutProblems() }).toEqual({ pane: "Recommendations", problems: [] });
    await page.screenshot({ path: path.join(artifacts, "recommendations-details-narrow.png"), fullPage: true });
    await browser.expectAccessible("recommendations with details at 320 px");
  } finally {
    await page.setViewportSize({ width: 1400, height: 900 });
  }

  await row.getByRole("checkbox", { name: `Select ${rec.entityId}` }).check();
  await page.getByLabel("Reason for the decision").fill("the product sells like an A item since week 10");
  await page.getByRole("button", { name: "Approve (1)" }).click();
  await page.getByTestId("decision-outcome").getByText("Approved 1").waitFor();
  const decided = (await service.api("GET", `/api/v1/change-requests/${rec.changeRequestId}`)).body;
  expect(decided).toMatchObject({ status: "approved", decidedBy: "test-approver", decisionReason: "the product sells like an A item since week 10" });
  const after = (await service.api("GET", "/api/v1/recommendations?dimension=product")).body.recommendations;
  expect(after.find((r: { id: string }) => r.id === rec.id)).toMatchObject({ status: "approved" });
});

test("no request left localhost and the page raised no error", () => {
  expect(browser.pageErrors).toEqual([]);
  expect(browser.outsideRequests.every((u) => !u.startsWith("http://localhost") && !u.startsWith("http://127.0.0.1"))).toBe(true);
});

/**
 * The Recommendations pane's evidence words and sort, in a real browser at
 * Excel's 350 px pane width against a live service: the planted product drift
 * of the service tests (test/service/plantedDrift.ts) raises rule
 * recommendations, a trained model adds its probability to the same requests
 * (one request per entity), and the approver reads on each row the model's
 * probability of leaving and the rule's persistence in words, then sorts a
 * group by model probability: the rows take the model's order, not the rule's.
 *
 * Uses the build of `npm test` (dist/, or TIERLINE_DIST). No request leaves localhost.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import type { Recommendation } from "../../shared/src/api";
import type { TestService } from "../service/harness";
import { DEMO, plantAndStore } from "../service/plantedDrift";
import { PaneBrowser, artifacts } from "./paneBrowser";

jest.setTimeout(300_000);

let service: TestService;
let browser: PaneBrowser;
let page: Page;

beforeAll(async () => {
  browser = await PaneBrowser.start(
    async (t) => {
      await plantAndStore(t, "product", { loaded: true });
      const rule = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body: { dimension: "product", parts: ["abc"] } });
      expect(rule.status).toBe(201);
      expect((await t.api("POST", "/api/v1/models", { token: t.tokens.planner, body: { dimension: "product", seed: 7 } })).status).toBe(201);
      const model = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body: { dimension: "product", source: "model" } });
      expect([200, 201]).toContain(model.status);
    },
    { demoCompany: DEMO },
  );
  ({ page, service } = browser);
  await page.setViewportSize({ width: 350, height: 900 });
});

afterAll(async () => {
  await browser?.close();
});

const modelValue = (r: Recommendation) => r.confidences.find((c) => c.source === "model")?.value ?? -1;

const ORIGIN = (r: Recommendation) => (r.sources.length > 1 ? "rule and model" : r.sources[0]);
const labelOf = (r: Recommendation) => `${r.from} → ${r.to} · product · ${ORIGIN(r)}`;
const byDefault = (a: Recommendation, b: Recommendation) => b.confidence - a.confidence || a.entityId.localeCompare(b.entityId);
const byModel = (a: Recommendation, b: Recommendation) => modelValue(b) - modelValue(a) || byDefault(a, b);

/** The pane's groups as the service's figures put them: by default the largest first, sorted by model probability by their first row. */
function expectedGroups(all: Recommendation[], sort: "default" | "probability") {
  const groups = new Map<string, Recommendation[]>();
  for (const r of all) groups.set(labelOf(r), [...(groups.get(labelOf(r)) ?? []), r]);
  const rows = sort === "default" ? byDefault : byModel;
  const list = [...groups].map(([label, rs]) => ({ label, rows: [...rs].sort(rows) }));
  return list
    .sort((a, b) => (sort === "default" ? b.rows.length - a.rows.length : rows(a.rows[0], b.rows[0])) || a.label.localeCompare(b.label))
    .slice(0, 12)
    .map((g) => ({ label: g.label, rows: g.rows.map((r) => r.entityId).slice(0, 25) }));
}

test("each row says the model's probability and the rule's persistence; sorting by model probability reorders the queue", async () => {
  const all: Recommendation[] = (await service.api("GET", "/api/v1/recommendations?dimension=product&status=pending", { token: service.tokens.viewer })).body.recommendations;
  // Both sources on some requests, one on others: the two orders differ.
  expect(all.some((r) => r.sources.length === 2)).toBe(true);
  const before = expectedGroups(all, "default");
  const after = expectedGroups(all, "probability");
  expect(after.map((g) => g.label)).not.toEqual(before.map((g) => g.label));

  await browser.signIn(service.tokens.approver, "approver");
  await browser.openPane("Recommendations");
  await page.getByTestId("queue-status").waitFor({ timeout: 30_000 });
  const groupLabels = () => page.locator("li[data-group]").evaluateAll((els) => els.map((e) => e.getAttribute("data-group")));
  expect(await groupLabels()).toEqual(before.map((g) => g.label));

  await browser.choose("Sort by", "Model probability");
  await page
    .locator("li[data-group]")
    .first()
    .and(page.locator(`[data-group="${after[0].label}"]`))
    .waitFor();
  expect(await groupLabels()).toEqual(after.map((g) => g.label));

  // The most probable request both sources raised: its group's rows in the model's order, its evidence in words from the service's figures.
  const first = all.filter((r) => r.sources.length === 2).sort(byModel)[0];
  const group = page.locator(`li[data-group="${labelOf(first)}"]`);
  await group.getByRole("button", { name: labelOf(first), exact: true }).click();
  await group.locator("li[data-request-id]").first().waitFor();
  const open = after.find((g) => g.label === labelOf(first))!;
  expect(await group.locator("li[data-request-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-entity-id")))).toEqual(open.rows);
  expect(open.rows[0]).toBe(first.entityId);
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  const abc = first.rationale.find((r) => r.source === "rule" && r.part === "abc")!;
  const evidence = group.locator(`li[data-entity-id="${first.entityId}"]`).getByTestId("row-evidence");
  const ruleWords = abc.periodsRead! > abc.periodsPast! ? `Rule: past the boundary ${abc.periodsPast} of the last ${abc.periodsRead} periods` : `Rule: past the boundary the last ${abc.periodsPast} periods`;
  await evidence.getByText(ruleWords, { exact: true }).waitFor();
  await evidence.getByText(`Model: ${pct(modelValue(first))} likely to leave ${first.from.charAt(0)}`, { exact: true }).waitFor();
  expect({ problems: await browser.layoutProblems() }).toEqual({ problems: [] });
  await page.screenshot({ path: path.join(artifacts, "recommendations-sorted-by-probability.png"), fullPage: true });
  await browser.expectAccessible("recommendations sorted by model probability, 350 px");
});

test("no request left localhost and the page raised no error", () => {
  expect(browser.pageErrors).toEqual([]);
  expect(browser.outsideRequests.every((u) => !u.startsWith("http://localhost") && !u.startsWith("http://127.0.0.1"))).toBe(true);
});

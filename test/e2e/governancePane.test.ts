/**
 * The Governance pane at Excel's 350 px pane width, in a real browser on the
 * in-page demo workbook against a live service (the small demo company):
 * a viewer reads the KPIs and may not act; a planner opens a breach's root
 * cause (the shares the route gives, as percentages), creates a corrective
 * action linked to it, starts and closes it with its audit trail in the
 * pane, writes the KPI table and the breaches to sheets and runs the health
 * check. Screenshots land in test/artifacts/governance-*.png.
 *
 * Uses the build of `npm test` (dist/, or TIERLINE_DIST). No request leaves localhost.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { runForecastJob, type TestService } from "../service/harness";
import { PaneBrowser, artifacts } from "./paneBrowser";

jest.setTimeout(240_000);

const WIDTH = 350;
const HEIGHT = 900;
/** The pane's own height, whatever is open: lists are paged, so it stays a few screens tall. */
const MAX_PANE_HEIGHT = 3000;
const percent = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

let service: TestService;
let browser: PaneBrowser;
let page: Page;

interface Breach {
  id: string;
  segment: string;
  kpi: string;
  owner: string;
  drivers: { causeShares?: Record<string, number | null>; causes?: Record<string, number | null> };
}

beforeAll(async () => {
  browser = await PaneBrowser.start();
  ({ page, service } = browser);
  await page.setViewportSize({ width: WIDTH, height: HEIGHT });
});

afterAll(async () => {
  await browser?.close();
});

const pane = () => page.getByTestId("governance-pane");
const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `governance-${name}.png`), fullPage: true });
/** The pane is the left column: the demo workbook below it at this width is not the pane's height. */
const shotPane = (name: string) => pane().screenshot({ path: path.join(artifacts, `governance-${name}.png`) });

async function expectTidy(label: string) {
  expect({ label, problems: await browser.layoutProblems() }).toEqual({ label, problems: [] });
  const height = (await pane().boundingBox())!.height;
  expect({ label, bounded: height < MAX_PANE_HEIGHT }).toEqual({ label, bounded: true });
}

async function openGovernance(token: string, role: string) {
  await browser.signIn(token, role);
  await browser.openPane("Governance");
  await page.getByTestId("kpi-summary").waitFor({ timeout: 60_000 });
}

test("a viewer reads the KPIs per segment, formatted, and may not add actions", async () => {
  const report = (await service.api("GET", "/api/v1/kpis?dimension=product", { token: service.tokens.viewer })).body;
  const values = report.segments.flatMap((s: { kpis: Array<{ status: string }> }) => s.kpis);
  await openGovernance(service.tokens.viewer, "viewer");
  await page
    .getByTestId("kpi-summary")
    .filter({ hasText: `${report.segments.length} product segments, ${values.filter((k: { status: string }) => k.status === "breach").length} of ${values.length} KPI values in breach` })
    .waitFor();
  // One line per segment until opened: no KPI list on the page yet.
  await expect(page.locator("li[data-kpi]").count()).resolves.toBe(0);
  const first = report.segments[0];
  await pane()
    .getByRole("button", { name: new RegExp(`^${first.segment} `) })
    .click();
  const list = pane().getByRole("list", { name: `KPIs of ${first.segment}` });
  await list.waitFor();
  const otif = first.kpis.find((k: { kpi: string }) => k.kpi === "otif");
  const row = list.locator('li[data-kpi="otif"]');
  await expect(row.innerText()).resolves.toContain(percent.format(otif.value));
  await expect(row.innerText()).resolves.toContain(`target ≥ ${percent.format(otif.target)}`);
  await expect(row.innerText()).resolves.toContain(otif.status === "breach" ? "breach" : "met");
  await expect(list.locator('li[data-kpi="inventory_turns"]').innerText()).resolves.toMatch(/\d+\.\d× a year/);
  // The forecast's bias in MADs, against the limit the policy sets or the stated default, with the way it leans.
  const signal = first.kpis.find((k: { kpi: string }) => k.kpi === "tracking_signal");
  const signalText = await list.locator('li[data-kpi="tracking_signal"]').innerText();
  expect(signalText).toContain(`Forecast bias (tracking signal)`);
  expect(signalText).toContain(
    `target ≤ ${signal.target.toFixed(1)} MAD (${signal.targetSource === "policy.maxTrackingSignal" ? "the policy's tracking-signal limit" : "a default limit of 4 MAD (the policy sets none)"})`,
  );
  if (signal.value !== null) expect(signalText).toMatch(/\d\.\d MAD[\s\S]*(under-forecast|over-forecast|no bias)/);
  // Measured OTIF carries its months: a line against the target, named for what it shows.
  if ((otif.periods ?? []).filter((p: { value: number | null }) => p.value !== null).length >= 2) {
    await expect(row.getByTestId("kpi-trend").getAttribute("aria-label")).resolves.toMatch(/^OTIF by month: .+ in \d{4}-\d{2} to .+ in \d{4}-\d{2}; target /);
  }
  // No raw floats anywhere in the KPI list.
  await expect(list.innerText()).resolves.not.toMatch(/\d\.\d{4,}/);
  await expectTidy("viewer, a segment open");
  await shotPane("1-kpis-viewer");
  await browser.expectAccessible("governance KPIs, 350 px");

  await page.getByRole("tab", { name: /^Breaches/ }).click();
  await pane().locator("li[data-breach]").first().getByRole("button").first().click();
  await pane().getByText("Adding actions needs the planner or admin role.").waitFor();
  await expect(
    pane()
      .getByRole("button", { name: /^Add action for/ })
      .count(),
  ).resolves.toBe(0);
});

test("a planner opens a breach's root cause, creates an action for it, starts and closes it, with its audit trail", async () => {
  const breaches: Breach[] = (await service.api("GET", "/api/v1/breaches?dimension=product", { token: service.tokens.viewer })).body.breaches;
  const breach = breaches.find((b) => b.kpi === "otif" && b.drivers.causeShares)!;
  expect(breach).toBeDefined();
  await openGovernance(service.tokens.planner, "planner");
  await page.getByRole("tab", { name: /^Breaches/ }).click();
  // Paged: the breach may sit on a later page of ten.
  const item = pane().locator(`li[data-breach="${breach.id}"]`);
  for (let i = 0; i < 5 && (await item.count()) === 0; i++) await pane().getByRole("button", { name: "Next page of the breaches" }).click();
  await item.getByRole("button", { name: new RegExp(`^${breach.segment} OTIF`) }).click();
  await item.getByText(`Owner: ${breach.owner}`).waitFor();
  await item.getByText(/^Escalation( \(this segment's path\))?: L1 /).waitFor();
  await item.getByText(/^(Breached since \d{1,2} \w{3} \d{4} \(\d+ days?\): level \d|Age not known)/).waitFor();
  await item.getByRole("button", { name: `Root cause of ${breach.segment} OTIF` }).click();
  const causes = item.getByRole("table", { name: "Why lines were missed" });
  await causes.waitFor();
  const stockOut = breach.drivers.causeShares!.stock_out!;
  await expect(causes.getByRole("row", { name: /^Stock-out/ }).innerText()).resolves.toContain(percent.format(stockOut));
  // Measured deliveries name carrier lateness; the modelled split cannot (then it says so).
  const carrier = breach.drivers.causeShares!.carrier_late;
  await expect(causes.getByRole("row", { name: /^Carrier late/ }).innerText()).resolves.toContain(carrier === null || carrier === undefined ? "not measured" : percent.format(carrier));
  await expect(causes.innerText()).resolves.not.toMatch(/stock_out|\d\.\d{4,}/);
  await expectTidy("root cause open");
  await shotPane("2-root-cause");
  await browser.expectAccessible("a breach's root cause, 350 px");

  await item.getByRole("button", { name: `Add action for ${breach.segment} OTIF` }).click();
  const form = item.getByRole("form", { name: `New corrective action for ${breach.segment} OTIF` });
  await form.getByRole("button", { name: "Create action" }).click();
  await form.getByText("Say what will be done.").waitFor();
  await form.getByLabel("Action").fill("Raise safety stock on the five items with most misses");
  await form.getByLabel("Due date").fill("2027-01-15");
  await expect(form.getByLabel("Owner").inputValue()).resolves.toBe(breach.owner);
  await shotPane("3-new-action");
  await form.getByRole("button", { name: "Create action" }).click();
  await browser.success("Action created");
  const stored = (await service.api("GET", `/api/v1/actions?dimension=product&segment=${breach.segment}`, { token: service.tokens.viewer })).body.actions;
  expect(stored).toEqual([
    expect.objectContaining({ title: "Raise safety stock on the five items with most misses", owner: breach.owner, dueDate: "2027-01-15", status: "open", kpi: "otif", breachId: breach.id, createdBy: "test-planner" }),
  ]);
  await item
    .getByRole("list", { name: `Actions for ${breach.segment} OTIF` })
    .getByText("Raise safety stock on the five items with most misses")
    .waitFor();

  await page.getByRole("tab", { name: "Actions" }).click();
  await pane().getByText("1 action, 1 still open; open work first, soonest due first. Add more from a breach.").waitFor();
  const action = pane().locator('li[data-action="Raise safety stock on the five items with most misses"]');
  await action.getByRole("button", { name: /^Raise safety stock/ }).click();
  await action.getByRole("button", { name: "Start" }).click();
  await browser.success("Action updated");
  await action.getByRole("button", { name: "Mark done" }).click();
  await page.getByText(/is done \(version 3\)/).waitFor();
  const audit = action.getByTestId("action-audit");
  await audit.getByText("Status in progress → done").waitFor();
  const trail = await audit.innerText();
  expect(trail).toContain("Created (open)");
  expect(trail).toContain("Status open → in progress");
  expect(trail.match(/by test-planner/g)?.length).toBe(3);
  // Closed is closed: no more steps offered.
  await expect(action.getByRole("button", { name: /Start|Mark done|Cancel action/ }).count()).resolves.toBe(0);
  const closed = (await service.api("GET", `/api/v1/actions/${stored[0].id}`, { token: service.tokens.viewer })).body;
  expect(closed).toMatchObject({ status: "done", version: 3 });
  await expectTidy("action done");
  await shotPane("4-action-done");
  await browser.expectAccessible("a closed action with its audit trail, 350 px");
});

test("the KPI table and the breaches go to sheets in one click each", async () => {
  const report = (await service.api("GET", "/api/v1/kpis?dimension=product", { token: service.tokens.viewer })).body;
  const breaches: Breach[] = (await service.api("GET", "/api/v1/breaches?dimension=product", { token: service.tokens.viewer })).body.breaches;
  await page.getByRole("tab", { name: "KPIs" }).click();
  await pane().getByRole("button", { name: "Write KPI table to sheet" }).click();
  await browser.success("KPI table written");
  const segments = await browser.gridColumn("TierlineKpisProducts", "Segment");
  expect(segments).toEqual(report.segments.map((s: { segment: string }) => s.segment));
  const otif = (await browser.gridColumn("TierlineKpisProducts", "OTIF")).map(Number);
  report.segments.forEach((s: { kpis: Array<{ kpi: string; value: number }> }, i: number) => expect(otif[i]).toBeCloseTo(s.kpis.find((k) => k.kpi === "otif")!.value, 4));

  await page.getByRole("tab", { name: /^Breaches/ }).click();
  await pane().getByRole("button", { name: "Write breaches to sheet" }).click();
  await browser.success("Breaches written");
  expect(await browser.gridColumn("TierlineBreachesProducts", "Segment")).toEqual(breaches.map((b) => b.segment));
  const open = await browser.gridColumn("TierlineBreachesProducts", "OpenActions");
  // The action of the previous test is done: no breach has open actions.
  expect(open.every((v) => v === "0")).toBe(true);
  await shot("5-sheets");
});

test("the health check gives its suggestions with the figure behind each, a page at a time", async () => {
  const health = (await service.api("GET", "/api/v1/health-check?dimension=product", { token: service.tokens.viewer })).body;
  await page.getByRole("tab", { name: "Health" }).click();
  await pane().getByRole("button", { name: "Run health check" }).click();
  const result = pane().getByTestId("health-check");
  await result.waitFor({ timeout: 60_000 });
  // Judged on the features the segments differ on, named in the summary.
  await result.getByText(`Judged on what the segments differ on: ${health.definingFeatures[0].feature}`, { exact: false }).waitFor();
  if (health.similarPairs.length > 0) {
    const [a, b] = health.similarPairs[0].segments;
    const merge = result.getByRole("listitem").filter({ hasText: `Merge ${a} and ${b}?` });
    await expect(merge.innerText()).resolves.toContain(`${health.similarPairs[0].effectSize.toFixed(2)} standard deviations apart`);
  }
  const expected =
    health.underperforming.length +
    health.similarPairs.length +
    health.segments.filter((s: { tooSmall: boolean }) => s.tooSmall).length +
    health.segments.filter((s: { silhouette: number | null }) => s.silhouette !== null && s.silhouette < 0).length;
  // KPIs that missed their target for a quarter running come first, the months and figures named.
  if (health.underperforming.length > 0) {
    const u = health.underperforming[0];
    const first = result.getByRole("listitem").first();
    await expect(first.innerText()).resolves.toMatch(new RegExp(`^What keeps .+ of ${u.segment} (below|above) target\\?\\s+${u.periods.length} months running, `));
  }
  await result.getByText(`${expected} suggestions:`).waitFor();
  await expect(result.getByRole("listitem").count()).resolves.toBe(Math.min(expected, 6));
  await expectTidy("health check");
  await shotPane("6-health-check");
  await browser.expectAccessible("governance health check, 350 px");
  expect(browser.pageErrors).toEqual([]);
});

test("the forecast exceptions of the newest forecast run, costliest first, written to a sheet", async () => {
  await runForecastJob(service, { horizon: 4 });
  const report = (await service.api("GET", "/api/v1/forecast-exceptions?limit=200", { token: service.tokens.viewer })).body;
  expect(report.total).toBeGreaterThan(0);
  await openGovernance(service.tokens.planner, "planner");
  await page.getByRole("tab", { name: "Forecasts" }).click();
  await pane().getByRole("button", { name: "List forecast exceptions" }).click();
  const list = pane().getByRole("list", { name: "Forecast exceptions" });
  await list.waitFor();
  const first = report.exceptions[0];
  await expect(list.locator("li").first().innerText()).resolves.toContain(`${first.productId} · ${first.segment}`);
  await expect(list.locator("li").count()).resolves.toBe(Math.min(10, report.exceptions.length));
  await expect(list.innerText()).resolves.not.toMatch(/\d\.\d{4,}/);
  // A biased forecast is an exception too, with the way it leans.
  const biased = report.exceptions.slice(0, 10).find((e: { reasons: string[] }) => e.reasons.some((r) => r.startsWith("tracking signal")));
  if (biased)
    await expect(
      list
        .locator("li")
        .filter({ hasText: `${biased.productId} · ` })
        .innerText(),
    ).resolves.toMatch(/tracking signal [+−]\d+\.\d beyond ±\d+: (under|over)-forecast/);
  await pane().getByRole("button", { name: "Write to sheet" }).click();
  await browser.success("Forecast exceptions written");
  expect(await browser.gridColumn("TierlineForecastExceptions", "ProductId")).toEqual(report.exceptions.map((e: { productId: string }) => e.productId));
  await page.getByRole("tab", { name: "Forecasts" }).click();
  await expectTidy("forecast exceptions");
  await shotPane("7-forecast-exceptions");
  await browser.expectAccessible("governance forecast exceptions, 350 px");
});

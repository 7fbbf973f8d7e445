/**
 * The main path of network design in a real browser at 350 px: the planner
 * opens the Network pane on the demo company (its candidate DCs loaded with
 * it), starts a design, sees the job's phases while it runs (status reads
 * held back a little so the running state can be seen and photographed),
 * then the saving and the cost and service per segment; the result table,
 * the assignments and the map are written to the workbook, the map drawn as
 * a scatter of customers and DCs.
 *
 * Uses the build of `npm test` (dist/, or TIERLINE_DIST). No request leaves localhost.
 */
import type { Page } from "playwright-core";
import type { Job } from "../../shared/src/api";
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
});

afterAll(async () => {
  await browser?.close();
});

test("design a small network as a job: progress, then the saving per segment, written with a map", async () => {
  const labels: string[] = [];
  await page.exposeFunction("recordStatus", (text: string) => labels.push(text));
  await page.evaluate(() => {
    const record = (window as unknown as { recordStatus: (t: string) => void }).recordStatus;
    new MutationObserver(() => document.querySelectorAll('[role="status"]').forEach((s) => record(s.textContent ?? ""))).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.route(/\/api\/v1\/jobs\/[0-9a-f-]{36}$/, async (route) => {
    await new Promise((r) => setTimeout(r, 600));
    await route.continue();
  });

  await browser.openPane("Network design");
  const pane = page.getByRole("region", { name: "Network design" });
  await pane.getByLabel("Transport cost per unit-km").fill("0.05");
  await pane.getByLabel("Longest delivery (km)").fill("300");
  await pane.getByRole("button", { name: "Design network" }).click();
  const status = pane.getByRole("status");
  await status.waitFor({ timeout: 15_000 });
  await status.scrollIntoViewIfNeeded();
  await browser.screenshot("network-pane-progress-350");
  await pane.getByText(/^Open \d+ of 9 DCs$/).waitFor({ timeout: 60_000 });
  await page.unroute(/\/api\/v1\/jobs\/[0-9a-f-]{36}$/);

  const jobs = (await service.api("GET", "/api/v1/jobs?kind=designNetwork")).body as { jobs: Job[] };
  expect(jobs.jobs).toHaveLength(1);
  const [job] = jobs.jobs;
  expect(job).toMatchObject({ status: "succeeded", createdBy: "test-planner" });
  expect(job.params).toMatchObject({ costPerUnitKm: 0.05, defaultMaxKm: 300 });
  const result = job.result as { chosen: { open: string[]; segments: Array<{ segment: string }> }; current: { open: string[] }; saving: number };
  // The pane showed progress steps, not only a spinner: the small demo designs in milliseconds, so the
  // service's phases may all pass before the first poll (the service test checks them in order).
  expect(labels.some((l) => /building the model|solving|evaluating|loading customers|Running on the service|Waiting for a free worker/.test(l))).toBe(true);
  expect(new Set(labels).size).toBeGreaterThan(1);

  // The summary in words, and a row per segment.
  await expect(pane.getByText(/^Saving -?[\d,]+ a year/).textContent()).resolves.toContain(" → ");
  const table = pane.getByRole("table", { name: "Cost and service per segment" });
  await expect(table.getByRole("row").count()).resolves.toBe(1 + result.chosen.segments.length);
  await pane.getByRole("table").scrollIntoViewIfNeeded();
  await browser.screenshot("network-pane-result-350");

  // Written to the workbook: segments (chosen and current rows), assignments, the map and its chart.
  const networks = await browser.gridColumn("TierlineNetworkSegments", "Network");
  expect(networks.filter((n) => n === "Chosen")).toHaveLength(result.chosen.segments.length);
  expect(networks.filter((n) => n === "Current")).toHaveLength(result.chosen.segments.length);
  const kinds = await browser.gridColumn("TierlineNetworkMap", "Kind");
  expect(kinds.filter((k) => k === "DC open")).toHaveLength(result.chosen.open.length);
  expect(kinds.filter((k) => k === "DC closed")).toHaveLength(9 - result.chosen.open.length);
  await page.getByRole("img", { name: "Chart: Network map" }).waitFor();
  await page.getByRole("img", { name: "Chart: Network map" }).scrollIntoViewIfNeeded();
  await browser.screenshot("network-map-350");
  expect(await page.locator('svg[aria-label="Chart: Network map"] rect[width="14"]').count()).toBe(9);
  await expect(browser.layoutProblems()).resolves.toEqual([]);
});

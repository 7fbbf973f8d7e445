/**
 * Long work runs as a job on the service and the pane shows its progress
 * instead of holding a request open: in a real browser at 350 px, the
 * Segmentation pane's Reclassification starts a recommendation job, shows
 * the job's own progress labels while polling it, and reports its result;
 * the service lists the job as succeeded, started by the planner. The job's
 * status reads are held back a little (the real answers, later) so the
 * running state can be seen and photographed.
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

test("Reclassification runs as a job: its progress shows in the pane while it runs, then its result", async () => {
  const labels: string[] = [];
  await page.exposeFunction("recordStatus", (text: string) => labels.push(text));
  await page.evaluate(() => {
    const record = (window as unknown as { recordStatus: (t: string) => void }).recordStatus;
    new MutationObserver(() => document.querySelectorAll('[role="status"]').forEach((s) => record(s.textContent ?? ""))).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.route(/\/api\/v1\/jobs\/[0-9a-f-]{36}$/, async (route) => {
    await new Promise((r) => setTimeout(r, 700));
    await route.continue();
  });

  await browser.openPane("Segmentation");
  await page.getByRole("button", { name: "Reclassification" }).click();
  const panel = page.getByTestId("reclassification-panel");
  await panel.getByLabel("Margin past the boundary").fill("10%");
  await panel.getByRole("button", { name: "Generate recommendations" }).click();
  const status = panel.getByRole("status");
  await status.waitFor({ timeout: 15_000 });
  await status.scrollIntoViewIfNeeded();
  await browser.screenshot("job-progress-350");
  await panel.getByText("Recommendations generated", { exact: true }).waitFor({ timeout: 60_000 });
  await page.unroute(/\/api\/v1\/jobs\/[0-9a-f-]{36}$/);

  const jobs = (await service.api("GET", "/api/v1/jobs?kind=generateRecommendations")).body as { jobs: Job[] };
  expect(jobs.jobs).toHaveLength(1);
  const [job] = jobs.jobs;
  expect(job).toMatchObject({ status: "succeeded", createdBy: "test-planner" });
  expect(job.params).toMatchObject({ margin: 0.1, source: "rule" });
  // The pane showed the job's own steps (the service's labels), not only a spinner.
  expect(labels.some((l) => l.includes(job.progress!.label) || /Waiting for a free worker/.test(l))).toBe(true);
  expect(new Set(labels).size).toBeGreaterThan(1);
  await expect(browser.layoutProblems()).resolves.toEqual([]);
});

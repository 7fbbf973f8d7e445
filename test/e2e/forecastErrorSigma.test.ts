/**
 * The Safety stock pane takes σ from the latest forecast run (issue 22) at 350 px, on the small demo company: after
 * a forecast run, "σ from the latest forecast" writes ForecastMean (the forecast's weekly mean over the horizon)
 * and ForecastRmse (the one-week-ahead error sd, the run's errorSd[0]) beside the Products table, picks them, switches
 * to the forecast-error method, and the existing flow computes safety stock from them.
 * Screenshots land in test/artifacts/. Uses the build of `npm test` (dist/).
 */
import type { Page } from "playwright-core";
import { runForecastJob, type TestService } from "../service/harness";
import { PaneBrowser } from "./paneBrowser";

jest.setTimeout(120_000);

let service: TestService;
let browser: PaneBrowser;
let page: Page;

beforeAll(async () => {
  browser = await PaneBrowser.startOn("Safety stock");
  ({ page, service } = browser);
});

afterAll(async () => {
  await browser?.close();
});

test("a planner takes σ from the latest forecast run and computes forecast-error safety stock", async () => {
  const runId: string = (await runForecastJob(service, { horizon: 4, chunkSize: 25 })).result.runId;
  const rows = (await service.api("GET", `/api/v1/forecast-runs/${runId}/forecasts?limit=1000`, { token: service.tokens.viewer })).body.forecasts as Array<{
    productId: string;
    pattern: string;
    forecast: number[];
    errorSd: number[] | null;
    sigma: number | null;
  }>;
  const byId = new Map(rows.map((r) => [r.productId, r]));

  await page.getByRole("button", { name: "σ from the latest forecast" }).click();
  await browser.success("Forecast error written");
  const ids = await browser.gridColumn("Products", "ProductId");
  const means = (await browser.gridColumn("Products", "ForecastMean")).map(Number);
  const rmse = (await browser.gridColumn("Products", "ForecastRmse")).map(Number);
  let checked = 0;
  ids.forEach((id, i) => {
    const r = byId.get(id);
    if (!r) return;
    // The grid shows four decimals.
    expect(means[i]).toBeCloseTo(r.forecast.reduce((s, v) => s + v, 0) / r.forecast.length, 3);
    // A product without demand in the window (e.g. its account's sell-through replaced every shipment with 0) has no errors: 0.
    expect(rmse[i]).toBeCloseTo(r.errorSd ? r.errorSd[0] : 0, 3);
    if (!r.errorSd) expect(r.pattern).toBe("no demand");
    checked++;
  });
  expect(checked).toBeGreaterThan(0);
  await expect(page.getByRole("combobox", { name: "Method" }).innerText()).resolves.toContain("Forecast-error based");
  await expect(page.getByRole("combobox", { name: "Forecast error sd" }).innerText()).resolves.toContain("ForecastRmse");
  await browser.screenshot("forecast-error-sigma-350");

  await page.getByRole("button", { name: "Compute safety stock" }).click();
  await browser.success("Safety stock written");
  const ss = (await browser.gridColumn("Products", "SafetyStock")).map(Number);
  expect(ss.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
  await browser.screenshot("forecast-error-safety-stock-350");
  expect(await browser.layoutProblems()).toEqual([]);
  await browser.expectAccessible("forecast-error σ, 350 px");
});

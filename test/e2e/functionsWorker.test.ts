/**
 * The heavy TIER.* functions in a real browser (Debian's chromium through
 * playwright-core): the built dist/functions.js loaded into a localhost page
 * with a stand-in `CustomFunctions` that records `associate`, as the shared
 * runtime would load it. TIER.FORECAST "auto" over 4,500 series × 104 periods
 * is called as one recalculation would call it: with the functions worker the
 * page's main thread keeps ticking (a 5 ms heartbeat never stalls for 300 ms where
 * the in-thread run stalls over 500 ms, and the browser's Long Tasks API sees no task
 * of 200 ms: bounds with room for a loaded 2-core CI machine's scheduling),
 * without `Worker` the same calls compute in-thread, freeze the page, and give
 * the very same cells. Errors, #N/A cells and TIER.MEIO cross the worker with
 * the codes and messages the in-thread path gives, also when functions.js
 * comes from another origin than the page. Every request off localhost is aborted.
 *
 * Uses the build of `npm test` (dist/, or TIERLINE_DIST).
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

const distDir = process.env.TIERLINE_DIST ? path.resolve(process.env.TIERLINE_DIST) : path.resolve(__dirname, "../../dist");
const CHROMIUM = "/usr/bin/chromium";

/** A serialisable cell: a number or text, or an error's code and message. */
type Cell = number | string | boolean | null | { error: string; message: string };
interface Run {
  /** calls that returned a Promise (went to a worker) */
  promised: number;
  /** longest stall of the page's 5 ms heartbeat while the calls computed, ms */
  maxGap: number;
  /** longest main-thread task while the calls computed (Long Tasks API: 0 when none took over 50 ms), ms */
  longestTask: number;
  elapsed: number;
  results: Cell[][][];
}

/** The page: a CustomFunctions stand-in (like Excel's: Error with code and message, ErrorCode, associate), then functions.js from `scriptOrigin`. */
function pageHtml(scriptOrigin: string, withoutWorker: boolean): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>functions</title><script>
class CellError extends Error { constructor(code, message) { super(message); this.code = code; } }
window.registered = new Map();
window.CustomFunctions = {
  Error: CellError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" },
  associate(id, fn) { window.registered.set(id, fn); },
};
${withoutWorker ? "delete window.Worker;" : ""}
</script><script src="${scriptOrigin}/functions.js"></script></head><body><p>functions.js test page</p></body></html>`;
}

function startServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/page.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(pageHtml(url.searchParams.get("scripts") ?? "", url.searchParams.has("noworker")));
    }
    // A deployment that lost the worker bundle: functions-worker.js is not found beside functions.js.
    const missingWorker = url.searchParams.has("missing") || (req.headers.referer ?? "").includes("missing");
    const file = { "/functions.js": "functions.js", "/functions-worker.js": missingWorker ? undefined : "functions-worker.js" }[url.pathname];
    if (!file) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" });
    fs.createReadStream(path.join(distDir, file)).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ port: (server.address() as AddressInfo).port, close: () => new Promise<void>((done) => server.close(() => done())) })));
}

/** Deterministic demand: smooth, trending, seasonal and intermittent series in turn (a linear congruential generator). */
function demandSeries(count: number, periods: number): number[][][] {
  let seed = 20261203;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, (_, s) =>
    Array.from({ length: periods }, (_, t) => {
      switch (s % 4) {
        case 0:
          return [Math.round(50 + 10 * random())];
        case 1:
          return [Math.round(20 + 0.5 * t + 8 * random())];
        case 2:
          return [Math.round(40 + 15 * Math.sin((2 * Math.PI * t) / 13) + 5 * random())];
        default:
          return [random() < 0.3 ? Math.round(1 + 9 * random()) : 0];
      }
    }),
  );
}

/**
 * In the page: start a 5 ms heartbeat, then make every call in one task (as
 * one recalculation does), await them all, and report the heartbeat's longest
 * stall while they computed, with the cells made serialisable.
 */
async function callInPage(page: Page, calls: Array<[string, unknown[]]>): Promise<Run> {
  // One JSON string: Playwright serialises a nested argument value by value, which takes minutes for 200,000 cells.
  return page.evaluate(async (callsJson) => {
    const calls = JSON.parse(callsJson) as Array<[string, unknown[]]>;
    const registered = (window as unknown as { registered: Map<string, (...args: unknown[]) => unknown> }).registered;
    const beats: number[] = [];
    const heartbeat = setInterval(() => beats.push(performance.now()), 5);
    // The Long Tasks API: main-thread tasks over 50 ms, timed by the browser (start, duration).
    const longTasks: Array<{ startTime: number; duration: number }> = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map(({ startTime, duration }) => ({ startTime, duration }))));
    observer.observe({ type: "longtask" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const start = performance.now();
    const returned = calls.map(([id, args]) => registered.get(id)!(...args));
    const promised = returned.filter((r) => typeof (r as Promise<unknown> | undefined)?.then === "function").length;
    const results = (await Promise.all(returned)) as unknown[][][];
    const end = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    clearInterval(heartbeat);
    observer.disconnect();
    const longestTask = Math.max(0, ...longTasks.filter((t) => t.startTime + t.duration >= start && t.startTime <= end).map((t) => t.duration));
    let maxGap = 0;
    for (let i = 1; i < beats.length; i++) if (beats[i] >= start && beats[i - 1] <= end) maxGap = Math.max(maxGap, beats[i] - beats[i - 1]);
    const CellError = (window as unknown as { CustomFunctions: { Error: new (...args: unknown[]) => { code: string; message: string } } }).CustomFunctions.Error;
    const serialise = (cell: unknown) => (cell instanceof CellError ? { error: cell.code, message: cell.message } : cell);
    return { promised, maxGap, longestTask, elapsed: end - start, results: results.map((rows) => rows.map((row) => row.map(serialise))) } as Run;
  }, JSON.stringify(calls));
}

const describeBrowser = fs.existsSync(CHROMIUM) ? describe : describe.skip;

describeBrowser("the functions worker in Chromium", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let context: BrowserContext;
  let profile: string;
  const outsideRequests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    for (const file of ["functions.js", "functions-worker.js"]) {
      if (!fs.existsSync(path.join(distDir, file))) throw new Error(`${path.join(distDir, file)} is missing: run \`npm run build\` first (npm test does)`);
    }
    server = await startServer();
    profile = fs.mkdtempSync(path.join(os.tmpdir(), "tierline-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    await context.route("**/*", (route) => {
      const { hostname } = new URL(route.request().url());
      if (hostname === "localhost" || hostname === "127.0.0.1") return route.continue();
      outsideRequests.push(route.request().url());
      return route.abort();
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
    expect(outsideRequests).toEqual([]);
  });

  async function openPage(pageHost: string, scriptHost: string, withoutWorker: boolean, query = ""): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    const scripts = `http://${scriptHost}:${server.port}`;
    await page.goto(`http://${pageHost}:${server.port}/page.html?scripts=${encodeURIComponent(scripts)}${withoutWorker ? "&noworker" : ""}${query}`);
    await page.waitForFunction(() => (window as unknown as { registered: Map<string, unknown> }).registered.has("FORECAST"));
    expect(await page.evaluate(() => typeof Worker)).toBe(withoutWorker ? "undefined" : "function");
    return page;
  }

  // Heavy enough that the in-thread run stalls the page well past the worker run's bound even on an idle machine
  // (2,000 series stalled it only 440 ms there; 3,000 stalled it 493 ms in a quiet CI run, 2026-12-04).
  const SERIES = 4500;
  const heavy: Array<[string, unknown[]]> = demandSeries(SERIES, 104).map((history) => ["FORECAST", [history, "auto", 4, null, null, null]]);
  let inThread: Run;

  it(`TIER.FORECAST "auto" over ${SERIES} series × 104 periods in-thread: the same calls freeze the page without workers`, async () => {
    const page = await openPage("localhost", "localhost", true);
    inThread = await callInPage(page, heavy);
    await page.close();
    console.log(`in-thread: ${SERIES} series in ${Math.round(inThread.elapsed)} ms, main-thread max gap ${Math.round(inThread.maxGap)} ms, longest task ${Math.round(inThread.longestTask)} ms`);
    expect(inThread.promised).toBe(0);
    // The workload is heavy enough to matter: without the worker the page stalls for over half a
    // second, well past the worker run's bound below.
    expect(inThread.maxGap).toBeGreaterThan(500);
    // …and the browser sees it as one long task (so the Long Tasks measurement below is live).
    expect(inThread.longestTask).toBeGreaterThan(500);
    expect(inThread.results).toHaveLength(SERIES);
    for (const cells of inThread.results) {
      expect(cells).toHaveLength(4);
      for (const [value] of cells) expect(typeof value).toBe("number");
    }
  }, 240_000);

  it(`with the worker the page keeps ticking (max gap < 300 ms, against > 500 ms without it) and the ${SERIES} forecasts equal the in-thread ones`, async () => {
    const page = await openPage("localhost", "localhost", false);
    const run = await callInPage(page, heavy);
    const workers = await page.evaluate(() => navigator.hardwareConcurrency);
    await page.close();
    console.log(`worker (hardwareConcurrency ${workers}): ${SERIES} series in ${Math.round(run.elapsed)} ms, main-thread max gap ${Math.round(run.maxGap)} ms, longest task ${Math.round(run.longestTask)} ms`);
    expect(run.promised).toBe(SERIES);
    expect(run.maxGap).toBeLessThan(300);
    expect(run.longestTask).toBeLessThan(200);
    expect(inThread).toBeDefined();
    expect(run.results).toEqual(inThread.results);
    expect(pageErrors).toEqual([]);
  }, 240_000);

  // Errors, #N/A cells and MEIO's mixed rows, through the worker and in-thread.
  const stages = [
    ["Part", 2, 1, null, null, null],
    ["Assembly", 1, 3, null, null, null],
    ["Retail", 1, 5, 20, 0, null],
  ];
  const arcs = [
    ["Part", "Assembly"],
    ["Assembly", "Retail"],
  ];
  const col = (...values: unknown[]) => values.map((v) => [v]);
  const mixed: Array<[string, unknown[]]> = [
    ["FORECAST", [col(10, 12, 11), "ses", null, 0.5, null, null]],
    ["FORECAST", [col(1, "x", 3), "ses", null, null, null, null]],
    ["FORECAST", [col(1, -2, 3), "croston", null, null, null, null]],
    ["FORECAST", [col(1, 2), "arima", null, null, null, null]],
    ["FORECAST", [[[""]], "ses", null, null, null, null]],
    ["FORECAST", [col(1, 2, 3), "snaive", null, null, null, null]],
    ["FORECAST", [col(1e308, 1e308, 1e308, 1e308), "holt", 3, 1, 1, null]],
    ["FITTED", [col(0, 4, 0, 0, 2), "croston", 0.5, null, null]],
    ["FITTED", [col(1, 2), null, null, null, null]],
    ["FITTED", [demandSeries(1, 60)[0], "auto", null, null, null]],
    ["MEIO", [stages, arcs, 0.95]],
    ["MEIO", [stages, [["Part", "Nowhere"]], 0.95]],
    ["MEIO", [stages, arcs, 1.5]],
  ];

  it("cell errors, #N/A cells and TIER.MEIO cross the worker unchanged, with functions.js from another origin than the page", async () => {
    const threadPage = await openPage("localhost", "localhost", true);
    const expected = await callInPage(threadPage, mixed);
    await threadPage.close();
    // The page is http://127.0.0.1, functions.js comes from http://localhost: the worker bundle is found beside functions.js.
    const page = await openPage("127.0.0.1", "localhost", false);
    const run = await callInPage(page, mixed);
    await page.close();
    expect(run.promised).toBe(mixed.length);
    expect(run.results).toEqual(expected.results);
    // The cases are what they claim: errors with their messages, #N/A cells, a spilled MEIO table.
    expect(run.results[1]).toEqual([[{ error: "#VALUE!", message: 'history row 2: must be a number, got "x"' }]]);
    expect(run.results[7].slice(0, 2)).toEqual([[{ error: "#N/A", message: "" }], [{ error: "#N/A", message: "" }]]);
    expect(run.results[8]).toEqual([[{ error: "#N/A", message: "method: required" }]]);
    expect(run.results[10]).toHaveLength(3);
    expect(run.results[10].map((row) => row[0])).toEqual(["Part", "Assembly", "Retail"]);
    expect(run.results.filter((cells) => cells.flat().some((c) => typeof c === "object" && c !== null)).length).toBeGreaterThanOrEqual(8);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it("when the worker bundle cannot load, the calls still settle, computed in-thread, with the same cells", async () => {
    const threadPage = await openPage("localhost", "localhost", true);
    const expected = await callInPage(threadPage, mixed);
    await threadPage.close();
    const page = await openPage("localhost", "localhost", false, "&missing");
    const warnings: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "warning") warnings.push(message.text());
    });
    const run = await callInPage(page, mixed);
    await page.close();
    expect(run.promised).toBe(mixed.length);
    expect(run.results).toEqual(expected.results);
    expect(warnings).toEqual([expect.stringContaining("Tierline: computing on the pane's thread, the functions worker failed")]);
  }, 120_000);
});

/**
 * The TIER functions as Excel runs them: the built dist/functions.js (or
 * $TIERLINE_DIST/functions.js; run `npm run build` first) evaluated as a
 * classic script with a `CustomFunctions` global, then called with ranges as
 * Excel passes them.
 *
 * - tier-safetystock-100k: one TIER.SAFETYSTOCK call over 100,000-row columns
 *   (service level a single value). Target < 100 ms. Check: every row equals
 *   the shared kernel safetyStock() called on that row alone, exactly.
 * - tier-segment-10k: 10,000 TIER.SEGMENT cells of one recalculation against
 *   the live service on port 0 (SQLite, 10,000 products segmented through the
 *   import and approval paths). Target < 500 ms including the request. Check:
 *   every cell gets its segment, with exactly one HTTP request per run.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { safetyStock } from "../shared/src/inventory";
import { createRng } from "../shared/src/random";
import { associations } from "../test/setup/customFunctionsStub";
import { startTestService } from "../test/service/harness";
import { median, timeRuns, type BenchResult } from "./writeResult";

type Fn = (...args: unknown[]) => unknown;

let loaded = false;
/** Evaluate the bundle once in this realm; its associate calls land in the stub's map. */
function builtFunctions(): Map<string, Fn> {
  if (!loaded) {
    const dist = process.env.TIERLINE_DIST ? path.resolve(process.env.TIERLINE_DIST) : path.resolve(__dirname, "../dist");
    const file = path.join(dist, "functions.js");
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
    vm.runInThisContext(readFileSync(file, "utf8"), { filename: file });
    loaded = true;
  }
  return associations as Map<string, Fn>;
}

export function runSafetyStock(rows = 100_000): BenchResult {
  const fn = builtFunctions().get("SAFETYSTOCK")!;
  const rng = createRng(8);
  const demandMean: number[][] = [];
  const demandSd: number[][] = [];
  const leadTime: number[][] = [];
  const leadTimeSd: Array<[number | ""]> = [];
  for (let i = 0; i < rows; i++) {
    const d = Math.round(rng.lognormal(3, 1) * 10) / 10;
    demandMean.push([d]);
    demandSd.push([Math.round(d * (0.2 + rng.next()) * 10) / 10]);
    leadTime.push([1 + Math.floor(rng.next() * 8)]);
    // A quarter of the items have uncertain lead times; the rest leave the cell blank.
    leadTimeSd.push([rng.next() < 0.25 ? Math.round(rng.next() * 20) / 10 : ""]);
  }
  const serviceLevel = [[0.95]];
  let result: unknown[][] = [];
  const runs = timeRuns(() => {
    result = fn(demandMean, demandSd, leadTime, serviceLevel, leadTimeSd, null) as unknown[][];
  });
  let mismatches = 0;
  for (let i = 0; i < rows; i++) {
    const expected = safetyStock({ demandMean: demandMean[i][0], demandSd: demandSd[i][0], leadTime: leadTime[i][0], serviceLevel: 0.95, leadTimeSd: leadTimeSd[i][0] || 0, reviewPeriod: 0 });
    if (result[i]?.[0] !== expected) mismatches++;
  }
  return {
    name: "tier-safetystock-100k",
    size: { rows },
    runs_ms: runs.map((r) => +r.toFixed(2)),
    median_ms: +median(runs).toFixed(2),
    target_ms: 100,
    check: { passed: result.length === rows && mismatches === 0, detail: `${result.length} rows spilled; ${mismatches} differ from safetyStock() on the row alone (exact comparison)` },
  };
}

export async function runSegments(cells = 10_000, runsWanted = 7): Promise<BenchResult> {
  const t = await startTestService("sqlite", { demo: false });
  const realFetch = globalThis.fetch;
  const globals = globalThis as unknown as Record<string, unknown>;
  const previousRuntime = globals.OfficeRuntime;
  try {
    const ids = Array.from({ length: cells }, (_, i) => `P${String(i).padStart(5, "0")}`);
    const csv = ["product_id,name,category,unit_price,unit_cost,supplier_id,lifecycle", ...ids.map((id, i) => `${id},Item ${i},c,10,6,S1,active`)].join("\n");
    const fd = new FormData();
    fd.set("kind", "products");
    fd.set("file", new Blob([csv]), "products.csv");
    if ((await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: fd as never })).status !== 201) throw new Error("import failed");
    const segments = ["AX", "BY", "CZ"];
    const changes = ids.map((entityId, i) => ({ entityId, segment: segments[i % 3] }));
    const cr = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes, justification: "benchmark segments" } });
    await t.api("POST", `/api/v1/change-requests/${cr.body.id}/approve`, { token: t.tokens.approver, body: { reason: "benchmark", expectedVersion: 0 } });

    const storage = new Map([
      ["tierline.serviceUrl", t.url],
      ["tierline.token", t.tokens.viewer],
    ]);
    globals.OfficeRuntime = { storage: { getItem: async (k: string) => storage.get(k) ?? null, setItem: async (k: string, v: string) => void storage.set(k, v) } };
    let requests = 0;
    globalThis.fetch = (input, init) => {
      requests++;
      return realFetch(input, init);
    };
    const fn = builtFunctions().get("SEGMENT")!;
    // No version given: every recalculation asks the service (only explicit versions are cached).
    const recalculate = () => Promise.all(ids.map((id) => fn([[id]], null, null, { onCanceled: undefined }) as Promise<unknown[][]>));

    await recalculate(); // warm-up: JIT and the service's first query
    const runs: number[] = [];
    let wrong = 0;
    let requestsPerRun = new Set<number>();
    for (let r = 0; r < runsWanted; r++) {
      requests = 0;
      const start = process.hrtime.bigint();
      const results = await recalculate();
      runs.push(Number(process.hrtime.bigint() - start) / 1e6);
      requestsPerRun.add(requests);
      results.forEach((cell, i) => {
        if (cell[0][0] !== segments[i % 3]) wrong++;
      });
    }
    requestsPerRun = new Set([...requestsPerRun]);
    return {
      name: "tier-segment-10k",
      size: { cells },
      runs_ms: runs.map((r) => +r.toFixed(2)),
      median_ms: +median(runs).toFixed(2),
      target_ms: 500,
      check: {
        passed: wrong === 0 && requestsPerRun.size === 1 && requestsPerRun.has(1),
        detail: `${wrong} of ${cells * runsWanted} cells wrong; HTTP requests per recalculation: ${[...requestsPerRun].join(", ")}`,
      },
      notes: "service on 127.0.0.1 port 0, SQLite store, in this process; time from the first cell's call to the last cell's answer",
    };
  } finally {
    globalThis.fetch = realFetch;
    globals.OfficeRuntime = previousRuntime;
    await t.close();
  }
}

export const benchmarks = {
  "tier-safetystock-100k": () => runSafetyStock(),
  "tier-segment-10k": () => runSegments(),
};

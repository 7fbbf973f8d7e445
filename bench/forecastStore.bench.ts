/**
 * `forecast-store-1m`: the forecastProducts job over a PostgreSQL store of
 * 1,000,000 products × 104 weeks of order lines (a third smooth, a third
 * seasonal, a third intermittent; generated inside PostgreSQL by
 * children/forecastStoreData.ts, not timed). Each worker count W runs in a
 * fresh child process with W in-process chunk workers (pg-boss, one job at a
 * time each) on this one machine: measured are the job's wall time from
 * start to succeeded, series per second, series per second per worker, and
 * the child's peak RSS (PostgreSQL's own memory is not in it). The check:
 * every product got exactly one stored forecast.
 *
 * A worker count written NxP (`1x2`) runs P processes of N workers each
 * instead: the job's process and P − 1 more instances with chunk workers only,
 * as service instances on one database would.
 *
 * Options: --products N (default 1000000), --weeks N (104), --workers 1,2,1x2,
 * --merge (keep the figures of worker counts not run now from the last result file),
 * --chunk N (2000), --reuse (keep the database when it already holds that
 * many products, since generating 1M × 104 takes ~10 minutes),
 * TIERLINE_BENCH_PG (default postgres://postgres@127.0.0.1:5432/test) names the server.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createForecastStore } from "./children/forecastStoreData";
import { resultsDir, type BenchResult } from "./writeResult";

const root = path.resolve(__dirname, "..");
const tsxHook = path.join(root, "node_modules/tsx/dist/cjs/index.cjs");

interface Measure {
  total_ms: number;
  chunks_here: number;
  series: number;
  chunks: number;
  methods: Record<string, number>;
  peak_rss_mb: number;
  baseline_rss_mb: number;
}

function runChild(script: string, env: Record<string, string>, started?: (child: ChildProcess) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--require", tsxHook, script], { cwd: root, env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    started?.(child);
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString();
      process.stderr.write(c);
    });
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(script)} exited with ${code}: ${err.slice(-2000)}`))));
  });
}

async function productsStored(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    // The generator numbers products 0 … N−1: the last id tells N without a distinct count over 10⁸ rows.
    const r = await c.query<{ last: string | null }>("SELECT max(product_id) AS last FROM order_lines");
    return r.rows[0]?.last ? Number(r.rows[0].last.slice(1)) + 1 : 0;
  } catch {
    return 0;
  } finally {
    await c.end().catch(() => {});
  }
}

export async function run(options: Record<string, string>): Promise<BenchResult> {
  const products = Number(options.products ?? 1_000_000);
  const weeks = Number(options.weeks ?? 104);
  const workers = (options.workers ?? "1,2,1x2").split(",");
  const chunk = Number(options.chunk ?? 2000);
  const server = new URL(process.env.TIERLINE_BENCH_PG ?? "postgres://postgres@127.0.0.1:5432/test");
  server.pathname = `/tierline_fcst_${products >= 1_000_000 ? `${products / 1_000_000}m` : products}`;
  const url = server.toString();
  let generateMs = 0;
  if (!(options.reuse && (await productsStored(url)) === products)) {
    const start = Date.now();
    await createForecastStore(url, products, weeks, (line) => process.stderr.write(`${line}\n`));
    generateMs = Date.now() - start;
  }
  const measures: Array<Measure & { spec: string; workers: number; instance_rss_mb: number[] }> = [];
  const script = path.join(__dirname, "children/forecastStoreRun.ts");
  for (const spec of workers) {
    const [perProcess, processes] = spec.includes("x") ? spec.split("x").map(Number) : [Number(spec), 1];
    process.stderr.write(`forecast-store: ${products} products, ${processes} process(es) × ${perProcess} worker(s)\n`);
    const helpers: ChildProcess[] = [];
    const helperOut: Array<Promise<string>> = [];
    for (let i = 1; i < processes; i++) helperOut.push(runChild(script, { DATABASE_URL: url, WORKERS: String(perProcess), ROLE: "worker" }, (c) => helpers.push(c)));
    const out = await runChild(script, { DATABASE_URL: url, WORKERS: String(perProcess), CHUNK_SIZE: String(chunk) });
    for (const h of helpers) h.stdin?.end();
    const instances = (await Promise.all(helperOut)).map((o) => JSON.parse(o.trim().split("\n").at(-1)!) as { peak_rss_mb: number });
    measures.push({ ...(JSON.parse(out.trim().split("\n").at(-1)!) as Measure), spec, workers: perProcess * processes, instance_rss_mb: instances.map((i) => i.peak_rss_mb) });
  }
  const previous = options.merge && existsSync(path.join(resultsDir, "forecast-store-1m.json")) ? (JSON.parse(readFileSync(path.join(resultsDir, "forecast-store-1m.json"), "utf8")) as BenchResult) : undefined;
  const size: Record<string, number> = { ...(previous?.size ?? {}), products, weeks, chunk_size: chunk };
  const lines: string[] = previous ? previous.check.detail.split("; ").filter((l) => /^W=/.test(l) && !measures.some((m) => l.startsWith(`W=${m.spec}:`))) : [];
  for (const m of measures) {
    const rate = m.series / (m.total_ms / 1000);
    const key = `w${m.spec}`;
    size[`${key}_total_ms`] = m.total_ms;
    size[`${key}_series_per_s`] = Math.round(rate);
    size[`${key}_series_per_s_per_worker`] = Math.round(rate / m.workers);
    size[`${key}_peak_rss_mb`] = Math.max(m.peak_rss_mb, ...m.instance_rss_mb);
    lines.push(
      `W=${m.spec}: ${(m.total_ms / 1000).toFixed(0)} s, ${Math.round(rate)} series/s, ${Math.round(rate / m.workers)} series/s per worker, peak RSS ${m.peak_rss_mb} MB${m.instance_rss_mb.length ? ` (other instances ${m.instance_rss_mb.join(", ")} MB; this one ran ${m.chunks_here} of ${m.chunks} chunks)` : ""} (methods ${JSON.stringify(m.methods)})`,
    );
  }
  const complete = measures.every((m) => m.series === products);
  return {
    name: "forecast-store-1m",
    size,
    runs_ms: measures.map((m) => m.total_ms),
    // The first worker count's time: one worker's wall time over the whole store.
    median_ms: measures[0]?.total_ms ?? 0,
    check: { passed: complete, detail: `${lines.join("; ")}; ${complete ? "every product has one forecast" : `stored ${measures.map((m) => m.series).join(", ")} of ${products}`}` },
    notes: `In-process workers share one Node thread, so a second worker overlaps SQL with forecasting rather than doubling compute; instances add processes (docs/forecast-batch.md).${generateMs ? ` Generating the store took ${Math.round(generateMs / 1000)} s.` : " The store was reused (--reuse)."}`,
  };
}

export const benchmarks = { "forecast-store-1m": (options: Record<string, string>) => run(options) };

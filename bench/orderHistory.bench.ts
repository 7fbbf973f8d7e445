/**
 * `recommendations-5m-lines`: a company with 5,000,000 order lines (`--lines`
 * to change it; CI can run it small or not at all), loaded into a fresh
 * SQLite file and, with `--stores sqlite,postgres`, a fresh PostgreSQL
 * database (TIERLINE_BENCH_PG, default postgres://postgres@127.0.0.1:5432/test
 * as the admin connection) through the store's bulk insert. Timed: rule
 * recommendations for products and customers, the KPI report for both, an
 * ABC-XYZ segmentation run, each in a child process whose peak RSS
 * (process.resourceUsage().maxRSS) is the figure: the order history is summed
 * in the database, so memory follows entities × weeks, not lines.
 * `--before DIR` runs the same child on the use cases of another checkout
 * (e.g. an export of the commit before the sums moved into SQL) on the same
 * database, for the before figures. Target: within a 2-core, 24 GiB machine
 * with headroom, read as a peak RSS under 4 GiB.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { BenchResult } from "./writeResult";

const root = path.resolve(__dirname, "..");
const tsxHook = path.join(root, "node_modules/tsx/dist/cjs/index.cjs");
const PEAK_RSS_LIMIT_MB = 4096;

interface Measure {
  total_ms: number;
  steps: Record<string, number>;
  counts: Record<string, number>;
  peak_rss_mb: number;
  baseline_rss_mb: number;
}

export function runChild(script: string, env: Record<string, string>, nodeFlags: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, "--require", tsxHook, script], { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(script)} exited with ${code}: ${err.slice(-2000)}`))));
  });
}

export async function freshDatabase(store: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (store === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "tierline-5m-"));
    return { url: `sqlite:${path.join(dir, "bench.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = process.env.TIERLINE_BENCH_PG ?? "postgres://postgres@127.0.0.1:5432/test";
  const name = `tierline_bench_${process.pid}`;
  const query = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await query(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function run(options: Record<string, string>): Promise<BenchResult> {
  const lines = Number(options.lines ?? 5_000_000);
  const stores = (options.stores ?? "sqlite").split(",");
  const demo = { products: Number(options.products ?? 2000), customers: Number(options.customers ?? 500), weeks: Number(options.weeks ?? 104) };
  const results: Record<string, { load_ms: number; after: Measure; before?: Measure | { error: string } }> = {};
  for (const store of stores) {
    const db = await freshDatabase(store);
    try {
      const loaded = await runChild(path.join(__dirname, "children/loadOrderHistory.ts"), { DATABASE_URL: db.url, LINES: String(lines), DEMO: JSON.stringify(demo) });
      const loadMs = Number(loaded.trim().split(" ")[2]);
      const measure = async (checkout: string, nodeFlags: string[] = []) =>
        JSON.parse((await runChild(path.join(__dirname, "children/recommendationsAtScale.ts"), { DATABASE_URL: db.url, ROOT: checkout }, nodeFlags)).trim()) as Measure;
      // Node's default heap limit: the peak RSS is what the path needs, not what a generous limit lets it keep.
      const after = await measure(root);
      let before: Measure | { error: string } | undefined;
      // The line-by-line path holds every line: it gets a 16 GiB heap so it finishes and its peak can be read.
      if (options.before) before = await measure(path.resolve(options.before), ["--max-old-space-size=16384"]).catch((error: Error) => ({ error: error.message.slice(0, 500) }));
      results[store] = { load_ms: loadMs, after, before };
      // A long run on several stores: each store's figures as soon as they exist.
      console.error(`${store}: ${JSON.stringify(results[store])}`);
    } finally {
      await db.drop();
    }
  }
  const afters = Object.values(results).map((r) => r.after);
  const peak = Math.max(...afters.map((a) => a.peak_rss_mb));
  const describe = (m: Measure | { error: string } | undefined) =>
    !m ? "not run" : "error" in m ? `failed: ${m.error.split("\n")[0]}` : `${(m.total_ms / 1000).toFixed(1)} s, peak RSS ${m.peak_rss_mb.toLocaleString("en-US")} MB`;
  return {
    name: "recommendations-5m-lines",
    size: { lines, ...demo },
    runs_ms: afters.map((a) => a.total_ms),
    median_ms: afters[0].total_ms,
    check: {
      passed: peak <= PEAK_RSS_LIMIT_MB && afters.every((a) => a.counts.kpi_product > 0 && a.counts.segmentation_abc_xyz === demo.products),
      detail:
        Object.entries(results)
          .map(([store, r]) => `${store}: ${describe(r.after)}${r.before ? ` (before: ${describe(r.before)})` : ""}`)
          .join("; ") + ` (peak RSS limit ${PEAK_RSS_LIMIT_MB.toLocaleString("en-US")} MB)`,
    },
    notes: JSON.stringify(results),
  };
}

export const benchmarks = { "recommendations-5m-lines": (options: Record<string, string>) => run(options) };

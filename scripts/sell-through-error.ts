/**
 * Forecast error with each demand signal on the demo company (issue 23):
 * the demo is loaded into a scratch SQLite store as `npm start` loads it,
 * then for each forecast origin the service's own forecast chunk forecasts
 * the products the sell-through accounts buy twice from the history up to
 * the origin: once on shipments alone, once with the sell-through of the
 * accounts whose customer-segment policy asks for it. Both are scored on
 * the weeks after the origin against what the supply chain must serve, the
 * consumption: the feed accounts' sell-through plus every other customer's
 * shipments (the only record of their demand), rebuilt from the generator
 * rather than read back from the store.
 *
 * Error: WAPE = Σ|F − A| / Σ A over products × weeks (pooled), and bias
 * Σ(F − A) / Σ A (Hyndman & Koehler 2006, on scale-free measures).
 *
 *   npx tsx scripts/sell-through-error.ts [--horizon 13] [--origins 78,91]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateDemoCompany, generateSellThrough } from "../shared/src/demo";
import { loadDemoCompany } from "../service/src/demo/loadDemo";
import { forecastRowsOf, insertForecastRun } from "../service/src/store/forecasts";
import { migrateToLatest } from "../service/src/store/migrations";
import { openDatabase } from "../service/src/store/openDatabase";
import { currentPolicyVersion } from "../service/src/store/policyVersions";
import { currentVersion } from "../service/src/store/versions";
import type { ServiceContext } from "../service/src/useCases/context";
import { forecastChunk } from "../service/src/useCases/forecastChunk";

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Score {
  absolute: number;
  signed: number;
  actual: number;
  products: number;
}
const empty = (): Score => ({ absolute: 0, signed: 0, actual: 0, products: 0 });
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

async function forecastFrom(ctx: ServiceContext, products: string[], origin: number, horizon: number, customerVersion: number): Promise<Map<string, { forecast: number[]; signal: string | null; method: string }>> {
  const runId = crypto.randomUUID();
  await insertForecastRun(ctx.db, {
    id: runId,
    version: 1_000_000 + origin * 2 + (customerVersion ? 1 : 0),
    job_id: "script",
    horizon,
    params: "{}",
    first_week: 1,
    last_week: origin,
    series_count: 0,
    chunks_total: 1,
    chunks_done: 0,
    status: "running",
    error: null,
    created_at: ctx.now().toISOString(),
    created_by: "sell-through-error",
    finished_at: null,
  });
  await forecastChunk(
    ctx,
    {
      runId,
      first: products[0],
      last: products[products.length - 1],
      productIds: products,
      horizon,
      firstWeek: 1,
      lastWeek: origin,
      productVersion: await currentVersion(ctx.db, "product"),
      policyVersion: await currentPolicyVersion(ctx.db),
      customerVersion,
    },
    { progress: async () => {} },
  );
  const { rows } = await forecastRowsOf(ctx.db, runId, { limit: products.length + 1, offset: 0 });
  return new Map(rows.map((r) => [r.product_id, { forecast: JSON.parse(r.forecast) as number[], signal: r.signal ?? null, method: r.method }]));
}

async function main() {
  const horizon = Number(argument("--horizon") ?? 13);
  const company = generateDemoCompany();
  const weeks = company.settings.weeks;
  const origins = (argument("--origins") ?? `${weeks - 2 * horizon},${weeks - horizon}`).split(",").map(Number);
  const feed = generateSellThrough(company);

  // The consumption, from the generator: feed accounts' sales in the weeks their feeds cover, everyone else's shipments.
  const covers = new Map(feed.accounts.map((a) => [a.customerId, a]));
  const consumption = new Map<string, Float64Array>();
  const series = (p: string) => consumption.get(p) ?? consumption.set(p, new Float64Array(weeks)).get(p)!;
  const fed = new Map<string, Float64Array>();
  for (const l of company.orderLines) {
    const a = covers.get(l.customerId);
    if (!a || l.week < a.firstWeek || l.week > a.lastWeek) series(l.productId)[l.week - 1] += l.quantity;
  }
  for (const r of feed.rows) {
    series(r.productId)[r.week - 1] += r.units;
    (fed.get(r.productId) ?? fed.set(r.productId, new Float64Array(weeks)).get(r.productId)!)[r.week - 1] += r.units;
  }
  const products = [...new Set(company.orderLines.filter((l) => covers.has(l.customerId)).map((l) => l.productId))].sort();

  const dir = mkdtempSync(path.join(tmpdir(), "tierline-sellthrough-"));
  const { db, dialect } = openDatabase(`sqlite:${path.join(dir, "demo.db")}`, () => {}, { statementTimeoutMs: 0 });
  try {
    await migrateToLatest(db as never, dialect);
    const ctx: ServiceContext = { db, dialect, now: () => new Date() };
    const started = Date.now();
    await loadDemoCompany(ctx);
    console.log(`Demo company loaded in ${((Date.now() - started) / 1000).toFixed(1)} s; ${feed.accounts.length} accounts report sell-through (${feed.rows.length.toLocaleString("en-US")} rows):`);
    for (const a of feed.accounts) console.log(`  ${a.customerId}: weeks ${a.firstWeek}–${a.lastWeek}, shipments ${a.lagWeeks} week${a.lagWeeks === 1 ? "" : "s"} behind its sales`);
    const customerVersion = await currentVersion(db, "customer");
    console.log(`${products.length} products bought by them; horizon ${horizon} weeks from origins ${origins.join(", ")}; error against consumption.\n`);

    const groups = ["all their products", "feed ≥ 50 % of consumption", "feed < 50 % of consumption"];
    const table: Array<{ origin: string; group: string; shipments: Score; sellThrough: Score }> = [];
    const total = groups.map(() => ({ shipments: empty(), sellThrough: empty() }));
    const signals = new Map<string, number>();
    for (const origin of origins) {
      const bySignal = {
        shipments: await forecastFrom(ctx, products, origin, horizon, 0),
        sellThrough: await forecastFrom(ctx, products, origin, horizon, customerVersion),
      };
      const scores = groups.map(() => ({ shipments: empty(), sellThrough: empty() }));
      for (const p of products) {
        const actual = series(p).subarray(origin, Math.min(weeks, origin + horizon));
        const a = actual.reduce((s, x) => s + x, 0);
        // Grouped on what was known at the origin (the feed's share of the product's consumption since the feeds began), not on the outcome.
        const since = Math.min(...feed.accounts.map((x) => x.firstWeek)) - 1;
        const reported = (fed.get(p) ?? new Float64Array(weeks)).subarray(since, origin).reduce((s, x) => s + x, 0);
        const consumed = series(p)
          .subarray(since, origin)
          .reduce((s, x) => s + x, 0);
        const inGroups = [0, consumed > 0 && reported / consumed >= 0.5 ? 1 : 2];
        for (const kind of ["shipments", "sellThrough"] as const) {
          const f = bySignal[kind].get(p);
          if (!f) continue;
          if (kind === "sellThrough") signals.set(f.signal ?? "null", (signals.get(f.signal ?? "null") ?? 0) + 1);
          let absolute = 0;
          let signed = 0;
          actual.forEach((x, h) => {
            absolute += Math.abs(f.forecast[h] - x);
            signed += f.forecast[h] - x;
          });
          for (const g of inGroups) {
            for (const s of [scores[g][kind], total[g][kind]]) {
              s.absolute += absolute;
              s.signed += signed;
              s.actual += a;
              s.products++;
            }
          }
        }
      }
      groups.forEach((group, g) => scores[g].shipments.products && table.push({ origin: String(origin), group, ...scores[g] }));
    }
    groups.forEach((group, g) => total[g].shipments.products && origins.length > 1 && table.push({ origin: "pooled", group, ...total[g] }));

    console.log("| Origin | Products | Series | WAPE on shipments | WAPE with sell-through | Bias on shipments | Bias with sell-through |");
    console.log("|---|---|---|---|---|---|---|");
    for (const row of table) {
      const { shipments: s, sellThrough: t } = row;
      console.log(`| ${row.origin} | ${row.group} | ${s.products} | ${pct(s.absolute / s.actual)} | ${pct(t.absolute / t.actual)} | ${pct(s.signed / s.actual)} | ${pct(t.signed / t.actual)} |`);
    }
    console.log(`\nSignals recorded on the sell-through runs: ${[...signals].map(([k, v]) => `${k} ${v}`).join(", ")}.`);
    console.log("(Feed share: the feed accounts' share of a product's consumption from the first feed week to the origin.)");
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});

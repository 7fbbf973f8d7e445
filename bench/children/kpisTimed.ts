/**
 * Child of the `kpis-demo` and `kpis-1m-lines` benchmarks: on DATABASE_URL
 * (loaded first with the demo company when LOAD_DEMO is set) times, in one
 * process, the plain SQL aggregation of the order history (GROUP BY product ×
 * week, what every KPI path reads at least once), the KPI report computed
 * afresh (product and customer), and the report as GET /kpis serves it
 * (cached per data version: the first call computes, the rest are hits).
 * Prints one JSON line.
 */
// eslint-disable-next-line no-restricted-imports -- the baseline is the bare GROUP BY itself, not a store loader around it
import { sql } from "kysely";
import { loadDemoCompany } from "../../service/src/demo/loadDemo";
import { migrateToLatest } from "../../service/src/store/migrations";
import { openDatabase } from "../../service/src/store/openDatabase";
import { cachedKpiReport, kpiReport } from "../../service/src/useCases/kpiReport";

const RUNS = 5;

async function main() {
  const { db, dialect } = openDatabase(process.env.DATABASE_URL!, () => {}, { statementTimeoutMs: 0 });
  await migrateToLatest(db as never, dialect);
  const demo = JSON.parse(process.env.DEMO ?? "{}") as { products?: number; customers?: number; weeks?: number };
  let loadMs = 0;
  if (process.env.LOAD_DEMO) {
    const started = Date.now();
    await loadDemoCompany({ db, dialect, now: () => new Date() }, demo);
    loadMs = Date.now() - started;
  }
  const time = async (fn: () => Promise<unknown>) => {
    const start = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const runs = async (fn: () => Promise<unknown>, n = RUNS) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(await time(fn));
    return out;
  };
  const product = { dimension: "product" as const, maxCostToServePct: 0.12, maxWape: 0.5 };
  const customer = { dimension: "customer" as const, maxCostToServePct: 0.12, maxWape: 0.5 };
  const lines = Number((await sql<{ n: number }>`select count(*) as n from order_lines`.execute(db)).rows[0].n);
  const bare = await runs(() => sql`select product_id, week, sum(qty) as units from order_lines group by product_id, week`.execute(db));
  const coldProduct = await runs(() => kpiReport(db, product), 3);
  const coldCustomer = await runs(() => kpiReport(db, customer), 3);
  const firstGet = await time(() => cachedKpiReport(db, product));
  const cachedGet = await runs(() => cachedKpiReport(db, product), 7);
  const report = await kpiReport(db, product);
  const measured = report.segments.flatMap((s) => s.kpis).filter((k) => k.basis === "measured").length;
  process.stdout.write(
    JSON.stringify({
      lines,
      load_ms: loadMs,
      bare_group_by_ms: median(bare),
      cold_product_ms: median(coldProduct),
      cold_customer_ms: median(coldCustomer),
      first_get_ms: firstGet,
      cached_get_ms: median(cachedGet),
      segments: report.segments.length,
      measured_values: measured,
    }) + "\n",
  );
  await db.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

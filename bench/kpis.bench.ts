/**
 * `kpis-demo` and `kpis-1m-lines`: GET /kpis on the demo company (2,000
 * products, 500 customers, 104 weeks) and on a company of 1,000,000 order
 * lines (`--lines`), on a fresh SQLite file and, with `--stores
 * sqlite,postgres`, a fresh PostgreSQL database. Each child times in the
 * same run the plain SQL aggregation (GROUP BY product × week over the order
 * history), the KPI report computed afresh, and the report as the route
 * serves it (cached per data version); the figure is the served report, the
 * ratio to the plain aggregation is reported for both. Targets: demo < 1 s,
 * 1M lines < 5 s.
 */
import path from "node:path";
import { freshDatabase, runChild } from "./orderHistory.bench";
import type { BenchResult } from "./writeResult";

interface Timed {
  lines: number;
  load_ms: number;
  bare_group_by_ms: number;
  cold_product_ms: number;
  cold_customer_ms: number;
  first_get_ms: number;
  cached_get_ms: number;
  segments: number;
  measured_values: number;
}

async function measure(name: string, options: Record<string, string>, lines: number | null, targetMs: number): Promise<BenchResult> {
  const stores = (options.stores ?? "sqlite").split(",");
  const demo = { products: Number(options.products ?? 2000), customers: Number(options.customers ?? 500), weeks: Number(options.weeks ?? 104) };
  const results: Record<string, Timed> = {};
  for (const store of stores) {
    const db = await freshDatabase(store);
    try {
      if (lines !== null) await runChild(path.join(__dirname, "children/loadOrderHistory.ts"), { DATABASE_URL: db.url, LINES: String(lines), DEMO: JSON.stringify(demo) });
      const env: Record<string, string> = { DATABASE_URL: db.url, DEMO: JSON.stringify(demo), ...(lines === null ? { LOAD_DEMO: "1" } : {}) };
      results[store] = JSON.parse((await runChild(path.join(__dirname, "children/kpisTimed.ts"), env)).trim()) as Timed;
      console.error(`${name} ${store}: ${JSON.stringify(results[store])}`);
    } finally {
      await db.drop();
    }
  }
  const ms = (x: number) => `${Math.round(x).toLocaleString("en-US")} ms`;
  const ratio = (x: number, bare: number) => `${(x / bare).toFixed(1)}× the plain GROUP BY`;
  const all = Object.values(results);
  return {
    name,
    size: { lines: all[0].lines, ...demo },
    runs_ms: all.map((r) => r.cached_get_ms),
    median_ms: Math.max(...all.map((r) => r.first_get_ms)),
    target_ms: targetMs,
    check: {
      passed: all.every((r) => r.segments > 0 && r.measured_values > 0),
      detail: Object.entries(results)
        .map(
          ([store, r]) =>
            `${store}: first GET ${ms(r.first_get_ms)} (${ratio(r.first_get_ms, r.bare_group_by_ms)}), cached GET ${ms(r.cached_get_ms)}, report afresh product ${ms(r.cold_product_ms)} / customer ${ms(r.cold_customer_ms)}, plain GROUP BY ${ms(r.bare_group_by_ms)}; ${r.measured_values} measured values`,
        )
        .join("; "),
    },
    notes: JSON.stringify(results),
  };
}

export const benchmarks = {
  "kpis-demo": (options: Record<string, string>) => measure("kpis-demo", options, null, 1000),
  "kpis-1m-lines": (options: Record<string, string>) => measure("kpis-1m-lines", options, Number(options.lines ?? 1_000_000), 5000),
};

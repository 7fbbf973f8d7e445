/**
 * atp-route-100k: allocated ATP over 100,000 stored open order lines through
 * GET /api/v1/fulfilment/atp on a real service (SQLite): 2,000 products with
 * on hand in a stock snapshot and a receipt due for half of them, 500
 * customers in four tiers (approved as a customer version), a policy table
 * with a promised lead time per tier, and the rule tables. Timed: the request
 * (store reads, allocation of every line, totals, the first page of 1,000
 * lines) as a client sees it. Checked: every line is accounted for
 * (promised + shortfall = requested), no product promises more than its
 * supply, and some products are short (the allocation path is exercised).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import type { AtpReport } from "../shared/src/api";
import { createRng } from "../shared/src/random";
import type { Actor } from "../service/src/auth/actor";
import { issueToken } from "../service/src/auth/tokens";
import { configSchema } from "../service/src/config";
import { startService } from "../service/src/service";
import { approveChangeRequest, createAssignmentChangeRequest, createPolicyChangeRequest } from "../service/src/useCases/changeRequests";
import { replaceFulfilmentRules } from "../service/src/useCases/fulfilmentRules";
import { importRows } from "../service/src/useCases/imports";
import { median, type BenchResult } from "./writeResult";

const loader: Actor = { tokenId: null, subject: "bench", name: "bench", role: "admin" };
const approver: Actor = { tokenId: null, subject: "bench-approver", name: "bench approver", role: "approver" };
const TIERS = ["Strategic", "Key", "Core", "Transactional"];
const POLICY = { cycleServiceLevel: 0.95, targetFillRate: 0.95, reviewPeriodDays: 7, forecastMethod: "auto", inventoryTurnsTarget: 6, supplyMode: "pull", ownerFunction: "supply chain" };
const day = (d: number) => new Date(Date.UTC(2026, 11, 1) + d * 86_400_000).toISOString().slice(0, 10);

function company(lines: number, products: number, customers: number, seed = 19) {
  const rng = createRng(seed);
  const productRows = Array.from({ length: products }, (_, i) => ({ product_id: `P${i + 1}`, name: `Product ${i + 1}`, category: "c", unit_price: "10", unit_cost: "6", supplier_id: "S1", lifecycle: "active" }));
  const customerRows = Array.from({ length: customers }, (_, i) => ({ customer_id: `C${i + 1}`, name: `Customer ${i + 1}`, region: "Bench", strategic: i % 50 === 0 ? "true" : "false" }));
  const demand = new Float64Array(products);
  const orderRows = Array.from({ length: lines }, (_, i) => {
    const p = Math.floor(rng.next() * products);
    const qty = 1 + Math.round(rng.lognormal(Math.log(8), 0.8));
    demand[p] += qty;
    return {
      order_id: `SO${Math.floor(i / 4) + 1}`,
      line: String((i % 4) + 1),
      customer_id: `C${rng.int(1, customers)}`,
      product_id: `P${p + 1}`,
      quantity: String(qty),
      requested_date: day(rng.int(1, 21)),
      weight_kg: String(qty * 2),
    };
  });
  // On hand 40–110 % of the open demand, half the products with a receipt of a further 0–30 %: about a third end up short.
  const stockRows = productRows.map((p, i) => ({ product_id: p.product_id, location: "DC1", date: "2026-11-30", qty: String(Math.round(demand[i] * (0.4 + 0.7 * rng.next()))), value: "0" }));
  const receiptRows = productRows
    .filter(() => rng.next() < 0.5)
    .map((p) => ({ product_id: p.product_id, date: day(rng.int(3, 14)), quantity: String(Math.round(demand[Number(p.product_id.slice(1)) - 1] * 0.3 * rng.next())) }));
  return { productRows, customerRows, orderRows, stockRows, receiptRows };
}

export async function runAtpRoute(lines = 100_000, products = 2_000, customers = 500): Promise<BenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tierline-bench-atp-"));
  const config = configSchema.parse({ PORT: 0, DATABASE_URL: `sqlite:${path.join(dir, "bench.db")}`, TIERLINE_DEMO: "false", RATE_LIMIT_PER_MINUTE: "0", AUTH_FAILURES_PER_MINUTE: "0", LOG_LEVEL: "warn" });
  const service = await startService(config, { logger: pino({ level: "silent" }), now: () => new Date("2026-12-01T08:00:00Z") });
  try {
    const ctx = service.ctx;
    const data = company(lines, products, customers);
    await importRows(ctx, loader, "suppliers", [{ supplier_id: "S1", name: "S", lead_time_mean_days: "5", lead_time_sd_days: "1", on_time_rate: "0.9", fill_rate: "0.9", quality_ppm: "100" }], "suppliers.csv");
    await importRows(ctx, loader, "products", data.productRows, "products.csv");
    await importRows(ctx, loader, "customers", data.customerRows, "customers.csv");
    await importRows(ctx, loader, "stock_snapshots", data.stockRows, "stock_snapshots.csv");
    await importRows(ctx, loader, "scheduled_receipts", data.receiptRows, "scheduled_receipts.csv");
    await importRows(ctx, loader, "open_orders", data.orderRows, "open_orders.csv");
    const policies = await createPolicyChangeRequest(
      ctx,
      loader,
      [{ ...POLICY, segment: "*", promisedLeadTimeDays: 5 }, ...TIERS.map((segment, k) => ({ ...POLICY, segment, promisedLeadTimeDays: k + 1 }))],
      "bench policies",
    );
    await approveChangeRequest(ctx, approver, policies.id, "bench", 0);
    const tiers = await createAssignmentChangeRequest(ctx, loader, {
      dimension: "customer",
      justification: "bench tiers",
      changes: data.customerRows.map((c, i) => ({ entityId: c.customer_id, segment: TIERS[i % 50 === 0 ? 0 : 1 + (i % 3)] })),
    });
    await approveChangeRequest(ctx, approver, tiers.id, "bench", 0);
    await replaceFulfilmentRules(ctx, loader, {
      allocation: [
        { segment: "Strategic", priority: 1, reservePct: 0.15, premium: true },
        { segment: "Key", priority: 2, reservePct: 0.1, reserveHorizonDays: 7 },
        { segment: "*", priority: 3 },
      ],
      paths: [{ segment: "*", path: "regional DC", mode: "parcel" }],
    });
    const { token } = await issueToken(ctx.db, "bench", "viewer");
    const url = `${service.url}/api/v1/fulfilment/atp?limit=1000`;
    const runs: number[] = [];
    let report: AtpReport | undefined;
    for (let r = 0; r < 6; r++) {
      const start = process.hrtime.bigint();
      const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
      const body = (await res.json()) as AtpReport;
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (res.status !== 200) throw new Error(`GET /fulfilment/atp: ${res.status} ${JSON.stringify(body)}`);
      // The first call warms the JIT and SQLite's page cache.
      if (r > 0) runs.push(ms);
      report = body;
    }
    const problems: string[] = [];
    const t = report!.totals;
    if (t.lines !== lines) problems.push(`${t.lines} lines promised, ${lines} stored`);
    if (t.promised + t.shortfall !== t.requested) problems.push(`promised ${t.promised} + short ${t.shortfall} ≠ requested ${t.requested}`);
    if (report!.shortProducts.some((p) => p.shortfall !== p.requested - p.supply)) problems.push("a short product's figures do not add up");
    if (t.promised > t.supply) problems.push("more promised than supplied");
    if (t.productsShort === 0) problems.push("no product is short: the shortage path was not exercised");
    if (report!.lines.length !== 1000) problems.push(`page of ${report!.lines.length} lines, not 1,000`);
    return {
      name: "atp-route-100k",
      size: { lines, products, customers },
      runs_ms: runs.map((r) => +r.toFixed(1)),
      median_ms: +median(runs).toFixed(1),
      target_ms: 1000,
      check: {
        passed: problems.length === 0,
        detail: problems.length
          ? problems.join("; ")
          : `${t.lines} lines, ${t.requested} units requested against ${t.supply} supplied; ${t.promised} promised, ${t.shortfall} short on ${t.linesShort} lines; ${t.productsShort} of ${t.products} products short; segments ${report!.segments.map((s) => `${s.segment} ${((100 * s.promised) / s.requested).toFixed(1)} %`).join(", ")}`,
      },
      notes: "GET over HTTP on a real service (SQLite), first of 6 calls untimed; the answer carries totals, segments, short products and the first 1,000 lines",
    };
  } finally {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const benchmarks: Record<string, () => Promise<BenchResult>> = {
  "atp-route-100k": () => runAtpRoute(),
};

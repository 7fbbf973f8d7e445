/**
 * network-design-job-2000x50: the network-design-2000x50 instance's size
 * through the path a planner takes: stored customers (with coordinates),
 * a year of order history, 50 imported candidate DCs, then POST-equivalent
 * start of the designNetwork job on a real service (SQLite) and reads of
 * the job until it ends, timing start → succeeded and recording each
 * progress label with when it was first seen. Checked: the job succeeded,
 * HiGHS proved the optimum or a gap ≤ 1 %, every customer within its limit,
 * and the phases arrived in order.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { designNetworkSchema, type Job, type NetworkDesignResult } from "../shared/src/api";
import { createRng } from "../shared/src/random";
import type { Actor } from "../service/src/auth/actor";
import { configSchema } from "../service/src/config";
import { startService } from "../service/src/service";
import { importRows } from "../service/src/useCases/imports";
import { median, type BenchResult } from "./writeResult";

const actor: Actor = { tokenId: null, subject: "bench", name: "bench", role: "admin" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 2,000 customers and 50 DCs spread over about 1,000 × 1,000 km around 50° N, 10° E. */
function company(customers: number, candidates: number, seed = 17) {
  const rng = createRng(seed);
  const at = () => ({ lat: 45.5 + rng.next() * 9, lon: 3 + rng.next() * 14 });
  const s = (v: number) => v.toFixed(4);
  const customerRows = Array.from({ length: customers }, (_, i) => {
    const p = at();
    return { customer_id: `C${i + 1}`, name: `Customer ${i + 1}`, region: "Bench", strategic: "false", lat: s(p.lat), lon: s(p.lon) };
  });
  // One line per customer in week 1 and a last one in week 52: the history spans a year, so units are yearly demand.
  const orderRows = customerRows.map((c, i) => ({
    customer_id: c.customer_id,
    product_id: "P1",
    week: i === 0 ? "52" : "1",
    qty: String(Math.round(rng.lognormal(Math.log(2000), 1))),
    price: "10",
    cost: "6",
    lines: "1",
    deliveries: "1",
    returns: "0",
  }));
  const dcRows = Array.from({ length: candidates }, (_, j) => {
    const p = at();
    return {
      dc_id: `DC${j + 1}`,
      name: `DC ${j + 1}`,
      lat: s(p.lat),
      lon: s(p.lon),
      fixed_cost: String(Math.round(rng.lognormal(Math.log(500_000), 0.3))),
      current: j % 8 === 0 ? "yes" : "no",
      handling_cost_per_unit: "0.5",
    };
  });
  return { customerRows, orderRows, dcRows };
}

export async function runNetworkDesignJob(customers = 2_000, candidates = 50): Promise<BenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tierline-bench-network-"));
  const config = configSchema.parse({ PORT: 0, DATABASE_URL: `sqlite:${path.join(dir, "bench.db")}`, TIERLINE_DEMO: "false", RATE_LIMIT_PER_MINUTE: "0", AUTH_FAILURES_PER_MINUTE: "0" });
  const service = await startService(config, { logger: pino({ level: "silent" }) });
  try {
    const ctx = service.ctx;
    const data = company(customers, candidates);
    await importRows(ctx, actor, "suppliers", [{ supplier_id: "S1", name: "S", lead_time_mean_days: "5", lead_time_sd_days: "1", on_time_rate: "0.9", fill_rate: "0.9", quality_ppm: "100" }], "suppliers.csv");
    await importRows(ctx, actor, "products", [{ product_id: "P1", name: "P", category: "c", unit_price: "10", unit_cost: "6", supplier_id: "S1", lifecycle: "active" }], "products.csv");
    await importRows(ctx, actor, "customers", data.customerRows, "customers.csv");
    await importRows(ctx, actor, "order_lines", data.orderRows, "order_lines.csv");
    await importRows(ctx, actor, "dc_candidates", data.dcRows, "dc_candidates.csv");
    // Validated as POST /jobs validates it: the queue stores and runs the parsed body.
    const body = designNetworkSchema.parse({ costPerUnitKm: 0.002, circuity: 1.2, defaultMaxKm: 450, mipRelGap: 0.01, timeLimitSeconds: 30 });
    const runs: number[] = [];
    let last: { job: Job; seen: Array<[string, number]> } | undefined;
    for (let r = 0; r < 3; r++) {
      const start = process.hrtime.bigint();
      const elapsed = () => Number(process.hrtime.bigint() - start) / 1e6;
      let job = await ctx.jobs!.start("designNetwork", body, actor);
      const seen: Array<[string, number]> = [];
      while (job.status === "queued" || job.status === "running") {
        if (job.progress && seen.at(-1)?.[0] !== job.progress.label) seen.push([job.progress.label, +elapsed().toFixed(0)]);
        await sleep(20);
        job = await ctx.jobs!.get(job.id);
      }
      runs.push(elapsed());
      last = { job, seen };
    }
    const { job, seen } = last!;
    const problems: string[] = [];
    if (job.status !== "succeeded") problems.push(`job ${job.status}: ${job.error}`);
    const result = job.result as NetworkDesignResult;
    if (result) {
      const { solver } = result;
      if (!(solver.status === "optimal" || solver.gap <= 0.01)) problems.push(`status ${solver.status} with gap ${solver.gap}`);
      if (result.assignments.some((a) => !a.withinLimit)) problems.push("a customer is beyond the limit");
    }
    const order = ["loading customers, demand and candidate DCs", "building the model", "solving", "evaluating"];
    const indexes = seen.map(([l]) => order.indexOf(l));
    if (indexes.some((k, i) => k < 0 || (i > 0 && k <= indexes[i - 1]))) problems.push(`phases out of order: ${seen.map(([l]) => l).join(" → ")}`);
    if (seen.length < 2) problems.push(`only ${seen.length} progress event seen`);
    const solver = result?.solver;
    return {
      name: "network-design-job-2000x50",
      size: { customers, candidateDcs: candidates, arcs: solver?.arcs ?? 0 },
      runs_ms: runs.map((r) => +r.toFixed(1)),
      median_ms: +median(runs).toFixed(1),
      target_ms: 30_000,
      check: {
        passed: problems.length === 0,
        detail: problems.length
          ? problems.join("; ")
          : `job succeeded; HiGHS ${solver!.status}, gap ${(100 * solver!.gap).toFixed(3)} % (${solver!.nodes} nodes, solve ${solver!.seconds.toFixed(2)} s); ${result.chosen.open.length} DCs open, saving ${result.saving?.toFixed(0)} vs current ${result.current?.open.length} DCs; progress seen (ms from start): ${seen.map(([l, t]) => `${l} @${t}`).join(", ")}`,
      },
      notes: "through the job queue of a real service on SQLite (in-process runner); polled every 20 ms, so a phase shorter than that may be missed",
    };
  } finally {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const benchmarks: Record<string, () => Promise<BenchResult>> = {
  "network-design-job-2000x50": () => runNetworkDesignJob(),
};

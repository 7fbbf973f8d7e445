/**
 * Does a heavy compute request delay a look-up? p99 of GET
 * /api/v1/segments/:dimension/:id under autocannon (50 connections), first
 * alone, then while clients keep the heaviest `meio` request the limits allow
 * (a 500-stage chain, Σ (M + 1)² ≈ 42 million) in flight; both in the same run
 * against the same service process. Target: p99 under load within 2× of the
 * p99 without it (the compute runs on the task pool, not the thread that
 * answers look-ups).
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { startChild } from "./service.bench";
import type { BenchResult } from "./writeResult";

const root = path.resolve(__dirname, "..");

/** A chain of `stages` one-period stages: the guaranteed-service programme's worst shape for its size. */
export function meioChain(stages: number) {
  return {
    stages: Array.from({ length: stages }, (_, i) => ({ id: `s${i}`, processingTime: 1, holdingCost: 1 + i / stages, ...(i === stages - 1 ? { demandSd: 10 } : {}) })),
    arcs: Array.from({ length: stages - 1 }, (_, i) => ({ from: `s${i}`, to: `s${i + 1}` })),
    serviceLevel: 0.95,
  };
}

async function measure(url: string, headers: Record<string, string>, duration: number) {
  const result = await autocannon({ url, connections: 50, duration, headers });
  return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors, total: result.requests.total };
}

export async function runComputeIsolationBench(options: Record<string, string> = {}): Promise<BenchResult> {
  const duration = Number(options.duration ?? 10);
  const heavyClients = Number(options.heavy ?? 4);
  const dir = mkdtempSync(path.join(os.tmpdir(), "tierline-bench-"));
  const service = await startChild(
    path.join(root, "service/src/start.ts"),
    { PORT: "0", DATABASE_URL: `sqlite:${path.join(dir, "bench.db")}`, LOG_LEVEL: "warn", RATE_LIMIT_PER_MINUTE: "0", TIERLINE_DEMO: "true" },
    /Tierline service: (http:\/\/\S+)[\s\S]*admin:\s+(\S+)/,
  );
  try {
    const [, url, token] = service.match;
    const auth = { Authorization: `Bearer ${token}` };
    const lookup = `${url}/api/v1/segments/product/P0042`;
    const heavyBody = JSON.stringify(meioChain(500));
    const heavyOnce = async () => {
      const started = performance.now();
      const res = await fetch(`${url}/api/v1/compute/meio`, { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: heavyBody });
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - started };
    };
    const first = await heavyOnce(); // also warms the pool
    const alone = await heavyOnce();
    await measure(lookup, auth, 2); // warm-up
    const quiet = await measure(lookup, auth, duration);

    let running = true;
    const heavy: Array<{ status: number; ms: number }> = [];
    const clients = Array.from({ length: heavyClients }, async () => {
      while (running) heavy.push(await heavyOnce());
    });
    await new Promise((r) => setTimeout(r, 500)); // the heavy requests are under way
    const loaded = await measure(lookup, auth, duration);
    running = false;
    await Promise.all(clients);

    const ratio = loaded.p99Ms / quiet.p99Ms;
    const ok = heavy.filter((h) => h.status === 200).length;
    const refused = heavy.filter((h) => h.status === 503).length;
    return {
      name: "lookup-under-compute-load",
      size: { connections: 50, duration_s: duration, heavy_clients: heavyClients, meio_stages: 500 },
      runs_ms: [quiet.p99Ms, loaded.p99Ms],
      median_ms: loaded.p99Ms,
      target_ms: Math.max(2 * quiet.p99Ms, quiet.p99Ms + 10),
      check: {
        passed: first.status === 200 && alone.status === 200 && quiet.non2xx === 0 && loaded.non2xx === 0 && quiet.errors === 0 && loaded.errors === 0 && ok > 0,
        detail: `look-up p99 ${quiet.p99Ms} ms alone (${Math.round(quiet.requestsPerSecond)} req/s) vs ${loaded.p99Ms} ms with ${heavyClients} clients running meio (${Math.round(loaded.requestsPerSecond)} req/s): ratio ${ratio.toFixed(2)}; meio ${Math.round(alone.ms)} ms alone, ${heavy.length} run under load (${ok} ok, ${refused} 503)`,
      },
      notes: `p99_quiet_ms=${quiet.p99Ms}; p99_loaded_ms=${loaded.p99Ms}; ratio=${ratio.toFixed(3)}; p50_quiet_ms=${quiet.p50Ms}; p50_loaded_ms=${loaded.p50Ms}; rps_quiet=${Math.round(quiet.requestsPerSecond)}; rps_loaded=${Math.round(loaded.requestsPerSecond)}; meio_alone_ms=${Math.round(alone.ms)}; meio_runs=${heavy.length}; meio_ok=${ok}; meio_503=${refused}; median_ms holds the loaded p99`,
    };
  } finally {
    service.child.kill("SIGTERM");
  }
}

export const benchmarks = { "lookup-under-compute-load": (options: Record<string, string>) => runComputeIsolationBench(options) };

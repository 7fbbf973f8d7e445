/**
 * Look-up throughput and p99 of GET /api/v1/segments/:dimension/:id with
 * autocannon (50 connections, 10 s), next to an Express hello-world measured
 * in the same run. Target: ≥ 70 % of hello-world's requests/s. Each server
 * runs in its own process; autocannon runs here. The service runs as
 * deployed (helmet, CORS, auth, request ids) with LOG_LEVEL=warn and the rate
 * limit off, since a benchmark client is one token hammering one route.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import type { BenchResult } from "./writeResult";

const root = path.resolve(__dirname, "..");
// Both servers run under plain node with tsx's CommonJS hook (the tsx CLI adds an ESM loader
// layer that slows a server by a third), so the comparison is like for like.
const tsxHook = path.join(root, "node_modules/tsx/dist/cjs/index.cjs");

export function startChild(script: string, env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--require", tsxHook, script], { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(ready);
      if (match) resolve({ child, match });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => reject(new Error(`${script} exited with ${code}: ${out.slice(-2000)}`)));
  });
}

async function measure(url: string, headers: Record<string, string>, duration: number) {
  const result = await autocannon({ url, connections: 50, duration, headers });
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors, total: result.requests.total };
}

export async function runLookupBench(duration = 10): Promise<BenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tierline-bench-"));
  const service = await startChild(
    path.join(root, "service/src/start.ts"),
    { PORT: "0", DATABASE_URL: `sqlite:${path.join(dir, "bench.db")}`, LOG_LEVEL: "warn", RATE_LIMIT_PER_MINUTE: "0", TIERLINE_DEMO: "true" },
    /Tierline service: (http:\/\/\S+)[\s\S]*admin:\s+(\S+)/,
  );
  const hello = await startChild(path.join(__dirname, "children/helloWorld.ts"), {}, /listening (\d+)/);
  try {
    const [, serviceUrl, token] = service.match;
    const lookup = `${serviceUrl}/api/v1/segments/product/P0042`;
    const check = await fetch(lookup, { headers: { Authorization: `Bearer ${token}` } });
    const body = (await check.json()) as { segment?: string };
    await measure(lookup, { Authorization: `Bearer ${token}` }, 2); // warm-up
    const svc = await measure(lookup, { Authorization: `Bearer ${token}` }, duration);
    await measure(`http://127.0.0.1:${hello.match[1]}/hello`, {}, 2);
    const base = await measure(`http://127.0.0.1:${hello.match[1]}/hello`, {}, duration);
    const ratio = svc.requestsPerSecond / base.requestsPerSecond;
    return {
      name: "segment-lookup-http",
      size: { connections: 50, duration_s: duration },
      runs_ms: [svc.p99Ms],
      median_ms: svc.p99Ms,
      check: {
        passed: check.status === 200 && typeof body.segment === "string" && svc.non2xx === 0 && svc.errors === 0,
        detail: `lookup ${Math.round(svc.requestsPerSecond)} req/s (p99 ${svc.p99Ms} ms, ${svc.total} requests, ${svc.non2xx} non-2xx) vs hello-world ${Math.round(base.requestsPerSecond)} req/s (p99 ${base.p99Ms} ms): ${(ratio * 100).toFixed(1)} % (target ≥ 70 %)`,
      },
      notes: `requests_per_second=${Math.round(svc.requestsPerSecond)}; hello_world_requests_per_second=${Math.round(base.requestsPerSecond)}; ratio=${ratio.toFixed(3)}; median_ms holds the p99 latency`,
    };
  } finally {
    service.child.kill("SIGTERM");
    hello.child.kill("SIGTERM");
  }
}

export const benchmarks = { "segment-lookup-http": () => runLookupBench() };

/**
 * `POST /api/v1/segments/lookup` over HTTP with 1, 1,000 and 10,000 ids
 * against a dimension of 12,000 products (SQLite, the embedded default).
 * The look-up reads only the ids asked for (primary-key probes in chunked IN
 * lists), so its cost follows the request, not the table: the check is that
 * 1 id is at least 10× faster than 1,000. Sequential requests on one
 * keep-alive connection after a warm-up; the service runs in its own
 * process with logging above info and the rate limit off.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { median, type BenchResult } from "./writeResult";

const root = path.resolve(__dirname, "..");
const PRODUCTS = 12_000;
const SIZES = [1, 1000, 10_000] as const;

/** One keep-alive connection from node's own http client: undici's fetch adds milliseconds of its own to each POST, which would measure the client. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function request(url: string, token: string | null, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = token ? { Authorization: `Bearer ${token}` } : {};
    if (body !== undefined) Object.assign(headers, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    const req = http.request(url, { method: body === undefined ? "GET" : "POST", agent, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function lookup(url: string, token: string, body: string): Promise<number> {
  const res = await request(`${url}/api/v1/segments/lookup`, token, body);
  if (res.status !== 200) throw new Error(`lookup answered ${res.status}`);
  return (JSON.parse(res.text) as { segments: Array<{ segment: string | null }> }).segments.filter((s) => s.segment !== null).length;
}

/** Each size in its own block after its own warm-up (the large answers' garbage is collected before the small ones are timed). */
async function timeBlocks(url: string, token: string, bodies: Record<number, string>): Promise<{ runs: Record<number, number[]>; found: Record<number, number> }> {
  const runs: Record<number, number[]> = {};
  const found: Record<number, number> = {};
  for (const size of SIZES) {
    const count = size >= 10_000 ? 15 : size === 1 ? 300 : 100;
    for (let i = 0; i < Math.min(count, 30); i++) found[size] = await lookup(url, token, bodies[size]);
    runs[size] = [];
    for (let i = 0; i < count; i++) {
      const start = process.hrtime.bigint();
      found[size] = await lookup(url, token, bodies[size]);
      runs[size].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return { runs, found };
}

function startService(): Promise<{ child: ChildProcess; url: string; token: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--require", path.join(root, "node_modules/tsx/dist/cjs/index.cjs"), path.join(__dirname, "children/lookupService.ts")], {
      cwd: root,
      env: { ...process.env, PRODUCTS: String(PRODUCTS) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /ready (\S+) (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1], token: m[2] });
    });
    child.stderr!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`look-up service exited with ${code}: ${out.slice(-2000)}`)));
  });
}

export async function runLookupSizesBench(): Promise<BenchResult> {
  const service = await startService();
  try {
    const table = await request(`${service.url}/api/v1/segments?dimension=product`, service.token);
    const ids = (JSON.parse(table.text) as { assignments: Array<{ entityId: string }> }).assignments.map((a) => a.entityId);
    const token = service.token;
    const bodies = Object.fromEntries(SIZES.map((size) => [size, JSON.stringify({ dimension: "product", ids: Array.from({ length: size }, (_, i) => ids[(i * 7919) % ids.length]) })]));
    const { runs, found } = await timeBlocks(service.url, token, bodies);
    const medians = Object.fromEntries(SIZES.map((size) => [size, median(runs[size])])) as Record<number, number>;
    // The floor of any request on this machine at this moment: an unauthenticated GET that touches no store.
    const floorRuns: number[] = [];
    for (let i = 0; i < 60; i++) {
      const start = process.hrtime.bigint();
      await request(`${service.url}/healthz`, null);
      floorRuns.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const floor = median(floorRuns.slice(10));
    const ratio = medians[1000] / medians[1];
    const allFound = SIZES.every((s) => found[s] === s);
    return {
      name: "segment-lookup-sizes-http",
      size: { products: ids.length, ids_small: 1, ids_medium: 1000, ids_large: 10_000 },
      runs_ms: SIZES.map((s) => Math.round(medians[s] * 1000) / 1000),
      median_ms: Math.round(medians[1] * 1000) / 1000,
      check: {
        passed: allFound && ratio >= 10,
        detail: `median 1 id ${medians[1].toFixed(2)} ms, 1,000 ids ${medians[1000].toFixed(2)} ms, 10,000 ids ${medians[10_000].toFixed(2)} ms over ${ids.length} products: 1,000 ids take ${ratio.toFixed(1)}× one id (need ≥ 10×); GET /healthz floor ${floor.toFixed(2)} ms${allFound ? "" : "; some ids were not found"}`,
      },
      notes: `runs_ms holds the medians for 1, 1,000 and 10,000 ids; median_ms the one-id median; healthz_floor_ms=${floor.toFixed(3)}; load_average_1m=${os.loadavg()[0].toFixed(2)}`,
    };
  } finally {
    service.child.kill("SIGTERM");
  }
}

export const benchmarks = { "segment-lookup-sizes-http": () => runLookupSizesBench() };

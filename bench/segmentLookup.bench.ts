/**
 * `POST /api/v1/segments/lookup` over HTTP with 1, 1,000 and 10,000 ids
 * against a dimension of 12,000 products (SQLite, the embedded default).
 * The look-up reads only the ids asked for (primary-key probes in chunked IN
 * lists), so its cost follows the request, not the table: the check is that
 * 1 id is at least 10× faster than 1,000. Sequential requests on one
 * keep-alive connection after a warm-up; the service runs in this process
 * with logging above info and the rate limit off.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { issueToken } from "../service/src/auth/tokens";
import { configSchema } from "../service/src/config";
import { startService } from "../service/src/service";
import { loadDemoCompany } from "../service/src/useCases/loadDemo";
import { median, type BenchResult } from "./writeResult";

const PRODUCTS = 12_000;
const SIZES = [1, 1000, 10_000] as const;

async function timeLookups(url: string, token: string, ids: string[], runs: number): Promise<{ runs: number[]; found: number }> {
  const body = JSON.stringify({ dimension: "product", ids });
  const once = async () => {
    const res = await fetch(`${url}/api/v1/segments/lookup`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body });
    const json = (await res.json()) as { segments: Array<{ segment: string | null }> };
    if (res.status !== 200) throw new Error(`lookup answered ${res.status}`);
    return json.segments.filter((s) => s.segment !== null).length;
  };
  for (let i = 0; i < 5; i++) await once();
  const out: number[] = [];
  let found = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    found = await once();
    out.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { runs: out, found };
}

export async function runLookupSizesBench(): Promise<BenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tierline-lookup-bench-"));
  const config = configSchema.parse({ PORT: 0, DATABASE_URL: `sqlite:${path.join(dir, "bench.db")}`, TIERLINE_DEMO: "false", RATE_LIMIT_PER_MINUTE: "0", LOG_LEVEL: "warn" });
  const service = await startService(config, { logger: pino({ level: "warn" }) });
  try {
    await loadDemoCompany(service.ctx, { seed: 13, products: PRODUCTS, customers: 40, weeks: 8, suppliers: 5 });
    const token = (await issueToken(service.ctx.db, "bench", "viewer")).token;
    const ids = (await service.ctx.db.selectFrom("entities").select("id").where("dimension", "=", "product").orderBy("id").execute()).map((r) => r.id);
    const medians: Record<number, number> = {};
    const found: Record<number, number> = {};
    for (const size of SIZES) {
      const wanted = Array.from({ length: size }, (_, i) => ids[(i * 7919) % ids.length]);
      const result = await timeLookups(service.url, token, wanted, size >= 10_000 ? 15 : 40);
      medians[size] = median(result.runs);
      found[size] = result.found;
    }
    const ratio = medians[1000] / medians[1];
    const allFound = SIZES.every((s) => found[s] === s);
    return {
      name: "segment-lookup-sizes-http",
      size: { products: ids.length, ids_small: 1, ids_medium: 1000, ids_large: 10_000 },
      runs_ms: SIZES.map((s) => Math.round(medians[s] * 1000) / 1000),
      median_ms: Math.round(medians[1] * 1000) / 1000,
      check: {
        passed: allFound && ratio >= 10,
        detail: `median 1 id ${medians[1].toFixed(2)} ms, 1,000 ids ${medians[1000].toFixed(2)} ms, 10,000 ids ${medians[10_000].toFixed(2)} ms over ${ids.length} products: 1,000 ids take ${ratio.toFixed(1)}× one id (need ≥ 10×)${allFound ? "" : "; some ids were not found"}`,
      },
      notes: "runs_ms holds the medians for 1, 1,000 and 10,000 ids; median_ms the one-id median",
    };
  } finally {
    await service.close();
  }
}

export const benchmarks = { "segment-lookup-sizes-http": () => runLookupSizesBench() };

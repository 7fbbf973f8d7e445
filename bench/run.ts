/**
 * `npm run bench [name…]`: runs every benchmark exported by bench/*.bench.ts
 * (each file exports `benchmarks: Record<name, () => BenchResult | Promise<BenchResult>>`)
 * and writes one JSON file each to bench/results/. Exits non-zero when a
 * correctness check fails; a missed time target is reported, not failed,
 * since it depends on the machine.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { writeResult, type BenchResult } from "./writeResult";

type Benchmarks = Record<string, () => BenchResult | Promise<BenchResult>>;

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const files = readdirSync(__dirname).filter((f) => f.endsWith(".bench.ts")).sort();
  let failed = false;
  for (const file of files) {
    const { benchmarks } = (await import(path.join(__dirname, file))) as { benchmarks: Benchmarks };
    for (const [name, bench] of Object.entries(benchmarks)) {
      if (wanted.length && !wanted.includes(name)) continue;
      const result = await bench();
      const out = writeResult(result);
      const target =
        result.target_ms === undefined ? "" : result.median_ms <= result.target_ms ? ` (target ${result.target_ms} ms: met)` : ` (target ${result.target_ms} ms: MISSED)`;
      console.log(`${name}: median ${result.median_ms} ms${target}; check ${result.check.passed ? "passed" : "FAILED"}: ${result.check.detail} → ${path.relative(process.cwd(), out)}`);
      if (!result.check.passed) failed = true;
    }
  }
  process.exit(failed ? 1 : 0);
}

void main();

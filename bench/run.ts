/**
 * `npm run bench [name…]`: runs the benchmarks and writes one JSON file each
 * to bench/results/. Exits non-zero when a correctness check fails; a missed
 * time target is reported, not failed, since it depends on the machine.
 */
import * as abcXyz from "./abcXyz.bench";
import { writeResult, type BenchResult } from "./writeResult";

const benchmarks: Record<string, () => BenchResult> = {
  "abc-xyz-1m": () => abcXyz.run(),
};

const wanted = process.argv.slice(2);
let failed = false;
for (const [name, bench] of Object.entries(benchmarks)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const result = bench();
  const file = writeResult(result);
  const target = result.target_ms === undefined ? "" : result.median_ms <= result.target_ms ? ` (target ${result.target_ms} ms: met)` : ` (target ${result.target_ms} ms: MISSED)`;
  console.log(`${name}: median ${result.median_ms} ms${target}; check ${result.check.passed ? "passed" : "FAILED"}: ${result.check.detail} → ${file}`);
  if (!result.check.passed) failed = true;
}
process.exit(failed ? 1 : 0);

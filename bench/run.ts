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

/** Options after the names (`kmeans --points a.csv --centers b.csv`) reach each benchmark as `{ points: "a.csv", centers: "b.csv" }`. */
type Benchmarks = Record<string, (options: Record<string, string>) => BenchResult | Promise<BenchResult>>;

function parseArgs(argv: string[]): { wanted: string[]; options: Record<string, string> } {
  const first = argv.findIndex((a) => a.startsWith("--"));
  const wanted = first < 0 ? argv : argv.slice(0, first);
  const options: Record<string, string> = {};
  if (first >= 0) {
    for (let i = first; i < argv.length; i++) {
      const key = argv[i].replace(/^--/, "");
      const value = argv[i + 1] !== undefined && !argv[i + 1].startsWith("--") ? argv[++i] : "true";
      options[key] = value;
    }
  }
  return { wanted, options };
}

async function main(): Promise<void> {
  const { wanted, options } = parseArgs(process.argv.slice(2));
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.ts"))
    .sort();
  let failed = false;
  for (const file of files) {
    const { benchmarks } = (await import(path.join(__dirname, file))) as { benchmarks: Benchmarks };
    for (const [name, bench] of Object.entries(benchmarks)) {
      // `name*` selects every benchmark whose name starts with `name`.
      if (wanted.length && !wanted.some((w) => (w.endsWith("*") ? name.startsWith(w.slice(0, -1)) : w === name))) continue;
      const result = await bench(options);
      const out = writeResult(result);
      const target = result.target_ms === undefined ? "" : result.median_ms <= result.target_ms ? ` (target ${result.target_ms} ms: met)` : ` (target ${result.target_ms} ms: MISSED)`;
      console.log(`${name}: median ${result.median_ms} ms${target}; check ${result.check.passed ? "passed" : "FAILED"}: ${result.check.detail} → ${path.relative(process.cwd(), out)}`);
      if (!result.check.passed) failed = true;
    }
  }
  process.exit(failed ? 1 : 0);
}

void main();

/**
 * The planted-drift evaluation of recommendations a reviewer can run:
 *
 *   npm run evaluate:recommendations                  # seeds 1, 2, 3; 400 products, 120 customers, 104 weeks
 *   npm run evaluate:recommendations -- --seeds 4,5 --products 600 --customers 150
 *   npm run evaluate:recommendations -- --details     # every miss and false alarm, with its reason
 *
 * Prints recall and precision pooled over the seeds, per source (rule,
 * model) and part (ABC, XYZ, tier) and per dimension, then the misses and
 * false alarms (the first few of each, or all with --details).
 */
import { evaluateSeed, poolResults } from "./lib/recommendationEvaluation";

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)} %`);

async function main(): Promise<void> {
  const seeds = (argument("--seeds") ?? "1,2,3").split(",").map(Number);
  const products = Number(argument("--products") ?? 400);
  const customers = Number(argument("--customers") ?? 120);
  const weeks = Number(argument("--weeks") ?? 104);
  const details = process.argv.includes("--details");
  const results = [];
  for (const seed of seeds) results.push(await evaluateSeed({ seed, products, customers, weeks }, (line) => console.log(line)));
  const pooled = poolResults(results);
  console.log(`\nPooled over seeds ${seeds.join(", ")}:\n`);
  console.log("source.part          planted  raised  hits  recall    precision");
  for (const [key, s] of Object.entries(pooled))
    console.log(`${key.padEnd(20)} ${String(s.planted).padStart(7)} ${String(s.raised).padStart(7)} ${String(s.hits).padStart(5)}  ${pct(s.recall).padStart(8)}  ${pct(s.precision).padStart(8)}`);
  for (const r of results) if (Object.values(r.calibration).some(Boolean)) console.log(`\nseed ${r.seed} model calibration: ${JSON.stringify(r.calibration)}`);
  const shown = details ? Infinity : 8;
  for (const key of Object.keys(pooled).filter((k) => !k.endsWith("products") && !k.endsWith("customers"))) {
    const s = pooled[key];
    if (s.misses.length)
      console.log(
        `\n${key} misses (${s.misses.length}):\n${s.misses
          .slice(0, shown)
          .map((m) => `  ${m.entityId} ${m.direction}: ${m.reason}`)
          .join("\n")}`,
      );
    if (s.falseAlarms.length)
      console.log(
        `\n${key} false alarms (${s.falseAlarms.length}):\n${s.falseAlarms
          .slice(0, shown)
          .map((f) => `  ${f.entityId} ${f.from} → ${f.to} (confidence ${f.confidence}): ${f.reason}`)
          .join("\n")}`,
      );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

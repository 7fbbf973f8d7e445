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

interface CalibrationSplit {
  split: string;
  entities: number;
  rows: number;
}
interface StoredCalibration {
  temperature: number;
  brierBefore: number;
  brier: number;
  reliability: Array<{ from: number; to: number; n: number; meanPredicted: number | null; observed: number | null }>;
  fittedOn?: CalibrationSplit;
  evaluatedOn?: CalibrationSplit;
}

/** Each model's calibration in words: which split the temperature came from, which one the Brier score and reliability curve are on. */
function calibrationLines(calibration: Record<string, unknown>): string[] {
  const split = (s: CalibrationSplit | undefined) => (s ? `the ${s.split} split (${s.entities} entities, ${s.rows} rows)` : "the hold-out");
  return Object.entries(calibration).flatMap(([dimension, value]) => {
    if (!value) return [];
    const c = value as StoredCalibration;
    const curve = c.reliability
      .filter((b) => b.n > 0)
      .map((b) => `${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${b.meanPredicted!.toFixed(2)} → ${b.observed!.toFixed(2)} (${b.n})`)
      .join("; ");
    return [
      `  ${dimension}: temperature ${c.temperature.toFixed(3)} fitted on ${split(c.fittedOn)}; Brier ${c.brier.toFixed(4)} (${c.brierBefore.toFixed(4)} before) on ${split(c.evaluatedOn)}`,
      `  ${dimension} reliability (predicted → observed, pairs): ${curve}`,
    ];
  });
}

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
  for (const r of results) if (Object.values(r.calibration).some(Boolean)) console.log(`\nseed ${r.seed} model calibration:\n${calibrationLines(r.calibration).join("\n")}`);
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

// Writes Tierline-examples.xlsx beside the built add-in (its functions.js computes the expected results): $TIERLINE_DIST when set, else dist/.
// `npm run build` runs it after webpack. Usage: npx tsx scripts/build-examples.ts [--seed N]
import { mkdirSync } from "node:fs";
import path from "node:path";
import { writeExamplesWorkbook } from "./lib/examplesWorkbook";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf("--seed");
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : undefined;
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`--seed expects a whole number, got ${JSON.stringify(args[seedAt + 1])}`);
  const dir = process.env.TIERLINE_DIST ? path.resolve(process.env.TIERLINE_DIST) : path.resolve(__dirname, "../dist");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "Tierline-examples.xlsx");
  const results = await writeExamplesWorkbook(file, { distDir: dir, seed });
  const tier = results.filter((r) => r.formula.formula.startsWith("TIER."));
  console.log(
    `${path.relative(process.cwd(), file)}: ${tier.length} TIER examples on ${new Set(results.map((r) => r.formula.sheet)).size} sheets as text with their results (${tier.filter((r) => r.values).length} computed here)`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

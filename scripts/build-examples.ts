// Writes Tierline-examples.xlsx beside the built add-in: $TIERLINE_DIST when set, else dist/.
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
  const formulas = await writeExamplesWorkbook(file, seed);
  console.log(`${path.relative(process.cwd(), file)}: ${formulas.filter((f) => f.formula.startsWith("TIER.")).length} TIER formulas on ${new Set(formulas.map((f) => f.sheet)).size} sheets`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

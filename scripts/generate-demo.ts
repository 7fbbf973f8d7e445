// Writes the demo company's CSV files. The generator is pure; this is the only place with file I/O.
// Usage: npx tsx scripts/generate-demo.ts [--out data/demo] [--seed N]
import { join } from "node:path";
import { writeDemoCompany } from "./lib/writeDemoCompany";

const USAGE = "usage: npx tsx scripts/generate-demo.ts [--out data/demo] [--seed N]";

function parseArguments(args: readonly string[]): { out: string; seed: number | undefined } {
  let out = "data/demo";
  let seed: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = args[i + 1];
    if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    if ((flag !== "--out" && flag !== "--seed") || value === undefined) {
      throw new Error(`unexpected argument ${JSON.stringify(flag)}\n${USAGE}`);
    }
    i++;
    if (flag === "--out") out = value;
    // The generator validates the range; only reject what Number would silently turn into something else.
    else if (/^\d+$/.test(value)) seed = Number(value);
    else throw new Error(`--seed expects a whole number, got ${JSON.stringify(value)}`);
  }
  return { out, seed };
}

function main(): void {
  const { out, seed } = parseArguments(process.argv.slice(2));
  const started = performance.now();
  for (const [name, rows, bytes] of writeDemoCompany(out, seed)) console.log(`${join(out, name)}: ${rows} rows, ${bytes} bytes`);
  console.log(`seed ${seed ?? "default"}, ${Math.round(performance.now() - started)} ms`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

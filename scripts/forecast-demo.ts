/**
 * Automatic forecasting over the demo company, evaluated out of sample: the
 * method chosen per product and the WAPE of the last 13 weeks per ABC class.
 *
 *   npx tsx scripts/forecast-demo.ts [--products N] [--holdout WEEKS]
 */
import { generateDemoCompany } from "../shared/src/demo";
import { DomainError } from "../shared/src/errors";
import { forecastDemoCompany } from "../shared/src/forecasting";

function argument(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

try {
  const company = generateDemoCompany({ products: argument("--products") ?? 2000 });
  const start = process.hrtime.bigint();
  const report = forecastDemoCompany(company, { holdout: argument("--holdout") ?? 13 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`${report.items.length} products × ${report.weeks} weeks; the last ${report.holdout} weeks held out (${ms.toFixed(0)} ms)\n`);
  console.log("class  items  WAPE    methods chosen");
  for (const s of report.segments) {
    const methods = Object.entries(s.methods)
      .map(([m, c]) => `${m} ${c}`)
      .join(", ");
    console.log(`${s.segment.padEnd(6)} ${String(s.items).padStart(5)}  ${s.wape === null ? "  n/a " : `${(s.wape * 100).toFixed(1).padStart(5)}%`}  ${methods}`);
  }
  const byPattern = new Map<string, Map<string, number>>();
  for (const item of report.items) {
    const m = byPattern.get(item.pattern) ?? new Map<string, number>();
    m.set(item.method, (m.get(item.method) ?? 0) + 1);
    byPattern.set(item.pattern, m);
  }
  console.log("\npattern        methods chosen");
  for (const [pattern, m] of byPattern) console.log(`${pattern.padEnd(14)} ${[...m].map(([k, v]) => `${k} ${v}`).join(", ")}`);
} catch (error) {
  if (error instanceof DomainError) {
    console.error(`Cannot forecast: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

/**
 * The segmentation job as a command line: segment the demo company and print
 * the ABC-XYZ matrix, demand patterns and customer tiers.
 *
 *   npm run segment                     # generates data/demo/ on first use
 *   npm run segment -- --data DIR       # any folder with products.csv, customers.csv, order_lines.csv
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { customerRowSchema, orderLineRowSchema, parseTable, productRowSchema } from "../shared/src/data";
import { DomainError } from "../shared/src/errors";
import { formatSegmentationReport, segmentCompany } from "../shared/src/jobs";
import { readCsv } from "./lib/readCsv";
import { writeDemoCompany } from "./lib/writeDemoCompany";

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const given = argument("--data");
  const dir = path.resolve(given ?? "data/demo");
  if (!given && !existsSync(path.join(dir, "order_lines.csv"))) {
    console.log(`Generating the demo company into ${path.relative(process.cwd(), dir)}/ …`);
    writeDemoCompany(dir);
  }
  const products = parseTable(readCsv(path.join(dir, "products.csv")), productRowSchema, "products.csv");
  const customers = parseTable(readCsv(path.join(dir, "customers.csv")), customerRowSchema, "customers.csv");
  const orderLines = parseTable(readCsv(path.join(dir, "order_lines.csv")), orderLineRowSchema, "order_lines.csv");
  console.log(`Read ${products.length} products, ${customers.length} customers, ${orderLines.length} order lines from ${dir}\n`);
  console.log(formatSegmentationReport(segmentCompany(products, customers, orderLines)));
}

try {
  main();
} catch (error) {
  // A planner-facing message for bad data; a stack trace only for bugs.
  if (error instanceof DomainError) {
    console.error(`Cannot segment: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

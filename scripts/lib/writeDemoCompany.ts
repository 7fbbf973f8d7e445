import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateDemoCompany, generateSellThrough, sellThroughCsv, toCsvFiles } from "../../shared/src/demo";

/** Generate the demo company and write its CSV files; returns [file, rows, bytes] per file. */
export function writeDemoCompany(outDir: string, seed?: number): Array<[string, number, number]> {
  mkdirSync(outDir, { recursive: true });
  const company = generateDemoCompany(seed === undefined ? {} : { seed });
  const files = { ...toCsvFiles(company), "sell_through.csv": sellThroughCsv(generateSellThrough(company)) };
  return Object.entries(files).map(([name, text]) => {
    writeFileSync(path.join(outDir, name), text);
    return [name, text.split("\n").filter(Boolean).length - 1, Buffer.byteLength(text)];
  });
}

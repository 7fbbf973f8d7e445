import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";

/** Rows of a CSV file with a header line, every cell a string (validation is the schema's job). */
export function readCsv(file: string): Array<Record<string, string>> {
  return parse(readFileSync(file, "utf8"), { columns: true, skip_empty_lines: true, trim: true, bom: true });
}

/** One CSV column: its header and how a row's value is written. */
export interface CsvColumn<Row> {
  header: string;
  format: (row: Row) => string;
}

/**
 * CSV text per RFC 4180 ("Common Format and MIME Type for CSV Files", §2):
 * a header row, then one record per row, each ending in a line break; a field
 * is quoted only when it holds a comma, a double quote or a line break, and a
 * double quote inside it is doubled. Line breaks are `\n` rather than the
 * RFC's CRLF so the text is the same on every platform and in git.
 *
 * @example
 * toCsv([{ name: 'Pipe 1/2", brass' }], [{ header: "name", format: (r) => r.name }]);
 * // 'name\n"Pipe 1/2"", brass"\n'
 */
export function toCsv<Row>(rows: ReadonlyArray<Row>, columns: ReadonlyArray<CsvColumn<Row>>): string {
  const lines: string[] = [columns.map((c) => csvField(c.header)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.format(row))).join(","));
  return lines.join("\n") + "\n";
}

const NEEDS_QUOTES = /[",\r\n]/;

function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A number with exactly `decimals` decimals (half away from zero on the
 * binary value, as `toFixed` does), so the same number always prints the
 * same way and never in exponent form below 1e21.
 *
 * @example fixed(-0.001, 2) // "0.00", not toFixed's "-0.00"
 */
export function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return Number(text) === 0 ? (0).toFixed(decimals) : text;
}

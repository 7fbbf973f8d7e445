import { DomainError, describeValue } from "../errors";
import { checkNumber } from "../validation";

/** A rows × columns table of numbers, stored row-major: value(i, j) = values[i * columns + j]. */
export interface NumberTable {
  rows: number;
  columns: number;
  values: Float64Array;
}

/**
 * Validate a rows × columns table (rows = customers or lines, columns =
 * activities) into one row-major Float64Array. Every cell must be a finite
 * number ≥ 0: a negative driver volume (−3 orders) has no meaning, and would
 * silently hand cost back to the pool. Errors name `field[i][j]`.
 *
 * @param expectedColumns when given, every row must have exactly this many cells
 * @throws DomainError naming the table, a row of the wrong length or a bad cell
 */
export function toDriverTable(table: ReadonlyArray<ReadonlyArray<unknown>>, field: string, expectedColumns?: number): NumberTable {
  if (!Array.isArray(table) || table.length === 0) {
    throw new DomainError(field, `expected a table (rows = customers, columns = activities), got ${describeValue(table)}`, "missing");
  }
  const rows = table.length;
  const first = table[0];
  const columns = expectedColumns ?? (Array.isArray(first) ? first.length : 0);
  if (columns === 0) throw new DomainError(`${field}[0]`, "expected at least one activity column");
  const values = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i++) {
    const row = table[i];
    if (!Array.isArray(row) || row.length !== columns) {
      const got = Array.isArray(row) ? `${row.length}` : describeValue(row);
      throw new DomainError(`${field}[${i}]`, `expected ${columns} activity columns${expectedColumns === undefined ? " like the first row" : ""}, got ${got}`);
    }
    const base = i * columns;
    for (let j = 0; j < columns; j++) values[base + j] = checkNumber(row[j], `${field}[${i}][${j}]`, { min: 0 });
  }
  return { rows, columns, values };
}

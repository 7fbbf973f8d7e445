import type { z } from "zod";
import { DomainError, describeValue } from "../errors";

/**
 * Validate every row of a table, all or nothing: the first bad cell stops the
 * load with its file, 1-based data row and column (`order_lines.csv row 17,
 * qty: must be a number, got "x"`), so a planner can go straight to it.
 */
export function parseTable<S extends z.ZodType>(rows: ReadonlyArray<Record<string, unknown>>, schema: S, table: string): Array<z.output<S>> {
  return rows.map((row, i) => {
    const result = schema.safeParse(row);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const column = issue.path.map(String).join(".");
    const value = issue.path.length ? row[String(issue.path[0])] : row;
    const kind = value === undefined || value === "" ? "missing" : issue.code === "too_small" || issue.code === "too_big" ? "out_of_range" : "invalid";
    throw new DomainError(`${table} row ${i + 1}${column ? `, ${column}` : ""}`, `${issue.message}, got ${describeValue(value)}`, kind);
  });
}

import type { z } from "zod";
import { describeValue } from "../errors";

export interface RowError {
  /** 1-based data row (the header is row 0) */
  row: number;
  field: string;
  message: string;
}

/**
 * Validate every row and report every bad cell (up to `maxErrors`), for an
 * import's row-by-row validation report; the caller writes nothing unless
 * `errors` is empty.
 */
export function validateRows<S extends z.ZodType>(
  rows: ReadonlyArray<Record<string, unknown>>,
  schema: S,
  maxErrors = 1000,
): { valid: Array<z.output<S>>; errors: RowError[] } {
  const valid: Array<z.output<S>> = [];
  const errors: RowError[] = [];
  rows.forEach((row, i) => {
    const result = schema.safeParse(row);
    if (result.success) {
      valid.push(result.data);
      return;
    }
    for (const issue of result.error.issues) {
      if (errors.length >= maxErrors) return;
      const field = issue.path.map(String).join(".") || "row";
      const value = issue.path.length ? row[String(issue.path[0])] : undefined;
      errors.push({ row: i + 1, field, message: `${issue.message}, got ${describeValue(value)}` });
    }
  });
  return { valid, errors };
}

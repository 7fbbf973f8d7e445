import type { z } from "zod";
import { DomainError, describeValue, type DomainErrorKind } from "./domainError";

/**
 * Parse with a zod schema and turn the first issue into a DomainError whose
 * field is the issue's path written the way a planner reads it (`values[17]`,
 * `policies[2].cycleServiceLevel`), rooted at `root`.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, root: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = formatPath(root, issue.path);
  const received = valueAt(input, issue.path);
  const kind: DomainErrorKind =
    issue.code === "too_small" || issue.code === "too_big" ? (issue.origin === "array" || issue.origin === "string" ? "invalid" : "out_of_range") : received === undefined || received === null ? "missing" : "invalid";
  const got = issue.code === "too_small" && issue.origin === "array" ? "" : `, got ${describeValue(received)}`;
  throw new DomainError(field, `${issue.message}${got}`, kind);
}

export function formatPath(root: string, path: ReadonlyArray<PropertyKey>): string {
  let out = root;
  for (const key of path) out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`;
  return out;
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

import { DomainError } from "../../shared/src/errors";

/** Run `fn` and return the DomainError it throws; anything else (or nothing) fails the test. */
export function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a DomainError");
}

/** Assert that `run` throws a DomainError naming `field` (and of `kind`, when given). */
export function expectDomainError(run: () => unknown, field: string, kind?: string): void {
  const error = domainError(run);
  expect(error.field).toBe(field);
  if (kind) expect(error.kind).toBe(kind);
}

/** The [field, kind] of the DomainError `fn` throws, for table-driven bad-input tests. */
export function fieldAndKind(fn: () => unknown): [string, string] {
  const error = domainError(fn);
  return [error.field, error.kind];
}

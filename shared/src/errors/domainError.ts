/**
 * The one error type of the domain library. Adapters map it once: the
 * custom-function layer to `CustomFunctions.Error`, the service to a 400
 * problem+json. `kind` decides the Excel error code.
 */
export type DomainErrorKind =
  /** wrong type or shape: text where a number belongs, mismatched lengths */
  | "invalid"
  /** a number outside its allowed range */
  | "out_of_range"
  /** required data absent */
  | "missing";

export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    /** the path of the offending input, e.g. `values[17]` or `policies[3].cycleServiceLevel` */
    readonly field: string,
    readonly detail: string,
    readonly kind: DomainErrorKind = "invalid",
  ) {
    super(`${field}: ${detail}`);
  }
}

/** Compile-time proof that a switch covers every member of a closed union. */
export function assertUnreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}

/** How a bad value is shown inside an error message: strings quoted, the rest as JS prints them. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "nothing";
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return typeof value;
}

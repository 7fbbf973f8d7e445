import { DomainError } from "../errors";

/** Separator of the parts of a segment key: `Key|AX|North`. */
export const KEY_SEPARATOR = "|";
/** Wildcard in policy-table patterns. */
export const WILDCARD = "*";

/**
 * A hybrid segment key: the values of the chosen dimensions, in the given
 * order, joined by `|` (e.g. customer tier × product class × region →
 * `Key|AX|North`). A part may not be blank nor contain `|` or `*`, which the
 * policy table's patterns reserve.
 *
 * @example segmentKey({ tier: "Key", productClass: "AX", region: "North" }, ["tier", "productClass", "region"]) // "Key|AX|North"
 */
export function segmentKey(values: Readonly<Record<string, unknown>>, dimensions: readonly string[], field = "segment"): string {
  if (dimensions.length === 0) throw new DomainError("dimensions", "name at least one dimension");
  return dimensions
    .map((dimension) => {
      const raw = values[dimension];
      if (raw === undefined || raw === null || String(raw).trim() === "") {
        throw new DomainError(`${field}.${dimension}`, "is blank: every dimension of a segment key needs a value", "missing");
      }
      const part = String(raw).trim();
      if (part.includes(KEY_SEPARATOR) || part.includes(WILDCARD)) {
        throw new DomainError(`${field}.${dimension}`, `"${part}" may not contain "${KEY_SEPARATOR}" or "${WILDCARD}"`);
      }
      return part;
    })
    .join(KEY_SEPARATOR);
}

/** The parts of a segment key or pattern. */
export function splitSegmentKey(key: string): string[] {
  return key.split(KEY_SEPARATOR).map((p) => p.trim());
}

import { DomainError, describeValue } from "../errors";

/**
 * Validate one group key per row (a segment, a customer id) and number the
 * distinct keys in order of first appearance, so reports list groups the way
 * the planner's table does.
 *
 * @returns `keys` (distinct, in first-appearance order) and `index[i]` = the key of row i
 * @throws DomainError naming `field[i]` for a blank or non-text key, or a count that differs from `rows`
 */
export function groupKeys(groups: ReadonlyArray<unknown>, rows: number, field: string): { keys: string[]; index: Uint32Array } {
  if (!Array.isArray(groups)) throw new DomainError(field, `expected one key per row, got ${describeValue(groups)}`, "missing");
  if (groups.length !== rows) throw new DomainError(field, `expected ${rows} keys (one per row), got ${groups.length}`);
  const position = new Map<string, number>();
  const keys: string[] = [];
  const index = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) {
    const raw = groups[i];
    if ((typeof raw !== "string" && typeof raw !== "number") || String(raw).trim() === "") {
      throw new DomainError(`${field}[${i}]`, `expected a non-empty key, got ${describeValue(raw)}`, "missing");
    }
    const key = String(raw).trim();
    let p = position.get(key);
    if (p === undefined) {
      p = keys.length;
      position.set(key, p);
      keys.push(key);
    }
    index[i] = p;
  }
  return { keys, index };
}

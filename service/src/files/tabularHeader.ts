import { textRuleViolation } from "../../../shared/src/api";
import { badRequest } from "../appError";

/**
 * A file's header row, normalised (trimmed, lower case) and checked: a
 * column named twice would silently lose one of them, and a header with
 * control characters names no column we know. Throws a 400 naming the header.
 */
export function checkedHeader(raw: readonly string[]): string[] {
  const header = raw.map((h) =>
    String(h ?? "")
      .trim()
      .toLowerCase(),
  );
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    if (h === "") return;
    const problem = textRuleViolation(h, { max: 100 });
    if (problem) throw badRequest(`file: header of column ${i + 1} ${problem}`, [{ field: `header[${i + 1}]`, message: problem }]);
    const first = seen.get(h);
    if (first !== undefined) {
      throw badRequest(`file: the header "${h}" appears twice (columns ${first + 1} and ${i + 1}); name each column once`, [{ field: `header.${h}`, message: `duplicate of column ${first + 1}` }]);
    }
    seen.set(h, i);
  });
  return header;
}

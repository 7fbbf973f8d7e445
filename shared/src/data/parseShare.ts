/**
 * Shares, rates and targets as planners type them: "80%", "80 %", "0.8" and,
 * for comma-decimal locales, "0,8" or "80,5 %" all read as a fraction.
 *
 * Decisions (each one closes a trap that used to give wrong numbers silently):
 * - A bare number above 1 is refused, not guessed: "25" as a holding rate is
 *   either 25 % or 2,500 % a year, and only the planner knows which.
 * - A decimal comma is read only where it cannot be a thousands separator:
 *   "0,8" and "80,5%" are decimals; "1,000" is refused as ambiguous.
 * - In a list, semicolons separate the items when there is one ("0,8; 0,95");
 *   otherwise commas and spaces do ("0.8, 0.95", "80% 95%"), and a comma
 *   between digits in a list without dots ("0,8,0,95") is refused rather than
 *   read as 0, 8, 0, 95.
 * Messages name the field, quote what was typed and say what is expected.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export interface ShareRule {
  /** the share may not be 0 (a cut-off at 0 % puts nothing in the class) */
  aboveZero?: boolean;
}

export interface ListRule {
  /** items are shares (fractions or percentages); otherwise plain numbers ≥ 0 such as coefficients of variation */
  share?: boolean;
  /** each item must be larger than the one before */
  ascending?: boolean;
  /** a blank list is allowed and reads as [] */
  optional?: boolean;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
const THOUSANDS_LIKE = /^[+-]?\d{1,3},\d{3}$/;

const percentFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });
const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** "0.8" or "0,8" → 0.8; undefined when it is not a plain decimal; "ambiguous" when the comma could be a thousands separator. */
function readDecimal(text: string): number | undefined | "ambiguous" {
  if (DECIMAL.test(text)) return Number(text);
  if (THOUSANDS_LIKE.test(text) && !/^[+-]?0,/.test(text)) return "ambiguous";
  if (DECIMAL_COMMA.test(text)) return Number(text.replace(",", "."));
  return undefined;
}

/** How a fraction reads back to the planner: 0.805 → "80.5%". */
export function formatShare(fraction: number): string {
  return `${percentFormat.format(fraction * 100)}%`;
}

/**
 * One share typed into a pane → a fraction in [0, 1].
 * `field` is the label the planner sees ("Holding rate"), used in the message.
 */
export function parseShare(typed: string, field: string, rule: ShareRule = {}): Parsed<number> {
  const text = typed.trim();
  const quoted = JSON.stringify(text);
  if (text === "") return fail(`${field}: enter a share, such as 25% or 0.25`);
  const percent = /^(.*?)\s*%$/.exec(text);
  const body = percent ? percent[1] : text;
  const read = readDecimal(body);
  if (read === "ambiguous") return fail(`${field}: ${quoted} is ambiguous (a thousands separator or a decimal comma?); type it as ${body.replace(",", ".")} or without the comma`);
  if (typeof read !== "number" || !Number.isFinite(read)) return fail(`${field}: ${quoted} is not a share; type a percentage such as 25% or a fraction such as 0.25`);
  const shown = percent ? `${text.replace(/\s*%$/, "")}%` : text;
  if (percent) {
    if (read < 0) return fail(`${field}: ${shown} is below 0%`);
    if (read > 100) return fail(`${field}: ${shown} is above 100%`);
  } else {
    if (read < 0) return fail(`${field}: ${text} is below 0`);
    // The trap this parser exists for: "25" meant as 25 % would be 2,500 %.
    if (read > 1) return fail(`${field}: ${text} is above 1 (100%); if you meant ${formatShare(read / 100)}, type ${text}% or ${read / 100}`);
  }
  const value = percent ? read / 100 : read;
  if (rule.aboveZero && value === 0) return fail(`${field}: must be above 0%, got ${shown}`);
  return { ok: true, value };
}

/** A plain number ≥ 0 typed as one item of a list ("0.5", "1,25"). */
function parseNonNegative(typed: string, field: string): Parsed<number> {
  const read = readDecimal(typed);
  if (read === "ambiguous") return fail(`${field}: ${JSON.stringify(typed)} is ambiguous (a thousands separator or a decimal comma?); type ${typed.replace(",", ".")} or ${typed.replace(",", "")}`);
  if (typeof read !== "number" || !Number.isFinite(read)) return fail(`${field}: ${JSON.stringify(typed)} is not a number`);
  if (read < 0) return fail(`${field}: ${typed} is below 0`);
  return { ok: true, value: read };
}

/**
 * A typed list such as cut-offs → numbers. Items are named by position
 * ("ABC cut-offs, item 2"); `ascending` refuses "0.95, 0.8" with both values named.
 */
export function parseShareList(typed: string, field: string, rule: ListRule = {}): Parsed<number[]> {
  const text = typed.trim();
  if (text === "") return rule.optional ? { ok: true, value: [] } : fail(`${field}: enter at least one value, such as ${rule.share ? "80%, 95%" : "0.5, 1"}`);
  let parts: string[];
  if (text.includes(";")) {
    parts = text.split(";").map((p) => p.trim());
  } else {
    if (!text.includes(".") && /\d,\d/.test(text)) {
      return fail(`${field}: ${JSON.stringify(text)} is ambiguous (decimal commas or separate items?); separate items with "; " when you use decimal commas (0,8; 0,95), or write 0.8, 0.95`);
    }
    // "80 %, 95 %": the space before a percent sign belongs to the item, not between items.
    parts = text.replace(/\s+%/g, "%").split(/[,\s]+/);
  }
  parts = parts.filter((p) => p !== "");
  const values: number[] = [];
  for (const [i, part] of parts.entries()) {
    const item = `${field}, item ${i + 1}`;
    const parsed = rule.share ? parseShare(part, item, { aboveZero: true }) : parseNonNegative(part, item);
    if (!parsed.ok) return parsed;
    values.push(parsed.value);
  }
  if (rule.ascending) {
    for (let i = 1; i < values.length; i++) {
      if (values[i] <= values[i - 1]) {
        const show = (k: number) => (rule.share ? formatShare(values[k]) : String(values[k]));
        return fail(`${field}: must increase from one to the next; item ${i + 1} (${show(i)}) is not above item ${i} (${show(i - 1)})`);
      }
    }
  }
  return { ok: true, value: values };
}

/**
 * The characters that make a spreadsheet read a cell as a formula when they
 * lead it, as OWASP lists them (https://owasp.org/www-community/attacks/CSV_Injection):
 * `=`, `+`, `-`, `@`, tab, carriage return and line feed.
 */
const FORMULA_LEADING = /^[=+\-@\t\r\n]/;

/**
 * A value as a spreadsheet should show it, never run it: text that begins
 * with a formula character gets a leading apostrophe (OWASP's prefix for CSV
 * fields; typed into Excel or written through Office.js `values`, it marks
 * the cell as text and is not part of the value). Numbers, booleans, null
 * and all other text come back unchanged.
 *
 * @example safeCell('=HYPERLINK("http://evil","click")') // → `'=HYPERLINK("http://evil","click")`
 * @example safeCell(-12.5) // → -12.5
 */
export function safeCell<T>(value: T): T {
  // Number-looking text ("-12.5", "+3") is prefixed too: OWASP names no exception, and "-1+1" shows how little separates a number from a formula.
  return typeof value === "string" && FORMULA_LEADING.test(value) ? (`'${value}` as T) : value;
}

/**
 * The part of Excel's `CustomFunctions` global the adapters use: an Error
 * class carrying `code` and `message`, and the ErrorCode map. Installed on
 * globalThis for every test (jest setupFiles), as Excel's runtime would.
 *
 * No friendlier than the host: Excel's runtime (custom-functions-runtime.js,
 * `CustomFunctionError.prototype._getMessage`) hands the cell a message only
 * for #VALUE! and #N/A and drops it for every other code, so this stub keeps
 * `message` only for those two; a test cannot pass on a message Excel never
 * shows.
 */
const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

/** The codes whose message Excel shows (custom-functions-errors; the runtime's `_getMessage`). */
export const CODES_WITH_MESSAGE: ReadonlySet<string> = new Set([ErrorCode.invalidValue, ErrorCode.notAvailable]);

class CustomFunctionsError extends Error {
  readonly code: string;
  constructor(code?: string, message?: string) {
    super(code === undefined || CODES_WITH_MESSAGE.has(code) ? (message ?? "") : "");
    // As the runtime does: no code means #VALUE!.
    this.code = code ?? ErrorCode.invalidValue;
  }
}

export const associations = new Map<string, (...args: unknown[]) => unknown>();

(globalThis as Record<string, unknown>).CustomFunctions = {
  Error: CustomFunctionsError,
  ErrorCode,
  associate(id: string | Record<string, (...args: unknown[]) => unknown>, fn?: (...args: unknown[]) => unknown) {
    if (typeof id === "string") associations.set(id, fn!);
    else for (const [k, v] of Object.entries(id)) associations.set(k, v);
  },
};

/**
 * The part of Excel's `CustomFunctions` global the adapters use: an Error
 * class carrying `code` and `message`, and the ErrorCode map. Installed on
 * globalThis for every test (jest setupFiles), as Excel's runtime would.
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

class CustomFunctionsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
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

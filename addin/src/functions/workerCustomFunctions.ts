/**
 * The part of Excel's `CustomFunctions` global the adapters use, for the
 * functions worker, where Excel provides none: an Error carrying `code` and
 * `message` (cells.ts makes the cell errors there exactly as on the pane's
 * thread; workerPool.ts sends them back as code and message) and the ErrorCode
 * values. The *Functions.ts files end with the metadata plugin's
 * `CustomFunctions.associate` calls, which register nothing in a worker.
 *
 * functionsWorker.ts imports this module first, so it runs before theirs.
 */
class CellErrorInWorker {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
  busy: "#BUSY!",
  connect: "#CONNECT!",
  gettingData: "#GETTING_DATA",
} as const;

(globalThis as Record<string, unknown>).CustomFunctions = {
  Error: CellErrorInWorker,
  ErrorCode,
  associate: () => undefined,
};

import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";

/**
 * A blank cell, as a test writes it. Excel hands a custom function an empty
 * cell as `null` on the web and current desktop builds and as `0` on older
 * desktop builds (office-js#4702); jest runs the function suites once per way
 * (jest.config.js), and {@link caller} turns BLANK into the project's value.
 * An omitted argument is written `null`: Excel passes null for it on every build.
 */
export const BLANK: unique symbol = Symbol("a blank cell");

/** How this jest project passes a blank cell: "null" or "zero" (jest.config.js `globals`). */
export const blankMode: "null" | "zero" = (globalThis as { TIERLINE_BLANK_CELL?: string }).TIERLINE_BLANK_CELL === "zero" ? "zero" : "null";

/** Replace every BLANK in an argument (a value or a 2-D range) with how a build passes an empty cell. */
export function withBlanks(arg: unknown, blank: null | 0 = blankMode === "zero" ? 0 : null): unknown {
  if (arg === BLANK) return blank;
  if (Array.isArray(arg)) return arg.map((x) => withBlanks(x, blank));
  return arg;
}

/**
 * Messages an adapter gave an error whose code Excel shows without one
 * (#NUM!, #DIV/0!…): recorded by the bundle's CustomFunctions.Error, so a
 * test can assert that no message is written only to be dropped.
 */
export const droppedMessages: Array<{ code: string; message: string }> = [];

export const distDir = process.env.TIERLINE_DIST ? path.resolve(process.env.TIERLINE_DIST) : path.resolve(__dirname, "../../../dist");

/**
 * Evaluate the built dist/functions.js the way Excel's custom-functions
 * runtime does: a classic script with only a `CustomFunctions` global, then
 * collect what it registered with `associate`.
 */
export function loadBuiltFunctions(extraGlobals: Record<string, unknown> = {}): Map<string, (...args: unknown[]) => unknown> {
  const file = path.join(distDir, "functions.js");
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
  const registered = new Map<string, (...args: unknown[]) => unknown>();
  const stub = (globalThis as unknown as { CustomFunctions: typeof CustomFunctions }).CustomFunctions;
  const codesWithMessage = new Set<string>([stub.ErrorCode.invalidValue, stub.ErrorCode.notAvailable]);
  class RecordingError extends stub.Error {
    constructor(code?: CustomFunctions.ErrorCode, message?: string) {
      super(code!, message);
      if (message && code !== undefined && !codesWithMessage.has(code)) droppedMessages.push({ code, message });
    }
  }
  // The shared runtime is a browser page: these web globals are there in every Excel host.
  const web = { AbortController, AbortSignal, DOMException, URLSearchParams, URL };
  const sandbox = {
    ...web,
    ...extraGlobals,
    CustomFunctions: {
      ...stub,
      Error: RecordingError,
      associate: (id: string, fn: (...args: unknown[]) => unknown) => registered.set(id, fn),
    },
  };
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox, { filename: "functions.js" });
  return registered;
}

export interface FunctionsJson {
  functions: Array<{ id: string; name: string; description?: string; helpUrl?: string; parameters: Array<Record<string, unknown>>; result: Record<string, unknown> }>;
  enums?: Array<{ id: string; type: string; values: Array<{ name: string; stringValue?: string; tooltip?: string }> }>;
}

export function readFunctionsJson(): FunctionsJson {
  return JSON.parse(readFileSync(path.join(distDir, "functions.json"), "utf8"));
}

/**
 * Call a registered function by id, with every BLANK passed as this project's
 * blank cell (or as `blank` when given); an unregistered id fails the test
 * with its name.
 */
export function caller(fns: Map<string, (...args: unknown[]) => unknown>, blank?: null | 0) {
  return (id: string, ...args: unknown[]) => {
    const fn = fns.get(id);
    if (!fn) throw new Error(`${id} is not registered`);
    return fn(...args.map((a) => (blank === undefined ? withBlanks(a) : withBlanks(a, blank)))) as unknown[][];
  };
}

/** A column range as Excel passes it: one row per value. */
export const column = (...values: unknown[]) => values.map((v) => [v]);

/** Arrays built inside the vm realm: normalise before deep equality. */
export const plain = (x: unknown) => JSON.parse(JSON.stringify(x));

/**
 * The result is a single cell holding a CustomFunctions.Error with this code
 * and message, a message Excel shows: a #VALUE! or #N/A with a non-empty text.
 */
export function expectCellError(result: unknown[][], code: "#VALUE!" | "#N/A", message: string) {
  expect(result).toHaveLength(1);
  const error = result[0][0] as { code: string; message: string };
  expect(error).toBeInstanceOf(CustomFunctions.Error);
  expect(message).not.toBe("");
  expect({ code: error.code, message: error.message }).toEqual({ code, message });
}

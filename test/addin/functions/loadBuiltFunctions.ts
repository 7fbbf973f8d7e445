import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";

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
  const stub = (globalThis as unknown as { CustomFunctions: Record<string, unknown> }).CustomFunctions;
  const sandbox = {
    ...extraGlobals,
    CustomFunctions: {
      ...stub,
      associate: (id: string, fn: (...args: unknown[]) => unknown) => registered.set(id, fn),
    },
  };
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox, { filename: "functions.js" });
  return registered;
}

export function readFunctionsJson(): { functions: Array<{ id: string; name: string; parameters: Array<Record<string, unknown>>; result: Record<string, unknown> }> } {
  return JSON.parse(readFileSync(path.join(distDir, "functions.json"), "utf8"));
}

/** Call a registered function by id; an unregistered id fails the test with its name. */
export function caller(fns: Map<string, (...args: unknown[]) => unknown>) {
  return (id: string, ...args: unknown[]) => {
    const fn = fns.get(id);
    if (!fn) throw new Error(`${id} is not registered`);
    return fn(...args) as unknown[][];
  };
}

/** A column range as Excel passes it: one row per value. */
export const column = (...values: unknown[]) => values.map((v) => [v]);

/** Arrays built inside the vm realm: normalise before deep equality. */
export const plain = (x: unknown) => JSON.parse(JSON.stringify(x));

/** The result is a single cell holding a CustomFunctions.Error with this code and message. */
export function expectCellError(result: unknown[][], code: string, message: string) {
  expect(result).toHaveLength(1);
  const error = result[0][0] as { code: string; message: string };
  expect(error).toBeInstanceOf(CustomFunctions.Error);
  expect({ code: error.code, message: error.message }).toEqual({ code, message });
}

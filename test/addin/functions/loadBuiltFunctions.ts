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

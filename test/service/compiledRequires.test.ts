/**
 * Every module the compiled service (build/service/) can load is one a production install has: a
 * Node builtin, a file of the build itself, or a package in package.json's `dependencies` (what
 * `npm ci --omit=dev` installs). Read from the emitted JavaScript's syntax tree, so a require in a
 * comment or a string does not count and one the compiler added does.
 */
import fs from "node:fs";
import { builtinModules, createRequire } from "node:module";
import path from "node:path";
import ts from "typescript";
import packageJson from "../../package.json";

const root = path.resolve(__dirname, "../..");
const compiled = path.join(root, "build/service");

/**
 * The one load of a development package the build may keep: the worker starter's tsx hook, taken
 * only when the starter runs as .ts from source (service/src/workers/workerThread.ts); compiled it
 * is .js and never reaches it. compiledService.test.ts runs the compiled workers with every
 * development package unloadable.
 */
const SOURCE_ONLY = [{ file: "service/src/workers/workerThread.js", call: "require.resolve", request: "tsx/cjs" }];

interface Load {
  file: string;
  line: number;
  call: "require" | "require.resolve" | "import()";
  /** undefined when the argument is not a plain string: nothing can be said about it */
  request?: string;
}

function jsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsFiles(path.join(dir, e.name)) : e.name.endsWith(".js") ? [path.join(dir, e.name)] : []));
}

function loadsIn(file: string): Load[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const loads: Load[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const call =
        ts.isIdentifier(callee) && callee.text === "require"
          ? "require"
          : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "require" && callee.name.text === "resolve"
            ? "require.resolve"
            : callee.kind === ts.SyntaxKind.ImportKeyword
              ? "import()"
              : undefined;
      if (call) {
        const argument = node.arguments[0];
        const request = argument && (ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument)) ? argument.text : undefined;
        loads.push({ file: path.relative(compiled, file).split(path.sep).join("/"), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, call, request });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return loads;
}

const packageOf = (request: string) =>
  request
    .split("/")
    .slice(0, request.startsWith("@") ? 2 : 1)
    .join("/");

/** Why a load would fail in a production install, or undefined when it is fine. */
function problem(load: Load): string | undefined {
  const { request } = load;
  if (request === undefined) return "the module is not named by a string literal, so it cannot be checked";
  if (request.startsWith("node:") || builtinModules.includes(request)) return undefined;
  let resolved: string;
  try {
    resolved = createRequire(path.join(compiled, load.file)).resolve(request);
  } catch {
    return "does not resolve";
  }
  if (request.startsWith(".")) return resolved.startsWith(compiled + path.sep) ? undefined : `resolves outside build/service/ (${path.relative(root, resolved)})`;
  const name = packageOf(request);
  if (name in packageJson.dependencies) return undefined;
  if (SOURCE_ONLY.some((s) => s.file === load.file && s.call === load.call && s.request === request)) return undefined;
  return name in packageJson.devDependencies ? `${name} is a devDependency: a production install lacks it` : `${name} is not in package.json's dependencies`;
}

describe("modules the compiled service loads", () => {
  let loads: Load[];
  beforeAll(() => {
    if (!fs.existsSync(path.join(compiled, "service/src/start.js"))) throw new Error(`${compiled} has no build: run \`npm run build\` (npm test does) or \`npm run build:service\` first`);
    loads = jsFiles(compiled).flatMap(loadsIn);
  });

  it("covers the whole build: the entry points, both worker modules and the packages the service is made of", () => {
    const files = new Set(loads.map((l) => l.file));
    for (const entry of ["service/src/start.js", "scripts/token.js", "service/src/workers/taskWorker.js", "service/src/ml/kmeansWorker.js"]) expect(files).toContain(entry);
    const packages = new Set(loads.filter((l) => l.request && !l.request.startsWith(".")).map((l) => packageOf(l.request!)));
    for (const name of ["express", "kysely", "better-sqlite3", "pg", "zod", "@tensorflow/tfjs-core", "@tensorflow/tfjs-backend-wasm"]) expect(packages).toContain(name);
  });

  it("are Node builtins, files of the build, or packages in dependencies", () => {
    const problems = loads.flatMap((l) => {
      const why = problem(l);
      return why ? [`${l.file}:${l.line} ${l.call}(${l.request === undefined ? "…" : JSON.stringify(l.request)}): ${why}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it("find package.json (the service's version) inside the build", () => {
    const json = loads.filter((l) => l.request?.endsWith("package.json") && l.request.startsWith("."));
    expect(json.length).toBeGreaterThan(0);
    for (const l of json) expect(createRequire(path.join(compiled, l.file)).resolve(l.request!)).toBe(path.join(compiled, "package.json"));
  });
});

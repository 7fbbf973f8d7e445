/**
 * Builds the add-in with webpack.config.js (production, into a temporary folder, for the origin
 * https://tierline.example.com) and runs the bundles the way Office does: functions.js as a classic
 * script where the only global Office gives it may be `CustomFunctions` (no window/document),
 * taskpane.js inside or outside Office. Checks the function reference page and the helpUrls.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { anchorsOf } from "../../scripts/lib/functionsPage";

const repoRoot = path.resolve(__dirname, "../..");
const ORIGIN = "https://tierline.example.com";
let outDir = "";
let build: { status: number | null; output: string };

beforeAll(() => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), "tierline-dist-"));
  const result = spawnSync(process.execPath, [path.join(repoRoot, "node_modules/webpack/bin/webpack.js"), "--mode", "production", "--output-path", outDir], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production", TIERLINE_ADDIN_URL: ORIGIN },
  });
  build = { status: result.status, output: `${result.stdout}${result.stderr}` };
}, 180_000);

afterAll(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

const read = (file: string) => fs.readFileSync(path.join(outDir, file), "utf8");

/** Evaluates a bundle as a classic script in a fresh global scope holding only `globals`. */
function runScript(file: string, globals: Record<string, unknown>): void {
  vm.runInContext(read(file), vm.createContext({ ...globals }), { filename: file });
}

describe("webpack production build", () => {
  test("succeeds and emits the files the manifest points at", () => {
    if (build.status !== 0) throw new Error(`webpack exited ${build.status}:\n${build.output}`);
    for (const file of ["functions.js", "functions.json", "taskpane.html", "taskpane.js"]) {
      expect(fs.existsSync(path.join(outDir, file))).toBe(true);
    }
    for (const size of [16, 32, 64, 80]) expect(fs.existsSync(path.join(outDir, `assets/icon-${size}.png`))).toBe(true);
    expect(fs.existsSync(path.join(outDir, "functions.html"))).toBe(true);
  });

  test("office.js comes from the Office CDN: no copy of Microsoft's files in the build", () => {
    expect(read("taskpane.html")).toMatch(/<script[^>]*\bsrc="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"?[\s>]/);
    const files = fs.readdirSync(outDir, { recursive: true }).map(String);
    expect(files.filter((f) => /(^|\/)(office|o15apptofilemappingtable)(\.debug)?\.js$/.test(f))).toEqual([]);
  });

  test("functions.html has a tier-<name> section for every function in functions.json", () => {
    const anchors = anchorsOf(read("functions.html"));
    const metadata: { functions: Array<{ name: string }> } = JSON.parse(read("functions.json"));
    expect(metadata.functions.length).toBeGreaterThan(0);
    const missing = metadata.functions.map((f) => `tier-${f.name.toLowerCase()}`).filter((id) => !anchors.has(id));
    expect(missing).toEqual([]);
    // The doc's own section links still resolve.
    expect(anchors.has("conventions-and-errors")).toBe(true);
  });

  test("every function has a helpUrl, on the configured origin, pointing at its section of functions.html", () => {
    const anchors = anchorsOf(read("functions.html"));
    const metadata: { functions: Array<{ name: string; helpUrl?: string }> } = JSON.parse(read("functions.json"));
    const problems: string[] = [];
    for (const fn of metadata.functions) {
      if (!fn.helpUrl) {
        problems.push(`${fn.name}: no helpUrl (add @helpurl https://localhost:3000/functions.html#tier-${fn.name.toLowerCase()} to its JSDoc)`);
        continue;
      }
      const url = new URL(fn.helpUrl);
      if (url.origin !== ORIGIN) problems.push(`${fn.name}: helpUrl ${fn.helpUrl} is not on ${ORIGIN}`);
      if (url.pathname !== "/functions.html") problems.push(`${fn.name}: helpUrl ${fn.helpUrl} is not functions.html`);
      if (!anchors.has(url.hash.slice(1))) problems.push(`${fn.name}: helpUrl ${fn.helpUrl} names no section of functions.html`);
    }
    expect(problems).toEqual([]);
  });

  test("functions.js associates every function in functions.json, with only CustomFunctions defined", () => {
    const metadata: { functions: Array<{ id: string }> } = JSON.parse(read("functions.json"));
    const associated = new Map<string, unknown>();
    runScript("functions.js", {
      CustomFunctions: {
        associate: (id: string, fn: unknown) => associated.set(id, fn),
        Error: class extends Error {},
        ErrorCode: {},
      },
    });
    const ids = metadata.functions.map((f) => f.id);
    expect(ids.length).toBeGreaterThan(0);
    expect([...associated.keys()].sort()).toEqual([...ids].sort());
    for (const fn of associated.values()) expect(typeof fn).toBe("function");
  });

  test("taskpane.html loads office.js, then functions.js, then taskpane.js", () => {
    const html = read("taskpane.html");
    const scripts = [...html.matchAll(/<script[^>]*\bsrc="?([^"\s>]+)/g)].map((m) => m[1]);
    expect(scripts).toEqual([expect.stringMatching(/(^|\/)office\.js$/), "functions.js", "taskpane.js"]);
  });

  test("taskpane.js runs without Office, and without a document (it only renders into #root)", () => {
    expect(() => runScript("taskpane.js", {})).not.toThrow();
    expect(() => runScript("taskpane.js", { document: { getElementById: () => null } })).not.toThrow();
  });

  test("taskpane.html has the root the panes render into, with a fallback text", () => {
    expect(read("taskpane.html")).toMatch(/<div id="?root"?>[\s\S]*Loading the Tierline panes/);
  });
});

/**
 * The compiled service (`npm run build:service` → build/service/) as a production install runs it:
 * plain `node`, no tsx in the arguments or NODE_OPTIONS, NODE_ENV=production, from a foreign
 * working directory. Every child here preloads children/productionOnly.cjs, which makes each
 * development package unloadable (main thread and worker threads) as `npm ci --omit=dev` would: a
 * compiled file that still needed tsx, React or any other dev package fails here.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { kmeans, kmeansPlusPlus } from "../../shared/src/ml";
import { createRng } from "../../shared/src/random";
import { DEFAULT_TRAINING, trainSoftmax } from "../../service/src/ml/modelTrainer";
import packageJson from "../../package.json";

jest.setTimeout(90_000);

const root = path.resolve(__dirname, "../..");
const compiled = path.join(root, "build/service");
const startJs = path.join(compiled, "service/src/start.js");
const tokenJs = path.join(compiled, "scripts/token.js");
const guard = path.join(__dirname, "children/productionOnly.cjs");
const nodeArgs = (script: string, ...args: string[]) => ["--require", guard, script, ...args];

let workDir: string;
let env: Record<string, string>;

beforeAll(() => {
  for (const file of [startJs, tokenJs]) if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` (npm test does) or \`npm run build:service\` first`);
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "tierline-compiled-"));
  env = { PATH: process.env.PATH ?? "", NODE_ENV: "production", DATABASE_URL: `sqlite:${path.join(workDir, "tierline.db")}`, TIERLINE_DEMO: "off", PORT: "0", LOG_LEVEL: "warn", COMPUTE_THREADS: "1" };
});

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** Resolves with the service's URL once it has printed it; rejects if it exits first or takes too long. */
function serviceUrl(child: ChildProcess, output: { text: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the compiled service printed no URL within 30 s:\n${output.text}`)), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output.text += chunk.toString();
      const match = /Tierline service: (http:\/\/\S+)/.exec(output.text);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (output.text += chunk.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the compiled service exited (code ${code}) before listening:\n${output.text}`));
    });
  });
}

describe("the production-only preload", () => {
  it("refuses a development package (tsx) and lets a production one (express) load", () => {
    // From the repo, where both are installed: only the preload stands between tsx and the child.
    const dev = spawnSync(process.execPath, ["--require", guard, "-e", "require('tsx/cjs')"], { cwd: root, env, encoding: "utf8" });
    expect(dev.status).not.toBe(0);
    expect(dev.stderr).toContain("node_modules/tsx is a development dependency");
    const prod = spawnSync(process.execPath, ["--require", guard, "-e", "require('express')"], { cwd: root, env, encoding: "utf8" });
    expect([prod.status, prod.stderr]).toEqual([0, ""]);
  });
});

describe("the compiled service", () => {
  it("issues a token, starts, is ready, answers a compute request from its worker thread, serves the add-in, and stops on SIGTERM", async () => {
    const token = spawnSync(process.execPath, nodeArgs(tokenJs, "--name", "compiled-test", "--role", "viewer"), { cwd: workDir, env, encoding: "utf8" });
    expect([token.status, token.stderr]).toEqual([0, ""]);
    const bearer = token.stdout.trim().split("\n").at(-1)!;

    const child = spawn(process.execPath, nodeArgs(startJs), { cwd: workDir, env, stdio: ["ignore", "pipe", "pipe"] });
    const output = { text: "" };
    let exitCode: number | null = null;
    try {
      const url = await serviceUrl(child, output);
      const ready = await fetch(`${url}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([200, { status: "ready", store: "sqlite" }]);

      const abc = await fetch(`${url}/api/v1/compute/abc`, { method: "POST", headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json" }, body: JSON.stringify({ values: [50, 30, 15, 5] }) });
      const body = await abc.json();
      expect(abc.status).toBe(200);
      expect(body.result.items.map((i: { class: string }) => i.class)).toEqual(["A", "A", "B", "C"]);

      // package.json's version reaches the compiled code through its JSON import.
      const openapi = await (await fetch(`${url}/api/v1/openapi.json`)).json();
      expect(openapi.info.version).toBe(packageJson.version);

      // ADDIN_DIST=auto finds the repo's dist/ from build/service/ too.
      if (!fs.existsSync(path.join(root, "dist/taskpane.html"))) throw new Error("dist/ has no build: run `npm run build` (npm test does) first");
      expect((await fetch(`${url}/taskpane.html`)).status).toBe(200);
    } finally {
      const exited = new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on("exit", resolve)));
      child.kill("SIGTERM");
      exitCode = await exited;
    }
    expect(exitCode).toBe(0);
    expect(output.text).not.toMatch(/Cannot find module|development dependency/);
  });

  it("trains a model and runs threaded k-means on compiled worker threads: the weights and labels the source gives", async () => {
    const [n, d, k, seed] = [300, 6, 3, 1];
    const rng = createRng(1000 + seed);
    const x = Float64Array.from({ length: n * d }, () => rng.normal(0, 1));
    const y = Int32Array.from({ length: n }, (_, i) => (x[i * d] + x[i * d + 1] > 0.5 ? 2 : x[i * d + 2] > 0 ? 1 : 0));
    const options = { ...DEFAULT_TRAINING, epochs: 100, seed };

    const rows = 3_000;
    const points = Float64Array.from({ length: rows * 2 }, (_, i) => rng.normal(i % 4 < 2 ? -3 : 3, 1));
    const initialCentres = kmeansPlusPlus(points, rows, 2, 4, 2);

    const jobFile = path.join(workDir, "job.json");
    fs.writeFileSync(jobFile, JSON.stringify({ training: { x: Array.from(x), y: Array.from(y), d, k, options }, kmeans: { points: Array.from(points), n: rows, d: 2, k: 4, initialCentres: Array.from(initialCentres) } }));
    const child = spawnSync(process.execPath, nodeArgs(path.join(__dirname, "children/compiledWorkers.cjs"), jobFile), { cwd: workDir, env, encoding: "utf8" });
    expect([child.status, child.stderr]).toEqual([0, ""]);
    const result = JSON.parse(child.stdout);

    expect(result.trained).toEqual(await trainSoftmax(x, y, d, k, options));
    const single = kmeans(points, rows, 2, 4, { initialCentres });
    expect(result.kmeans.labels).toEqual(Array.from(single.labels));
    expect(result.kmeans.iterations).toBe(single.iterations);
  });
});

/**
 * package.json's version is the one version: the service reports it (OpenAPI info.version) and the dev
 * manifest carries it as Office's four-part x.y.z.0. A hand edit of either, or a bump that skipped
 * `npm version` (which runs scripts/manifest-version.ts), fails here.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SERVICE_VERSION } from "../../service/src/app";
import { manifestVersion, withManifestVersion } from "../../scripts/lib/productionManifest";

const repoRoot = path.resolve(__dirname, "../..");
const packageVersion: string = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).version;
const manifest = fs.readFileSync(path.join(repoRoot, "manifest.xml"), "utf8");

it("the service reports package.json's version", () => {
  expect(SERVICE_VERSION).toBe(packageVersion);
});

it("manifest.xml carries package.json's version as x.y.z.0", () => {
  const versions = [...manifest.matchAll(/<Version>([^<]*)<\/Version>/g)].map((m) => m[1]);
  expect(versions).toEqual([manifestVersion(packageVersion)]);
});

it("npm's version script rewrites the manifest's Version and nothing else", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tierline-version-"));
  try {
    fs.mkdirSync(path.join(dir, "scripts/lib"), { recursive: true });
    for (const file of ["scripts/manifest-version.ts", "scripts/lib/productionManifest.ts"]) fs.copyFileSync(path.join(repoRoot, file), path.join(dir, file));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ version: "2.3.4" }));
    fs.writeFileSync(path.join(dir, "manifest.xml"), manifest);
    const run = spawnSync(process.execPath, ["--require", "tsx/cjs", path.join(dir, "scripts/manifest-version.ts")], { cwd: repoRoot, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const written = fs.readFileSync(path.join(dir, "manifest.xml"), "utf8");
    expect(written).toBe(manifest.replace(/<Version>[^<]*<\/Version>/, "<Version>2.3.4.0</Version>"));
    expect(written).toBe(withManifestVersion(manifest, "2.3.4"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

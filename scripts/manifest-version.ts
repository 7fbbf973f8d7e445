/**
 * Sets manifest.xml's <Version> from package.json's version. npm runs it as the
 * `version` script, so `npm version 1.2.0` moves both (and stages manifest.xml
 * for npm's commit); test/scripts/versions.test.ts fails when they differ.
 */
import fs from "node:fs";
import path from "node:path";
import { withManifestVersion } from "./lib/productionManifest";

const repoRoot = path.resolve(__dirname, "..");
const manifestPath = path.join(repoRoot, "manifest.xml");

try {
  const packageVersion = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
  const before = fs.readFileSync(manifestPath, "utf8");
  const after = withManifestVersion(before, packageVersion);
  if (after !== before) fs.writeFileSync(manifestPath, after);
  console.log(`manifest.xml: Version ${/<Version>([^<]*)<\/Version>/.exec(after)?.[1]} (package.json ${packageVersion}).`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

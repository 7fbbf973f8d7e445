/**
 * `npm run manifest -- --url https://tierline.example.com [--out FILE]`: writes the add-in
 * manifest for the origin the add-in is served from (default FILE: dist/manifest.xml, which the
 * service then also serves at /manifest.xml). The dev manifest.xml stays on https://localhost:3000.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { addinId, parseAddinOrigin, productionManifest } from "./lib/productionManifest";

const repoRoot = path.resolve(__dirname, "..");

function main() {
  const { values } = parseArgs({ options: { url: { type: "string" }, out: { type: "string" } }, strict: true });
  if (!values.url) throw new Error("usage: npm run manifest -- --url https://your-host [--out FILE]");
  const origin = parseAddinOrigin(values.url);
  const packageVersion = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
  const xml = productionManifest(fs.readFileSync(path.join(repoRoot, "manifest.xml"), "utf8"), { origin, packageVersion });
  const out = path.resolve(values.out ?? path.join(repoRoot, "dist/manifest.xml"));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, xml);
  console.log(`Wrote ${path.relative(process.cwd(), out) || out} for ${origin} (add-in id ${addinId(origin)}).`);
  console.log(`Serve the add-in built with TIERLINE_ADDIN_URL=${origin} on that origin, then upload this manifest (Excel: Add-ins > Upload My Add-in; or your Microsoft 365 admin centre).`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

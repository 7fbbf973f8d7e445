/**
 * `npm run manifest -- --url https://host`: the manifest for a production origin, checked offline
 * like manifest.xml (xmllint against ../shared/office-manifest-xsd, every resid resolves), plus
 * what makes it a different add-in from the dev one: its own stable id, every URL on its origin,
 * the version from package.json. The script itself runs as a child process, as a user runs it.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { addinId, manifestVersion, parseAddinOrigin, productionManifest, uuidV5 } from "../../scripts/lib/productionManifest";
import { danglingResids, parseResources, pngSize, residOf, xmllint, xmllintText } from "../helpers/manifestChecks";

const repoRoot = path.resolve(__dirname, "../..");
const ORIGIN = "https://tierline.example.com";
const devManifest = fs.readFileSync(path.join(repoRoot, "manifest.xml"), "utf8");
const packageVersion: string = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).version;
const devId = /<Id>([^<]+)<\/Id>/.exec(devManifest)?.[1];

let dir = "";
let out = "";
let run: { status: number | null; output: string };
let xml = "";

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tierline-prod-manifest-"));
  out = path.join(dir, "manifest.xml");
  const result = spawnSync(process.execPath, ["--require", "tsx/cjs", path.join(repoRoot, "scripts/manifest.ts"), "--url", `${ORIGIN}/`, "--out", out], { cwd: repoRoot, encoding: "utf8" });
  run = { status: result.status, output: `${result.stdout}${result.stderr}` };
  xml = fs.existsSync(out) ? fs.readFileSync(out, "utf8") : "";
}, 60_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("npm run manifest -- --url", () => {
  test("writes the manifest and says for which origin", () => {
    if (run.status !== 0) throw new Error(`scripts/manifest.ts exited ${run.status}:\n${run.output}`);
    expect(run.output).toContain(ORIGIN);
    expect(xml).not.toBe("");
  });

  test("is valid against the add-in manifest schema (xmllint), and every resid resolves", () => {
    const { status, output } = xmllint(out);
    expect(output).toContain("validates");
    expect(status).toBe(0);
    expect(danglingResids(xml)).toEqual([]);
  });

  test("xmllint catches a broken variant of it (the check can fail)", () => {
    const { status } = xmllintText(xml.replace(/<SupportUrl [^>]*\/>/, '$&<SupportUrl DefaultValue="https://x.example/"/>'));
    expect(status).not.toBe(0);
  });

  test("every URL is on the given origin, and none on the dev server", () => {
    const urls = [...xml.replace(/<!--[\s\S]*?-->/g, "").matchAll(/DefaultValue="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((u) => !u.startsWith(`${ORIGIN}/`))).toEqual([]);
    expect(xml).not.toContain("localhost");
    const { byKind } = parseResources(xml);
    expect(byKind.Url.get(residOf(xml, /<Runtime resid="([^"]+)" lifetime="long"\/>/))).toBe(`${ORIGIN}/taskpane.html`);
    expect(byKind.Url.get(residOf(xml, /<Metadata>\s*<SourceLocation resid="([^"]+)"/))).toBe(`${ORIGIN}/functions.json`);
    expect(/<SupportUrl DefaultValue="([^"]+)"/.exec(xml)?.[1]).toBe(`${ORIGIN}/functions.html`);
  });

  test("has its own id: a UUID v5 of the origin, stable, and not the dev manifest's", () => {
    const id = /<Id>([^<]+)<\/Id>/.exec(xml)?.[1];
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).toBe(addinId(ORIGIN));
    expect(id).not.toBe(devId);
    expect(addinId("https://other.example.com")).not.toBe(id);
    expect(productionManifest(devManifest, { origin: ORIGIN, packageVersion })).toBe(xml);
  });

  test("uuidV5 matches the RFC 4122 reference value", () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") == 886313e1-3b8a-5372-9b90-0c9aee199e5d
    expect(uuidV5("python.org", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("886313e1-3b8a-5372-9b90-0c9aee199e5d");
  });

  test("takes its version from package.json, at least 1.0", () => {
    expect(/<Version>([^<]+)<\/Version>/.exec(xml)?.[1]).toBe(manifestVersion(packageVersion));
    expect(manifestVersion("1.0.0")).toBe("1.0.0.0");
    expect(manifestVersion("2.3.4-beta.1")).toBe("2.3.4.0");
    expect(() => manifestVersion("0.9.0")).toThrow(/at least 1.0/);
  });

  test("icons are the required sizes: IconUrl 32 x 32, HighResolutionIconUrl 64 x 64", () => {
    const asset = (url: string | undefined) => path.join(repoRoot, "addin/assets", (url ?? "").slice(`${ORIGIN}/assets/`.length));
    expect(pngSize(asset(/<IconUrl DefaultValue="([^"]+)"/.exec(xml)?.[1]))).toEqual({ width: 32, height: 32 });
    expect(pngSize(asset(/<HighResolutionIconUrl DefaultValue="([^"]+)"/.exec(xml)?.[1]))).toEqual({ width: 64, height: 64 });
  });

  test("refuses an origin Office cannot load or that is not an origin", () => {
    expect(() => parseAddinOrigin("http://tierline.example.com")).toThrow(/HTTPS/);
    expect(() => parseAddinOrigin("https://tierline.example.com/addin")).toThrow(/without a path/);
    expect(() => parseAddinOrigin("tierline")).toThrow(/not a URL/);
    expect(parseAddinOrigin("https://Tierline.Example.com:8443/")).toBe("https://tierline.example.com:8443");
    const refused = spawnSync(process.execPath, ["--require", "tsx/cjs", path.join(repoRoot, "scripts/manifest.ts"), "--url", "http://x.example", "--out", path.join(dir, "no.xml")], { cwd: repoRoot, encoding: "utf8" });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/HTTPS/);
    expect(fs.existsSync(path.join(dir, "no.xml"))).toBe(false);
  });
});

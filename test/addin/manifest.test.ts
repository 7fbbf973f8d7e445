/**
 * Offline checks of manifest.xml (Microsoft's validator is an online service):
 * - the XML schema, with xmllint and the XSDs in ../shared/office-manifest-xsd (Debian libxml2-utils);
 * - what the schema does not check: every resid names a resource of the right kind, the shared
 *   runtime uses one page everywhere, the custom-function URLs, namespace and icons;
 * - office-addin-manifest's own parser.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { danglingResids, parseResources, pngSize, replaceOnce, residOf, xmllint, xmllintText } from "../helpers/manifestChecks";

const repoRoot = path.resolve(__dirname, "../..");
const manifestPath = path.join(repoRoot, "manifest.xml");
const manifest = fs.readFileSync(manifestPath, "utf8");
const devServerPort: number = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).config.dev_server_port;
const origin = `https://localhost:${devServerPort}`;

describe("manifest.xml", () => {
  const { byKind, duplicates } = parseResources(manifest);
  const url = (resid: string) => byKind.Url.get(resid);

  test("is valid against the add-in manifest schema (xmllint)", () => {
    const { status, output } = xmllint(manifestPath);
    expect(output).toContain("validates");
    expect(status).toBe(0);
  });

  test("xmllint rejects a manifest missing a required element", () => {
    const withoutPermissions = replaceOnce(manifest, /\s*<Permissions>[^<]*<\/Permissions>/, "");
    const { status, output } = xmllintText(withoutPermissions);
    expect(status).not.toBe(0);
    expect(output).toMatch(/Permissions|VersionOverrides/);
  });

  test("xmllint rejects a manifest with elements out of order", () => {
    // <Runtimes> must come before <AllFormFactors> inside the VersionOverrides <Host>.
    const runtimes = /\s*<Runtimes>[\s\S]*?<\/Runtimes>/.exec(manifest)?.[0] ?? "";
    expect(runtimes).not.toBe("");
    const misordered = replaceOnce(replaceOnce(manifest, runtimes, ""), "</AllFormFactors>", `</AllFormFactors>${runtimes}`);
    const { status, output } = xmllintText(misordered);
    expect(status).not.toBe(0);
    expect(output).toContain("Runtimes");
  });

  test("every resid names an existing resource of the right kind, and ids are unique", () => {
    expect(danglingResids(manifest)).toEqual([]);
    expect(duplicates).toEqual([]);
  });

  test("the resid check catches a dangling reference", () => {
    const dangling = replaceOnce(manifest, '<Namespace resid="Functions.Namespace"/>', '<Namespace resid="Functions.Nmespace"/>');
    expect(danglingResids(dangling)).toEqual(['<Namespace resid="Functions.Nmespace">: no bt:ShortString with that id']);
    const wrongKind = replaceOnce(manifest, '<Namespace resid="Functions.Namespace"/>', '<Namespace resid="Taskpane.Url"/>');
    expect(danglingResids(wrongKind)).toHaveLength(1);
  });

  test("registers the custom functions under the TIER namespace, served by the dev server", () => {
    expect(byKind.ShortString.get(residOf(manifest, /<Namespace resid="([^"]+)"/))).toBe("TIER");
    expect(url(residOf(manifest, /<Script>\s*<SourceLocation resid="([^"]+)"/))).toBe(`${origin}/functions.js`);
    expect(url(residOf(manifest, /<Metadata>\s*<SourceLocation resid="([^"]+)"/))).toBe(`${origin}/functions.json`);
    expect(url(residOf(manifest, /<Page>\s*<SourceLocation resid="([^"]+)"/))).toBe(`${origin}/taskpane.html`);
  });

  test("uses one long-lived shared runtime: the same page for functions, ribbon and pane", () => {
    const runtime = residOf(manifest, /<Runtime resid="([^"]+)" lifetime="long"\/>/);
    expect(url(runtime)).toBe(`${origin}/taskpane.html`);
    expect(residOf(manifest, /<Page>\s*<SourceLocation resid="([^"]+)"/)).toBe(runtime);
    expect(residOf(manifest, /<FunctionFile resid="([^"]+)"/)).toBe(runtime);
    expect(residOf(manifest, /<Action xsi:type="ShowTaskpane">[\s\S]*?<SourceLocation resid="([^"]+)"/)).toBe(runtime);
    expect(manifest).toContain(`<SourceLocation DefaultValue="${url(runtime)}"/>`);
    expect(manifest).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
  });

  test("every URL is on the dev server origin from package.json config.dev_server_port", () => {
    const urls = [...manifest.replace(/<!--[\s\S]*?-->/g, "").matchAll(/DefaultValue="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((u) => !u.startsWith(`${origin}/`))).toEqual([]);
  });

  test("every icon URL is a PNG shipped in addin/assets, of the size it is used at", () => {
    const assetFile = (iconUrl: string) => {
      expect(iconUrl.startsWith(`${origin}/assets/`)).toBe(true);
      return path.join(repoRoot, "addin/assets", iconUrl.slice(`${origin}/assets/`.length));
    };
    for (const match of manifest.matchAll(/<bt:Image size="(\d+)" resid="([^"]+)"\/>/g)) {
      const size = Number(match[1]);
      expect(pngSize(assetFile(byKind.Image.get(match[2]) ?? ""))).toEqual({ width: size, height: size });
    }
    const iconUrl = /<IconUrl DefaultValue="([^"]+)"/.exec(manifest)?.[1] ?? "";
    expect(pngSize(assetFile(iconUrl))).toEqual({ width: 32, height: 32 });
    // Task-pane add-ins: IconUrl 32 x 32, HighResolutionIconUrl 64 x 64 (Office docs, HighResolutionIconUrl element).
    const highResolution = /<HighResolutionIconUrl DefaultValue="([^"]+)"/.exec(manifest)?.[1] ?? "";
    expect(pngSize(assetFile(highResolution))).toEqual({ width: 64, height: 64 });
  });

  test("has a version of at least 1.0, a support URL on the add-in's origin, and one task pane id", () => {
    const version = /<Version>([^<]+)<\/Version>/.exec(manifest)?.[1] ?? "";
    expect(version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(Number(version.split(".")[0])).toBeGreaterThanOrEqual(1);
    expect(/<SupportUrl DefaultValue="([^"]+)"/.exec(manifest)?.[1]).toBe(`${origin}/functions.html`);
    // A shared runtime supports one task pane; a ShowTaskpane action without a TaskpaneId counts as another pane.
    const actions = [...manifest.matchAll(/<Action xsi:type="ShowTaskpane">([\s\S]*?)<\/Action>/g)].map((m) => /<TaskpaneId>([^<]+)<\/TaskpaneId>/.exec(m[1])?.[1]);
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions).size).toBe(1);
    expect(actions[0]).toBeDefined();
  });

  test("office-addin-manifest parses it (readManifestFile, offline)", () => {
    // Run in a plain node process: under jest, office-addin-manifest's main module pulls in
    // ESM-only dependencies (uuid, strip-bom) that jest's CommonJS runtime cannot load.
    const script = [
      'const { OfficeAddinManifest } = require("office-addin-manifest");',
      "OfficeAddinManifest.readManifestFile(process.argv[1]).then(",
      "  (info) => process.stdout.write(JSON.stringify(info)),",
      "  (error) => { console.error(error); process.exit(1); });",
    ].join("\n");
    const info = JSON.parse(execFileSync(process.execPath, ["-e", script, manifestPath], { cwd: repoRoot, encoding: "utf8" }));
    expect(info).toMatchObject({
      displayName: "Tierline",
      providerName: "Tierline",
      officeAppType: "TaskPaneApp",
      hosts: ["Workbook"],
      manifestType: "xml",
      permissions: "ReadWriteDocument",
      defaultSettings: { sourceLocation: `${origin}/taskpane.html` },
    });
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });
});

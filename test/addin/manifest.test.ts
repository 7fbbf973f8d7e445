/**
 * Offline checks of manifest.xml (Microsoft's validator is an online service):
 * - the XML schema, with xmllint and the XSDs in ../shared/office-manifest-xsd (Debian libxml2-utils);
 * - what the schema does not check: every resid names a resource of the right kind, the shared
 *   runtime uses one page everywhere, the custom-function URLs, namespace and icons;
 * - office-addin-manifest's own parser.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const repoRoot = path.resolve(__dirname, "../..");
const manifestPath = path.join(repoRoot, "manifest.xml");
// shared/ sits beside the repo root, on developers' machines and in CI's clone alike.
const schemaPath = path.resolve(__dirname, "../../../shared/office-manifest-xsd/OfficeAppManifestV1_1.xsd");
const manifest = fs.readFileSync(manifestPath, "utf8");
const devServerPort: number = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).config
  .dev_server_port;
const origin = `https://localhost:${devServerPort}`;

function xmllint(file: string): { status: number | null; output: string } {
  const result = spawnSync("xmllint", ["--noout", "--schema", schemaPath, file], { encoding: "utf8" });
  if (result.error) throw new Error(`xmllint did not run (apt-get install -y libxml2-utils): ${result.error.message}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** xmllint on a variant of the manifest, written to a temporary file. */
function xmllintText(xml: string): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tierline-manifest-"));
  try {
    const file = path.join(dir, "manifest.xml");
    fs.writeFileSync(file, xml);
    return xmllint(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Replaces exactly one occurrence, so a variant cannot silently equal the original. */
function replaceOnce(text: string, search: string | RegExp, replacement: string): string {
  const count = typeof search === "string" ? text.split(search).length - 1 : (text.match(new RegExp(search, "g")) ?? []).length;
  if (count !== 1) throw new Error(`expected one match of ${String(search)}, found ${count}`);
  return text.replace(search, replacement);
}

type ResourceKind = "Image" | "Url" | "ShortString" | "LongString";

interface Resources {
  byKind: Record<ResourceKind, Map<string, string>>;
  duplicates: string[];
}

/** The DefaultValue of each resource id under <Resources>, by kind. */
function parseResources(xml: string): Resources {
  const section = /<Resources>([\s\S]*?)<\/Resources>/.exec(xml)?.[1] ?? "";
  const groups: Array<[ResourceKind, string, string]> = [
    ["Image", "bt:Images", "bt:Image"],
    ["Url", "bt:Urls", "bt:Url"],
    ["ShortString", "bt:ShortStrings", "bt:String"],
    ["LongString", "bt:LongStrings", "bt:String"],
  ];
  const byKind = {} as Record<ResourceKind, Map<string, string>>;
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const [kind, group, element] of groups) {
    byKind[kind] = new Map();
    const body = new RegExp(`<${group}>([\\s\\S]*?)</${group}>`).exec(section)?.[1] ?? "";
    for (const match of body.matchAll(new RegExp(`<${element}\\s+([^>]*?)/?>`, "g"))) {
      const id = /\bid="([^"]*)"/.exec(match[1])?.[1];
      const value = /\bDefaultValue="([^"]*)"/.exec(match[1])?.[1];
      if (id === undefined || value === undefined) throw new Error(`resource without id or DefaultValue: ${match[0]}`);
      if (seen.has(id)) duplicates.push(id);
      seen.add(id);
      byKind[kind].set(id, value);
    }
  }
  return { byKind, duplicates };
}

/** What each element's resid must point at (the schema's *ResourceReference types). */
const residKinds: Record<string, ResourceKind> = {
  Runtime: "Url",
  SourceLocation: "Url",
  FunctionFile: "Url",
  LearnMoreUrl: "Url",
  Namespace: "ShortString",
  Label: "ShortString",
  Title: "ShortString",
  Description: "LongString",
  "bt:Image": "Image",
};

/** Every resid that does not name an existing resource of the kind its element takes. */
function danglingResids(xml: string): string[] {
  const withoutComments = xml.replace(/<!--[\s\S]*?-->/g, "");
  const { byKind } = parseResources(withoutComments);
  const problems: string[] = [];
  for (const match of withoutComments.matchAll(/<([\w:]+)\b[^>]*?\bresid="([^"]*)"/g)) {
    const [, element, resid] = match;
    const kind = residKinds[element];
    if (!kind) problems.push(`<${element} resid="${resid}">: element not in residKinds, add it`);
    else if (!byKind[kind].has(resid)) problems.push(`<${element} resid="${resid}">: no bt:${kind} with that id`);
  }
  return problems;
}

function residOf(xml: string, pattern: RegExp): string {
  const resid = pattern.exec(xml)?.[1];
  if (resid === undefined) throw new Error(`no match for ${pattern}`);
  return resid;
}

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
    const pngSize = (file: string) => {
      const png = fs.readFileSync(file);
      expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
      return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
    };
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
    const highResolution = /<HighResolutionIconUrl DefaultValue="([^"]+)"/.exec(manifest)?.[1] ?? "";
    expect(fs.existsSync(assetFile(highResolution))).toBe(true);
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
    const info = JSON.parse(
      execFileSync(process.execPath, ["-e", script, manifestPath], { cwd: repoRoot, encoding: "utf8" }),
    );
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

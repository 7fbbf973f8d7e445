/**
 * Offline checks of add-in manifests shared by the dev and production manifest tests: xmllint
 * against ../shared/office-manifest-xsd, and what the schema does not check (every resid names a
 * resource of the right kind).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// shared/ sits beside the repo root, on developers' machines and in CI's clone alike.
const schemaPath = path.resolve(__dirname, "../../../shared/office-manifest-xsd/OfficeAppManifestV1_1.xsd");

export function xmllint(file: string): { status: number | null; output: string } {
  const result = spawnSync("xmllint", ["--noout", "--schema", schemaPath, file], { encoding: "utf8" });
  if (result.error) throw new Error(`xmllint did not run (apt-get install -y libxml2-utils): ${result.error.message}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** xmllint on a variant of the manifest, written to a temporary file. */
export function xmllintText(xml: string): { status: number | null; output: string } {
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
export function replaceOnce(text: string, search: string | RegExp, replacement: string): string {
  const count = typeof search === "string" ? text.split(search).length - 1 : (text.match(new RegExp(search, "g")) ?? []).length;
  if (count !== 1) throw new Error(`expected one match of ${String(search)}, found ${count}`);
  return text.replace(search, replacement);
}

export type ResourceKind = "Image" | "Url" | "ShortString" | "LongString";

export interface Resources {
  byKind: Record<ResourceKind, Map<string, string>>;
  duplicates: string[];
}

/** The DefaultValue of each resource id under <Resources>, by kind. */
export function parseResources(xml: string): Resources {
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
export const residKinds: Record<string, ResourceKind> = {
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
export function danglingResids(xml: string): string[] {
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

export function residOf(xml: string, pattern: RegExp): string {
  const resid = pattern.exec(xml)?.[1];
  if (resid === undefined) throw new Error(`no match for ${pattern}`);
  return resid;
}

/** Width and height of a PNG file (from its IHDR chunk). */
export function pngSize(file: string): { width: number; height: number } {
  const png = fs.readFileSync(file);
  if (png.subarray(1, 4).toString("ascii") !== "PNG") throw new Error(`${file} is not a PNG`);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

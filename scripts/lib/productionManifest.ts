/**
 * The add-in manifest for an origin other than the dev server: manifest.xml (the localhost
 * manifest, kept as the one source of truth for structure) with every https://localhost:3000 URL
 * moved to the origin, its own <Id> and the version from package.json.
 */
import { createHash } from "node:crypto";

/** The origin every URL of manifest.xml is written against. */
export const DEV_ORIGIN = "https://localhost:3000";
/** RFC 4122 appendix C: the namespace for names that are URLs. */
const URL_NAMESPACE = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

/** RFC 4122 §4.3 name-based UUID, version 5 (SHA-1). */
export function uuidV5(name: string, namespace: string = URL_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  if (ns.length !== 16) throw new Error(`not a UUID: ${namespace}`);
  const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** An add-in origin from user input: https, no path, query or credentials. */
export function parseAddinOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`--url: "${value}" is not a URL (expected e.g. https://tierline.example.com)`);
  }
  if (url.protocol !== "https:") throw new Error(`--url: Office loads add-ins over HTTPS only, got ${url.protocol}//`);
  if (url.username || url.password) throw new Error("--url: no credentials in the URL");
  if (url.pathname !== "/" || url.search || url.hash) throw new Error(`--url: expected an origin without a path (the add-in is served at its root), got "${value}"`);
  return url.origin;
}

/** package.json's semver `1.2.3` → the manifest's `1.2.3.0`; Office wants at least 1.0. */
export function manifestVersion(packageVersion: string): string {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(packageVersion);
  if (!match) throw new Error(`package.json version "${packageVersion}" is not semver`);
  if (Number(match[1]) < 1) throw new Error(`package.json version ${packageVersion}: the manifest Version must be at least 1.0`);
  return `${match[1]}.${match[2]}.${match[3]}.0`;
}

/** The add-in's id for an origin: stable per origin, never the dev manifest's. */
export function addinId(origin: string): string {
  return uuidV5(`${origin}/manifest.xml`);
}

function replaceExactlyOnce(xml: string, pattern: RegExp, replacement: string, what: string): string {
  const count = (xml.match(new RegExp(pattern.source, "g")) ?? []).length;
  if (count !== 1) throw new Error(`manifest.xml: expected one ${what}, found ${count}`);
  return xml.replace(pattern, replacement);
}

/** A manifest with its <Version> set from package.json's version. */
export function withManifestVersion(xml: string, packageVersion: string): string {
  return replaceExactlyOnce(xml, /<Version>[^<]*<\/Version>/, `<Version>${manifestVersion(packageVersion)}</Version>`, "<Version>");
}

/** manifest.xml rewritten for `origin` (already checked with parseAddinOrigin). */
export function productionManifest(devManifest: string, options: { origin: string; packageVersion: string }): string {
  const { origin } = options;
  if (!devManifest.includes(`${DEV_ORIGIN}/`)) throw new Error(`manifest.xml has no ${DEV_ORIGIN} URL to move`);
  let xml = devManifest.split(`${DEV_ORIGIN}/`).join(`${origin}/`);
  xml = replaceExactlyOnce(xml, /<Id>[^<]*<\/Id>/, `<Id>${addinId(origin)}</Id>`, "<Id>");
  xml = withManifestVersion(xml, options.packageVersion);
  // The dev manifest's comment says it points at the dev server; this one does not.
  xml = xml.replace(/<!--[\s\S]*?-->/, `<!-- Tierline add-in-only manifest for ${origin}, generated from manifest.xml by scripts/manifest.ts (npm run manifest). -->`);
  return xml;
}

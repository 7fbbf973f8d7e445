/**
 * One origin in production: the service, over real HTTPS on port 0, serves the built add-in
 * (taskpane.html, functions.js, functions.json, functions.html, icons) beside /api/v1, each with
 * the headers Office needs (a CSP that lets office.js in and Office on the web frame the pane;
 * public metadata and icons; revalidated caching), while the API keeps its deny-all headers.
 * Needs the build of `npm test` (dist/, or TIERLINE_DIST).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { resolveAddinDist } from "../../service/src/http/addinStatic";
import { configSchema, loadConfig } from "../../service/src/config";
import { get, startAddinOrigin, type AddinOrigin } from "../helpers/addinOrigin";

jest.setTimeout(60_000);

let t: AddinOrigin;
beforeAll(async () => {
  t = await startAddinOrigin();
});
afterAll(async () => {
  await t?.close();
});

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(", ") : (value ?? ""));
const directive = (csp: string, name: string) =>
  csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `)) ?? "";

describe("the service serves the add-in on its own origin", () => {
  test("listens on HTTPS with the configured certificate", () => {
    expect(t.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  test.each([
    ["/taskpane.html", /^text\/html/],
    ["/functions.html", /^text\/html/],
    ["/functions.js", /javascript/],
    ["/functions.json", /^application\/json/],
    ["/assets/icon-64.png", /^image\/png/],
  ])("%s", async (file, type) => {
    const r = await get(t, file);
    expect(r.status).toBe(200);
    expect(header(r.headers["content-type"])).toMatch(type);
    expect(r.body.length).toBeGreaterThan(0);
  });

  test("the API answers on the same origin", async () => {
    const me = await get(t, "/api/v1/me", { Authorization: `Bearer ${t.service.tokens.planner}` });
    expect(me.status).toBe(200);
    expect(JSON.parse(me.text)).toMatchObject({ role: "planner" });
    const unknown = await get(t, "/api/v1/nothing-here");
    expect(unknown.status).toBe(404);
    expect(header(unknown.headers["content-type"])).toContain("application/problem+json");
  });

  test("the pane is told the service is this origin (tierline-config.json)", async () => {
    const r = await get(t, "/tierline-config.json");
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toEqual({ serviceUrl: t.origin });
    expect(header(r.headers["cache-control"])).toBe("no-store");
    const root = await get(t, "/");
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe("/taskpane.html");
  });

  test("the pages' CSP lets office.js load from the Office CDN and Office on the web frame the pane", async () => {
    const r = await get(t, "/taskpane.html");
    const csp = header(r.headers["content-security-policy"]);
    expect(directive(csp, "script-src").split(" ")).toEqual(expect.arrayContaining(["'self'", "https://appsforoffice.microsoft.com"]));
    expect(directive(csp, "script-src")).not.toContain("'unsafe-inline'");
    expect(directive(csp, "script-src")).not.toContain("'unsafe-eval'");
    expect(directive(csp, "style-src")).toContain("'unsafe-inline'");
    expect(directive(csp, "frame-ancestors").split(" ")).toEqual(expect.arrayContaining(["'self'", "https://*.live.com", "https://*.sharepoint.com", "https://*.office.com", "https://*.cloud.microsoft"]));
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    // X-Frame-Options would stop Excel on the web from framing the pane whatever frame-ancestors says.
    expect(r.headers["x-frame-options"]).toBeUndefined();
    expect(header(r.headers["strict-transport-security"])).toContain("max-age=");
    expect(header(r.headers["x-content-type-options"])).toBe("nosniff");
  });

  test("the API keeps its deny-all CSP and no-framing headers", async () => {
    const r = await get(t, "/healthz");
    expect(header(r.headers["content-security-policy"])).toContain("default-src 'none'");
    expect(header(r.headers["content-security-policy"])).toContain("frame-ancestors 'none'");
    expect(r.headers["access-control-allow-origin"]).toBeUndefined();
  });

  test("metadata and icons are public (Office reads them from its own origin)", async () => {
    for (const file of ["/functions.json", "/functions.js", "/assets/icon-32.png"]) {
      const r = await get(t, file);
      expect({ file, acao: r.headers["access-control-allow-origin"], corp: r.headers["cross-origin-resource-policy"] }).toEqual({ file, acao: "*", corp: "cross-origin" });
    }
  });

  test("pages, scripts and metadata revalidate (304 when unchanged); icons are cached for a day", async () => {
    for (const file of ["/taskpane.html", "/functions.js", "/functions.json", "/functions.html"]) {
      const first = await get(t, file);
      expect({ file, cache: first.headers["cache-control"] }).toEqual({ file, cache: "no-cache" });
      const etag = header(first.headers.etag);
      expect(etag).not.toBe("");
      const again = await get(t, file, { "If-None-Match": etag });
      expect({ file, status: again.status }).toEqual({ file, status: 304 });
    }
    expect(header((await get(t, "/assets/icon-64.png")).headers["cache-control"])).toBe("public, max-age=86400");
  });

  test("a file that is not in the build is the API's problem+json 404, and nothing outside dist/ is reachable", async () => {
    for (const p of ["/nothing.html", "/../package.json", "/%2e%2e/package.json", "/.env"]) {
      const r = await get(t, p);
      expect({ p, status: r.status }).toEqual({ p, status: 404 });
    }
  });
});

describe("configuration", () => {
  test("ADDIN_DIST: off serves nothing, auto serves the repo's dist/ only once built, a folder without a build is refused", () => {
    expect(resolveAddinDist("off")).toBeUndefined();
    expect(() => resolveAddinDist("/nonexistent-tierline-dist")).toThrow(/no taskpane.html/);
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), "tierline-repo-"));
    try {
      expect(resolveAddinDist("auto", repo)).toBeUndefined();
      fs.mkdirSync(path.join(repo, "dist"));
      fs.writeFileSync(path.join(repo, "dist/taskpane.html"), "<!doctype html>");
      expect(resolveAddinDist("auto", repo)).toBe(path.join(repo, "dist"));
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
    // The default repo root is the one this service runs from.
    expect(path.resolve(__dirname, "../..")).toBe(path.resolve(require.resolve("../../service/src/http/addinStatic"), "../../../.."));
  });

  test("TLS needs both the certificate and the key", () => {
    expect(() => loadConfig({ TLS_CERT_FILE: "/tmp/cert.pem" })).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE/);
    expect(configSchema.parse({}).ADDIN_DIST).toBe("auto");
  });

  test("TIERLINE_ADDIN_URL is reduced to its origin", () => {
    expect(loadConfig({ TIERLINE_ADDIN_URL: "https://tierline.example.com/" }).TIERLINE_ADDIN_URL).toBe("https://tierline.example.com");
  });
});

/**
 * The built add-in (dist/) served by the service beside /api/v1: pane, custom functions and API on
 * one origin, so the pane's calls need no CORS and no Local Network Access prompt.
 *
 * Headers per file, set only on files that exist (misses fall through to the API's 404):
 * - a CSP that lets office.js work: scripts from this origin and Microsoft's CDN (office.js loads
 *   its host files, locale strings and telemetry from appsforoffice.microsoft.com, and MicrosoftAjax
 *   from ajax.aspnetcdn.com on some hosts), inline styles (taskpane.html's <style>, Fluent's runtime
 *   styles, excel-web-16.00.js), its hidden frames (the CDN's, and the telemetry proxy at
 *   telemetryservice.firstpartyapps.oaspapps.com), and framing by Office on the web;
 * - no X-Frame-Options (Office on the web frames the pane; frame-ancestors says by whom);
 * - the static files are public: `Access-Control-Allow-Origin: *` and `Cross-Origin-Resource-Policy:
 *   cross-origin`, so Office can read functions.json and show the icons from its own origin;
 * - caching: the names carry no content hash, so pages, scripts and metadata revalidate on every
 *   load (`no-cache` + ETag → 304 when unchanged); icons are kept a day. Excel itself caches the
 *   custom-functions metadata, so a changed functions.json can take up to 24 hours to reach users.
 */
import fs from "node:fs";
import path from "node:path";
import express, { type RequestHandler, type Response } from "express";
import type { Config } from "../config";

export const OFFICE_CDN = "https://appsforoffice.microsoft.com";

/** The Content-Security-Policy of the add-in's pages. */
export function addinContentSecurityPolicy(frameAncestors: string[], signInAuthority?: string): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", OFFICE_CDN, "https://ajax.aspnetcdn.com"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", OFFICE_CDN],
    "font-src": ["'self'", "data:"],
    // office.js's own requests (CDN, telemetry); the pane's calls go to 'self'.
    // MSAL's token requests go to the sign-in authority (outside an NAA host; inside, the host asks for it).
    "connect-src": ["'self'", OFFICE_CDN, "https://*.microsoft.com", "https://*.office.com", "https://*.office.net", "https://*.live.com", ...(signInAuthority ? [new URL(signInAuthority).origin] : [])],
    // office.js's hidden frames: its trust/error UX from the CDN, its telemetry proxy page.
    "frame-src": ["'self'", OFFICE_CDN, "https://telemetryservice.firstpartyapps.oaspapps.com"],
    "worker-src": ["'self'", "blob:"],
    "frame-ancestors": frameAncestors,
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

/** The checkout: compiled, this file sits two levels deeper (build/service/service/src/http). */
const REPO_ROOT = path.resolve(__dirname, path.extname(__filename) === ".js" ? "../../../../.." : "../../..");

/** The folder to serve: `off` → none; `auto` → the repo's dist/ when built; else that folder, which must hold a build. */
export function resolveAddinDist(setting: string, repoRoot = REPO_ROOT): string | undefined {
  if (setting === "off") return undefined;
  const built = (dir: string) => fs.existsSync(path.join(dir, "taskpane.html"));
  if (setting === "auto") {
    const dist = path.join(repoRoot, "dist");
    return built(dist) ? dist : undefined;
  }
  const dir = path.resolve(setting);
  if (!built(dir)) throw new Error(`ADDIN_DIST=${setting}: ${dir} has no taskpane.html; build the add-in first (npm run build) or set ADDIN_DIST=off`);
  return dir;
}

function cacheControl(file: string): string {
  if (/\/assets\/[^/]+\.(png|svg|ico)$/.test(file.split(path.sep).join("/"))) return "public, max-age=86400";
  return "no-cache";
}

/**
 * Serves `dir` at the root, plus `/tierline-config.json` (where the pane finds the service when the
 * planner has saved nothing: this origin) and `/` → `/taskpane.html`.
 */
export function addinStatic(dir: string, config: Pick<Config, "ADDIN_FRAME_ANCESTORS" | "TIERLINE_ADDIN_URL" | "TLS_CERT_FILE">, signInAuthority?: string): RequestHandler {
  const csp = addinContentSecurityPolicy(config.ADDIN_FRAME_ANCESTORS, signInAuthority);
  const security = (res: Response) => {
    res.setHeader("Content-Security-Policy", csp);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    if (config.TLS_CERT_FILE) res.setHeader("Strict-Transport-Security", "max-age=31536000");
  };
  const router = express.Router();
  router.get("/", (_req, res) => res.redirect("/taskpane.html"));
  router.get("/tierline-config.json", (req, res) => {
    security(res);
    const origin = config.TIERLINE_ADDIN_URL ?? `${req.protocol}://${req.get("host")}`;
    res.set("Cache-Control", "no-store").json({ serviceUrl: origin });
  });
  router.use(
    express.static(dir, {
      index: false,
      redirect: false,
      fallthrough: true,
      setHeaders: (res, file) => {
        security(res);
        res.setHeader("Cache-Control", cacheControl(file));
        res.setHeader("Access-Control-Allow-Origin", "*");
        res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
      },
    }),
  );
  return router;
}

/**
 * `npm start`, the main job: builds the add-in, serves it on
 * https://localhost:3000 (dev certificates), starts the service on SQLite
 * with the demo company, and prints the URLs, demo tokens and how to sideload.
 * `npm run service` is the service alone.
 *
 * Environment: the service's variables (README, Configuration), plus
 * TIERLINE_SKIP_BUILD=1 to serve an existing dist/ and TIERLINE_DIST for its folder.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describeDemoTokens, issueDemoTokens } from "../service/src/demo/demoTokens";
import { loadConfig } from "../service/src/config";
import { startService } from "../service/src/service";
import { devCertificates, startPaneServer } from "./lib/paneServer";

const repoRoot = path.resolve(__dirname, "..");

function panePort(): number {
  const fromNpm = Number(process.env.npm_package_config_dev_server_port);
  if (Number.isInteger(fromNpm) && fromNpm > 0) return fromNpm;
  const packageJson = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { config?: { dev_server_port?: number } };
  const fromPackage = Number(packageJson.config?.dev_server_port);
  return Number.isInteger(fromPackage) && fromPackage > 0 ? fromPackage : 3000;
}

async function main() {
  const distDir = process.env.TIERLINE_DIST ? path.resolve(process.env.TIERLINE_DIST) : path.join(repoRoot, "dist");
  if (!/^(1|true|yes|on)$/i.test(process.env.TIERLINE_SKIP_BUILD ?? "")) {
    console.log("Building the add-in (webpack, production)…");
    const build = spawnSync(process.execPath, [path.join(repoRoot, "node_modules/webpack/bin/webpack.js"), "--mode", "production", "--output-path", distDir], { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });
    if (build.status !== 0) throw new Error(`the add-in build failed (webpack exited ${build.status}); run \`npm run build\` to see why`);
  }

  const credentials = await devCertificates(repoRoot);
  const port = panePort();
  const paneOrigin = `${credentials ? "https" : "http"}://localhost:${port}`;
  if (!credentials) console.warn(`\nWARNING: no dev certificates could be made: serving the panes over plain HTTP (${paneOrigin}). Browsers show them; Excel refuses add-ins that are not HTTPS.\n`);

  // The service must accept calls from the pane's origin, whatever else ADDIN_ORIGINS allows.
  const origins = [...new Set([...(process.env.ADDIN_ORIGINS ?? "https://localhost:3000").split(","), paneOrigin].map((o) => o.trim()).filter(Boolean))];
  // The panes come from the dev pane server here; the service serves only the API (production serves both: README).
  // The main job is the demo: on unless TIERLINE_DEMO says otherwise (the service alone starts empty).
  const config = loadConfig({ TIERLINE_DEMO: "on", ...process.env, ADDIN_ORIGINS: origins.join(","), ADDIN_DIST: "off" });
  const service = await startService(config);
  const panes = await startPaneServer({ distDir, port, credentials, serviceUrl: service.url });

  const shutdown = (signal: string) => {
    service.logger.info({ signal }, "shutting down");
    Promise.all([panes.close(), service.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));

  console.log(`\nTierline add-in:  ${panes.url}   (open it in a browser: the panes run on an in-page demo workbook)`);
  console.log(`Tierline service: ${service.url}  (OpenAPI: ${service.url}/api/v1/openapi.json; store ${config.DATABASE_URL})`);
  if (config.TIERLINE_DEMO) {
    if (service.demoLoaded) console.log("Loaded the demo company.");
    for (const line of describeDemoTokens(await issueDemoTokens(service.ctx.db))) console.log(line);
  }
  console.log("\nSideload into Excel:");
  console.log("  Excel on the web: Home > Add-ins > More add-ins > Upload My Add-in > manifest.xml");
  console.log("  Excel desktop:    npm run sideload   (trust ~/.office-addin-dev-certs/ca.crt first if Excel rejects the certificate)");
  console.log("Ctrl+C stops both.");
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

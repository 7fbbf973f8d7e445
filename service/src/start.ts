/**
 * `npm run service`: the Tierline service on the configured store. With the
 * demo enabled (the default) an empty store is filled with the demo company
 * and fresh demo tokens are printed. When the add-in is built (ADDIN_DIST)
 * the service also serves it, on the same origin as the API: in production,
 * with TLS_CERT_FILE/TLS_KEY_FILE, this is the whole deployment.
 */
import { describeDemoTokens, issueDemoTokens } from "./demo/demoTokens";
import { loadConfig } from "./config";
import { startService } from "./service";

async function main() {
  const config = loadConfig();
  const service = await startService(config);
  // Load the compute workers now rather than on the first heavy request.
  void service.ctx.pool?.warm();
  const shutdown = (signal: string) => {
    service.logger.info({ signal }, "shutting down");
    service.close().then(
      () => process.exit(0),
      (error) => {
        service.logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  console.log(`\nTierline service: ${service.url}  (OpenAPI: ${service.url}/api/v1/openapi.json)`);
  if (service.addinDist) {
    const origin = config.TIERLINE_ADDIN_URL ?? service.url;
    console.log(`Tierline add-in:  ${origin}/taskpane.html  (served from ${service.addinDist}; functions reference ${origin}/functions.html)`);
    if (!origin.startsWith("https:")) console.log("  Office loads add-ins over HTTPS only: set TLS_CERT_FILE and TLS_KEY_FILE, or put an HTTPS proxy in front and set TIERLINE_ADDIN_URL.");
    console.log(`  Manifest for this origin: npm run manifest -- --url ${origin.startsWith("https:") ? origin : "https://<your host>"}`);
  }
  if (config.TIERLINE_DEMO) {
    if (service.demoLoaded) console.log("Loaded the demo company.");
    for (const line of describeDemoTokens(await issueDemoTokens(service.ctx.db))) console.log(line);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

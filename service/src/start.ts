/**
 * `npm run service`: the Tierline service on the configured store. With the
 * demo enabled (the default) an empty store is filled with the demo company
 * and fresh demo tokens are printed.
 */
import { issueToken } from "./auth/tokens";
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
  if (config.TIERLINE_DEMO) {
    const admin = await issueToken(service.ctx.db, "demo-admin", "admin");
    const approver = await issueToken(service.ctx.db, "demo-approver-token", "approver");
    console.log(`${service.demoLoaded ? "Loaded the demo company. " : ""}Demo tokens (shown once):`);
    console.log(`  approver: ${approver.token}`);
    console.log(`  admin:    ${admin.token}`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/**
 * Child process for the look-up size benchmark: the service on a temp SQLite
 * file with a demo company of PRODUCTS products, printing `ready <url> <token>`.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { issueToken } from "../../service/src/auth/tokens";
import { configSchema } from "../../service/src/config";
import { startService } from "../../service/src/service";
import { loadDemoCompany } from "../../service/src/demo/loadDemo";

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tierline-lookup-bench-"));
  const config = configSchema.parse({ PORT: 0, DATABASE_URL: `sqlite:${path.join(dir, "bench.db")}`, TIERLINE_DEMO: "false", RATE_LIMIT_PER_MINUTE: "0", LOG_LEVEL: "warn" });
  const service = await startService(config, { logger: pino({ level: "warn" }) });
  await loadDemoCompany(service.ctx, { seed: 13, products: Number(process.env.PRODUCTS ?? 12_000), customers: 40, weeks: 12, suppliers: 5 });
  const token = (await issueToken(service.ctx.db, "bench", "viewer")).token;
  process.stdout.write(`ready ${service.url} ${token}\n`);
  process.on("SIGTERM", () => void service.close().then(() => process.exit(0)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

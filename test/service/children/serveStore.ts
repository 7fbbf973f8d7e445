/**
 * Child process for the fault tests: the service on DATABASE_URL (port 0,
 * small demo company), printing `ready <url> <admin token> <planner token>`.
 * Running it apart from Jest means a crash is an exit code, not a dead test
 * runner.
 */
import pino from "pino";
import { issueToken } from "../../../service/src/auth/tokens";
import { configSchema } from "../../../service/src/config";
import { startService } from "../../../service/src/service";
import { loadDemoCompany } from "../../../service/src/demo/loadDemo";
import { SMALL_DEMO } from "../harness";

async function main() {
  const config = configSchema.parse({ PORT: 0, DATABASE_URL: process.env.DATABASE_URL, TIERLINE_DEMO: "false", RATE_LIMIT_PER_MINUTE: "0", LOG_LEVEL: "silent" });
  const service = await startService(config, { logger: pino({ level: "silent" }) });
  await loadDemoCompany(service.ctx, SMALL_DEMO);
  const admin = await issueToken(service.ctx.db, "fault-admin", "admin");
  const planner = await issueToken(service.ctx.db, "fault-planner", "planner");
  process.stdout.write(`ready ${service.url} ${admin.token} ${planner.token}\n`);
  process.on("SIGTERM", () => void service.close().then(() => process.exit(0)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

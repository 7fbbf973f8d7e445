/**
 * Prints the route × role matrix of the service from its route table, in the
 * Markdown the README carries (a test keeps the README in step with it).
 */
import { allRoutes } from "../service/src/app";
import { ROLES, rolesWith } from "../service/src/auth/roles";
import { configSchema } from "../service/src/config";
import type { ServiceContext } from "../service/src/useCases/context";

export function routeMatrix(): string {
  const routes = allRoutes({} as ServiceContext, configSchema.parse({}));
  const header = `| Route | ${ROLES.join(" | ")} |`;
  const rule = `|---|${ROLES.map(() => ":-:").join("|")}|`;
  const rows = routes.map((r) => {
    const allowed = r.permission === "public" ? ROLES : rolesWith(r.permission);
    return `| \`${r.method.toUpperCase()} /api/v1${r.path}\` — ${r.summary} | ${ROLES.map((role) => (allowed.includes(role) ? "✓" : "")).join(" | ")} |`;
  });
  return [header, rule, ...rows].join("\n");
}

if (require.main === module) console.log(routeMatrix());

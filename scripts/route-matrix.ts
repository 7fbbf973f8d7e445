/**
 * Prints the route × role matrix of the service from the API contract's route
 * table, in the Markdown the README carries (a test keeps the README in step
 * with it). Public routes (probes, the OpenAPI document) are left out.
 */
import { ROLES, ROUTE_NAMES, routes, rolesWith, type RouteDefinition } from "../shared/src/api";

export function routeMatrix(): string {
  const header = `| Route | ${ROLES.join(" | ")} |`;
  const rule = `|---|${ROLES.map(() => ":-:").join("|")}|`;
  const rows = ROUTE_NAMES.map((name) => routes[name] as RouteDefinition)
    .filter((r) => r.permission !== "public")
    .map((r) => {
      const allowed = r.permission === "public" ? ROLES : rolesWith(r.permission);
      return `| \`${r.method.toUpperCase()} /api/v1${r.path}\` — ${r.summary} | ${ROLES.map((role) => (allowed.includes(role) ? "✓" : "")).join(" | ")} |`;
    });
  return [header, rule, ...rows].join("\n");
}

if (require.main === module) console.log(routeMatrix());

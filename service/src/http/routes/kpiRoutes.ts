import { z } from "zod";
import { createAction, createActionSchema, getAction, listActions, listActionsSchema, updateAction, updateActionSchema } from "../../useCases/actions";
import type { ServiceContext } from "../../useCases/context";
import { healthCheckQuerySchema, segmentHealthCheck } from "../../useCases/kpiHealthCheck";
import { kpiQuerySchema, kpiReport } from "../../useCases/kpiReport";
import { defineRoute, type RouteSpec } from "../route";

const idParams = z.object({ id: z.uuid("must be an action id (a UUID)") });

/** KPIs per segment, breaches, segment health check, root causes and corrective actions (issue 7). */
export function kpiRoutes(ctx: ServiceContext): RouteSpec[] {
  return [
    defineRoute({
      method: "get",
      path: "/kpis",
      summary: "Read KPIs per segment against the policy targets",
      permission: "read",
      query: kpiQuerySchema,
      handler: async ({ query }) => {
        const { breaches: _breaches, ...report } = await kpiReport(ctx.db, query);
        return { json: report };
      },
    }),
    defineRoute({
      method: "get",
      path: "/breaches",
      summary: "Read KPI breaches with owner, escalation and root causes",
      permission: "read",
      query: kpiQuerySchema.omit({ segment: true }),
      handler: async ({ query }) => {
        const report = await kpiReport(ctx.db, query);
        const open = await listActions(ctx.db, { dimension: query.dimension });
        const breaches = report.breaches.map((b) => ({ ...b, actions: open.filter((a) => a.breachId === b.id) }));
        return { json: { dimension: report.dimension, dataWindow: report.dataWindow, assumptions: report.assumptions, breaches } };
      },
    }),
    defineRoute({
      method: "get",
      path: "/health-check",
      summary: "Check segment health: silhouette, similar pairs, small segments",
      permission: "read",
      query: healthCheckQuerySchema,
      handler: async ({ query }) => ({ json: await segmentHealthCheck(ctx.db, query) }),
    }),
    defineRoute({
      method: "get",
      path: "/actions",
      summary: "List corrective actions",
      permission: "read",
      query: listActionsSchema,
      handler: async ({ query }) => ({ json: { actions: await listActions(ctx.db, query) } }),
    }),
    defineRoute({
      method: "get",
      path: "/actions/:id",
      summary: "Read a corrective action",
      permission: "read",
      params: idParams,
      handler: async ({ params }) => ({ json: await getAction(ctx.db, params.id) }),
    }),
    defineRoute({
      method: "post",
      path: "/actions",
      summary: "Create a corrective action",
      permission: "run",
      body: createActionSchema,
      handler: async ({ body, actor }) => ({ status: 201, json: await createAction(ctx, actor!, body) }),
    }),
    defineRoute({
      method: "patch",
      path: "/actions/:id",
      summary: "Update a corrective action",
      permission: "run",
      params: idParams,
      body: updateActionSchema,
      handler: async ({ params, body, actor }) => ({ json: await updateAction(ctx, actor!, params.id, body) }),
    }),
  ];
}

import { createAction, getAction, listActions, updateAction } from "../../useCases/actions";
import type { ServiceContext } from "../../useCases/context";
import { segmentHealthCheck } from "../../useCases/kpiHealthCheck";
import { cachedKpiReport } from "../../useCases/kpiReport";
import type { Handlers } from "../route";

/** KPIs per segment, breaches with root causes, the segment health check and corrective actions. */
export function kpiHandlers(ctx: ServiceContext): Handlers<"readKpis" | "readBreaches" | "healthCheck" | "listActions" | "readAction" | "createAction" | "updateAction"> {
  return {
    readKpis: async ({ query }) => {
      const { breaches: _breaches, ...report } = await cachedKpiReport(ctx.db, query, ctx.now());
      return { json: report };
    },
    readBreaches: async ({ query }) => {
      const report = await cachedKpiReport(ctx.db, query, ctx.now());
      const open = await listActions(ctx.db, { dimension: query.dimension });
      const breaches = report.breaches.map((b) => ({ ...b, actions: open.filter((a) => a.breachId === b.id) }));
      return { json: { dimension: report.dimension, dataWindow: report.dataWindow, assumptions: report.assumptions, breaches } };
    },
    healthCheck: async ({ query }) => ({ json: await segmentHealthCheck(ctx.db, query, ctx.now()) }),
    listActions: async ({ query }) => ({ json: { actions: await listActions(ctx.db, query) } }),
    readAction: async ({ params }) => ({ json: await getAction(ctx.db, params.id) }),
    createAction: async ({ body, actor }) => ({ status: 201, json: await createAction(ctx, actor, body) }),
    updateAction: async ({ params, body, actor }) => ({ json: await updateAction(ctx, actor, params.id, body) }),
  };
}

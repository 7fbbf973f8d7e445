import { z } from "zod";
import { COMPUTE_LIMITS, computeBodySchemas, computeEngineSchema } from "../../../../shared/src/api";
import type { ServiceContext } from "../../useCases/context";
import { runOffThread } from "../../workers/taskPool";
import { notFound } from "../../appError";
import { defineRoute, validate, type RouteSpec } from "../route";

const engines = computeEngineSchema.options;

/**
 * Stateless compute over shared/ for ERP and APS pipelines. Each engine has
 * its own body schema with size limits (shared/src/api/computeSchemas.ts),
 * checked here; the work runs on the task pool within the compute budget.
 */
export function computeRoutes(ctx: ServiceContext): RouteSpec[] {
  return [
    defineRoute({
      method: "post",
      path: "/compute/:engine",
      summary: "Compute with a shared engine",
      description: `Engines: ${engines.join(", ")}. Limits per request: ${Object.entries(COMPUTE_LIMITS)
        .map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`)
        .join("; ")}. A request over a limit is a 400 naming it; one that runs past the compute budget is stopped with a 503.`,
      permission: "compute",
      params: z.object({ engine: z.string().max(50) }),
      body: z.unknown(),
      documentedBody: z.union(Object.values(computeBodySchemas) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]),
      handler: async ({ params, body }) => {
        const engine = computeEngineSchema.safeParse(params.engine);
        if (!engine.success) throw notFound(`engine "${params.engine}" does not exist; engines: ${engines.join(", ")}`);
        // Each engine has its own body schema, so validation happens once the engine is known.
        const parsed = validate(computeBodySchemas[engine.data] as z.ZodType, body, "body");
        return { json: { engine: engine.data, result: await runOffThread(ctx.pool, { kind: "compute", engine: engine.data, body: parsed }) } };
      },
    }),
  ];
}

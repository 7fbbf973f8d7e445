import { computeEngineSchema } from "../../../../shared/src/api";
import type { ServiceContext } from "../../useCases/context";
import { runOffThread } from "../../workers/taskPool";
import { notFound } from "../../appError";
import type { Handlers } from "../route";

/**
 * Stateless compute over shared/ for ERP and APS pipelines. The body was
 * checked against its engine's schema (with size limits); the work runs on
 * the task pool within the compute budget.
 */
export function computeHandlers(ctx: ServiceContext): Handlers<"compute"> {
  return {
    compute: async ({ params, body }) => {
      const engine = computeEngineSchema.safeParse(params.engine);
      if (!engine.success) throw notFound(`engine "${params.engine}" does not exist; engines: ${computeEngineSchema.options.join(", ")}`);
      return { json: { engine: engine.data, result: await runOffThread(ctx.pool, { kind: "compute", engine: engine.data, body }) } };
    },
  };
}

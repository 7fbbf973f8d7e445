import { z } from "zod";
import { classifyAbc, classifyDemandPatterns, classifyMultiCriteriaAbc, classifyXyz, abcOptionsSchema, xyzOptionsSchema, demandPatternOptionsSchema, multiCriteriaOptionsSchema } from "../../../../shared/src/segmentation";
import { costToServe, type CostToServeOptions, type RateBasis } from "../../../../shared/src/cost";
import { fitForecastModel, selectForecastModel, type ModelMethod, type ModelOptions, type SelectionOptions } from "../../../../shared/src/forecasting";
import { cycleServiceInputSchema, reorderPoint, safetyStock, solveGuaranteedService, type CycleServiceInput, type GsmInput } from "../../../../shared/src/inventory";
import { notFound } from "../appError";
import { defineRoute, validate, type RouteSpec } from "../route";

const numberList = z.array(z.number()).min(1).max(2_000_000);
const table = z.array(z.array(z.union([z.number(), z.null()]))).min(1).max(200_000);

/**
 * Stateless compute over shared/ for ERP and APS pipelines: each engine is a
 * body schema and a pure function. Engines of later issues register here.
 */
const loose = z.record(z.string(), z.unknown());

export const computeEngines: Record<string, { body: z.ZodType; run: (body: never) => unknown }> = {
  "safety-stock": {
    body: z.object({ items: z.array(cycleServiceInputSchema.extend({ id: z.union([z.string(), z.number()]).optional() })).min(1).max(200_000) }),
    run: (b: { items: Array<CycleServiceInput & { id?: string | number }> }) => ({
      items: b.items.map((item, i) => ({ id: item.id ?? String(i + 1), safetyStock: safetyStock(item), reorderPoint: reorderPoint(item) })),
    }),
  },
  meio: {
    body: loose,
    run: (b: GsmInput) => solveGuaranteedService(b),
  },
  forecast: {
    body: z.object({ history: z.array(z.union([z.number(), z.null()])).min(1).max(100_000), method: z.string().default("auto"), options: loose.optional() }),
    run: (b: { history: Array<number | null>; method: string; options?: Record<string, unknown> }) =>
      b.method === "auto" ? selectForecastModel(b.history, b.options as SelectionOptions) : fitForecastModel(b.history, b.method as ModelMethod, b.options as ModelOptions),
  },
  "cost-to-serve": {
    body: z.object({ driverVolumes: z.array(z.array(z.unknown())).min(1).max(200_000), basis: loose, options: loose.optional() }),
    run: (b: { driverVolumes: unknown[][]; basis: RateBasis; options?: CostToServeOptions }) => costToServe(b.driverVolumes, b.basis, b.options),
  },
  abc: {
    body: z.object({ values: numberList, options: abcOptionsSchema.partial().optional() }),
    run: (b: { values: number[]; options?: object }) => classifyAbc(b.values, b.options),
  },
  xyz: {
    body: z.object({ demand: table, options: xyzOptionsSchema.partial().optional() }),
    run: (b: { demand: Array<Array<number | null>>; options?: object }) => classifyXyz(b.demand, b.options),
  },
  "demand-pattern": {
    body: z.object({ demand: table, options: demandPatternOptionsSchema.partial().optional() }),
    run: (b: { demand: Array<Array<number | null>>; options?: object }) => classifyDemandPatterns(b.demand, b.options),
  },
  mcabc: {
    body: z.object({ criteria: z.array(z.array(z.number())).min(1).max(200_000), options: multiCriteriaOptionsSchema.partial().extend({ cutoffs: z.array(z.number()).optional(), mode: z.enum(["value", "count"]).optional() }).optional() }),
    run: (b: { criteria: number[][]; options?: object }) => classifyMultiCriteriaAbc(b.criteria, b.options),
  },
};

export function computeRoutes(): RouteSpec[] {
  return [
    defineRoute({
      method: "post",
      path: "/compute/:engine",
      summary: "Compute with a shared engine",
      permission: "compute",
      params: z.object({ engine: z.string().max(50) }),
      body: z.unknown(),
      handler: async ({ params, body }) => {
        const engine = computeEngines[params.engine];
        if (!engine) throw notFound(`engine "${params.engine}" does not exist; engines: ${Object.keys(computeEngines).join(", ")}`);
        // Each engine has its own body schema, so validation happens once the engine is known.
        const parsed = validate(engine.body, body, "body");
        return { json: { engine: params.engine, result: engine.run(parsed as never) } };
      },
    }),
  ];
}

import type { z } from "zod";
import { computeBodySchemas, type ComputeEngine } from "../../../../shared/src/api";
import { costToServe, investmentCase, transferPrices, type CostToServeOptions, type InvestmentCaseInput, type RateBasis, type TransferLine } from "../../../../shared/src/cost";
import { fitForecastModel, selectForecastModel, type ModelMethod, type ModelOptions, type SelectionOptions } from "../../../../shared/src/forecasting";
import { reorderPoint, safetyStock, solveGuaranteedService, type GsmInput } from "../../../../shared/src/inventory";
import { classifyAbc, classifyDemandPatterns, classifyMultiCriteriaAbc, classifyXyz } from "../../../../shared/src/segmentation";

type Body<E extends ComputeEngine> = z.output<(typeof computeBodySchemas)[E]>;

/**
 * Stateless compute over shared/ for ERP and APS pipelines: each engine's body
 * schema (with its size limits) lives in shared/src/api/computeSchemas.ts, its
 * pure function here. The functions run in the task pool's workers, so they
 * take and return plain data.
 */
export const computeEngines: { [E in ComputeEngine]: (body: Body<E>) => unknown } = {
  "safety-stock": (b) => ({
    items: b.items.map((item, i) => ({ id: item.id ?? String(i + 1), safetyStock: safetyStock(item), reorderPoint: reorderPoint(item) })),
  }),
  meio: (b) => solveGuaranteedService(b as GsmInput),
  forecast: (b) => (b.method === "auto" ? selectForecastModel(b.history, b.options as SelectionOptions) : fitForecastModel(b.history, b.method as ModelMethod, b.options as ModelOptions)),
  "cost-to-serve": (b) => costToServe(b.driverVolumes, b.basis as RateBasis, b.options as CostToServeOptions),
  abc: (b) => classifyAbc(b.values, b.options),
  xyz: (b) => classifyXyz(b.demand, b.options),
  "demand-pattern": (b) => classifyDemandPatterns(b.demand, b.options),
  mcabc: (b) => classifyMultiCriteriaAbc(b.criteria, b.options),
  "transfer-price": (b) => ({ prices: transferPrices(b.lines as TransferLine[], b.policy) }),
  "investment-case": (b) => investmentCase(b as InvestmentCaseInput),
};

export function runComputeEngine(engine: ComputeEngine, body: unknown): unknown {
  return (computeEngines[engine] as (b: unknown) => unknown)(body);
}

import type { costToServe, InvestmentCase, TransferPrice } from "../cost";
import type { fitForecastModel, selectForecastModel } from "../forecasting";
import type { reorderPoint, safetyStock, solveGuaranteedService } from "../inventory";
import type { classifyAbc, classifyDemandPatterns, classifyMultiCriteriaAbc, classifyXyz } from "../segmentation";

/**
 * What each engine of `POST /compute/:engine` answers in `result`: the return
 * value of the shared function it runs, sent as JSON.
 */
export interface ComputeResults {
  "safety-stock": { items: Array<{ id: string; safetyStock: ReturnType<typeof safetyStock>; reorderPoint: ReturnType<typeof reorderPoint> }> };
  meio: ReturnType<typeof solveGuaranteedService>;
  forecast: ReturnType<typeof selectForecastModel> | ReturnType<typeof fitForecastModel>;
  "cost-to-serve": ReturnType<typeof costToServe>;
  abc: ReturnType<typeof classifyAbc>;
  xyz: ReturnType<typeof classifyXyz>;
  "demand-pattern": ReturnType<typeof classifyDemandPatterns>;
  mcabc: ReturnType<typeof classifyMultiCriteriaAbc>;
  "transfer-price": { prices: TransferPrice[] };
  "investment-case": InvestmentCase;
}

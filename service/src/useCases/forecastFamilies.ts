import { DomainError } from "../../../shared/src/errors";
import { topDownForecast, type ProportionMethod } from "../../../shared/src/forecasting";
import { segmentsOf } from "../store/assignments";
import { entityAttributes } from "../store/entities";
import { replaceFamilyForecasts, weekUnitsOf } from "../store/forecastFamilies";
import { productIdsWithHistory } from "../store/forecasts";
import type { ForecastFamilyMemberTable, ForecastFamilyTable } from "../store/schema";
import type { ServiceContext } from "./context";
import { forecastPolicyResolver } from "./forecastPolicy";
import { errorSdOf, inSampleErrors } from "./forecastSeries";

/**
 * The proportions a run splits family forecasts by: Gross & Sohl (1990)
 * method A, the average of historical proportions. On the demo company's
 * intermittent CZ and BZ segments it was as accurate as method F (pooled
 * item WAPE 127.7 % vs 129.1 %, `npm run evaluate:granularity`); Gross &
 * Sohl found the two best of their twenty-one.
 */
export const RUN_PROPORTIONS: ProportionMethod = "A";

export interface FamilyPreparation {
  families: number;
  products: number;
  /** family-level products forecast item by item instead, and why */
  notes: string[];
}

/**
 * Before a run is chunked: the family forecasts of every product whose
 * segment's policy sets `forecastLevel: family`. A family is a category; its
 * aggregate sums all the category's products in family-level segments (not
 * only those a filtered run keeps, so shares are of the whole family), is
 * forecast with the same automatic selection items get, and each member's
 * share is its historical proportion. Computed here once, since a family's
 * products span the chunks, and stored for the chunks to split.
 * Products without a category, and families whose aggregate no model fits,
 * stay item level.
 */
export async function prepareFamilyForecasts(
  ctx: ServiceContext,
  run: { runId: string; firstWeek: number; lastWeek: number; horizon: number; seasonLength?: number; productVersion: number; policyVersion: number },
): Promise<FamilyPreparation> {
  const none: FamilyPreparation = { families: 0, products: 0, notes: [] };
  const policy = await forecastPolicyResolver(ctx, run.policyVersion);
  if (!policy.anyFamily || run.productVersion === 0) return none;
  const ids = await productIdsWithHistory(ctx.db);
  const segments = await segmentsOf(ctx.db, "product", run.productVersion, ids);
  const attributes = await entityAttributes(ctx.db, "product");
  const families = new Map<string, string[]>();
  let uncategorised = 0;
  for (const id of ids) {
    if (policy.of(segments.get(id) ?? null).level !== "family") continue;
    const category = attributes.get(id)?.category;
    if (typeof category !== "string" || category.trim() === "") {
      uncategorised++;
      continue;
    }
    if (!families.has(category)) families.set(category, []);
    families.get(category)!.push(id);
  }
  const notes = uncategorised ? [`${uncategorised} product${uncategorised === 1 ? "" : "s"} in family-level segments without a category: forecast item by item.`] : [];
  const weeks = run.lastWeek - run.firstWeek + 1;
  const members = [...families.values()].flat();
  const series = new Map<string, Float64Array>(members.map((id) => [id, new Float64Array(weeks)]));
  for (const r of await weekUnitsOf(ctx.db, members)) {
    if (r.week >= run.firstWeek && r.week <= run.lastWeek) series.get(r.productId)![r.week - run.firstWeek] += r.units;
  }
  const familyRows: ForecastFamilyTable[] = [];
  const memberRows: ForecastFamilyMemberTable[] = [];
  for (const [family, products] of [...families].sort((a, b) => a[0].localeCompare(b[0]))) {
    let td;
    try {
      td = topDownForecast(new Map(products.map((id) => [id, series.get(id)!])), { horizon: run.horizon, seasonLength: run.seasonLength, method: RUN_PROPORTIONS });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      notes.push(`Family ${family}: ${error.message}; its ${products.length} products are forecast item by item.`);
      continue;
    }
    const errors = inSampleErrors(td.aggregate, td.family.model.fitted);
    familyRows.push({
      run_id: run.runId,
      family,
      products: products.length,
      method: td.family.method,
      pattern: td.family.pattern,
      forecast: JSON.stringify(td.family.model.forecast),
      fitted: JSON.stringify(td.family.model.fitted),
      sigma: errors.sigma,
      mase: errors.mase,
      wape: errors.wape,
      abs_error: errors.absError,
      abs_actual: errors.absActual,
      error_sd: JSON.stringify(errorSdOf(td.aggregate, td.family.model)),
    });
    for (const [productId, share] of td.shares) memberRows.push({ run_id: run.runId, product_id: productId, family, share });
  }
  await ctx.db.transaction().execute((trx) => replaceFamilyForecasts(trx, run.runId, familyRows, memberRows));
  return { families: familyRows.length, products: memberRows.length, notes };
}

/**
 * After master data changed (a Refresh segments that moved a table to a new
 * version, an approval), TIER.SEGMENT and TIER.POLICY cells must show the new
 * answers. They are not volatile and none of their inputs changed, so Excel
 * would not recalculate them by itself: we ask for a full recalculation
 * (`Application.calculate(Full)`), which recalculates every formula in the
 * open workbooks whether marked dirty or not, custom functions included.
 * `clearCaches` runs first so the recalculation fetches new values.
 */
export async function recalculateAll(context: Excel.RequestContext, clearCaches: () => void): Promise<void> {
  clearCaches();
  // "Full" is Excel.CalculationType.full (a plain string, so this module needs no Excel global at load).
  context.workbook.application.calculate("Full");
  await context.sync();
}

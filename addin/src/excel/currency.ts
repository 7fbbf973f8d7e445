import { currencyFor, type Currency } from "../workbook/resultFormats";

/**
 * The currency of the workbook as Excel reports it: `cultureInfo.name` (ExcelApi
 * 1.11) and `cultureInfo.numberFormat.currencySymbol` (ExcelApi 1.17, the
 * system's regional settings in Excel). On an older Excel the symbol cannot be
 * read: money is then written as a plain `#,##0.00` rather than with a guessed
 * symbol. The loads are queued here and read after the caller's own first
 * sync, so asking costs no extra round trip.
 */
export function excelApiSupported(version: string): boolean {
  return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported("ExcelApi", version) === true;
}

/** The workbook's currency on its own (a pane's money), or undefined where Excel cannot tell it. */
export async function readCurrency(context: Excel.RequestContext, supported = excelApiSupported("1.17")): Promise<Currency | undefined> {
  const currency = queueCurrency(context, supported);
  if (supported) await context.sync();
  return currency();
}

export function queueCurrency(context: Excel.RequestContext, supported = excelApiSupported("1.17")): () => Currency | undefined {
  if (!supported) return () => undefined;
  const culture = context.application.cultureInfo.load("name");
  const numberFormat = context.application.cultureInfo.numberFormat.load("currencySymbol");
  return () => (numberFormat.currencySymbol ? currencyFor(numberFormat.currencySymbol, culture.name) : undefined);
}

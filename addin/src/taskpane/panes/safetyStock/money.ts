import type { Currency } from "../../../workbook/resultFormats";

/**
 * Whole money amounts with the workbook's currency placed as its culture
 * writes money (the written tables' format, moneyFormat in resultFormats.ts,
 * without cents: a pane's total is read at a glance). No symbol when Excel
 * could not tell the currency.
 */
export function formatMoney(amount: number, currency: Currency | undefined): string {
  const digits = Math.abs(amount).toLocaleString("en-US", { maximumFractionDigits: 0 });
  const sign = amount < 0 && digits !== "0" ? "−" : "";
  if (!currency || currency.symbol === "") return `${sign}${digits}`;
  const gap = currency.space ? "\u00a0" : "";
  return currency.before ? `${sign}${currency.symbol}${gap}${digits}` : `${sign}${digits}${gap}${currency.symbol}`;
}

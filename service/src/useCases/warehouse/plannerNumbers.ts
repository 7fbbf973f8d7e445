/* Numbers as the reasons a planner reads them say them: thousands separators, few decimals. */

export const count = (x: number, digits = 1) => x.toLocaleString("en-US", { maximumFractionDigits: digits });
export const money = (x: number) => x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const pct = (x: number) => `${(100 * x).toLocaleString("en-US", { maximumFractionDigits: 0 })} %`;

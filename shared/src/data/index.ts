export * from "./tableSchemas";
export { parseTable } from "./parseTable";
export { validateRows } from "./validateRows";
export type { RowError } from "./validateRows";
export { safeCell } from "./safeCell";
export { parseShare, parseShareList, formatShare } from "./parseShare";
export type { Parsed, ShareRule, ListRule } from "./parseShare";
export * from "./kpiDataSchemas";
export * from "./freightSchemas";

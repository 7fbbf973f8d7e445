export * from "./tableSchemas";
export { parseTable } from "./parseTable";
export { validateRows } from "./validateRows";
export type { RowError } from "./validateRows";
export { safeCell } from "./safeCell";

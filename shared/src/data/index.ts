export * from "./tableSchemas";
export { parseTable } from "./parseTable";

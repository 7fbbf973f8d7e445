export * from "./schemas";
export * from "./computeSchemas";
export * from "./text";
export * from "./pagination";

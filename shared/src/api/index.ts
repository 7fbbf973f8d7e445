export * from "./schemas";
export * from "./computeSchemas";

export * from "./schemas";
export * from "./text";
export * from "./pagination";

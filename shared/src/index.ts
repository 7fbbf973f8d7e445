/** Tierline's domain library: pure functions, no I/O. Both the add-in and the service import it. */
export * from "./errors";
export * from "./validation";
export * from "./numeric";
export * from "./segmentation";
export * from "./forecasting";
export * from "./inventory";
export * from "./cost";
export * from "./suppliers";
export * from "./fulfilment";
export * from "./ml";
export * from "./kpi";
// warehouse/, network/ and optimisation/ load the HiGHS WebAssembly solver: import them by path where needed.

/** Tierline's domain library: pure functions, no I/O. Both the add-in and the service import it. */
export * from "./errors";
export * from "./validation";
export * from "./numeric";
export * from "./segmentation";

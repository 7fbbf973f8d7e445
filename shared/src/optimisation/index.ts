export { solveLp } from "./solveLp";
export { solveMip } from "./solveMip";
export type { MipModel, MipOptions, MipSolution, MipStatus } from "./solveMip";

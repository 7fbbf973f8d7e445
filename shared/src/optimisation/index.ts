export { solveLp } from "./solveLp";

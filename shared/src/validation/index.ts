export { checkNumber, toCheckedFloat64, checkIds } from "./numbers";
export type { NumberRule } from "./numbers";

export { rankDescending } from "./rankDescending";
export { compareIds, idOrder } from "./idOrder";
export { goldenSection } from "./goldenSection";
export type { GoldenBracket } from "./goldenSection";

export { rankDescending } from "./rankDescending";
export { compareIds, idOrder } from "./idOrder";

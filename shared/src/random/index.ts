export { createRng } from "./prng";
export type { Rng } from "./prng";

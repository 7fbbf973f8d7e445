import type { Rng } from "../random";
import type { Customer } from "./types";

/** Key-account managers share the strategic accounts; each region has its field rep. */
const KEY_ACCOUNT_MANAGERS = ["Maria Lindqvist", "Tom Okafor"] as const;
const REGION_REPS: Readonly<Record<string, string>> = { North: "Sara Brandt", South: "Luca Moretti", West: "Priya Nair" };
/** Share of small accounts left as house accounts with no owner (served by inside sales, outside any plan). */
const HOUSE_ACCOUNT_SHARE = 0.04;

/**
 * The demo's sales organisation: strategic accounts to one of two key-account
 * managers, the others to their region's rep, a few left without an owner.
 * Drawn from its own stream, so the other tables are as before.
 */
export function assignAccountOwners(rng: Rng, customers: readonly Customer[]): Customer[] {
  return customers.map((c) => {
    const owner = c.strategic ? KEY_ACCOUNT_MANAGERS[rng.int(0, KEY_ACCOUNT_MANAGERS.length - 1)] : rng.bernoulli(HOUSE_ACCOUNT_SHARE) ? null : (REGION_REPS[c.region] ?? null);
    return { ...c, accountOwner: owner };
  });
}

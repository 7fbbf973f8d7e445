import { DomainError } from "../errors";
import { checkNumber, toCheckedFloat64 } from "../validation";

/** What a freight bill is spread by: each names the driver column it reads. */
export const FREIGHT_METHODS = ["weight", "volume", "distance", "shipments", "lines"] as const;
export type FreightMethod = (typeof FREIGHT_METHODS)[number];

/**
 * Spread a freight bill over customers in proportion to a driver,
 *
 *   freightᵢ = total × driverᵢ / Σₖ driverₖ,
 *
 * where the method names the driver: `weight` (kg shipped), `volume` (m³),
 * `distance` (km driven to the customer), `shipments` or `lines` (counts). This is
 * ABC's resource-driver assignment with one pool (Kaplan & Cooper, *Cost &
 * Effect*, ch. 6); which driver fits depends on how the carrier charges —
 * by weight for LTL, by shipment for parcels, by distance for a dedicated
 * fleet. The shares sum to the bill exactly up to rounding.
 *
 * @param total the freight bill (≥ 0)
 * @param drivers one driver quantity per customer (≥ 0), in the method's unit
 * @throws DomainError naming `freight.total`, `drivers[i]`, or the drivers when they sum to 0 under a positive bill
 * @example allocateFreight(1000, [3, 1], "weight") // [750, 250]
 */
export function allocateFreight(total: unknown, drivers: ArrayLike<unknown>, method: FreightMethod, field = "drivers"): number[] {
  const bill = checkNumber(total, "freight.total", { min: 0 });
  const d = toCheckedFloat64(drivers, field, { min: 0 });
  let sum = 0;
  for (const v of d) sum += v;
  if (sum === 0) {
    if (bill === 0) return new Array<number>(d.length).fill(0);
    throw new DomainError(field, `every ${method} driver is 0: the freight bill of ${bill} has nothing to be spread over`, "out_of_range");
  }
  return Array.from(d, (v) => (bill * v) / sum);
}

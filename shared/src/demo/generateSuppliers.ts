import type { Rng } from "../random";
import { CATEGORIES, SUPPLIER_NAME_FIRST, SUPPLIER_NAME_SECOND } from "./catalogue";
import { uniqueNames } from "./uniqueNames";
import { clamp, formatId, roundTo, uniform } from "./sampling";
import type { Supplier } from "./types";

/** What the other generators need to know about a supplier beyond its row. */
export interface SupplierTraits {
  /** indices into CATEGORIES the supplier sells */
  categories: number[];
  /** relative share of its categories' products it gets */
  breadth: number;
}

/**
 * Suppliers in two groups, so lead times vary by supplier the way they do in
 * practice: domestic (about a week, median 7 days) and overseas (about five
 * weeks, median 35 days). Lead-time variability, on-time rate, fill rate and
 * quality are drawn per supplier; means and spreads are illustrative.
 */
export function generateSuppliers(rng: Rng, count: number): { suppliers: Supplier[]; traits: SupplierTraits[] } {
  const names = uniqueNames(rng, [SUPPLIER_NAME_FIRST, SUPPLIER_NAME_SECOND], count);
  // Deal the categories round-robin from a shuffled deck so each is covered whenever count >= categories.
  const deck = rng.shuffle(CATEGORIES.map((_, i) => i));
  const suppliers: Supplier[] = [];
  const traits: SupplierTraits[] = [];
  for (let i = 0; i < count; i++) {
    const overseas = rng.bernoulli(0.35);
    const leadTimeMean = overseas ? rng.lognormal(Math.log(35), 0.3) : rng.lognormal(Math.log(7), 0.4);
    const leadTimeCv = overseas ? uniform(rng, 0.15, 0.5) : uniform(rng, 0.1, 0.35);
    const categories = [deck[i % deck.length]];
    if (rng.bernoulli(0.3)) {
      const second = rng.int(0, CATEGORIES.length - 1);
      if (second !== categories[0]) categories.push(second);
    }
    suppliers.push({
      supplierId: formatId("S", i, count, 2),
      name: names[i],
      leadTimeMeanDays: roundTo(Math.max(1, leadTimeMean), 1),
      leadTimeSdDays: roundTo(Math.max(0.1, leadTimeMean * leadTimeCv), 1),
      onTimeRate: roundTo(clamp(1 - rng.lognormal(Math.log(overseas ? 0.15 : 0.07), 0.5), 0.55, 0.995), 3),
      fillRate: roundTo(clamp(1 - rng.lognormal(Math.log(0.04), 0.6), 0.8, 0.999), 3),
      qualityPpm: Math.round(clamp(rng.lognormal(Math.log(400), 1), 5, 20_000)),
    });
    traits.push({ categories, breadth: rng.lognormal(0, 0.7) });
  }
  return { suppliers, traits };
}

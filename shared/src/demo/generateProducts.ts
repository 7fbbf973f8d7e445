import { assertUnreachable } from "../errors";
import type { Rng } from "../random";
import { CATEGORIES, PRODUCT_VARIANTS } from "./catalogue";
import { clamp, formatId, roundTo, uniform, weightedSampler } from "./sampling";
import type { SupplierTraits } from "./generateSuppliers";
import { uniqueNames } from "./uniqueNames";
import type { DemandProfile, Lifecycle, Product } from "./types";

/** The demand process behind a product's weekly totals. */
export interface ProductTraits {
  /** mean units per active week before seasonality and ramps */
  meanWeeklyUnits: number;
  /** first and last week (1-based, inclusive) with possible demand */
  firstWeek: number;
  lastWeek: number;
  /** chance of any demand in a week, before seasonality */
  demandProbability: number;
  /** smooth: CV of the weekly size; erratic and lumpy: σ of the lognormal size multiplier; intermittent: σ of its small jitter */
  sizeVariability: number;
  /** 0 unless seasonal: relative swing of the 52-week cycle */
  seasonalAmplitude: number;
  seasonalPhase: number;
  /** typical units per order line */
  unitsPerLine: number;
}

/**
 * Annual revenue per product is lognormal with σ = 1.5 on the log scale. For
 * a lognormal the top share q of items holds 1 − Φ(z₁₋q − σ) of the total
 * (its Lorenz curve is L(p) = Φ(Φ⁻¹(p) − σ); Aitchison & Brown, The
 * Lognormal Distribution, 1957), so σ ≈ 1.68 would put exactly 80% in the top 20%; 1.5 plus the
 * noise of prices, lifecycles and sampling lands near that.
 */
const REVENUE_LOG_SD = 1.65;
const MEDIAN_ANNUAL_REVENUE = 9000;
const NEW_SHARE = 0.06;
const DYING_SHARE = 0.06;
const SEASONAL_SHARE = 0.25;
/**
 * Below these weekly means a series will not reliably land in the class:
 * whole units and the seasonal swing add spread to a smooth one, and sizes
 * rounded up to one unit flatten an erratic one.
 */
const MIN_WEEKLY_UNITS: Record<DemandProfile, number> = { smooth: 6, erratic: 3, intermittent: 0, lumpy: 0 };
/** Smallest mean order size when demand is occasional: below it every size is 1 and lumpiness cannot show. */
export const MIN_OCCASIONAL_SIZE: Record<DemandProfile, number> = {
  smooth: 1,
  erratic: 1,
  intermittent: 1.5,
  lumpy: 3,
};

/**
 * The assortment: categories, prices and margins by category, a supplier that
 * sells the category, and the demand process each product follows. Big
 * sellers lean smooth or erratic, the tail leans intermittent or lumpy, as in
 * spare-parts and MRO assortments (Syntetos, Boylan & Croston 2005).
 */
export function generateProducts(rng: Rng, count: number, weeks: number, supplierTraits: readonly SupplierTraits[], supplierIds: readonly string[]): { products: Product[]; traits: ProductTraits[] } {
  const pickCategory = weightedSampler(CATEGORIES.map((c) => c.share));
  const categoryOf = Array.from({ length: count }, () => pickCategory(rng));
  const namesByCategory = CATEGORIES.map((category, c) => uniqueNames(rng, [PRODUCT_VARIANTS, category.items, category.specs], categoryOf.filter((x) => x === c).length));
  const nextName = CATEGORIES.map(() => 0);
  const supplierPickers = CATEGORIES.map((_, c) => {
    const weights = supplierTraits.map((s) => (s.categories.includes(c) ? s.breadth : 0));
    const usable = weights.some((w) => w > 0) ? weights : supplierTraits.map((s) => s.breadth);
    return weightedSampler(usable);
  });

  const annualRevenue = Array.from({ length: count }, () => rng.lognormal(Math.log(MEDIAN_ANNUAL_REVENUE), REVENUE_LOG_SD));
  const rankOf = revenueRanks(annualRevenue);

  const products: Product[] = [];
  const traits: ProductTraits[] = [];
  for (let i = 0; i < count; i++) {
    const c = categoryOf[i];
    const category = CATEGORIES[c];
    const unitPrice = roundTo(Math.max(0.5, category.medianPrice * rng.lognormal(0, 0.55)), 2);
    const margin = uniform(rng, category.marginLow, category.marginHigh);
    const unitCost = roundTo(Math.max(0.01, unitPrice * (1 - margin)), 2);

    const lifecycleDraw = rng.next();
    const lifecycle: Lifecycle = lifecycleDraw < NEW_SHARE ? "new" : lifecycleDraw < NEW_SHARE + DYING_SHARE ? "dying" : "active";
    // New products launch after the first fifth of the horizon; dying ones stop before the last fifth.
    const firstWeek = lifecycle === "new" ? rng.int(Math.ceil(weeks * 0.2) + 1, Math.floor(weeks * 0.7)) : 1;
    const lastWeek = lifecycle === "dying" ? rng.int(Math.ceil(weeks * 0.3), Math.floor(weeks * 0.8)) : weeks;

    const meanWeeklyUnits = annualRevenue[i] / 52 / unitPrice;
    const demandProfile = drawDemandProfile(rng, rankOf[i] / count, meanWeeklyUnits);
    const { demandProbability, sizeVariability } = drawDemandShape(rng, demandProfile, meanWeeklyUnits);
    const seasonal = rng.bernoulli(SEASONAL_SHARE);

    products.push({
      productId: formatId("P", i, count, 4),
      name: namesByCategory[c][nextName[c]++],
      category: category.name,
      unitPrice,
      unitCost: Math.min(unitCost, unitPrice),
      supplierId: supplierIds[supplierPickers[c](rng)],
      lifecycle,
      demandProfile,
      seasonal,
      weightKg: roundTo(Math.max(0.005, category.medianWeightKg * rng.lognormal(0, 0.6)), 3),
    });
    traits.push({
      meanWeeklyUnits,
      firstWeek,
      lastWeek,
      demandProbability,
      sizeVariability,
      seasonalAmplitude: seasonal ? uniform(rng, 0.25, 0.45) : 0,
      seasonalPhase: uniform(rng, 0, 2 * Math.PI),
      // Big sellers go out in cases and pallets: lines grow like volume^0.4, not in proportion.
      unitsPerLine: rng.lognormal(Math.log(2.5), 0.4) * Math.max(1, meanWeeklyUnits) ** 0.6,
    });
  }
  return { products, traits };
}

/**
 * Frequent (smooth or erratic) with probability 0.85 for the top seller
 * falling to 0.30 for the last; then smooth or erratic 62:38, intermittent or
 * lumpy 55:45. Too few units for the frequent classes turn into the
 * occasional class of the same size variability.
 */
function drawDemandProfile(rng: Rng, revenueRankShare: number, meanWeeklyUnits: number): DemandProfile {
  const frequent = rng.bernoulli(0.85 - 0.55 * revenueRankShare);
  const variable = rng.bernoulli(frequent ? 0.38 : 0.45);
  if (frequent && meanWeeklyUnits >= MIN_WEEKLY_UNITS[variable ? "erratic" : "smooth"]) {
    return variable ? "erratic" : "smooth";
  }
  return variable ? "lumpy" : "intermittent";
}

/** Chance of demand in a week and spread of its size; see `generateWeeklyDemand` for how they are used. */
function drawDemandShape(rng: Rng, profile: DemandProfile, meanWeeklyUnits: number): { demandProbability: number; sizeVariability: number } {
  switch (profile) {
    case "smooth":
      return { demandProbability: uniform(rng, 0.95, 1), sizeVariability: uniform(rng, 0.08, 0.3) };
    case "erratic":
      return { demandProbability: uniform(rng, 0.88, 1), sizeVariability: uniform(rng, 0.9, 1.3) };
    case "intermittent":
    case "lumpy": {
      // Fewer, larger orders when the volume is too small for the wanted frequency at the minimum size.
      const wanted = uniform(rng, 0.12, 0.6);
      const demandProbability = clamp(Math.min(wanted, meanWeeklyUnits / MIN_OCCASIONAL_SIZE[profile]), 0.04, 0.6);
      const sizeVariability = profile === "intermittent" ? uniform(rng, 0.1, 0.3) : uniform(rng, 1.0, 1.4);
      return { demandProbability, sizeVariability };
    }
    default:
      return assertUnreachable(profile);
  }
}

/** 0 for the biggest seller, count − 1 for the smallest; ties by position. */
function revenueRanks(revenue: readonly number[]): number[] {
  const order = revenue.map((_, i) => i).sort((x, y) => revenue[y] - revenue[x] || x - y);
  const rank = new Array<number>(revenue.length);
  order.forEach((item, r) => (rank[item] = r));
  return rank;
}

import type { Rng } from "../random";
import { CHANNEL_LEAD_TIME_DAYS, CHANNEL_WEIGHTS, CHANNELS, CUSTOMER_NAME_FIRST, CUSTOMER_NAME_SECOND, CUSTOMER_NAME_SUFFIX, REGION_MEDIAN_DISTANCE_KM, REGION_WEIGHTS, REGIONS } from "./catalogue";
import { clamp, formatId, roundTo, uniform, weightedSampler, weightedSampleWithoutReplacement } from "./sampling";
import { uniqueNames } from "./uniqueNames";
import type { Customer } from "./types";

/** How a customer buys and how much serving it takes: hidden behind the tables, visible only through them. */
export interface CustomerTraits {
  /** relative buying power */
  size: number;
  /** price discount off list */
  discount: number;
  /** relative units per order line: below 1 means many small lines */
  lotSize: number;
  /** chance that a further line in the same week comes on a separate order instead of the first one */
  separateOrderRate: number;
  salesVisitsPerYear: number;
  /** share of orders needing manual handling */
  specialHandlingRate: number;
  /** share of units sent back */
  returnRate: number;
  distanceKm: number;
  /**
   * Small accounts that order in dribs and drabs, want frequent visits and
   * special handling, return a lot and often sit far away. Their gross margin
   * looks fine; an activity-based cost-to-serve (Kaplan & Narayanan 2001,
   * "Measuring and managing customer profitability", J. Cost Management
   * 15(5): 5–15) finds them by pricing each driver in `activity_counts.csv`
   * (orders, order lines, deliveries, returns, visits, special handling,
   * kg·km) and subtracting that from the margin of `order_lines.csv`: their
   * driver counts per euro of revenue are several times the others'.
   */
  highMaintenance: boolean;
}

/** Share of key accounts. */
const STRATEGIC_SHARE = 0.05;
/** Share of high-maintenance accounts, drawn from the smaller half. */
const HIGH_MAINTENANCE_SHARE = 0.1;

/**
 * Customers with lognormal buying power (a few large accounts, many small
 * ones), about 5% strategic accounts chosen mostly among the large, and about
 * 10% high-maintenance accounts among the small.
 */
export function generateCustomers(rng: Rng, count: number): { customers: Customer[]; traits: CustomerTraits[] } {
  const names = uniqueNames(rng, [CUSTOMER_NAME_FIRST, CUSTOMER_NAME_SECOND, CUSTOMER_NAME_SUFFIX], count);
  const pickRegion = weightedSampler(REGION_WEIGHTS);
  const pickChannel = weightedSampler(CHANNEL_WEIGHTS);
  const sizes = Array.from({ length: count }, () => rng.lognormal(0, 1));

  const strategic = new Set(
    weightedSampleWithoutReplacement(
      rng,
      sizes.map((s) => s * s),
      Math.max(1, Math.round(count * STRATEGIC_SHARE)),
    ),
  );
  const sortedSizes = [...sizes].sort((x, y) => x - y);
  const medianSize = sortedSizes[Math.floor((count - 1) / 2)];
  const smallAccounts = sizes.map((s, i) => (s <= medianSize && !strategic.has(i) ? 1 : 0));
  const highMaintenance = new Set(weightedSampleWithoutReplacement(rng, smallAccounts, Math.round(count * HIGH_MAINTENANCE_SHARE)).filter((i) => smallAccounts[i] === 1));

  const customers: Customer[] = [];
  const traits: CustomerTraits[] = [];
  for (let i = 0; i < count; i++) {
    const region = pickRegion(rng);
    const channel = pickChannel(rng);
    const isStrategic = strategic.has(i);
    const isHighMaintenance = highMaintenance.has(i);
    const [leadLow, leadHigh] = CHANNEL_LEAD_TIME_DAYS[channel];
    customers.push({
      customerId: formatId("C", i, count, 3),
      name: names[i],
      region: REGIONS[region],
      channel: CHANNELS[channel],
      strategic: isStrategic,
      toleratedLeadTimeDays: isStrategic ? rng.int(1, Math.min(3, leadHigh)) : rng.int(leadLow, leadHigh),
    });
    const distance = rng.lognormal(Math.log(REGION_MEDIAN_DISTANCE_KM[region]), 0.5);
    traits.push({
      size: sizes[i],
      discount: roundTo(isStrategic ? uniform(rng, 0.08, 0.16) : clamp(rng.normal(0.04, 0.025), 0, 0.12), 3),
      lotSize: isHighMaintenance ? uniform(rng, 0.15, 0.35) : rng.lognormal(0, 0.3),
      separateOrderRate: isHighMaintenance ? uniform(rng, 0.6, 0.9) : uniform(rng, 0.05, 0.3),
      salesVisitsPerYear: isHighMaintenance ? uniform(rng, 30, 60) : isStrategic ? uniform(rng, 24, 52) : clamp(2 + 4 * Math.sqrt(sizes[i]) * rng.lognormal(0, 0.3), 1, 24),
      specialHandlingRate: isHighMaintenance ? uniform(rng, 0.3, 0.6) : uniform(rng, 0.005, 0.05),
      returnRate: isHighMaintenance ? uniform(rng, 0.05, 0.12) : uniform(rng, 0.003, 0.02),
      distanceKm: isHighMaintenance && rng.bernoulli(0.5) ? distance * 2 : distance,
      highMaintenance: isHighMaintenance,
    });
  }
  return { customers, traits };
}

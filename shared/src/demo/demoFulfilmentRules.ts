import type { PutFulfilmentRules } from "../api/fulfilment";

/**
 * The demo company's allocation and fulfilment-path tables, keyed by the
 * customer tiers: strategic accounts first with a reserve and a scheduled
 * last mile, key accounts next with a smaller reserve, core before
 * transactional; small parcels from the regional DC, pallets cross-docked,
 * full loads shipped direct.
 */
export const DEMO_FULFILMENT_RULES: PutFulfilmentRules = {
  allocation: [
    { segment: "Strategic", priority: 1, reservePct: 0.15, reserveHorizonDays: 14, premium: true },
    { segment: "Key", priority: 2, reservePct: 0.1, reserveHorizonDays: 7 },
    { segment: "Core", priority: 3 },
    { segment: "*", priority: 4 },
  ],
  paths: [
    { segment: "Strategic", maxWeightKg: 1000, path: "regional DC", mode: "parcel", lastMile: "scheduled", deliveriesPerWeek: 5, windowFromHour: 7, windowToHour: 11 },
    { segment: "Strategic", path: "direct ship", mode: "FTL", deliveriesPerWeek: 5 },
    { segment: "Key", maxWeightKg: 30, path: "regional DC", mode: "parcel", deliveriesPerWeek: 3, windowFromHour: 8, windowToHour: 16 },
    { segment: "*", maxWeightKg: 30, path: "regional DC", mode: "parcel", deliveriesPerWeek: 2 },
    { segment: "*", maxWeightKg: 2000, path: "cross-dock", mode: "LTL", deliveriesPerWeek: 2 },
    { segment: "*", path: "direct ship", mode: "FTL", deliveriesPerWeek: 1 },
  ],
};

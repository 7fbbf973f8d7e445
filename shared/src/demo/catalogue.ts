// Word lists and category economics the generators draw from. Names carry
// commas and inch marks on purpose: the CSV writer must quote them.

export interface CategoryProfile {
  name: string;
  /** share of the assortment */
  share: number;
  /** median list price, € */
  medianPrice: number;
  /** gross margin range as a share of list price */
  marginLow: number;
  marginHigh: number;
  /** median weight per unit, kg */
  medianWeightKg: number;
  items: readonly string[];
  specs: readonly string[];
}

/** Product name prefixes: with item and spec they give a few hundred distinct names per category. */
// prettier-ignore
export const PRODUCT_VARIANTS: readonly string[] = [
  "Standard", "Heavy-duty", "Premium", "Eco", "Compact", "Industrial", "Pro", "Marine-grade", "Economy",
];

export const CATEGORIES: readonly CategoryProfile[] = [
  {
    name: "Fasteners",
    share: 0.18,
    medianPrice: 9,
    marginLow: 0.35,
    marginHigh: 0.55,
    medianWeightKg: 0.9,
    items: ["hex bolt", "wing nut", "flat washer", "wedge anchor", "threaded rod", "self-tapping screw", "blind rivet"],
    specs: ["M6, box of 100", "M8, box of 100", "M10, box of 50", "M12, box of 25", "M8 stainless", "M10 zinc-plated", "M16 hot-dip"],
  },
  {
    name: "Hydraulics",
    share: 0.1,
    medianPrice: 55,
    marginLow: 0.22,
    marginHigh: 0.4,
    medianWeightKg: 1.6,
    items: ["hydraulic hose", "quick coupler", "pressure gauge", "ball valve", "hose fitting", "gear pump seal kit"],
    specs: ['1/4"', '3/8"', '1/2"', '3/4"', "DN10", "DN16", "250 bar"],
  },
  {
    name: "Electrical",
    share: 0.15,
    medianPrice: 24,
    marginLow: 0.25,
    marginHigh: 0.45,
    medianWeightKg: 0.4,
    items: ["circuit breaker", "cable gland", "junction box", "LED panel", "contactor", "terminal block", "cable reel"],
    specs: ["16 A", "25 A", "IP65", "IP67", "230 V", "400 V", "3-pole"],
  },
  {
    name: "Safety",
    share: 0.12,
    medianPrice: 18,
    marginLow: 0.35,
    marginHigh: 0.55,
    medianWeightKg: 0.5,
    items: ["safety glasses", "nitrile gloves", "ear defenders", "hi-vis vest", "hard hat", "FFP2 mask"],
    specs: ["size M", "size L", "size XL", "EN 166", "EN 388", "pack of 10", "pack of 50"],
  },
  {
    name: "Tools",
    share: 0.13,
    medianPrice: 70,
    marginLow: 0.25,
    marginHigh: 0.42,
    medianWeightKg: 1.2,
    items: ["torque wrench", "cordless drill", "socket set", "pipe wrench", "angle grinder", "spirit level"],
    specs: ['1/2" drive', '3/8" drive', "18 V", "125 mm", "600 mm", "1200 mm", "metric"],
  },
  {
    name: "Packaging",
    share: 0.1,
    medianPrice: 14,
    marginLow: 0.18,
    marginHigh: 0.32,
    medianWeightKg: 2.8,
    items: ["stretch film", "carton", "packing tape", "pallet strap", "bubble wrap", "void fill"],
    specs: ["500 mm", "23 micron", "400x300x200 mm", "600x400x400 mm", "roll of 66 m", "roll of 100 m", "bale"],
  },
  {
    name: "Plumbing",
    share: 0.12,
    medianPrice: 22,
    marginLow: 0.3,
    marginHigh: 0.5,
    medianWeightKg: 0.8,
    items: ["copper elbow", "compression tee", "press fitting", "check valve", "PTFE tape", "pipe clamp"],
    specs: ['1/2"', '3/4"', '1"', "15 mm", "22 mm", "28 mm", "brass"],
  },
  {
    name: "Bearings",
    share: 0.1,
    medianPrice: 32,
    marginLow: 0.28,
    marginHigh: 0.48,
    medianWeightKg: 0.6,
    items: ["ball bearing", "pillow block", "roller bearing", "needle bearing", "linear bearing", "thrust washer"],
    specs: ["6204-2RS", "6205-ZZ", "UCP 205", "22210 E", "NK 20/16", "LM 20 UU", "AXK 2035"],
  },
];

// prettier-ignore
export const CUSTOMER_NAME_FIRST: readonly string[] = [
  "Alder", "Birchwood", "Cedar", "Delta", "Elmfield", "Falcon", "Granite", "Harbour", "Ironside", "Juniper",
  "Keystone", "Lakeside", "Maple", "Northgate", "Oakridge", "Pioneer", "Quarry", "Redhill", "Summit", "Timberline",
  "Union", "Valley", "Westfield", "Yardley", "Zenith", "Hart, Lowe", "O'Neill", "Brook & Finch",
];
// prettier-ignore
export const CUSTOMER_NAME_SECOND: readonly string[] = [
  "Builders", "Supply", "Engineering", "Maintenance", "Farms", "Logistics", "Hardware", "Industries",
  "Plant Services", "Contractors", "Marine", "Motors",
];
export const CUSTOMER_NAME_SUFFIX: readonly string[] = ["Ltd", "GmbH", "& Sons", "Co.", "Inc.", "BV", "plc"];

// prettier-ignore
export const SUPPLIER_NAME_FIRST: readonly string[] = [
  "Apex", "Baltic", "Cobalt", "Dynamo", "Everest", "Fortis", "Gemini", "Helix", "Indus", "Jade", "Kestrel",
  "Lumen", "Meridian", "Nordic", "Orion", "Polaris", "Quantum", "Rhine", "Sierra", "Titan", "Vektor", "Wessex",
];
export const SUPPLIER_NAME_SECOND: readonly string[] = ["Manufacturing", "Components", "Industrial", "Trading", "Metalworks", "Polymers", "Tooling", "Electric"];

export const REGIONS = ["North", "South", "West"] as const;
export const REGION_WEIGHTS = [0.4, 0.35, 0.25];
/** median road distance from the warehouse, km: the West is the far territory */
export const REGION_MEDIAN_DISTANCE_KM = [45, 70, 160];

export const CHANNELS = ["wholesale", "retail", "e-commerce", "industrial"] as const;
export const CHANNEL_WEIGHTS = [0.3, 0.35, 0.15, 0.2];
/** tolerated lead time range per channel, days */
export const CHANNEL_LEAD_TIME_DAYS: readonly (readonly [number, number])[] = [
  [3, 7],
  [2, 5],
  [1, 3],
  [5, 14],
];

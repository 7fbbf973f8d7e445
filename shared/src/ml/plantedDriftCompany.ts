import { createRng, type Rng } from "../random";
import { checkNumber } from "../validation";

/**
 * A company for judging recommendations, built apart from the demo
 * generator's assumptions: every product has a demand pattern of its own
 * (smooth, erratic, intermittent, lumpy, seasonal, or steady with long silent
 * stretches) that stays the same for the whole history unless drift is planted
 * on it, so every recommendation for an unplanted item is a false alarm. The
 * history is produced in two steps: `driftCompanyBase` gives the stable
 * company (the baseline segmentation reads its first weeks), and
 * `plantedOrderLines` rewrites the weeks after the baseline for the planted
 * products and customers.
 */
export type ProductKind = "smooth" | "erratic" | "intermittent" | "lumpy" | "seasonal" | "gappy";

export interface DriftProduct {
  productId: string;
  kind: ProductKind;
  /** mean weekly units when selling; the level ABC ranks (× price) */
  level: number;
  price: number;
  cost: number;
  /** seasonal amplitude (0 when not seasonal) and peak week of the 52 */
  amplitude: number;
  phase: number;
  /** weekly probability of a demand (intermittent, lumpy) */
  occurrence: number;
}

export interface DriftCustomer {
  customerId: string;
  kind: "steady" | "intermittent" | "seasonal";
  /** relative share of the lines it receives */
  weight: number;
  occurrence: number;
  phase: number;
}

export interface DriftCompanyOptions {
  seed: number;
  products?: number;
  customers?: number;
  weeks?: number;
  /** the weeks the governed baseline segmentation reads: drift starts the week after */
  baselineWeeks?: number;
}

export interface DriftCompany {
  seed: number;
  weeks: number;
  baselineWeeks: number;
  products: DriftProduct[];
  customers: DriftCustomer[];
}

export interface PlantedDrift {
  /** product → its behaviour after the baseline */
  products: Map<string, Partial<Pick<DriftProduct, "kind" | "level" | "occurrence" | "amplitude">>>;
  /** customer → its weight after the baseline */
  customers: Map<string, number>;
}

export interface DriftOrderLine {
  customer_id: string;
  product_id: string;
  week: number;
  qty: number;
  price: number;
  cost: number;
  lines: number;
  deliveries: number;
  returns: number;
}

/** The strategic account that absorbs the planted customers' change of share. */
export const HOUSE_ACCOUNT = "K-HOUSE";

const KINDS: Array<[ProductKind, number]> = [
  ["smooth", 0.32],
  ["erratic", 0.16],
  ["intermittent", 0.16],
  ["lumpy", 0.08],
  ["seasonal", 0.16],
  ["gappy", 0.12],
];

export function driftCompanyBase(options: DriftCompanyOptions): DriftCompany {
  const { seed, products = 400, customers = 120, weeks = 104 } = options;
  const baselineWeeks = options.baselineWeeks ?? weeks - 26;
  checkNumber(products, "products", { integer: true, min: 10 });
  checkNumber(customers, "customers", { integer: true, min: 5 });
  checkNumber(weeks, "weeks", { integer: true, min: 30 });
  checkNumber(baselineWeeks, "baselineWeeks", { integer: true, min: 16, max: weeks - 12 });
  const rng = createRng(seed);
  const productRows = Array.from({ length: products }, (_, i): DriftProduct => {
    let u = rng.next();
    const kind = KINDS.find(([, share]) => (u -= share) < 0)?.[0] ?? "smooth";
    const price = round2(rng.lognormal(3, 0.7));
    // Weekly revenue is heavy-tailed (a lognormal, σ 1.4): a fifth of the items carry about 70 % of it.
    const level = rng.lognormal(6, 1.4) / price;
    const occurrence = kind === "intermittent" || kind === "lumpy" ? 0.25 + 0.4 * rng.next() : 1;
    return {
      productId: `Q${String(i + 1).padStart(4, "0")}`,
      kind,
      level,
      price,
      cost: round2(price * (0.5 + 0.3 * rng.next())),
      amplitude: kind === "seasonal" ? 0.5 + 0.4 * rng.next() : 0,
      phase: rng.int(1, 52),
      occurrence,
    };
  });
  const customerRows = Array.from({ length: customers }, (_, i): DriftCustomer => {
    const u = rng.next();
    const kind = u < 0.7 ? "steady" : u < 0.85 ? "intermittent" : "seasonal";
    return { customerId: `K${String(i + 1).padStart(4, "0")}`, kind, weight: rng.lognormal(0, 1.3), occurrence: kind === "intermittent" ? 0.35 + 0.3 * rng.next() : 1, phase: rng.int(1, 52) };
  });
  // Lines are shared out by weight, so what planted growers gain the others would lose: a strategic account (never
  // judged) takes up the difference after the baseline, and every other customer keeps its share.
  customerRows.push({ customerId: HOUSE_ACCOUNT, kind: "steady", weight: customerRows.reduce((s, c) => s + c.weight, 0) / 2, occurrence: 1, phase: 1 });
  return { seed, weeks, baselineWeeks, products: productRows, customers: customerRows };
}

/** One product's units in one week under its own pattern. */
function weeklyUnits(p: DriftProduct, week: number, gaps: ReadonlySet<number>, rng: Rng): number {
  const season = p.amplitude ? 1 + p.amplitude * Math.cos((2 * Math.PI * (week - p.phase)) / 52) : 1;
  switch (p.kind) {
    case "smooth":
    case "seasonal":
      return rng.poisson(p.level * season * rng.lognormal(0, 0.15));
    case "gappy":
      return gaps.has(week) ? 0 : rng.poisson(p.level * rng.lognormal(0, 0.15));
    case "erratic":
      // A lognormal σ 0.9 has CV ≈ 1.1: every week sells, the size swings.
      return rng.poisson(p.level * rng.lognormal(-0.405, 0.9));
    case "intermittent":
      return rng.bernoulli(p.occurrence) ? Math.max(1, rng.poisson((p.level / p.occurrence) * rng.lognormal(0, 0.2))) : 0;
    case "lumpy":
      return rng.bernoulli(p.occurrence) ? Math.max(1, rng.poisson((p.level / p.occurrence) * rng.lognormal(-0.405, 0.9))) : 0;
  }
}

/** Silent stretches of 12–16 weeks, one every 30–45 weeks, the first anywhere in the first year. */
function silentWeeks(weeks: number, rng: Rng): Set<number> {
  const out = new Set<number>();
  for (let start = rng.int(1, 40); start <= weeks; start += rng.int(30, 45)) {
    const length = rng.int(12, 16);
    for (let w = start; w < start + length; w++) out.add(w);
    start += length;
  }
  return out;
}

/**
 * The order history: each product's weekly units (its own pattern, the
 * planted behaviour after `baselineWeeks` for planted products) split into
 * lines (more for bigger weeks) to customers drawn by weight (the planted weight after
 * the baseline). Intermittent customers buy in some weeks only, seasonal
 * ones more in their season. Without drift, the stable company.
 */
export function plantedOrderLines(company: DriftCompany, drift: PlantedDrift = { products: new Map(), customers: new Map() }, toWeek = company.weeks): DriftOrderLine[] {
  const rng = createRng(company.seed + 7919);
  const lines = new Map<string, DriftOrderLine>();
  const weights = new Float64Array(company.customers.length);
  const cumulative = new Float64Array(company.customers.length);
  const productRng = company.products.map((_, i) => createRng(company.seed * 1000 + i + 1));
  const gaps = company.products.map((p, i) => (p.kind === "gappy" ? silentWeeks(company.weeks, createRng(company.seed * 7 + i)) : new Set<number>()));
  for (let week = 1; week <= toWeek; week++) {
    const after = week > company.baselineWeeks;
    let total = 0;
    let shift = 0;
    if (after) for (const [id, w] of drift.customers) shift += w - (company.customers.find((c) => c.customerId === id)?.weight ?? w);
    company.customers.forEach((c, j) => {
      const planted = after ? (drift.customers.get(c.customerId) ?? c.weight) : c.weight;
      const weight = c.customerId === HOUSE_ACCOUNT ? Math.max(0, c.weight - shift) : planted;
      const season = c.kind === "seasonal" ? 1 + 0.6 * Math.cos((2 * Math.PI * (week - c.phase)) / 52) : 1;
      const buys = c.kind !== "intermittent" || rng.bernoulli(c.occurrence);
      weights[j] = buys ? (weight * season) / c.occurrence : 0;
      total += weights[j];
      cumulative[j] = total;
    });
    company.products.forEach((base, i) => {
      const change = after ? drift.products.get(base.productId) : undefined;
      const p = change ? { ...base, ...change } : base;
      // The product's own stream: a customer's drift must not reshuffle the products' demand.
      const units = weeklyUnits(p, week, gaps[i], productRng[i]);
      if (units <= 0 || total <= 0) return;
      // A big week is many customers' orders, not one customer's windfall.
      const parts = Math.min(units, 1 + rng.poisson(Math.min(12, 0.5 * Math.sqrt(units))));
      let left = units;
      for (let k = 0; k < parts; k++) {
        const qty = k === parts - 1 ? left : Math.max(1, Math.round((units / parts) * (0.5 + rng.next())));
        const take = Math.min(qty, left - (parts - 1 - k));
        left -= take;
        const customer = company.customers[pickWeighted(cumulative, total * rng.next())].customerId;
        const key = `${customer}\u0000${base.productId}\u0000${week}`;
        const row = lines.get(key);
        if (row) {
          row.qty += take;
          row.lines += 1;
        } else lines.set(key, { customer_id: customer, product_id: base.productId, week, qty: take, price: base.price, cost: base.cost, lines: 1, deliveries: 1, returns: 0 });
      }
    });
  }
  return [...lines.values()];
}

function pickWeighted(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

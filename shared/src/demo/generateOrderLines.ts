import type { Rng } from "../random";
import type { CustomerTraits } from "./generateCustomers";
import type { ProductTraits } from "./generateProducts";
import { generateWeeklyDemand } from "./generateWeeklyDemand";
import { clamp, roundTo, weightedSampler } from "./sampling";
import type { Customer, OrderLine, Product, Supplier } from "./types";

const MIN_PRODUCTS_PER_CUSTOMER = 3;

export interface OrderLineInputs {
  products: readonly Product[];
  productTraits: readonly ProductTraits[];
  customers: readonly Customer[];
  customerTraits: readonly CustomerTraits[];
  suppliers: readonly Supplier[];
  weeks: number;
}

/**
 * Order lines, one row per customer × product × week with demand. Each
 * product's weekly total comes first (so its demand class is under control),
 * then is cut into order lines and handed to the customers that buy it:
 * - each product has a customer base, bigger for products with more lines,
 *   drawn in proportion to customer size;
 * - the number of lines in a week is Poisson(units / units per line), at least 1;
 * - a line goes to a base customer in proportion to √size × a lognormal
 *   product affinity / lot size, and its units in proportion to lot size, so
 *   small-lot customers place many small lines for the same volume;
 * - a line ships in one delivery, or two with probability 1 − the supplier's fill rate;
 * - returned units are Poisson(units × (the customer's return rate + supplier defects)).
 * Rows come sorted by week, customer, product.
 */
export function generateOrderLines(rng: Rng, inputs: OrderLineInputs): OrderLine[] {
  const { products, productTraits, customers, customerTraits, suppliers, weeks } = inputs;
  const supplierIndex = new Map(suppliers.map((s, i) => [s.supplierId, i]));
  const pickCustomer = weightedSampler(customerTraits.map((c) => c.size));

  const rows: OrderLine[] = [];
  const sortKeys: number[] = [];
  const lineCustomer: number[] = [];
  const lineUnits: number[] = [];
  const lineShare: number[] = [];

  // Bases first, for all products, so the accounts no base drew can be added before any line is cut.
  const seriesOf: Int32Array[] = [];
  const bases: number[][] = [];
  const customerBases = new Int32Array(customers.length);
  for (let p = 0; p < products.length; p++) {
    const series = generateWeeklyDemand(rng, productTraits[p], products[p].demandProfile, weeks);
    let totalUnits = 0;
    for (let w = 0; w < weeks; w++) totalUnits += series[w];
    const expectedLines = totalUnits / productTraits[p].unitsPerLine;
    const baseSize = clamp(Math.round(2 + 2.2 * expectedLines ** 0.45), 1, customers.length);
    const base = drawDistinct(rng, pickCustomer, baseSize, customers.length);
    for (const c of base) customerBases[c]++;
    seriesOf.push(series);
    bases.push(base);
  }
  // The smallest accounts would otherwise never be drawn. Even so, one may buy nothing: a dormant account.
  for (let c = 0; c < customers.length; c++) {
    for (let k = customerBases[c]; k < MIN_PRODUCTS_PER_CUSTOMER; k++) {
      const base = bases[rng.int(0, products.length - 1)];
      if (!base.includes(c)) base.push(c);
    }
  }

  for (let p = 0; p < products.length; p++) {
    const product = products[p];
    const traits = productTraits[p];
    const supplier = suppliers[supplierIndex.get(product.supplierId) ?? 0];
    const series = seriesOf[p];
    const base = bases[p];
    // Size already decided who is in the base; counting it fully again would starve the small accounts.
    const lineWeights = base.map((c) => (Math.sqrt(customerTraits[c].size) * rng.lognormal(0, 0.8)) / customerTraits[c].lotSize);
    const pickFromBase = weightedSampler(lineWeights);
    const backOrderRate = 1 - supplier.fillRate;
    const defectRate = supplier.qualityPpm / 1e6;

    for (let w = 0; w < weeks; w++) {
      const units = series[w];
      if (units === 0) continue;
      const lineCount = clamp(rng.poisson(units / traits.unitsPerLine), 1, units);

      lineCustomer.length = 0;
      lineShare.length = 0;
      let shareTotal = 0;
      for (let l = 0; l < lineCount; l++) {
        const c = base[pickFromBase(rng)];
        const share = customerTraits[c].lotSize * rng.lognormal(0, 0.4);
        lineCustomer.push(c);
        lineShare.push(share);
        shareTotal += share;
      }
      splitUnits(units, lineShare, shareTotal, lineUnits);

      // Several lines of one customer in one week make one row.
      const byCustomer = new Map<number, OrderLine>();
      for (let l = 0; l < lineCount; l++) {
        const c = lineCustomer[l];
        let row = byCustomer.get(c);
        if (row === undefined) {
          row = {
            customerId: customers[c].customerId,
            productId: product.productId,
            week: w + 1,
            quantity: 0,
            unitPrice: roundTo(product.unitPrice * (1 - customerTraits[c].discount), 2),
            unitCost: product.unitCost,
            lines: 0,
            deliveries: 0,
            returnedUnits: 0,
          };
          byCustomer.set(c, row);
          rows.push(row);
          sortKeys.push((w * customers.length + c) * products.length + p);
        }
        row.quantity += lineUnits[l];
        row.lines += 1;
        row.deliveries += rng.bernoulli(backOrderRate) ? 2 : 1;
      }
      for (const [c, row] of byCustomer) {
        row.returnedUnits = Math.min(row.quantity, rng.poisson(row.quantity * (customerTraits[c].returnRate + defectRate)));
      }
    }
  }

  const order = Array.from({ length: rows.length }, (_, i) => i).sort((x, y) => sortKeys[x] - sortKeys[y]);
  return order.map((i) => rows[i]);
}

/** Up to `count` distinct indices from a weighted sampler; small accounts fill in when the big ones are taken. */
function drawDistinct(rng: Rng, pick: (rng: Rng) => number, count: number, population: number): number[] {
  const chosen = new Set<number>();
  let attempts = 0;
  while (chosen.size < count && attempts < count * 20) {
    chosen.add(pick(rng));
    attempts++;
  }
  // Rare: a base nearly as large as the customer list. Fill in order from a random start.
  for (let i = rng.int(0, population - 1); chosen.size < count; i = (i + 1) % population) chosen.add(i);
  return [...chosen];
}

/**
 * Units split across lines, each line at least one unit, the rest in
 * proportion to the shares by largest remainder (Hamilton's method), so the
 * parts add up exactly.
 */
function splitUnits(units: number, shares: readonly number[], shareTotal: number, out: number[]): void {
  const lines = shares.length;
  const spare = units - lines;
  out.length = lines;
  let assigned = 0;
  const remainders: number[] = [];
  for (let l = 0; l < lines; l++) {
    const exact = (spare * shares[l]) / shareTotal;
    const whole = Math.floor(exact);
    out[l] = 1 + whole;
    assigned += whole;
    remainders.push(exact - whole);
  }
  const byRemainder = remainders.map((_, l) => l).sort((x, y) => remainders[y] - remainders[x] || x - y);
  for (let k = 0; k < spare - assigned; k++) out[byRemainder[k]] += 1;
}

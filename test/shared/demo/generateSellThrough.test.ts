/**
 * The demo's sell-through feeds: the same company gives the same feed; a
 * shipment replenishes exactly the sales of the weeks between the previous
 * shipment and itself, `lagWeeks` earlier (sales lead shipments); a
 * launched product's first shipment is pipeline fill, never sold in its own
 * window. Checked on every pair of a small company where no forward buy
 * (a shipment above twice the pair's median) moves units between windows.
 */
import { generateDemoCompany, generateSellThrough } from "../../../shared/src/demo";

const company = generateDemoCompany({ seed: 7, products: 120, customers: 60, weeks: 40, suppliers: 6 });
const feed = generateSellThrough(company);

describe("generateSellThrough", () => {
  it("is the same feed for the same company, for a few strategic accounts", () => {
    expect(generateSellThrough(company)).toEqual(feed);
    expect(feed.accounts.length).toBeGreaterThan(0);
    expect(feed.accounts.length).toBeLessThanOrEqual(4);
    const strategic = new Set(company.customers.filter((c) => c.strategic).map((c) => c.customerId));
    for (const a of feed.accounts) {
      expect(strategic.has(a.customerId)).toBe(true);
      expect([1, 2]).toContain(a.lagWeeks);
    }
    expect(feed.rows.every((r) => Number.isInteger(r.units) && r.units > 0)).toBe(true);
  });

  it("a shipment replenishes the sales of the weeks lagWeeks before it, back to the previous shipment's; launches start with pipeline fill", () => {
    const launched = new Set(company.products.filter((p) => p.lifecycle === "new").map((p) => p.productId));
    let checked = 0;
    let fills = 0;
    for (const account of feed.accounts.filter((a) => a.firstWeek === 1)) {
      const sales = new Map<string, number[]>();
      for (const r of feed.rows.filter((x) => x.customerId === account.customerId)) {
        if (!sales.has(r.productId)) sales.set(r.productId, Array<number>(company.settings.weeks + 1).fill(0));
        sales.get(r.productId)![r.week] += r.units;
      }
      const shipments = new Map<string, Array<{ week: number; units: number }>>();
      for (const l of company.orderLines.filter((x) => x.customerId === account.customerId)) {
        if (!shipments.has(l.productId)) shipments.set(l.productId, []);
        shipments.get(l.productId)!.push({ week: l.week, units: l.quantity });
      }
      const L = account.lagWeeks;
      for (const [product, list] of shipments) {
        const sizes = list.map((s) => s.units).sort((a, b) => a - b);
        const median = sizes[Math.floor(sizes.length / 2)];
        const sold = sales.get(product) ?? [];
        const between = (from: number, to: number) => sold.slice(Math.max(1, from), to + 1).reduce((s, x) => s + x, 0);
        for (let k = 1; k < list.length; k++) {
          const forwardBuy = list[k].units > 2 * median || list[k - 1].units > 2 * median;
          if (forwardBuy || list[k - 1].week - L + 1 < 1) continue;
          expect([product, k, between(list[k - 1].week - L + 1, list[k].week - L)]).toEqual([product, k, list[k].units]);
          checked++;
        }
        if (launched.has(product) && list.length > 1 && list[1].units <= 2 * median) {
          // Everything sold up to the second shipment's window is that shipment: the first stayed on the shelf.
          expect(between(1, list[1].week - L)).toBe(list[1].units);
          fills++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(fills).toBeGreaterThan(0);
  });
});

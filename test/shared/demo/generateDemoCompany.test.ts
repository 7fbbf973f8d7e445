import { createHash } from "node:crypto";
import { generateDemoCompany, toCsvFiles, type DemoCompany } from "../../../shared/src/demo";
import { DomainError } from "../../../shared/src/errors";

type SbClass = "smooth" | "erratic" | "intermittent" | "lumpy";

/**
 * Syntetos, Boylan & Croston (2005), JORS 56(5): 495–503, computed here
 * rather than imported so the generator is checked against the textbook, not
 * against our own classifier: ADI = weeks / weeks with demand, CV² of the
 * non-zero weekly totals with the population standard deviation, cut-offs
 * ADI 1.32 and CV² 0.49.
 */
function syntetosBoylan(series: ArrayLike<number>): SbClass | "no demand" {
  const sizes = Array.from(series).filter((units) => units > 0);
  if (sizes.length === 0) return "no demand";
  const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  const variance = sizes.reduce((a, b) => a + (b - mean) ** 2, 0) / sizes.length;
  const adi = series.length / sizes.length;
  const cv2 = variance / (mean * mean);
  if (adi < 1.32) return cv2 < 0.49 ? "smooth" : "erratic";
  return cv2 < 0.49 ? "intermittent" : "lumpy";
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function hashes(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [name, sha256(text)]));
}

/** A minimal RFC 4180 reader, to prove the writer's quoting round-trips. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += ch;
  }
  return records;
}

/** Units per product per week, index 0 = week 1. */
function weeklyTotals(company: DemoCompany): Map<string, Float64Array> {
  const totals = new Map(company.products.map((p) => [p.productId, new Float64Array(company.settings.weeks)]));
  for (const row of company.orderLines) totals.get(row.productId)![row.week - 1] += row.quantity;
  return totals;
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) {
    meanA += a[i] / n;
    meanB += b[i] / n;
  }
  let cov = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < n; i++) {
    cov += (a[i] - meanA) * (b[i] - meanB);
    varA += (a[i] - meanA) ** 2;
    varB += (b[i] - meanB) ** 2;
  }
  return varA > 0 && varB > 0 ? cov / Math.sqrt(varA * varB) : 0;
}

const SMALL = { products: 300, customers: 80 } as const;

describe("generateDemoCompany at the default size", () => {
  let company: DemoCompany;
  let files: Record<string, string>;
  let totals: Map<string, Float64Array>;

  // The only full-size generation in this file: every test below reads it.
  beforeAll(() => {
    company = generateDemoCompany();
    files = toCsvFiles(company);
    totals = weeklyTotals(company);
  }, 30_000);

  // Speed is measured in benchmarks, not asserted here.
  test("uses the documented defaults", () => {
    expect(company.settings).toEqual({ seed: 20261125, products: 2000, customers: 500, weeks: 104, suppliers: 40 });
  });

  test("has the requested row counts, and 150k–300k order lines", () => {
    expect(company.suppliers).toHaveLength(40);
    expect(company.products).toHaveLength(2000);
    expect(company.customers).toHaveLength(500);
    expect(company.activityCounts).toHaveLength(500);
    expect(company.orderLines.length).toBeGreaterThanOrEqual(150_000);
    expect(company.orderLines.length).toBeLessThanOrEqual(300_000);
  });

  test("writes one CSV line per row plus a header, with \\n line ends", () => {
    expect(Object.keys(files)).toEqual(["suppliers.csv", "products.csv", "customers.csv", "order_lines.csv", "activity_counts.csv"]);
    const rows: Record<string, number> = {
      "suppliers.csv": company.suppliers.length,
      "products.csv": company.products.length,
      "customers.csv": company.customers.length,
      "order_lines.csv": company.orderLines.length,
      "activity_counts.csv": company.activityCounts.length,
    };
    for (const [name, text] of Object.entries(files)) {
      expect(text.endsWith("\n")).toBe(true);
      expect(text.includes("\r")).toBe(false);
      expect(parseCsv(text)).toHaveLength(rows[name] + 1);
    }
    expect(files["order_lines.csv"].slice(0, files["order_lines.csv"].indexOf("\n"))).toBe("customer_id,product_id,week,qty,price,cost,lines,deliveries,returns");
    expect(files["activity_counts.csv"].slice(0, files["activity_counts.csv"].indexOf("\n"))).toBe("customer_id,orders,order_lines,deliveries,units_picked,returns,sales_visits,special_handling,kg_km");
  });

  test("quotes names that need it, and they read back unchanged", () => {
    const parsed = parseCsv(files["products.csv"]).slice(1);
    expect(parsed.map((record) => record[1])).toEqual(company.products.map((p) => p.name));
    expect(company.products.some((p) => p.name.includes('"'))).toBe(true);
    expect(company.products.some((p) => p.name.includes(","))).toBe(true);
    const customerNames = parseCsv(files["customers.csv"])
      .slice(1)
      .map((record) => record[1]);
    expect(customerNames).toEqual(company.customers.map((c) => c.name));
  });

  test("numbers are written with fixed decimals", () => {
    const product = parseCsv(files["products.csv"])[1];
    expect(product[3]).toMatch(/^\d+\.\d{2}$/);
    expect(product[4]).toMatch(/^\d+\.\d{2}$/);
    expect(product[9]).toMatch(/^\d+\.\d{3}$/);
    const supplier = parseCsv(files["suppliers.csv"])[1];
    expect(supplier[2]).toMatch(/^\d+\.\d$/);
    expect(supplier[4]).toMatch(/^0\.\d{3}$/);
  });

  test("ids are sequential, zero-padded and unique", () => {
    expect(company.products[0].productId).toBe("P0001");
    expect(company.products[1999].productId).toBe("P2000");
    expect(company.customers[0].customerId).toBe("C001");
    expect(company.customers[499].customerId).toBe("C500");
    expect(company.suppliers[0].supplierId).toBe("S01");
    expect(company.suppliers[39].supplierId).toBe("S40");
    expect(new Set(company.products.map((p) => p.name)).size).toBe(2000);
  });

  test("every reference points at an existing row", () => {
    const productIds = new Set(company.products.map((p) => p.productId));
    const customerIds = new Set(company.customers.map((c) => c.customerId));
    const supplierIds = new Set(company.suppliers.map((s) => s.supplierId));
    expect(company.orderLines.every((r) => productIds.has(r.productId) && customerIds.has(r.customerId))).toBe(true);
    expect(company.products.every((p) => supplierIds.has(p.supplierId))).toBe(true);
    expect(company.activityCounts.map((a) => a.customerId)).toEqual(company.customers.map((c) => c.customerId));
  });

  test("order lines are well-formed, unique per customer × product × week, and sorted", () => {
    // One expect at the end: a quarter of a million expect calls would take seconds.
    let previous = "";
    let outOfOrder = 0;
    for (const row of company.orderLines) {
      const key = `${String(row.week).padStart(3, "0")}|${row.customerId}|${row.productId}`;
      if (!(key > previous)) outOfOrder++;
      previous = key;
      if (
        !(row.week >= 1 && row.week <= 104) ||
        !(row.quantity >= 1 && row.lines >= 1 && row.lines <= row.quantity) ||
        !(row.deliveries >= row.lines && row.deliveries <= 2 * row.lines) ||
        !(row.returnedUnits >= 0 && row.returnedUnits <= row.quantity) ||
        !(row.unitPrice > 0 && row.unitCost > 0)
      ) {
        throw new Error(`malformed order line ${JSON.stringify(row)}`);
      }
    }
    // Strictly increasing keys are also unique keys.
    expect(outOfOrder).toBe(0);
  });

  test("product revenue is long-tailed: the top 20% of products make 70–90% of it", () => {
    const revenue = new Map<string, number>();
    for (const row of company.orderLines) {
      revenue.set(row.productId, (revenue.get(row.productId) ?? 0) + row.quantity * row.unitPrice);
    }
    const sorted = [...revenue.values()].sort((a, b) => b - a);
    const total = sorted.reduce((a, b) => a + b, 0);
    const top = sorted.slice(0, 400).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThanOrEqual(0.7);
    expect(top / total).toBeLessThanOrEqual(0.9);
  });

  test("weekly demand has every Syntetos–Boylan class in meaningful numbers", () => {
    const counts: Record<string, number> = { smooth: 0, erratic: 0, intermittent: 0, lumpy: 0, "no demand": 0 };
    for (const series of totals.values()) counts[syntetosBoylan(series)]++;
    expect(counts["no demand"]).toBe(0);
    for (const cls of ["smooth", "erratic", "intermittent", "lumpy"]) {
      expect(counts[cls]).toBeGreaterThanOrEqual(200); // at least 10% of 2000
    }
  });

  test("the realised class matches the intended demand_profile for active products", () => {
    const active = company.products.filter((p) => p.lifecycle === "active");
    const agreeing = active.filter((p) => syntetosBoylan(totals.get(p.productId)!) === p.demandProfile).length;
    expect(agreeing / active.length).toBeGreaterThanOrEqual(0.9);
  });

  test("seasonal products repeat their pattern a year later; others do not", () => {
    const lagCorrelation = (seasonal: boolean): number => {
      const products = company.products.filter((p) => p.seasonal === seasonal && p.lifecycle === "active" && p.demandProfile === "smooth");
      const correlations = products.map((p) => {
        const series = totals.get(p.productId)!;
        return pearson(series.subarray(0, 52), series.subarray(52, 104));
      });
      return correlations.reduce((a, b) => a + b, 0) / correlations.length;
    };
    const seasonalCount = company.products.filter((p) => p.seasonal).length;
    expect(seasonalCount).toBeGreaterThanOrEqual(200);
    expect(seasonalCount).toBeLessThanOrEqual(800);
    expect(lagCorrelation(true)).toBeGreaterThan(0.3);
    expect(Math.abs(lagCorrelation(false))).toBeLessThan(0.1);
  });

  test("new products have no demand in the first fifth of the horizon, dying ones none in the last fifth", () => {
    const newProducts = company.products.filter((p) => p.lifecycle === "new");
    const dyingProducts = company.products.filter((p) => p.lifecycle === "dying");
    expect(newProducts.length).toBeGreaterThanOrEqual(20);
    expect(dyingProducts.length).toBeGreaterThanOrEqual(20);
    const sum = (series: Float64Array): number => series.reduce((a, b) => a + b, 0);
    for (const p of newProducts) {
      const series = totals.get(p.productId)!;
      expect(sum(series.subarray(0, Math.floor(104 * 0.2)))).toBe(0);
      expect(sum(series)).toBeGreaterThan(0);
    }
    for (const p of dyingProducts) {
      const series = totals.get(p.productId)!;
      expect(sum(series.subarray(Math.ceil(104 * 0.8)))).toBe(0);
      expect(sum(series)).toBeGreaterThan(0);
    }
    // Active products sell at both ends of the horizon (as a group).
    const active = company.products.filter((p) => p.lifecycle === "active");
    expect(active.filter((p) => sum(totals.get(p.productId)!.subarray(0, 20)) > 0).length / active.length).toBeGreaterThan(0.8);
  });

  test("customers: exactly three regions, about 5% strategic", () => {
    expect(new Set(company.customers.map((c) => c.region))).toEqual(new Set(["North", "South", "West"]));
    expect(company.customers.filter((c) => c.strategic)).toHaveLength(25);
    expect(company.customers.every((c) => c.toleratedLeadTimeDays >= 1 && c.toleratedLeadTimeDays <= 14)).toBe(true);
  });

  test("activity counts agree with the order lines", () => {
    const byCustomer = new Map<string, { lines: number; units: number; returnRows: number; splits: number; weeks: Set<number> }>();
    for (const row of company.orderLines) {
      let sums = byCustomer.get(row.customerId);
      if (!sums) byCustomer.set(row.customerId, (sums = { lines: 0, units: 0, returnRows: 0, splits: 0, weeks: new Set() }));
      sums.lines += row.lines;
      sums.units += row.quantity;
      sums.returnRows += row.returnedUnits > 0 ? 1 : 0;
      sums.splits += row.deliveries - row.lines;
      sums.weeks.add(row.week);
    }
    for (const activity of company.activityCounts) {
      const sums = byCustomer.get(activity.customerId) ?? {
        lines: 0,
        units: 0,
        returnRows: 0,
        splits: 0,
        weeks: new Set(),
      };
      expect(activity.orderLines).toBe(sums.lines);
      expect(activity.unitsPicked).toBe(sums.units);
      expect(activity.returns).toBe(sums.returnRows);
      // One drop per order plus one per back-order split.
      expect(activity.deliveries - activity.orders).toBe(sums.splits);
      expect(activity.orders).toBeGreaterThanOrEqual(sums.weeks.size);
      expect(activity.orders).toBeLessThanOrEqual(sums.lines);
      expect(activity.specialHandling).toBeLessThanOrEqual(activity.orders);
      expect(activity.kgKm > 0).toBe(sums.units > 0);
    }
  });

  test("an activity-based cost-to-serve finds unprofitable customers, mostly not strategic ones", () => {
    // Illustrative driver rates, €: order, order line, delivery (drop), unit picked, return, visit, special handling, kg·km.
    const rates = {
      orders: 12,
      orderLines: 2.5,
      deliveries: 35,
      unitsPicked: 0.1,
      returns: 25,
      salesVisits: 120,
      specialHandling: 30,
      kgKm: 0.0004,
    };
    const grossMargin = new Map<string, number>();
    const revenue = new Map<string, number>();
    for (const row of company.orderLines) {
      grossMargin.set(row.customerId, (grossMargin.get(row.customerId) ?? 0) + row.quantity * (row.unitPrice - row.unitCost));
      revenue.set(row.customerId, (revenue.get(row.customerId) ?? 0) + row.quantity * row.unitPrice);
    }
    const profit = company.activityCounts.map((a) => {
      const costToServe = (Object.keys(rates) as (keyof typeof rates)[]).reduce((sum, k) => sum + a[k] * rates[k], 0);
      return (grossMargin.get(a.customerId) ?? 0) - costToServe;
    });
    const unprofitable = company.customers.filter((_, i) => profit[i] < 0);
    expect(unprofitable.length / company.customers.length).toBeGreaterThanOrEqual(0.05);
    expect(unprofitable.length / company.customers.length).toBeLessThanOrEqual(0.4);

    // They lose money on serving, not on price: most still earn a normal gross margin per euro sold.
    const marginRates = unprofitable
      .filter((c) => (revenue.get(c.customerId) ?? 0) > 0)
      .map((c) => grossMargin.get(c.customerId)! / revenue.get(c.customerId)!)
      .sort((a, b) => a - b);
    expect(marginRates[Math.floor(marginRates.length / 2)]).toBeGreaterThan(0.2);

    const strategic = company.customers.filter((c) => c.strategic);
    const strategicLosing = strategic.filter((c) => profit[company.customers.indexOf(c)] < 0);
    expect(strategicLosing.length / strategic.length).toBeLessThanOrEqual(0.2);
  });

  test("suppliers differ in lead time and service", () => {
    const means = company.suppliers.map((s) => s.leadTimeMeanDays);
    expect(Math.max(...means) / Math.min(...means)).toBeGreaterThan(3);
    expect(new Set(means).size).toBeGreaterThan(20);
    for (const s of company.suppliers) {
      expect(s.leadTimeSdDays).toBeGreaterThan(0);
      expect(s.onTimeRate).toBeGreaterThan(0);
      expect(s.onTimeRate).toBeLessThanOrEqual(1);
      expect(s.fillRate).toBeGreaterThan(0);
      expect(s.fillRate).toBeLessThanOrEqual(1);
      expect(Number.isInteger(s.qualityPpm)).toBe(true);
    }
    const usedSuppliers = new Set(company.products.map((p) => p.supplierId));
    expect(usedSuppliers.size).toBeGreaterThan(30);
  });
});

describe("generateDemoCompany determinism (small size)", () => {
  let first: Record<string, string>;
  beforeAll(() => {
    first = hashes(toCsvFiles(generateDemoCompany({ ...SMALL, seed: 99 })));
  });

  test("the same seed gives byte-identical CSV files", () => {
    const second = hashes(toCsvFiles(generateDemoCompany({ ...SMALL, seed: 99 })));
    expect(second).toEqual(first);
  });

  test("a different seed changes every file", () => {
    const other = hashes(toCsvFiles(generateDemoCompany({ ...SMALL, seed: 100 })));
    for (const name of Object.keys(first)) expect(other[name]).not.toBe(first[name]);
  });

  test("honours the sizes asked for, including a one-year horizon", () => {
    const company = generateDemoCompany({ products: 120, customers: 30, suppliers: 5, weeks: 52, seed: 3 });
    expect(company.products).toHaveLength(120);
    expect(company.customers).toHaveLength(30);
    expect(company.suppliers).toHaveLength(5);
    expect(company.activityCounts).toHaveLength(30);
    expect(company.orderLines.every((r) => r.week >= 1 && r.week <= 52)).toBe(true);
    expect(company.customers.filter((c) => c.strategic)).toHaveLength(2);
  });

  test("does not mutate the options object", () => {
    const options = Object.freeze({ products: 20, customers: 5, seed: 5 });
    expect(() => generateDemoCompany(options)).not.toThrow();
    expect(options).toEqual({ products: 20, customers: 5, seed: 5 });
  });

  test.each([
    [{ products: 0 }, "products"],
    [{ customers: 2.5 }, "customers"],
    [{ seed: -1 }, "seed"],
    [{ seed: 2 ** 32 }, "seed"],
    [{ weeks: 5 }, "weeks"],
  ])("rejects %p, naming the option", (options, field) => {
    try {
      generateDemoCompany(options);
      throw new Error("expected a DomainError");
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).field).toBe(field);
    }
  });
});

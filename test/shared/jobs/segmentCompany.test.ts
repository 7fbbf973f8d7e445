import { customerRowSchema, orderLineRowSchema, parseTable, productRowSchema } from "../../../shared/src/data";
import { formatSegmentationReport, segmentCompany } from "../../../shared/src/jobs";

const products = parseTable(
  [
    { product_id: "P1", name: "big", category: "x", unit_price: "10", unit_cost: "6", supplier_id: "S1", lifecycle: "active" },
    { product_id: "P2", name: "mid", category: "x", unit_price: "10", unit_cost: "6", supplier_id: "S1", lifecycle: "active" },
    { product_id: "P3", name: "small", category: "x", unit_price: "10", unit_cost: "6", supplier_id: "S1", lifecycle: "new" },
  ],
  productRowSchema,
  "products.csv",
);
const customers = parseTable(
  [
    { customer_id: "C1", name: "a", region: "North", strategic: "false" },
    { customer_id: "C2", name: "b", region: "South", strategic: "true" },
  ],
  customerRowSchema,
  "customers.csv",
);
const line = (customer: string, product: string, week: number, qty: number, price = 10, cost = 6) => ({
  customer_id: customer,
  product_id: product,
  week: String(week),
  qty: String(qty),
  price: String(price),
  cost: String(cost),
  lines: "1",
  deliveries: "1",
  returns: "0",
});

describe("segmentCompany", () => {
  const orderLines = parseTable([line("C1", "P1", 1, 40), line("C1", "P1", 2, 40), line("C1", "P2", 1, 15), line("C2", "P3", 2, 5)], orderLineRowSchema, "order_lines.csv");

  it("aggregates revenue and weekly demand, then classifies", () => {
    // Revenue: P1 800, P2 150, P3 50 → cumulative 0.8, 0.95, 1 → A, B, C.
    // Weekly demand: P1 40, 40 → CV 0 → X; P2 15, 0 → CV √2 → Z; P3 0, 5 → Z.
    const r = segmentCompany(products, customers, orderLines);
    expect(r.weeks).toBe(2);
    expect(r.products.abc.items.map((i) => [i.id, i.class])).toEqual([
      ["P1", "A"],
      ["P2", "B"],
      ["P3", "C"],
    ]);
    expect(r.products.xyz.items.map((i) => i.class)).toEqual(["X", "Z", "Z"]);
    expect(r.products.matrix.cells[0][0]).toMatchObject({ count: 1, valueShare: 0.8 });
    // C1: revenue 950 of 1,000 → cumulative share 0.95 > 0.8 → Core (not Key); C2 is strategic.
    expect(r.customers.tiers.map((t) => [t.id, t.tier])).toEqual([
      ["C1", "Core"],
      ["C2", "Strategic"],
    ]);
    const text = formatSegmentationReport(r);
    expect(text).toContain("ABC-XYZ matrix");
    expect(text).toMatch(/A\s+1 \/ 80\.0%/);
    expect(text).toContain("Strategic");
  });

  it("names the order line whose product is unknown", () => {
    const bad = parseTable([line("C1", "P1", 1, 1), line("C1", "P9", 2, 1)], orderLineRowSchema, "order_lines.csv");
    expect(() => segmentCompany(products, customers, bad)).toThrow('order_lines.csv row 2, product_id: "P9" is not in products.csv');
  });
});

describe("parseTable", () => {
  it.each([
    [{ qty: "x" }, 'order_lines.csv row 1, qty: must be a number, got "x"'],
    [{ qty: "" }, 'order_lines.csv row 1, qty: is blank, got ""'],
    [{ qty: "-3" }, 'order_lines.csv row 1, qty: must be ≥ 0, got "-3"'],
    [{ week: "0" }, 'order_lines.csv row 1, week: must be ≥ 1, got "0"'],
    [{ lines: "1.5" }, 'order_lines.csv row 1, lines: must be a whole number, got "1.5"'],
  ])("names the row and column of %j", (patch, message) => {
    expect(() => parseTable([{ ...line("C1", "P1", 1, 1), ...patch }], orderLineRowSchema, "order_lines.csv")).toThrow(message);
  });

  it("reads true/false flags and refuses others", () => {
    expect(parseTable([{ customer_id: "C", name: "", region: "N", strategic: "TRUE" }], customerRowSchema, "customers.csv")[0].strategic).toBe(true);
    expect(() => parseTable([{ customer_id: "C", name: "", region: "N", strategic: "maybe" }], customerRowSchema, "customers.csv")).toThrow('customers.csv row 1, strategic: expected true or false, got "maybe"');
  });
});

import { fixed, toCsv, type CsvColumn } from "../../../shared/src/demo";

interface Row {
  name: string;
  price: number;
}

const COLUMNS: CsvColumn<Row>[] = [
  { header: "name", format: (r) => r.name },
  { header: "price", format: (r) => fixed(r.price, 2) },
];

describe("toCsv", () => {
  test("quotes only fields with a comma, a double quote or a line break (RFC 4180 §2.6–2.7)", () => {
    const rows: Row[] = [
      { name: "plain", price: 1 },
      { name: "a, b", price: 2 },
      { name: 'pipe 1/2"', price: 3 },
      { name: "two\nlines", price: 4 },
      { name: "carriage\rreturn", price: 5 },
      { name: "", price: 6 },
    ];
    expect(toCsv(rows, COLUMNS)).toBe('name,price\nplain,1.00\n"a, b",2.00\n"pipe 1/2""",3.00\n"two\nlines",4.00\n"carriage\rreturn",5.00\n,6.00\n');
  });

  test("quotes headers by the same rule and writes a header alone for no rows", () => {
    const columns: CsvColumn<Row>[] = [{ header: "name, full", format: (r) => r.name }];
    expect(toCsv([], columns)).toBe('"name, full"\n');
  });

  test("does not mutate its rows", () => {
    const rows = Object.freeze([Object.freeze({ name: "x", price: 1.005 })]);
    expect(toCsv(rows, COLUMNS)).toBe("name,price\nx,1.00\n");
  });
});

describe("fixed", () => {
  test("always prints the given number of decimals, never -0 and never exponents", () => {
    expect(fixed(3, 2)).toBe("3.00");
    expect(fixed(2.5, 0)).toBe("3");
    expect(fixed(-0.001, 2)).toBe("0.00");
    expect(fixed(-0, 1)).toBe("0.0");
    expect(fixed(-1.25, 1)).toBe("-1.3");
    expect(fixed(1e-7, 3)).toBe("0.000");
    expect(fixed(123456789012, 2)).toBe("123456789012.00");
  });
});

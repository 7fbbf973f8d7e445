/**
 * parseShare / parseShareList against the ways planners type shares, and the
 * traps that used to give wrong numbers silently (25 read as 2,500 %, "80%"
 * refused, "0,8" misread, decreasing cut-offs accepted).
 */
import { formatShare, parseShare, parseShareList } from "../../../shared/src/data";

const value = <T>(p: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!p.ok) throw new Error(`expected a value, got: ${p.message}`);
  return p.value;
};
const message = (p: { ok: boolean; message?: string }): string => {
  if (p.ok) throw new Error("expected an error");
  return p.message ?? "";
};

describe("parseShare", () => {
  test.each([
    ["80%", 0.8],
    ["80 %", 0.8],
    [" 80% ", 0.8],
    ["0.8", 0.8],
    [".8", 0.8],
    ["0,8", 0.8],
    ["80,5 %", 0.805],
    ["25%", 0.25],
    ["0.25", 0.25],
    ["0", 0],
    ["0%", 0],
    ["1", 1],
    ["100%", 1],
    ["12.5%", 0.125],
  ])("%j reads as %d", (typed, expected) => {
    expect(value(parseShare(typed, "Holding rate"))).toBeCloseTo(expected, 12);
  });

  test("a bare number above 1 is refused with both readings offered, never taken as 2,500 %", () => {
    expect(message(parseShare("25", "Holding rate"))).toBe("Holding rate: 25 is above 1 (100%); if you meant 25%, type 25% or 0.25");
    expect(message(parseShare("15", "Cost-to-serve target"))).toMatch(/^Cost-to-serve target: 15 is above 1 \(100%\); if you meant 15%, type 15% or 0.15$/);
  });

  test("out of range and unreadable input names the field and what was typed", () => {
    expect(message(parseShare("250%", "Holding rate"))).toBe("Holding rate: 250% is above 100%");
    expect(message(parseShare("250 %", "Holding rate"))).toBe("Holding rate: 250% is above 100%");
    expect(message(parseShare("-5%", "Holding rate"))).toBe("Holding rate: -5% is below 0%");
    expect(message(parseShare("-0.1", "Holding rate"))).toBe("Holding rate: -0.1 is below 0");
    expect(message(parseShare("abc", "Holding rate"))).toBe('Holding rate: "abc" is not a share; type a percentage such as 25% or a fraction such as 0.25');
    expect(message(parseShare("", "Holding rate"))).toBe("Holding rate: enter a share, such as 25% or 0.25");
    expect(message(parseShare("25%%", "Holding rate"))).toMatch(/^Holding rate: "25%%" is not a share/);
    expect(message(parseShare("0.8.1", "Holding rate"))).toMatch(/is not a share/);
  });

  test("a comma that could be a thousands separator is refused as ambiguous rather than guessed", () => {
    expect(message(parseShare("1,000", "Target"))).toMatch(/^Target: "1,000" is ambiguous/);
    // With a leading 0 it cannot be thousands: 0,125 is an eighth.
    expect(value(parseShare("0,125", "Target"))).toBeCloseTo(0.125, 12);
  });

  test("aboveZero refuses 0 and 0%", () => {
    expect(message(parseShare("0%", "Cut-off", { aboveZero: true }))).toBe("Cut-off: must be above 0%, got 0%");
    expect(value(parseShare("1%", "Cut-off", { aboveZero: true }))).toBeCloseTo(0.01, 12);
  });
});

describe("parseShareList", () => {
  test.each([
    ["0.8, 0.95", [0.8, 0.95]],
    ["0.8,0.95", [0.8, 0.95]],
    ["80%, 95%", [0.8, 0.95]],
    ["80 %, 95 %", [0.8, 0.95]],
    ["80% 95%", [0.8, 0.95]],
    ["0,8; 0,95", [0.8, 0.95]],
    ["80%; 0.95", [0.8, 0.95]],
  ])("share list %j", (typed, expected) => {
    const got = value(parseShareList(typed, "ABC cut-offs", { share: true, ascending: true }));
    expect(got).toHaveLength(expected.length);
    got.forEach((g, i) => expect(g).toBeCloseTo(expected[i], 12));
  });

  test("decreasing or equal cut-offs are refused, naming both items", () => {
    expect(message(parseShareList("0.95, 0.8", "ABC cut-offs", { share: true, ascending: true }))).toBe("ABC cut-offs: must increase from one to the next; item 2 (80%) is not above item 1 (95%)");
    expect(message(parseShareList("80%, 80%", "ABC cut-offs", { share: true, ascending: true }))).toMatch(/item 2 \(80%\) is not above item 1 \(80%\)/);
    expect(message(parseShareList("1, 0.5", "XYZ cut-offs", { ascending: true }))).toBe("XYZ cut-offs: must increase from one to the next; item 2 (0.5) is not above item 1 (1)");
  });

  test("a bad item is named by position, with the share rules", () => {
    expect(message(parseShareList("80, 95", "ABC cut-offs", { share: true }))).toBe("ABC cut-offs, item 1: 80 is above 1 (100%); if you meant 80%, type 80% or 0.8");
    expect(message(parseShareList("0.8, 120%", "ABC cut-offs", { share: true }))).toBe("ABC cut-offs, item 2: 120% is above 100%");
    expect(message(parseShareList("0%, 80%", "ABC cut-offs", { share: true }))).toBe("ABC cut-offs, item 1: must be above 0%, got 0%");
    expect(message(parseShareList("0.5, x", "XYZ cut-offs"))).toBe('XYZ cut-offs, item 2: "x" is not a number');
    expect(message(parseShareList("-1", "XYZ cut-offs"))).toBe("XYZ cut-offs, item 1: -1 is below 0");
  });

  test("decimal commas without semicolons are refused, not read as separate items", () => {
    expect(message(parseShareList("0,8", "XYZ cut-offs"))).toMatch(/^XYZ cut-offs: "0,8" is ambiguous .*0,8; 0,95/);
    expect(message(parseShareList("0,8,0,95", "ABC cut-offs", { share: true }))).toMatch(/ambiguous/);
  });

  test("plain-number lists take values above 1 (coefficients of variation) and blanks only when optional", () => {
    expect(value(parseShareList("0.5, 1.0, 1.5", "XYZ cut-offs", { ascending: true }))).toEqual([0.5, 1, 1.5]);
    expect(value(parseShareList("1,5; 2", "XYZ cut-offs"))).toEqual([1.5, 2]);
    expect(value(parseShareList("  ", "ABC cut-offs", { optional: true }))).toEqual([]);
    expect(message(parseShareList("", "ABC cut-offs", { share: true }))).toBe("ABC cut-offs: enter at least one value, such as 80%, 95%");
  });
});

test("formatShare reads a fraction back as a percentage", () => {
  expect(formatShare(0.805)).toBe("80.5%");
  expect(formatShare(0.25)).toBe("25%");
});

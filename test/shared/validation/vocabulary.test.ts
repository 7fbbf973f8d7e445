/**
 * shared/src/validation's vocabulary: how every number check is worded
 * (mustBe), how a cell or typed text is read as a number (readNumber), and
 * the zod and hand-written checks that use them.
 */
import { DomainError, parseWith } from "../../../shared/src/errors";
import { checkNumber, mustBe, numberProblem, numberSchema, readNumber, requireNumber } from "../../../shared/src/validation";
import { nonNegativeSchema, probabilitySchema } from "../../../shared/src/inventory/schemas";
import { domainError } from "../../helpers/domainErrors";

describe("mustBe: one phrasing per rule", () => {
  it.each([
    [mustBe.atLeast(0), "must be ≥ 0"],
    [mustBe.above(0), "must be > 0"],
    [mustBe.atMost(1), "must be ≤ 1"],
    [mustBe.below(1), "must be < 1"],
    [mustBe.between(0, 1), "must be between 0 and 1"],
    [mustBe.probability, "must be > 0 and < 1"],
    [mustBe.inRange({ greaterThan: 0, max: 1 }), "must be > 0 and ≤ 1"],
    [mustBe.inRange({ min: 0, lessThan: 1 }), "must be ≥ 0 and < 1"],
    [mustBe.inRange({}), "must be a number"],
    [mustBe.number, "must be a number"],
    [mustBe.wholeNumber, "must be a whole number"],
  ])("%s", (words, expected) => {
    expect(words).toBe(expected);
  });

  it("states the whole range whichever bound failed, and checks whole numbers before the range", () => {
    expect(numberProblem(-1, { min: 0, max: 1 })).toEqual({ kind: "out_of_range", detail: "must be between 0 and 1, got -1" });
    expect(numberProblem(2, { min: 0, max: 1 })).toEqual({ kind: "out_of_range", detail: "must be between 0 and 1, got 2" });
    expect(numberProblem(-0.5, { min: 0, integer: true })).toEqual({ kind: "invalid", detail: "must be a whole number, got -0.5" });
    expect(numberProblem(Number.NaN)).toEqual({ kind: "invalid", detail: "must be a number, got NaN" });
    expect(numberProblem(0.5, { greaterThan: 0, lessThan: 1 })).toBeUndefined();
  });
});

describe("readNumber: a cell or typed text as a planner writes it", () => {
  it.each([
    [42, 42],
    [-3.5, -3.5],
    ["12", 12],
    ["  7.25 ", 7.25],
    ["-.5", -0.5],
    ["1e3", 1000],
    ["1,234", 1234],
    ["1,234.5", 1234.5],
    ["-12,345,678.9", -12345678.9],
    ["25%", 0.25],
    [" 7.5 % ", 0.075],
    ["1,250%", 12.5],
    ["-5%", -0.05],
  ])("%j → %d", (cell, value) => {
    expect(readNumber(cell)).toEqual({ kind: "number", value });
  });

  it.each([null, undefined, "", "   ", "\t\u00a0"])("%j is blank", (cell) => {
    expect(readNumber(cell)).toEqual({ kind: "blank" });
  });

  it.each([
    ["#N/A", "must be a number, got the error #N/A"],
    [" #div/0! ", "must be a number, got the error #DIV/0!"],
    ["#VALUE!", "must be a number, got the error #VALUE!"],
    ["#SPILL!", "must be a number, got the error #SPILL!"],
  ])("names the Excel error %j", (cell, detail) => {
    expect(readNumber(cell)).toEqual({ kind: "error", detail });
  });

  it.each([
    // Refused rather than guessed: a European decimal, loose grouping, hex and words JavaScript's Number() would take.
    ["n/a", 'must be a number, got "n/a"'],
    ["1,2", 'must be a number, got "1,2"'],
    ["12,34,567", 'must be a number, got "12,34,567"'],
    ["0x10", 'must be a number, got "0x10"'],
    ["Infinity", 'must be a number, got "Infinity"'],
    ["1e999", 'must be a number, got "1e999"'],
    ["%", 'must be a number, got "%"'],
    ["25%%", 'must be a number, got "25%%"'],
    ["$12", 'must be a number, got "$12"'],
    [true, "must be a number, got true"],
    [false, "must be a number, got false"],
    [Number.NaN, "must be a number, got NaN"],
    [Infinity, "must be a number, got Infinity"],
    [[1], "must be a number, got a list of 1"],
  ])("refuses %j", (cell, detail) => {
    expect(readNumber(cell)).toEqual({ kind: "error", detail });
  });

  it("requireNumber names the field, calls a blank missing and checks the rule", () => {
    expect(requireNumber("25%", "target", { min: 0, max: 1 })).toBe(0.25);
    const blank = domainError(() => requireNumber("  ", "Products, column Cost, row 4"));
    expect([blank.message, blank.kind]).toEqual(["Products, column Cost, row 4: must be a number, got a blank", "missing"]);
    const text = domainError(() => requireNumber("lots", "qty"));
    expect([text.message, text.kind]).toEqual(['qty: must be a number, got "lots"', "invalid"]);
    const range = domainError(() => requireNumber("-1", "qty", { min: 0 }));
    expect([range.message, range.kind]).toEqual(["qty: must be ≥ 0, got -1", "out_of_range"]);
  });
});

describe("the checks that use the vocabulary", () => {
  it("checkNumber words a wrong type and a bound as mustBe does, and names Excel errors", () => {
    expect(() => checkNumber("x", "values[3]")).toThrow(new DomainError("values[3]", 'must be a number, got "x"', "invalid"));
    expect(() => checkNumber("#N/A", "values[3]")).toThrow(new DomainError("values[3]", "must be a number, got the error #N/A", "invalid"));
    expect(() => checkNumber("", "values[3]")).toThrow(new DomainError("values[3]", "must be a number, got a blank", "missing"));
    expect(() => checkNumber(-1, "values[3]", { min: 0 })).toThrow(new DomainError("values[3]", "must be ≥ 0, got -1", "out_of_range"));
    expect(() => checkNumber(1, "serviceLevel", { greaterThan: 0, lessThan: 1 })).toThrow(new DomainError("serviceLevel", "must be > 0 and < 1, got 1", "out_of_range"));
    expect(() => checkNumber(2.5, "k", { integer: true, min: 1 })).toThrow(new DomainError("k", "must be a whole number, got 2.5", "invalid"));
    // Numbers only: number text is read by the adapters, not accepted by the domain.
    expect(() => checkNumber("12", "qty")).toThrow('qty: must be a number, got "12"');
  });

  it("numberSchema fails either bound with the whole rule, as checkNumber does", () => {
    const fraction = numberSchema({ min: 0, max: 1 });
    expect(() => parseWith(fraction, -1, "fillRate")).toThrow(new DomainError("fillRate", "must be between 0 and 1, got -1", "out_of_range"));
    expect(() => parseWith(fraction, 1.5, "fillRate")).toThrow(new DomainError("fillRate", "must be between 0 and 1, got 1.5", "out_of_range"));
    expect(() => parseWith(numberSchema({ min: 1, max: 10, integer: true }), 2.5, "horizon")).toThrow("horizon: must be a whole number, got 2.5");
    expect(domainError(() => parseWith(fraction, -1, "fillRate")).message).toBe(domainError(() => checkNumber(-1, "fillRate", { min: 0, max: 1 })).message);
  });

  it("the domain's zod schemas word a wrong type as mustBe does, in the issue a service 400 carries and through parseWith", () => {
    const issue = nonNegativeSchema.safeParse("n/a").error!.issues[0];
    expect(issue.message).toBe(mustBe.number);
    expect(() => parseWith(nonNegativeSchema, "n/a", "demandSd")).toThrow('demandSd: must be a number, got "n/a"');
    expect(() => parseWith(probabilitySchema, true, "serviceLevel")).toThrow("serviceLevel: must be a number, got true");
    expect(() => parseWith(numberSchema({ min: 0, max: 1 }), "0.5", "fillRate")).toThrow('fillRate: must be a number, got "0.5"');
  });
});

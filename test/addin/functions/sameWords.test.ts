/**
 * One bad number, one set of words: the same value for the same safety-stock
 * input through a worksheet function (TIER.SAFETYSTOCK in the built
 * dist/functions.js), a pane's number field, a worksheet table read for a
 * pane, and the shared zod schema the service validates that input with
 * (its issue is what a 400 carries; parseWith is the domain's path). Each path
 * names the field its own way; the words after the field are the same.
 */
import { DomainError, parseWith } from "../../../shared/src/errors";
import { cycleServiceInputSchema } from "../../../shared/src/inventory/schemas";
import type { NumberRule } from "../../../shared/src/validation";
import { numberColumn } from "../../../addin/src/taskpane/runs/tableInput";
import { parseNumberField } from "../../../addin/src/taskpane/ui/fields";
import { caller, column, loadBuiltFunctions } from "./loadBuiltFunctions";

const call = caller(loadBuiltFunctions());

type Input = "demandMean" | "demandSd" | "leadTime" | "serviceLevel";
const VALID: Record<Input, number> = { demandMean: 100, demandSd: 20, leadTime: 2, serviceLevel: 0.9 };
/** TIER.SAFETYSTOCK's arguments, in order, as Excel names them. */
const ARGUMENTS: Array<[Input, string]> = [
  ["demandMean", "demand_mean"],
  ["demandSd", "demand_sd"],
  ["leadTime", "lead_time"],
  ["serviceLevel", "service_level"],
];
/** The rule a pane applies to a field typed for the input: the domain's. */
const RULES: Record<Input, NumberRule> = { demandMean: { min: 0 }, demandSd: { min: 0 }, leadTime: { min: 0 }, serviceLevel: { greaterThan: 0, lessThan: 1 } };

function safetyStock(input: Input, value: unknown): unknown[][] {
  const args = ARGUMENTS.map(([name]) => [[name === input ? value : VALID[name]]]);
  return call("SAFETYSTOCK", ...args, null, null) as unknown[][];
}

function afterField(message: string, field: string): string {
  expect(message.startsWith(`${field}: `)).toBe(true);
  return message.slice(field.length + 2);
}

function cellWords(input: Input, value: unknown): string {
  const error = safetyStock(input, value)[0][0];
  expect(error).toBeInstanceOf(CustomFunctions.Error);
  return afterField((error as CustomFunctions.Error).message ?? "", ARGUMENTS.find(([name]) => name === input)![1]);
}

function thrownDetail(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.detail;
    throw error;
  }
  throw new Error("expected a DomainError");
}

const paneWords = (input: Input, text: string) => thrownDetail(() => parseNumberField(text, "Pane field", RULES[input]));
const tableWords = (input: Input, cell: string | number) => thrownDetail(() => numberColumn({ name: "Products", headers: [input], rows: [[cell]] }, input, RULES[input]));
const domainWords = (input: Input, value: unknown) => thrownDetail(() => parseWith(cycleServiceInputSchema, { ...VALID, [input]: value }, "item"));
const issueWords = (input: Input, value: unknown) => cycleServiceInputSchema.safeParse({ ...VALID, [input]: value }).error!.issues[0].message;

describe("the same bad value gets the same words in a cell, a pane, a table and the service's schema", () => {
  it.each<[string, Input, number, string, string]>([
    ["a negative where >= 0 is needed", "demandSd", -1, "must be ≥ 0", "-1"],
    ["25 where a fraction is wanted", "serviceLevel", 25, "must be > 0 and < 1", "25"],
    ["1 where a probability below 1 is wanted", "serviceLevel", 1, "must be > 0 and < 1", "1"],
  ])("%s", (_what, input, value, rule, got) => {
    const words = `${rule}, got ${got}`;
    expect({
      cell: cellWords(input, value),
      cellText: cellWords(input, String(value)),
      pane: paneWords(input, String(value)),
      table: tableWords(input, value),
      domain: domainWords(input, value),
      service400: issueWords(input, value),
    }).toEqual({ cell: words, cellText: words, pane: words, table: words, domain: words, service400: rule });
  });

  it("text that is not a number", () => {
    const words = 'must be a number, got "n/a"';
    expect({
      cell: cellWords("demandMean", "n/a"),
      pane: paneWords("demandMean", "n/a"),
      table: tableWords("demandMean", "n/a"),
      domain: domainWords("demandMean", "n/a"),
      service400: issueWords("demandMean", "n/a"),
    }).toEqual({ cell: words, pane: words, table: words, domain: words, service400: "must be a number" });
  });

  it("an Excel error read from the sheet is named, in a cell and in a table", () => {
    expect(cellWords("demandSd", "#N/A")).toBe("must be a number, got the error #N/A");
    expect(tableWords("demandSd", "#N/A")).toBe("must be a number, got the error #N/A");
  });

  it("keeps naming the row: a range's 1-based row in a cell, the table, column and row in a table", () => {
    const inRange = call("SAFETYSTOCK", column(100, 100), column(20, -1), [[2]], [[0.9]], null, null) as unknown[][];
    expect((inRange[0][0] as CustomFunctions.Error).message).toBe("demand_sd row 2: must be ≥ 0, got -1");
    expect(() => numberColumn({ name: "Products", headers: ["DemandSd"], rows: [[20], [-1]] }, "DemandSd", { min: 0 })).toThrow("Products, column DemandSd, row 2: must be ≥ 0, got -1");
  });
});

describe("the same number text reads as the same number everywhere", () => {
  it.each([
    ["25%", 0.25],
    ["1,234.5", 1234.5],
    [" 7 ", 7],
  ])("%j", (text, value) => {
    expect(parseNumberField(text, "Pane field")).toBe(value);
    expect(numberColumn({ name: "Products", headers: ["X"], rows: [[text]] }, "X")).toEqual([value]);
  });

  it('"25%" typed for a service level is 0.25 in a pane and in a cell, not 25', () => {
    expect(parseNumberField("25%", "Service level", RULES.serviceLevel)).toBe(0.25);
    expect(safetyStock("serviceLevel", "25%")).toEqual(safetyStock("serviceLevel", 0.25));
    expect(safetyStock("demandMean", "1,234")).toEqual(safetyStock("demandMean", 1234));
    expect(cycleServiceInputSchema.safeParse({ ...VALID, serviceLevel: 0.25 }).success).toBe(true);
  });
});

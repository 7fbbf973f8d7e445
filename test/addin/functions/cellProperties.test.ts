/**
 * Property tests over every function of the built bundle: whatever a planner
 * (or a broken link) puts in the cells — numbers, text, blanks, booleans, NaN,
 * ±Infinity, ragged ranges — each returns a non-empty 2-D array whose every
 * cell is a finite number, a string, a boolean or a CustomFunctions.Error:
 * never a thrown JavaScript error, never NaN or Infinity in a cell.
 */
import fc from "fast-check";
import { CONTRACT, PURE_FUNCTIONS, type Parameter } from "./contractTable";
import { loadBuiltFunctions } from "./loadBuiltFunctions";

const fns = loadBuiltFunctions();

/** Every value a cell can hold, weighted towards plausible numbers so that calls often reach the domain code. */
const cellValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 6, arbitrary: fc.integer({ min: -3, max: 500 }) },
  { weight: 2, arbitrary: fc.double() }, // includes NaN, ±Infinity, ±0, huge and tiny values
  { weight: 1, arbitrary: fc.constantFrom("", null, true, false, "n/a", "0.5", "A", "cost", "benefit") },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);

/** A rectangular range (what Excel passes) or, sometimes, a ragged one. */
const range: fc.Arbitrary<unknown[][]> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 6 }).chain((columns) => fc.array(fc.array(cellValue, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 8 })) },
  { weight: 1, arbitrary: fc.array(fc.array(cellValue, { minLength: 0, maxLength: 4 }), { minLength: 0, maxLength: 5 }) },
);

/** A names a choice argument may take, valid or not. */
const CHOICES = [
  "value",
  "count",
  "weighted",
  "edas",
  "auto",
  "ses",
  "holt",
  "damped",
  "hw",
  "croston",
  "sba",
  "sbj",
  "tsb",
  "ma",
  "snaive",
  "wape",
  "mae",
  "rmse",
  "mape",
  "smape",
  "mase",
  "bias",
  "tracking_signal",
  "eoq_ss",
  "eil",
  "loss",
  "exact",
  "normal",
  "poisson",
  "all_units",
  "incremental",
  "best",
];

function argument(p: Parameter): fc.Arbitrary<unknown> {
  if (p.range) return p.optional ? fc.oneof(range, fc.constant(null)) : range;
  return fc.oneof(cellValue, fc.constantFrom(...CHOICES), fc.constant(null));
}

function isAcceptableCell(cell: unknown): boolean {
  if (cell instanceof CustomFunctions.Error) return true;
  if (typeof cell === "number") return Number.isFinite(cell);
  return typeof cell === "string" || typeof cell === "boolean";
}

function checkResult(result: unknown): void {
  expect(Array.isArray(result)).toBe(true);
  const rows = result as unknown[][];
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(Array.isArray(row) && row.length > 0).toBe(true);
    for (const cell of row) if (!isAcceptableCell(cell)) throw new Error(`bad cell ${String(cell)} (${typeof cell})`);
  }
}

/** Small histories keep the forecasting searches quick; the space of inputs is what matters here. */
const RUNS: Record<string, number> = { FORECAST: 150, FITTED: 150 };

describe("every cell is a finite number, a string, a boolean or a CustomFunctions.Error", () => {
  it.each(PURE_FUNCTIONS)("TIER.%s on random inputs", (id) => {
    const fn = fns.get(id)!;
    fc.assert(
      fc.property(fc.tuple(...CONTRACT[id].parameters.map(argument)), (args) => {
        checkResult(fn(...args));
      }),
      { numRuns: RUNS[id] ?? 400, seed: 8 },
    );
  });

  it.each(PURE_FUNCTIONS)("TIER.%s on its valid call with one cell replaced", (id) => {
    // Random single-cell damage to a valid call reaches deeper than fully random inputs.
    const { args } = CONTRACT[id].example!;
    const fn = fns.get(id)!;
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), cellValue, (k, r, c, value) => {
        const call = JSON.parse(JSON.stringify(args)) as unknown[];
        const target = k % call.length;
        const arg = call[target];
        if (Array.isArray(arg) && arg.length > 0) {
          const row = arg[r % arg.length] as unknown[];
          row[c % row.length] = value;
        } else {
          call[target] = value;
        }
        checkResult(fn(...call));
      }),
      { numRuns: 300, seed: 8 },
    );
  });
});

describe("the service-backed functions with no service configured", () => {
  const service = loadBuiltFunctions({ OfficeRuntime: { storage: { getItem: async () => null, setItem: async () => undefined } }, setTimeout, clearTimeout });

  it.each(["SEGMENT", "POLICY"])("TIER.%s resolves to cells, never rejects", async (id) => {
    const fn = service.get(id)!;
    await fc.assert(
      fc.asyncProperty(fc.tuple(...CONTRACT[id].parameters.map(argument)), async (args) => {
        const result = await (fn(...args, { onCanceled: undefined }) as Promise<unknown>);
        checkResult(result);
      }),
      { numRuns: 100, seed: 8 },
    );
  });
});

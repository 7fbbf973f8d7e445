/**
 * The whole TIER.* contract, checked three ways against the table in
 * contractTable.ts: the table against ../shared/tier-functions.md (so the
 * table cannot drift from the document), the generated functions.json against
 * the table (names, parameter names in order, optional flags, ranges, result,
 * cancelable), and the built bundle (every function registered, spilling the
 * documented shape). Then broadcasting of every numeric argument of every
 * inventory function.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { BROADCAST_FUNCTIONS, CONTRACT, parseContractDoc, PURE_FUNCTIONS } from "./contractTable";
import { loadBuiltFunctions, plain, readFunctionsJson } from "./loadBuiltFunctions";

const fns = loadBuiltFunctions();
const call = (id: string, args: unknown[]) => fns.get(id)!(...args) as unknown[][];
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

const contractDoc = path.resolve(__dirname, "../../../../shared/tier-functions.md");
const describeDoc = existsSync(contractDoc) ? describe : describe.skip;

describeDoc("the table mirrors tier-functions.md", () => {
  const documented = parseContractDoc(readFileSync(contractDoc, "utf8"));

  it("lists the same functions as the document", () => {
    expect([...documented.keys()].sort()).toEqual(Object.keys(CONTRACT).sort());
  });

  it.each(Object.keys(CONTRACT))("TIER.%s: parameter names, order and optional flags as documented", (id) => {
    expect(CONTRACT[id].parameters.map(({ name, optional }) => ({ name, optional }))).toEqual(documented.get(id));
  });
});

describe("generated functions.json", () => {
  const metadata = readFunctionsJson().functions;

  it("declares exactly the contract's functions, no more", () => {
    expect(metadata.map((f) => f.id).sort()).toEqual(Object.keys(CONTRACT).sort());
  });

  it.each(Object.keys(CONTRACT))("TIER.%s matches the contract table", (id) => {
    const entry = CONTRACT[id];
    const fn = metadata.find((f) => f.id === id)!;
    expect(fn.name).toBe(id);
    expect(
      fn.parameters.map((q) => ({ name: q.name, optional: q.optional === true, range: q.dimensionality === "matrix", type: q.type })),
    ).toEqual(entry.parameters.map((q) => ({ ...q, type: "any" })));
    // Every result is a spill, so an error can travel as a 1×1 array with its message.
    expect(fn.result.dimensionality).toBe("matrix");
    const options = (fn as { options?: { cancelable?: boolean } }).options ?? {};
    expect(options.cancelable === true).toBe(entry.cancelable === true);
  });
});

describe("the built bundle", () => {
  it("registers every function of the contract", () => {
    expect([...fns.keys()].sort()).toEqual(Object.keys(CONTRACT).sort());
  });

  it.each(PURE_FUNCTIONS)("TIER.%s spills the documented shape", (id) => {
    const { result, example } = CONTRACT[id];
    const out = call(id, clone(example!.args));
    const columns = { column: 1, cell: 1, horizon: 1, rq: 3, stages: 5 }[result];
    expect(out).toHaveLength(example!.rows);
    for (const row of out) {
      expect(row).toHaveLength(columns);
      for (const cell of row) expect(cell).not.toBeInstanceOf(CustomFunctions.Error);
    }
  });
});

describe("broadcasting of the inventory functions' numeric arguments", () => {
  const numericArgs = (id: string) => CONTRACT[id].parameters.map((q, k) => ({ ...q, k })).filter((q) => q.range);
  /** The example with every column cut down to its row i, as single cells. */
  const rowCall = (id: string, i: number) => CONTRACT[id].example!.args.map((a) => (Array.isArray(a) ? [[(a as unknown[][])[i][0]]] : a));

  it.each(BROADCAST_FUNCTIONS)("TIER.%s: columns give, row by row, what single values give", (id) => {
    const { args, rows } = CONTRACT[id].example!;
    const whole = plain(call(id, clone(args)));
    expect(whole).toHaveLength(rows);
    for (let i = 0; i < rows; i++) expect(whole[i]).toEqual(plain(call(id, rowCall(id, i)))[0]);
  });

  // TIER.NORMLOSS has one argument: nothing to repeat it over.
  const multiArgument = BROADCAST_FUNCTIONS.filter((id) => numericArgs(id).length > 1);

  it.each(multiArgument)("TIER.%s: any one argument as a single value repeats over the others' rows", (id) => {
    const { args, rows } = CONTRACT[id].example!;
    for (const { k } of numericArgs(id)) {
      const mixed = clone(args);
      mixed[k] = [[(args[k] as unknown[][])[0][0]]];
      const result = plain(call(id, mixed));
      expect(result).toHaveLength(rows);
      for (let i = 0; i < rows; i++) {
        const single = rowCall(id, i);
        single[k] = mixed[k];
        expect(result[i]).toEqual(plain(call(id, single))[0]);
      }
    }
  });

  it.each(BROADCAST_FUNCTIONS)("TIER.%s: a row range counts like a column", (id) => {
    const { args } = CONTRACT[id].example!;
    const asRow = clone(args);
    asRow[0] = [(args[0] as unknown[][]).map((r) => r[0])];
    expect(plain(call(id, asRow))).toEqual(plain(call(id, clone(args))));
  });

  const mismatches = BROADCAST_FUNCTIONS.flatMap((id) =>
    numericArgs(id)
      .slice(1)
      .map((q) => [id, q.name, q.k] as const),
  );

  it.each(mismatches)("TIER.%s: %s one row short → #VALUE! naming both arguments", (id, name, k) => {
    const args = clone(CONTRACT[id].example!.args);
    args[k] = (args[k] as unknown[][]).slice(0, 2);
    const first = CONTRACT[id].parameters[0].name;
    const out = call(id, args);
    expect(out).toHaveLength(1);
    const error = out[0][0] as CustomFunctions.Error;
    expect(error).toBeInstanceOf(CustomFunctions.Error);
    expect({ code: error.code, message: error.message }).toEqual({
      code: "#VALUE!",
      message: `${first} has 3 rows but ${name} has 2: ranges must have equal length`,
    });
  });

  it("TIER.NORMLOSS has a single argument, so it has no lengths to mismatch", () => {
    expect(numericArgs("NORMLOSS")).toHaveLength(1);
  });
});

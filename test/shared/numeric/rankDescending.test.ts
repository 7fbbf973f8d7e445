import fc from "fast-check";
import { rankDescending } from "../../../shared/src/numeric";

/** The obvious comparison sort: value descending, then tie order. */
function reference(values: number[], tieOrder?: number[]): number[] {
  const position = new Map((tieOrder ?? values.map((_, i) => i)).map((idx, p) => [idx, p]));
  return values.map((_, i) => i).sort((a, b) => values[b] - values[a] || position.get(a)! - position.get(b)!);
}

describe("rankDescending", () => {
  it("orders largest first and keeps ties in input order", () => {
    expect([...rankDescending(Float64Array.of(3, 9, 3, -1, 0, -0, 9))]).toEqual([1, 6, 0, 2, 4, 5, 3]);
  });

  it("follows the given tie order", () => {
    expect([...rankDescending(Float64Array.of(5, 5, 5), Uint32Array.of(2, 0, 1))]).toEqual([2, 0, 1]);
  });

  it("handles extremes, subnormals and negative numbers", () => {
    const values = [Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324, -5e-324, 1, -1, 0];
    expect([...rankDescending(Float64Array.from(values))]).toEqual(reference(values));
  });

  it("matches a comparison sort on random data with many ties", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true })), { maxLength: 300 }), (values) => {
        const clean = values.map((v) => (Object.is(v, -0) ? 0 : v));
        expect([...rankDescending(Float64Array.from(clean))]).toEqual(reference(clean));
      }),
    );
  });
});

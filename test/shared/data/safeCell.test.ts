/**
 * safeCell against the classic CSV-injection payloads and OWASP's list of
 * formula-leading characters (https://owasp.org/www-community/attacks/CSV_Injection).
 */
import { safeCell } from "../../../shared/src/data";

describe("safeCell", () => {
  test.each([
    ["=1+1"],
    ['=HYPERLINK("http://evil","click")'],
    ["+1+1"],
    ["-1+1"],
    ["@SUM(1)"],
    ["=cmd|' /C calc'!A0"],
    ["@SUM(1+1)*cmd|' /C calc'!A0"],
    ["-2+3+cmd|' /C calc'!A0"],
    ["\t=1+1"],
    ["\r=1+1"],
    ["\n=1+1"],
    ["=東京"],
    ['=1+2";=1+2'],
  ])("prefixes %j with an apostrophe", (payload) => {
    expect(safeCell(payload)).toBe(`'${payload}`);
  });

  test("prefixes text that reads as a signed number: OWASP names no exception", () => {
    expect(safeCell("-12.5")).toBe("'-12.5");
    expect(safeCell("+3")).toBe("'+3");
    expect(safeCell("-")).toBe("'-");
  });

  test.each([["P0001"], ["AX"], [""], ["12.5"], ["a=1+1"], [" =1+1"], ["O'Brien"], ['say "hi", then; go'], ["Ünïcødé ☃ 東京"], ["'=1+1"]])("leaves %j as it is", (text) => {
    expect(safeCell(text)).toBe(text);
  });

  test("never touches a number, a boolean, null or undefined", () => {
    expect(safeCell(-12.5)).toBe(-12.5);
    expect(safeCell(-1)).toBe(-1);
    expect(Object.is(safeCell(-0), -0)).toBe(true);
    expect(safeCell(true)).toBe(true);
    expect(safeCell(null)).toBeNull();
    expect(safeCell(undefined)).toBeUndefined();
  });

  test("is idempotent: a prefixed value starts with the apostrophe, which is not a formula character", () => {
    for (const payload of ["=1+1", "-1+1", "@SUM(1)", "\t=1", "P1"]) expect(safeCell(safeCell(payload))).toBe(safeCell(payload));
  });
});

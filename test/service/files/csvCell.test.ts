/**
 * One CSV field: OWASP's escaping (https://owasp.org/www-community/attacks/CSV_Injection)
 * on top of RFC 4180 quoting, read back with csv-parse as a spreadsheet would split it.
 */
import { parse } from "csv-parse/sync";
import { csvCell } from "../../../service/src/files/csvCell";

describe("csvCell", () => {
  test("escapes OWASP's two examples exactly as its table shows", () => {
    expect(csvCell('=1+2";=1+2')).toBe(`"'=1+2"";=1+2"`);
    expect(csvCell(`=1+2'" ;,=1+2`)).toBe(`"'=1+2'"" ;,=1+2"`);
  });

  test("quotes a field with a semicolon or a tab, so a semicolon-separated reading cannot start a cell inside it", () => {
    expect(csvCell("a;=1+2")).toBe('"a;=1+2"');
    expect(csvCell("a\t=1+2")).toBe('"a\t=1+2"');
    // As Excel with `;` as its list separator reads the line: the field stays one cell.
    expect(parse(`x;${csvCell("a;=1+2")}\n`, { delimiter: ";" })).toEqual([["x", "a;=1+2"]]);
  });

  test("keeps numbers numbers and writes objects as JSON", () => {
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(csvCell(42)).toBe("42");
    expect(csvCell("-12.5")).toBe("'-12.5");
    expect(csvCell(null)).toBe("");
    expect(csvCell({ rows: 2 })).toBe('"{""rows"":2}"');
  });

  test.each([["=1+1"], ['=HYPERLINK("http://evil","click")'], ["+1+1"], ["-1+1"], ["@SUM(1)"], ["=cmd|' /C calc'!A0"], ["\t=1+1"], ["\r=1+1"], ["a,b"], ['say "hi"'], ["Ünïcødé ☃"]])(
    "%j reads back as one field that starts with no formula character",
    (payload) => {
      const [[first, field, last]] = parse(`before,${csvCell(payload)},after\n`) as string[][];
      expect([first, last]).toEqual(["before", "after"]);
      expect(field).toBe(/^[=+\-@\t\r\n]/.test(payload) ? `'${payload}` : payload);
    },
  );
});

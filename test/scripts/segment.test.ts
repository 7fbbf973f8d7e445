/** The README's main job, run as a user runs it: a real process over CSV files. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateDemoCompany, toCsvFiles } from "../../shared/src/demo";

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");

function writeCompany(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tierline-main-"));
  const files = toCsvFiles(generateDemoCompany({ seed: 11, products: 80, customers: 30, weeks: 26, suppliers: 5 }));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const run = (dir: string) => spawnSync(tsx, ["scripts/segment.ts", "--data", dir], { cwd: root, encoding: "utf8", timeout: 60_000 });

describe("npm start (scripts/segment.ts)", () => {
  it("prints the ABC-XYZ matrix and the customer tiers of a company", () => {
    const result = run(writeCompany());
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Read 80 products, 30 customers");
    expect(result.stdout).toMatch(/ABC-XYZ matrix[\s\S]*\nA\s+\d+ \/ [\d.]+%/);
    expect(result.stdout).toMatch(/Customer tiers: 30 customers[\s\S]*Transactional/);
  });

  it("stops on a bad cell with its file, row and column, and exit code 2", () => {
    const dir = writeCompany();
    const file = path.join(dir, "order_lines.csv");
    const lines = readFileSync(file, "utf8").split("\n");
    const header = lines[0].split(",");
    const cells = lines[3].split(",");
    cells[header.indexOf("qty")] = "lots";
    lines[3] = cells.join(",");
    writeFileSync(file, lines.join("\n"));
    const result = run(dir);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('Cannot segment: order_lines.csv row 3, qty: must be a number, got "lots"');
  });
});

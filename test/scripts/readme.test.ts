/** The README's route × role matrix is generated from the route table: a rename or a new route cannot slip through. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { routeMatrix } from "../../scripts/route-matrix";

it("the README carries the current route × role matrix", () => {
  const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
  const block = /<!-- route-matrix:start -->\n([\s\S]*?)\n<!-- route-matrix:end -->/.exec(readme);
  expect(block?.[1]).toBe(routeMatrix());
});

/** The demo company's policy table covers every segment its own segmentation produces, without ambiguity. */
import { PolicyTable } from "../../shared/src/segmentation";
import { DEMO_POLICIES } from "../../service/src/demo/loadDemo";

it("resolves every ABC-XYZ key and the no-demand class of the demo segmentation", () => {
  const table = new PolicyTable(DEMO_POLICIES);
  const keys = ["A", "B", "C"].flatMap((a) => ["X", "Y", "Z", "N"].map((x) => `${a}${x}`));
  expect(() => table.assertCovers(keys)).not.toThrow();
  for (const key of keys) expect(() => table.resolve(key)).not.toThrow();
  expect(table.resolve("AZ").policy.cycleServiceLevel).toBe(0.95);
  expect(table.resolve("AX").policy.cycleServiceLevel).toBe(0.98);
  expect(table.resolve("CZ").pattern).toBe("CZ");
});

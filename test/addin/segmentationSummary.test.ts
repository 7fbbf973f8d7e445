/**
 * The pure sums behind the Segmentation pane's results, checked by hand:
 * ABC classes with totals, the ABC-XYZ matrix with row and column totals
 * and inventory value, the silhouette verdict's bands, the stale class
 * columns a rerun removes, and the words of the clustering features.
 */
import { abcSummary, featureLabel, formatFeature, formatPercent, matrixSummary, silhouetteVerdict, staleClassColumns } from "../../addin/src/taskpane/panes/segmentation/segmentationSummary";

test("abcSummary: items and value per class in label order, negative values count as items only, and a totals row", () => {
  const { rows, total } = abcSummary(["A", "B", "C", "C"], [800, 150, 50, -20], ["A", "B", "C"]);
  expect(rows).toEqual([
    { label: "A", items: 1, itemShare: 0.25, value: 800, valueShare: 0.8 },
    { label: "B", items: 1, itemShare: 0.25, value: 150, valueShare: 0.15 },
    { label: "C", items: 2, itemShare: 0.5, value: 50, valueShare: 0.05 },
  ]);
  expect(total).toEqual({ label: "Total", items: 4, itemShare: 1, value: 1000, valueShare: 1 });
});

test("matrixSummary: cells, row and column totals, a no-demand column only when met, inventory summed per cell", () => {
  const abc = ["A", "A", "B", "C", "C"];
  const xyz = ["X", "Z", "Y", "Z", "-"];
  const values = [600, 200, 100, 60, 40];
  const m = matrixSummary(abc, xyz, values, ["A", "B", "C"], ["X", "Y", "Z"], [10, 20, 30, 40, 50]);
  expect(m.columns).toEqual(["X", "Y", "Z", "-"]);
  expect(m.cells[0].map((c) => [c.count, c.valueShare, c.inventory])).toEqual([
    [1, 0.6, 10],
    [0, 0, 0],
    [1, 0.2, 20],
    [0, 0, 0],
  ]);
  expect(m.rowTotals.map((c) => [c.count, c.inventory])).toEqual([
    [2, 30],
    [1, 30],
    [2, 90],
  ]);
  expect(m.columnTotals.map((c) => c.count)).toEqual([1, 1, 2, 1]);
  expect(m.columnTotals[2].valueShare).toBeCloseTo(0.26, 12);
  expect(m.total).toMatchObject({ count: 5, inventory: 150 });
  expect(m.total.valueShare).toBeCloseTo(1, 12);
  const plain = matrixSummary(["A"], ["X"], [1], ["A", "B", "C"], ["X", "Y", "Z"]);
  expect(plain.columns).toEqual(["X", "Y", "Z"]);
  expect(plain.total.inventory).toBeUndefined();
});

test.each([
  [0.71, "strong structure"],
  [0.7, "reasonable structure"],
  [0.51, "reasonable structure"],
  [0.5, "weak structure"],
  [0.26, "weak structure"],
  [0.25, "no substantial structure"],
  [-0.1, "no substantial structure"],
])("silhouette %d reads %s (Kaufman & Rousseeuw 1990)", (s, words) => {
  expect(silhouetteVerdict(s)).toContain(words);
});

test("silhouetteVerdict says when there is no silhouette", () => {
  expect(silhouetteVerdict(null)).toMatch(/^Silhouette not computed/);
});

test("staleClassColumns: Tierline's class columns the run did not write, as the table spells them; other columns stay", () => {
  expect(staleClassColumns(["ProductId", "abc", "XYZ", "Segment", "Cluster", "ClusterProfile", "SegmentKey", "Region"], ["XYZ", "Segment"])).toEqual(["abc", "Cluster", "ClusterProfile", "SegmentKey"]);
  expect(staleClassColumns(["ProductId", "ABC", "Segment"], ["ABC", "Segment"])).toEqual([]);
});

test("features read as words and their centres in their units", () => {
  expect(["revenue", "margin_pct", "demand_cov", "order_frequency", "new_feature"].map(featureLabel)).toEqual(["Revenue", "Margin %", "Demand variability (CoV)", "Order frequency (share of weeks)", "New feature"]);
  expect(formatFeature("revenue", 12345.6)).toBe("12,346");
  expect(formatFeature("margin_pct", 0.2314)).toBe("23.1 %");
  expect(formatFeature("demand_cov", 1.069)).toBe("1.07");
  expect(formatFeature("demand_cov", null)).toBe("–");
  expect(formatPercent(0.8)).toBe("80.0 %");
});

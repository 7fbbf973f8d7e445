/**
 * The Segmentation pane's run, below the browser: k-means results from
 * `POST /clustering` matched back to a table by id, hybrid segment keys built
 * with shared `segmentKey`, and what gets proposed. The service is a fake
 * fetch answering what service/src/useCases/mlClustering.ts answers (the
 * shapes, not the numbers: these assignments are made up for the test, so
 * every expected value below follows from them by hand).
 */
import type { ClusteringResult } from "../../shared/src/api";
import { ServiceClient } from "../../addin/src/api/serviceClient";
import { classifyAbc } from "../../shared/src/segmentation";
import { DomainError } from "../../shared/src/errors";
import { DemoWorkbook } from "../../addin/src/workbook/demoWorkbook";
import { describeProfile, dimensionOfIdColumn, MATRIX_TABLE, hybridKeys, parseClusterCount, runSegmentation, type SegmentationOptions } from "../../addin/src/taskpane/runs/segmentationRun";
import type { Step } from "../../addin/src/taskpane/ui/useOperation";
import { proposeRun } from "../../addin/src/taskpane/runs/proposeRun";

const step = (): Step => ({ signal: new AbortController().signal, progress: () => undefined });

function customers() {
  return new DemoWorkbook({
    tables: [
      {
        name: "Customers",
        headers: ["CustomerId", "Region", "Revenue"],
        rows: [
          ["C001", "North", 700],
          ["C002", "South", 200],
          ["C003", "North", 60],
          ["C004", "East", 40],
        ],
      },
    ],
  });
}

const base: SegmentationOptions = {
  source: { kind: "table", table: "Customers" },
  idColumn: "CustomerId",
  method: "abc",
  valueColumn: "Revenue",
  mode: "value",
  demandColumns: [],
  criteriaColumns: [],
  engine: "browser",
};

const clustering: ClusteringResult = {
  dimension: "customer",
  features: ["revenue", "margin_pct"],
  dataWindow: { fromWeek: 1, toWeek: 26 },
  seed: 0,
  k: 2,
  chosenBy: "given",
  candidates: [{ k: 2 }],
  inertia: 1.5,
  iterations: 3,
  converged: true,
  silhouette: { mean: 0.61 },
  preprocessing: { scaling: "zscore", missing: "median", dropped: [], transforms: [{ name: "revenue" }, { name: "margin_pct" }] },
  profiles: [
    { cluster: 0, name: "high value · high margin", size: 1, share: 1 / 3, centroid: { revenue: 7000.4, margin_pct: 0.31234 }, mean: {}, median: {} },
    { cluster: 1, name: "low value · low margin", size: 2, share: 2 / 3, centroid: { revenue: 55, margin_pct: 0.1 }, mean: {}, median: {} },
  ],
  // C004 is not in the service's store: it must get no cluster.
  assignments: [
    { entityId: "C001", cluster: 0, name: "high value · high margin" },
    { entityId: "C002", cluster: 1, name: "low value · low margin" },
    { entityId: "C003", cluster: 1, name: "low value · low margin" },
    { entityId: "C999", cluster: 1, name: "low value · low margin" },
  ],
  changeRequest: null,
};

function fakeService(answer: unknown, status = 200) {
  const calls: Array<{ url: string; body: unknown }> = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, body: init.body ? JSON.parse(String(init.body)) : undefined });
    return new Response(JSON.stringify(answer), { status, headers: { "Content-Type": "application/json" } });
  }) as unknown as typeof fetch;
  return { client: new ServiceClient({ url: "http://localhost:1", token: "t" }, fetchImpl), calls };
}

describe("k-means through the service", () => {
  it("sends dimension, features, k and seed to POST /clustering and writes Cluster and ClusterProfile by id", async () => {
    const wb = customers();
    const { client, calls } = fakeService(clustering);
    const outcome = await runSegmentation(wb, client, { ...base, method: "kmeans", kmeans: { dimension: "customer", features: ["revenue", "margin_pct"], k: 2, seed: 7 } }, step());
    expect(calls).toEqual([{ url: "http://localhost:1/api/v1/clustering", body: { dimension: "customer", features: ["revenue", "margin_pct"], seed: 7, k: 2 } }]);
    const table = await wb.readTable("Customers");
    const col = (h: string) => table.rows.map((r) => r[table.headers.indexOf(h)]);
    expect(col("Cluster")).toEqual(["high value · high margin", "low value · low margin", "low value · low margin", null]);
    // By hand from the fake profiles: revenue whole with separators, margin as a one-decimal %; the counts are this
    // table's rows (C999 is in the service's cluster, not in the table), not the service's sizes.
    expect(col("ClusterProfile")).toEqual([
      "1 row of this table; centre Revenue 7,000, Margin % 31.2 %",
      "2 rows of this table; centre Revenue 55, Margin % 10.0 %",
      "2 rows of this table; centre Revenue 55, Margin % 10.0 %",
      null,
    ]);
    expect(table.headers).not.toContain("ABC");
    expect(outcome.clustering).toEqual({ k: 2, chosenBy: "given", silhouette: 0.61, unmatched: 1, features: ["revenue", "margin_pct"], profiles: clustering.profiles });
    expect(outcome.counts).toEqual([
      { segment: "high value · high margin", count: 1 },
      { segment: "low value · low margin", count: 2 },
    ]);
  });

  it("sends a range instead of k when the planner gives one", async () => {
    const { client, calls } = fakeService({ ...clustering, chosenBy: "silhouette" });
    await runSegmentation(customers(), client, { ...base, method: "kmeans", kmeans: { dimension: "customer", features: [], kRange: [2, 5], seed: 0 } }, step());
    expect(calls[0].body).toEqual({ dimension: "customer", seed: 0, kRange: [2, 5] });
  });

  it("says so when no row id is an entity the service clustered", async () => {
    const { client } = fakeService({ ...clustering, assignments: [{ entityId: "P0001", cluster: 0, name: "x" }] });
    await expect(runSegmentation(customers(), client, { ...base, method: "kmeans", kmeans: { dimension: "customer", features: [], k: 2, seed: 0 } }, step())).rejects.toThrow(
      'k-means: none of the 4 ids is a customer the service clustered (e.g. "C001"); pick the id column of customers or the other dimension.',
    );
  });

  it("shows the service's 400 detail naming the field", async () => {
    const { client } = fakeService({ detail: "invalid request", errors: [{ field: "body.k", message: "Too small: expected number to be >=2" }] }, 400);
    await expect(runSegmentation(customers(), client, { ...base, method: "kmeans", kmeans: { dimension: "customer", features: [], k: 1, seed: 0 } }, step())).rejects.toMatchObject({
      status: 400,
      problem: { errors: [{ field: "body.k" }] },
    });
  });

  it("proposes the cluster names, leaving out the row the service does not know", async () => {
    const { client } = fakeService(clustering);
    const outcome = await runSegmentation(customers(), client, { ...base, method: "kmeans", kmeans: { dimension: "customer", features: [], k: 2, seed: 0 } }, step());
    const proposal = fakeService({ id: "cr1" });
    await proposeRun(proposal.client, "customer", outcome, "behaviour review");
    expect(proposal.calls[0].body).toMatchObject({
      dimension: "customer",
      justification: "behaviour review",
      changes: [
        { entityId: "C001", segment: "high value · high margin", detail: { cluster: "high value · high margin" } },
        { entityId: "C002", segment: "low value · low margin", detail: { cluster: "low value · low margin" } },
        { entityId: "C003", segment: "low value · low margin", detail: { cluster: "low value · low margin" } },
      ],
    });
  });
});

describe("hybrid segment keys", () => {
  it("joins the run's class and the table's columns in the chosen order with |, writes SegmentKey and proposes the keys", async () => {
    const wb = customers();
    const outcome = await runSegmentation(wb, undefined, { ...base, keyDimensions: ["ABC", "Region"] }, step());
    const abc = classifyAbc([700, 200, 60, 40], { mode: "value" }).items.map((i) => i.class);
    const regions = ["North", "South", "North", "East"];
    const table = await wb.readTable("Customers");
    const keys = table.rows.map((r) => r[table.headers.indexOf("SegmentKey")]);
    expect(keys).toEqual(abc.map((c, i) => `${c}|${regions[i]}`));
    expect(outcome.segments).toEqual(keys);
    const proposal = fakeService({ id: "cr2" });
    await proposeRun(proposal.client, "customer", outcome, "tier by region");
    const body = proposal.calls[0].body as { changes: Array<{ segment: string; detail: Record<string, string> }> };
    expect(body.changes[0]).toEqual({ entityId: "C001", segment: `${abc[0]}|North`, detail: { abc: abc[0], ABC: abc[0], Region: "North" } });

    // The other order gives the other key: the parts are not sorted.
    await runSegmentation(wb, undefined, { ...base, keyDimensions: ["Region", "ABC"] }, step());
    const again = await wb.readTable("Customers");
    expect(again.rows[0][again.headers.indexOf("SegmentKey")]).toBe(`North|${abc[0]}`);
  });

  it("reproduces the @example of shared segmentKey: Key × AX × North → Key|AX|North", () => {
    const data = { name: "Lines", headers: ["Id", "Tier", "Class", "Region"], rows: [["L1", "Key", "AX", "North"]] };
    expect(hybridKeys(data, ["Tier", "Class", "Region"], [], ["x"]).values).toEqual(["Key|AX|North"]);
  });

  it("refuses a blank part naming the table, the 1-based row and the column", async () => {
    const wb = customers();
    const table = await wb.readTable("Customers");
    await wb.writeColumns("Customers", [{ header: "Region", values: table.rows.map((r, i) => (i === 2 ? " " : r[1])) }]);
    const run = runSegmentation(wb, undefined, { ...base, keyDimensions: ["ABC", "Region"] }, step());
    await expect(run).rejects.toThrow(new DomainError("Customers row 3.Region", "is blank: every dimension of a segment key needs a value", "missing"));
  });

  it("refuses an unknown key column before computing anything", async () => {
    await expect(runSegmentation(customers(), undefined, { ...base, keyDimensions: ["Channel"] }, step())).rejects.toThrow('Customers has no column "Channel" (columns: CustomerId, Region, Revenue)');
  });
});

describe("pane inputs", () => {
  it.each([
    ["CustomerId", "customer"],
    ["ProductId", "product"],
    ["SKU", "product"],
    ["SupplierId", "supplier"],
    ["Region", "region"],
    ["Activity", undefined],
  ])("the id column %s names the %s dimension", (header, dimension) => {
    expect(dimensionOfIdColumn(header)).toBe(dimension);
  });

  it.each([
    ["", {}],
    ["3", { k: 3 }],
    ["2-5", { kRange: [2, 5] }],
    ["2 to 6", { kRange: [2, 6] }],
  ])("reads the number of clusters %j", (text, expected) => {
    expect(parseClusterCount(text)).toEqual(expected);
  });

  it("refuses a number of clusters that is neither a count nor a range", () => {
    expect(() => parseClusterCount("three")).toThrow('Number of clusters: "three" is neither a whole number (e.g. 3) nor a range (e.g. 2-5)');
  });

  it("describes a profile by its centre in the feature order asked for", () => {
    expect(describeProfile({ cluster: 0, name: "n", size: 5, share: 0.25, centroid: { margin_pct: 0.2, revenue: 1234.5 }, mean: {}, median: {} }, ["revenue", "margin_pct"], 3)).toBe(
      "3 rows of this table; centre Revenue 1,235, Margin % 20.0 %",
    );
  });
});

function products() {
  // Revenue 1,000 / 300 / 100 / 50 / 50 → ABC by value at 0.8, 0.95: P1 A (66.7 %), P2 B (86.7 %), P3 B (93.3 %), P4–P5 C.
  return new DemoWorkbook({
    tables: [
      {
        name: "Products",
        headers: ["ProductId", "Revenue", "Stock", "W01", "W02", "W03"],
        rows: [
          ["P1", 1000, 500, 10, 10, 10],
          ["P2", 300, 200, 10, 0, 20],
          ["P3", 100, 50, 10, 10, 10],
          ["P4", 50, 30, 0, 0, 30],
          ["P5", 50, 20, 0, 0, 0],
        ],
      },
    ],
  });
}

const abcXyz: SegmentationOptions = {
  ...base,
  source: { kind: "table", table: "Products" },
  idColumn: "ProductId",
  method: "abc-xyz",
  demandColumns: ["W01", "W02", "W03"],
};

describe("a clean result", () => {
  it("removes the class columns of an earlier run that this run did not write, so Segment never disagrees with them", async () => {
    const wb = products();
    await runSegmentation(wb, undefined, { ...abcXyz, keyDimensions: ["ABC"] }, step());
    expect((await wb.readTable("Products")).headers).toEqual(expect.arrayContaining(["ABC", "XYZ", "Segment", "SegmentKey"]));
    const outcome = await runSegmentation(wb, undefined, { ...abcXyz, method: "xyz" }, step());
    const after = await wb.readTable("Products");
    expect(after.headers).toEqual(["ProductId", "Revenue", "Stock", "W01", "W02", "W03", "XYZ", "Segment"]);
    expect(outcome.removed).toEqual(["ABC", "SegmentKey"]);
  });

  it("records how the run was made: method, criterion, cut-offs the engine used (defaults when blank), window and population", async () => {
    const outcome = await runSegmentation(products(), undefined, { ...abcXyz, keyDimensions: ["Segment"] }, step());
    expect(outcome.run).toEqual({
      method: "abc-xyz",
      computedFrom: "workbook",
      criterion: "Revenue",
      mode: "value",
      cutoffs: { abc: [0.8, 0.95], xyz: [0.5, 1.0] },
      keyParts: ["Segment"],
      window: { first: "W01", last: "W03", periods: 3 },
      population: { source: "Products", rows: 5 },
    });
    const mc = await runSegmentation(products(), undefined, { ...base, source: { kind: "selection" }, idColumn: "ProductId", method: "mcabc", criteriaColumns: ["Revenue", "Stock"], weights: [3, 1] }, step());
    expect(mc.run).toMatchObject({
      method: "mcabc",
      criteria: [
        { name: "Revenue", weight: 3 },
        { name: "Stock", weight: 1 },
      ],
      population: { source: "selection on Products", rows: 5 },
    });
    expect(mc.run.criterion).toBeUndefined();
  });

  it("writes the matrix as items and % of value per cell, the heat map on the value shares, inventory value when chosen", async () => {
    const wb = products();
    const outcome = await runSegmentation(wb, undefined, { ...abcXyz, inventoryColumn: "Stock" }, step());
    // By hand: CoV of P1 0 → X; P2 (10, 0, 20) mean 10, sd 10 → 1.0 → Y; P3 X; P4 (0, 0, 30) sd 17.3/10 → Z; P5 no demand "-".
    expect(outcome.segments).toEqual(["AX", "BY", "BX", "CZ", "C-"]);
    const matrix = await wb.readTable(MATRIX_TABLE);
    expect(matrix.headers).toEqual([
      "ABC",
      "X items",
      "Y items",
      "Z items",
      "No demand items",
      "X % of value",
      "Y % of value",
      "Z % of value",
      "No demand % of value",
      "X inventory value",
      "Y inventory value",
      "Z inventory value",
      "No demand inventory value",
      "Items",
      "% of value",
      "Inventory value",
    ]);
    // Value 1,500: AX 1,000 (0.6667), BY 300 (0.2), BX 100 (0.0667), CZ and C- 50 each (0.0333).
    expect(matrix.rows).toEqual([
      ["A", 1, 0, 0, 0, 0.6667, 0, 0, 0, 500, 0, 0, 0, 1, 0.6667, 500],
      ["B", 1, 1, 0, 0, 0.0667, 0.2, 0, 0, 50, 200, 0, 0, 2, 0.2667, 250],
      ["C", 0, 0, 1, 1, 0, 0, 0.0333, 0.0333, 0, 0, 30, 20, 2, 0.0667, 50],
      ["Total", 2, 1, 1, 1, 0.7333, 0.2, 0.0333, 0.0333, 550, 200, 30, 20, 5, 1, 800],
    ]);
    expect(wb.snapshot().heatMaps.find((h) => h.table === MATRIX_TABLE)?.columns).toEqual(["X % of value", "Y % of value", "Z % of value", "No demand % of value"]);
    expect(outcome.inventory).toEqual([500, 200, 50, 30, 20]);
  });
});

/**
 * TIER.SEGMENT and TIER.POLICY through the built bundle against a live
 * service on port 0: batching (10,000 cells, one request), version caching,
 * policy revalidation, and the #N/A reasons.
 */
import { startTestService, type TestService } from "../../service/harness";
import { loadBuiltFunctions, plain } from "./loadBuiltFunctions";

jest.setTimeout(60_000);

let t: TestService;
const requests: string[] = [];
let storage: Map<string, string>;
let call: (id: string, ...args: unknown[]) => Promise<unknown[][]>;

const invocation = () => ({ onCanceled: undefined as undefined | (() => void) });

beforeAll(async () => {
  t = await startTestService("sqlite", { demo: false });
  // 10,000 products with a segment each, through the same import and approval paths a user takes.
  const csv = ["product_id,name,category,unit_price,unit_cost,supplier_id,lifecycle", ...Array.from({ length: 10_000 }, (_, i) => `P${String(i).padStart(5, "0")},Item ${i},c,10,6,S1,active`)].join("\n");
  const fd = new FormData();
  fd.set("kind", "products");
  fd.set("file", new Blob([csv]), "products.csv");
  expect((await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: fd as never })).status).toBe(201);
  const changes = Array.from({ length: 10_000 }, (_, i) => ({ entityId: `P${String(i).padStart(5, "0")}`, segment: ["AX", "BY", "CZ"][i % 3] }));
  const cr = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes, justification: "initial segments" } });
  expect((await t.api("POST", `/api/v1/change-requests/${cr.body.id}/approve`, { token: t.tokens.approver, body: { reason: "initial load", expectedVersion: 0 } })).status).toBe(200);
  const policies = [
    { segment: "*", cycleServiceLevel: 0.9, targetFillRate: 0.95, promisedLeadTimeDays: 5, reviewPeriodDays: 7, forecastMethod: "auto", inventoryTurnsTarget: 6, supplyMode: "pull", ownerFunction: "supply chain" },
    {
      segment: "A*",
      cycleServiceLevel: 0.98,
      targetFillRate: 0.99,
      promisedLeadTimeDays: 2,
      reviewPeriodDays: 1,
      forecastMethod: "ses",
      inventoryTurnsTarget: 12,
      supplyMode: "push",
      ownerFunction: "sales",
      consensusCadence: "weekly",
      overrideAllowedBy: ["demand planner", "sales"],
    },
  ];
  const put = await t.api("PUT", "/api/v1/policies", { token: t.tokens.planner, body: { rows: policies, justification: "first table" } });
  await t.api("POST", `/api/v1/change-requests/${put.body.id}/approve`, { token: t.tokens.approver, body: { reason: "agreed", expectedVersion: 0 } });

  storage = new Map([
    ["tierline.serviceUrl", t.url],
    ["tierline.token", t.tokens.viewer],
  ]);
  const countingFetch: typeof fetch = (input, init) => {
    requests.push(`${init?.method ?? "GET"} ${String(input).replace(t.url, "")}`);
    return fetch(input, init);
  };
  const fns = loadBuiltFunctions({
    fetch: countingFetch,
    setTimeout,
    clearTimeout,
    OfficeRuntime: { storage: { getItem: async (k: string) => storage.get(k) ?? null, setItem: async (k: string, v: string) => void storage.set(k, v) } },
  });
  call = async (id, ...args) => (await (fns.get(id)!(...args) as Promise<unknown[][]>)) as unknown[][];
});

afterAll(async () => {
  await t?.close();
});

function expectCellError(value: unknown, code: string, message: string | RegExp) {
  const e = value as { code: string; message: string };
  expect(e).toBeInstanceOf(CustomFunctions.Error);
  expect(e.code).toBe(code);
  if (typeof message === "string") expect(e.message).toBe(message);
  else expect(e.message).toMatch(message);
}

describe("TIER.SEGMENT", () => {
  it("resolves 10,000 cells of one recalculation with one HTTP request", async () => {
    requests.length = 0;
    const cells = Array.from({ length: 10_000 }, (_, i) => call("SEGMENT", [[`P${String(i).padStart(5, "0")}`]], null, null, invocation()));
    const results = await Promise.all(cells);
    expect(requests).toEqual(["POST /api/v1/segments/lookup"]);
    expect(results.map((r) => r[0][0])).toEqual(Array.from({ length: 10_000 }, (_, i) => ["AX", "BY", "CZ"][i % 3]));
  });

  it("spills a column of ids and caches an explicit version: a second recalculation sends nothing", async () => {
    requests.length = 0;
    const first = await call("SEGMENT", [["P00000"], ["P00001"], ["P00002"]], "products", 1, invocation());
    expect(plain(first)).toEqual([["AX"], ["BY"], ["CZ"]]);
    expect(requests).toHaveLength(1);
    await call("SEGMENT", [["P00000"], ["P00001"]], "product", 1, invocation());
    expect(requests).toHaveLength(1);
  });

  it("says #N/A with the reason for an unknown id, and #VALUE! for a bad dimension or version", async () => {
    const [[unknown]] = await call("SEGMENT", [["NOPE"]], null, null, invocation());
    expectCellError(unknown, "#N/A", 'product "NOPE" has no segment in version 1');
    expectCellError((await call("SEGMENT", [["P00000"]], "planets", null, invocation()))[0][0], "#VALUE!", 'dimension: "planets" is not one of product, customer, supplier, region');
    expectCellError((await call("SEGMENT", [["P00000"]], null, -2, invocation()))[0][0], "#VALUE!", "version: must be ≥ 0, got -2");
    expectCellError((await call("SEGMENT", [["P00000"]], null, 99, invocation()))[0][0], "#N/A", "version 99 of product segments does not exist");
  });

  it("says #N/A when the service is unreachable, the token is refused, or nothing is configured", async () => {
    storage.set("tierline.token", "tl_wrong");
    expectCellError((await call("SEGMENT", [["P00003"]], null, null, invocation()))[0][0], "#N/A", "the token was not accepted; sign in again in Settings");
    storage.set("tierline.serviceUrl", "http://127.0.0.1:9");
    expectCellError((await call("SEGMENT", [["P00003"]], null, null, invocation()))[0][0], "#N/A", /^Tierline service unreachable at http:\/\/127\.0\.0\.1:9: /);
    storage.delete("tierline.serviceUrl");
    expectCellError((await call("SEGMENT", [["P00003"]], null, null, invocation()))[0][0], "#N/A", /^Tierline is not connected/);
    storage.set("tierline.serviceUrl", t.url);
    storage.set("tierline.token", t.tokens.viewer);
  });

  it("drops a cancelled cell from the batch", async () => {
    requests.length = 0;
    const inv = invocation();
    const pending = call("SEGMENT", [["P00004"]], null, null, inv);
    inv.onCanceled!();
    const other = await call("SEGMENT", [["P00005"]], null, null, invocation());
    expect(plain(other)).toEqual([["CZ"]]);
    expect(requests).toHaveLength(1);
    void pending;
  });
});

describe("TIER.POLICY", () => {
  it("reads the most specific row, batches a recalculation and revalidates by version", async () => {
    requests.length = 0;
    const [a, b, c] = await Promise.all([call("POLICY", "AX", "cycleServiceLevel", invocation()), call("POLICY", "CZ", "cycle_service_level", invocation()), call("POLICY", "AX", "Supply mode", invocation())]);
    expect([a[0][0], b[0][0], c[0][0]]).toEqual([0.98, 0.9, "push"]);
    expect(requests).toEqual(["GET /api/v1/policies"]);
    // Next recalculation: the service answers 304 and the cached table is used.
    const d = await call("POLICY", "BY", "ownerFunction", invocation());
    expect(d[0][0]).toBe("supply chain");
    expect(requests).toHaveLength(2);
  });

  it("reads forecast-governance fields, and says when a segment has none set", async () => {
    expect((await call("POLICY", "AY", "consensus_cadence", invocation()))[0][0]).toBe("weekly");
    expect((await call("POLICY", "AY", "overrideAllowedBy", invocation()))[0][0]).toBe("demand planner, sales");
    expectCellError((await call("POLICY", "CY", "consensusCadence", invocation()))[0][0], "#N/A", 'consensusCadence is not set for segment "CY"');
  });

  it("names a bad field and a missing segment", async () => {
    expectCellError((await call("POLICY", "AX", "colour", invocation()))[0][0], "#VALUE!", /^field: "colour" is not one of cycleServiceLevel, /);
    expectCellError((await call("POLICY", null, "supplyMode", invocation()))[0][0], "#N/A", "segment: required");
  });
});

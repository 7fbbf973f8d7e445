/**
 * A viewer cannot stall or kill the service. Compute inputs have
 * documented limits refused with a 400 naming them; CPU-heavy work runs on the
 * task pool within a time budget (past it: a 503 naming the budget and the
 * worker recycled); a heavy request does not delay a look-up; uploads are
 * checked before they are read; slow clients are cut off.
 */
import net from "node:net";
import ExcelJS from "exceljs";
import { COMPUTE_LIMITS } from "../../shared/src/api";
import { TABULAR_LIMITS } from "../../service/src/files/readTabularFile";
import { TaskPool } from "../../service/src/workers/taskPool";
import { STORES, startTestService, type TestService, importForm } from "./harness";

jest.setTimeout(60_000);

/** A chain of `stages` stages of `processingTime` periods each, demand at the end. */
function chain(stages: number, processingTime = 1) {
  return {
    stages: Array.from({ length: stages }, (_, i) => ({ id: `s${i}`, processingTime, holdingCost: 1, ...(i === stages - 1 ? { demandSd: 10 } : {}) })),
    arcs: Array.from({ length: stages - 1 }, (_, i) => ({ from: `s${i}`, to: `s${i + 1}` })),
    serviceLevel: 0.95,
  };
}

describe.each(STORES)("compute limits and isolation (%s)", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store);
    await t.service.ctx.pool!.warm();
  });
  afterAll(async () => {
    await t?.close();
  });

  const meio = (body: unknown) => t.api("POST", "/api/v1/compute/meio", { token: t.tokens.viewer, body });

  it("refuses a meio processing time over the limit, naming it, before any work", async () => {
    const started = Date.now();
    for (const processingTime of [40_000, 3e9]) {
      const r = await meio({ stages: [{ id: "a", processingTime, holdingCost: 1, demandSd: 1 }], arcs: [], serviceLevel: 0.95 });
      expect(r.status).toBe(400);
      expect(r.body.errors[0]).toEqual({ field: "body.stages[0].processingTime", message: `at most ${COMPUTE_LIMITS.gsmPeriods.toLocaleString("en-US")} periods` });
    }
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("refuses a chain longer than the stage limit, and a network whose programme is too large", async () => {
    const long = await meio(chain(2000));
    expect(long.status).toBe(400);
    expect(long.body.errors[0]).toEqual({ field: "body.stages", message: `at most ${COMPUTE_LIMITS.gsmStages} stages` });
    // 500 stages of 3 periods: Σ (M + 1)² ≈ 3.8e8, over the work limit.
    const deep = await meio(chain(500, 3));
    expect(deep.status).toBe(400);
    expect(deep.body.errors[0].field).toBe("body.stages");
    expect(deep.body.errors[0].message).toMatch(/the limit is 50,000,000/);
  });

  it("solves the largest chain the limits allow", async () => {
    const r = await meio(chain(COMPUTE_LIMITS.gsmStages));
    expect(r.status).toBe(200);
    expect(r.body.result.stages).toHaveLength(COMPUTE_LIMITS.gsmStages);
  });

  it("answers look-ups while heavy compute runs", async () => {
    const started = performance.now();
    let heavyMs = 0;
    const heavy = Promise.all([meio(chain(500)), meio(chain(500))]).then((all) => {
      heavyMs = performance.now() - started;
      return all;
    });
    const lookups: number[] = [];
    for (let i = 0; i < 5; i++) {
      const at = performance.now();
      const r = await t.api("GET", "/api/v1/segments/product/P0001", { token: t.tokens.viewer });
      expect(r.status).toBe(200);
      lookups.push(performance.now() - at);
    }
    // Every look-up was answered while the compute still ran; on the request thread each would have
    // waited for it. (Absolute times depend on the machine, so the bound is relative.)
    expect(heavyMs).toBe(0);
    expect((await heavy).map((r) => r.status)).toEqual([200, 200]);
    expect(Math.max(...lookups)).toBeLessThan(heavyMs / 2);
  });

  it("refuses wrong types in cost-to-serve options naming the field", async () => {
    const base = {
      driverVolumes: [
        [2, 1],
        [3, 0],
      ],
      basis: { activityCosts: [50, 40], totalDriverVolumes: "table" },
    };
    for (const [ids, message] of [
      [null, "must be a list of ids"],
      ["P1", "must be a list of ids"],
    ] as const) {
      const r = await t.api("POST", "/api/v1/compute/cost-to-serve", { token: t.tokens.viewer, body: { ...base, options: { ids } } });
      expect(r.status).toBe(400);
      expect(r.body.errors[0]).toEqual({ field: "body.options.ids", message });
    }
    const ok = await t.api("POST", "/api/v1/compute/cost-to-serve", { token: t.tokens.viewer, body: { ...base, options: { ids: ["C1", "C2"] } } });
    expect(ok.status).toBe(200);
    expect(ok.body.result.ids).toEqual(["C1", "C2"]);
  });

  it("bounds every engine's tables and histories", async () => {
    const cases: Array<[string, unknown, string, string]> = [
      ["forecast", { history: new Array(COMPUTE_LIMITS.historyPeriods + 1).fill(1) }, "body.history", "at most 10,000 periods"],
      ["forecast", { history: [1, 2, 3], options: { horizon: 1e6 } }, "body.options.horizon", "at most 1,000 periods"],
      ["xyz", { demand: [new Array(COMPUTE_LIMITS.columns + 1).fill(1)] }, "body.demand[0]", "at most 1,000 periods per row"],
      ["abc", { values: [1, 2], options: { ids: null } }, "body.options.ids", "must be a list of ids"],
      ["mcabc", { criteria: "x" }, "body.criteria", "must be a table (a list of rows)"],
    ];
    for (const [engine, body, field, message] of cases) {
      const r = await t.api("POST", `/api/v1/compute/${engine}`, { token: t.tokens.viewer, body });
      expect([engine, r.status, r.body.errors[0]]).toEqual([engine, 400, { field, message }]);
    }
  });

  it("refuses a sparse xlsx reaching XFD1048576 quickly, naming the limit", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("products");
    sheet.addRow(["product_id", "name"]);
    sheet.getCell("XFD1048576").value = 1;
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(buffer.length).toBeLessThan(10_000);
    const started = Date.now();
    const r = await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm("products", "sparse.xlsx", buffer) as never });
    expect(r.status).toBe(400);
    expect(r.body.detail).toBe(`file: 1,048,575 data rows is more than the limit of ${TABULAR_LIMITS.rows.toLocaleString("en-US")}`);
    const wide = new ExcelJS.Workbook();
    wide.addWorksheet("products").getCell("XFD2").value = 1;
    const w = await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm("products", "wide.xlsx", Buffer.from(await wide.xlsx.writeBuffer())) as never });
    expect(w.status).toBe(400);
    expect(w.body.detail).toBe(`file: 16,384 columns is more than the limit of ${TABULAR_LIMITS.columns}`);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("checks the token and the multipart framing before reading an upload", async () => {
    const malformed = { raw: "--x\r\nnonsense" as never, headers: { "Content-Type": "multipart/form-data" } };
    expect((await t.api("POST", "/api/v1/imports", { ...malformed, token: null })).status).toBe(401);
    expect((await t.api("POST", "/api/v1/imports", { ...malformed, token: t.tokens.viewer })).status).toBe(403);
    const bad = await t.api("POST", "/api/v1/imports", { ...malformed, token: t.tokens.planner });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toEqual({ field: "body", message: "malformed multipart" });
    const truncated = await t.api("POST", "/api/v1/imports", {
      token: t.tokens.planner,
      raw: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nproduct_id' as never,
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
    });
    expect(truncated.status).toBe(400);
    const json = await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, body: { kind: "products" } });
    expect(json.status).toBe(415);
  });
});

describe("the compute budget and the HTTP timeouts", () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(STORES[0], { env: { COMPUTE_TIMEOUT_MS: "100", UPLOAD_LIMIT_MB: "0.01", REQUEST_TIMEOUT_MS: "1000", HEADERS_TIMEOUT_MS: "1000" } });
    await t.service.ctx.pool!.warm();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("stops a request past its budget with a 503 naming it, recycles the worker, and serves the next one", async () => {
    const pool = t.service.ctx.pool!;
    const recycled = pool.recycled;
    const r = await t.api("POST", "/api/v1/compute/meio", { token: t.tokens.viewer, body: chain(500) });
    expect(r.status).toBe(503);
    expect(r.headers.get("content-type")).toContain("application/problem+json");
    expect(r.body.title).toBe("Compute budget exceeded");
    expect(r.body.detail).toBe('compute engine "meio" did not finish within its budget of 100 ms and was stopped; send a smaller problem or try again later');
    expect(pool.recycled).toBe(recycled + 1);
    await pool.warm();
    const small = await t.api("POST", "/api/v1/compute/abc", { token: t.tokens.viewer, body: { values: [50, 30, 15, 5] } });
    expect(small.status).toBe(200);
  });

  it("refuses an upload whose declared length is over the limit without reading it", async () => {
    const big = "product_id,name\n" + "P1,x\n".repeat(20_000);
    const r = await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm("products", "big.csv", big) as never });
    expect(r.status).toBe(413);
  });

  it("answers 408 to a client that never finishes its request", async () => {
    const { port } = new URL(t.url);
    const socket = net.connect(Number(port), "127.0.0.1");
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      let data = "";
      socket.on("data", (chunk) => (data += chunk.toString()));
      socket.on("close", () => resolve(data));
      socket.write(`POST /api/v1/compute/abc HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${t.tokens.viewer}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"values":`);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe("the task pool", () => {
  it("refuses work beyond its queue and settles queued work past its budget", async () => {
    const pool = new TaskPool({ threads: 1, timeoutMs: 5000, maxQueue: 1 });
    try {
      await pool.warm();
      // Seconds of work (Σ(M+1)² ≈ 1.7·10⁸, past the route's limit, which the pool itself does not apply): it outlasts its 150 ms budget on any machine.
      const body = chain(500, 2);
      const running = pool.run({ kind: "compute", engine: "meio", body }, { budgetMs: 150 });
      const queued = pool.run({ kind: "compute", engine: "meio", body }, { budgetMs: 50 });
      await expect(pool.run({ kind: "compute", engine: "abc", body: { values: [1] } })).rejects.toMatchObject({ status: 503, title: "Service busy" });
      await expect(queued).rejects.toMatchObject({ status: 503, detail: expect.stringContaining("still waiting for a worker") });
      await expect(running).rejects.toMatchObject({ status: 503, detail: expect.stringContaining("and was stopped") });
      expect(pool.recycled).toBe(1);
      await pool.warm();
      await expect(pool.run({ kind: "compute", engine: "abc", body: { values: [0, 0] } })).rejects.toMatchObject({ name: "DomainError", field: "values" });
    } finally {
      await pool.close();
    }
  });
});

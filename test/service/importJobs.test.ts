/**
 * Imports above a size run as jobs, on SQLite and PostgreSQL: the upload
 * answers 202 with the job at once, the job reads and imports the file with
 * the same all-or-nothing checks, its result is the import report, a refused
 * file fails the job with the first problem (row and field) and writes
 * nothing, the staged file is gone either way, and a small file is still
 * imported in the request (201).
 */
import type { Job } from "../../shared/src/api";
import { STORES, importForm, startTestService, type TestService } from "./harness";

jest.setTimeout(60_000);

describe.each(STORES)("imports as jobs on %s", (store) => {
  let t: TestService;
  beforeAll(async () => {
    // 200 bytes: the feedback files below are over it, a one-row file under it.
    t = await startTestService(store, { env: { IMPORT_JOB_BYTES: "200" } });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function finished(id: string): Promise<Job> {
    for (let i = 0; i < 200; i++) {
      const job = (await t.api("GET", `/api/v1/jobs/${id}`)).body as Job;
      if (job.status !== "queued" && job.status !== "running") return job;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`job ${id} did not finish`);
  }
  const staged = async () => (await t.service.ctx.db.selectFrom("import_files").select("id").execute()).length;
  const customers = async () => ((await t.api("GET", "/api/v1/entities/customer?limit=1000")).body.entities as Array<{ id: string; attributes: Record<string, unknown> }>).map((e) => e.id);

  it("a large file answers 202 with a job whose result is the import report", async () => {
    const ids = (await customers()).slice(0, 20);
    const csv = ["customer_id,nps,csat", ...ids.map((id, i) => `${id},${i * 5 - 40},${60 + i}`)].join("\n");
    expect(Buffer.byteLength(csv)).toBeGreaterThan(200);
    const r = await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm("customer_feedback", "feedback.csv", csv) as never });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ kind: "importFile", createdBy: "test-planner", params: { kind: "customer_feedback", name: "feedback.csv", bytes: Buffer.byteLength(csv) } });
    expect(JSON.stringify(r.body.params)).not.toContain(ids[0]);
    const job = await finished(r.body.id);
    expect(job).toMatchObject({ status: "succeeded", result: { kind: "customer_feedback", rows: 20, written: 20, errors: [] } });
    const entities = (await t.api("GET", "/api/v1/entities/customer?limit=1000")).body.entities as Array<{ id: string; attributes: Record<string, unknown> }>;
    expect(entities.find((e) => e.id === ids[3])!.attributes).toMatchObject({ nps: -25, csat: 63 });
    expect(await staged()).toBe(0);
    const audit = (await t.api("GET", "/api/v1/audit?action=import.customer_feedback")).body.entries;
    expect(audit[0]).toMatchObject({ actor: "test-planner", entityId: "feedback.csv" });
  });

  it("a refused large file fails its job with the first problem and writes nothing", async () => {
    const ids = (await customers()).slice(0, 20);
    const rows = ids.map((id, i) => `${id},${i === 7 ? 180 : 10},70`);
    const csv = ["customer_id,nps,csat", ...rows].join("\n");
    const before = (await t.api("GET", "/api/v1/entities/customer?limit=1000")).body.entities;
    const r = await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm("customer_feedback", "bad.csv", csv) as never });
    expect(r.status).toBe(202);
    const job = await finished(r.body.id);
    expect(job.status).toBe("failed");
    expect(job.error).toBe('bad.csv: 1 problem; nothing was imported. First: row 8, nps: must be between -100 and 100, got "180"');
    expect(job.attempts).toBe(1);
    expect((await t.api("GET", "/api/v1/entities/customer?limit=1000")).body.entities).toEqual(before);
    expect(await staged()).toBe(0);
  });

  it("a small file is imported in the request, and a viewer may not upload either way", async () => {
    const [id] = await customers();
    const small = await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm("customer_feedback", "one.csv", `customer_id,nps\n${id},12\n`) as never });
    expect(small.status).toBe(201);
    expect(small.body).toEqual({ kind: "customer_feedback", rows: 1, written: 1, errors: [] });
    const big = ["customer_id,nps", ...Array.from({ length: 60 }, () => `${id},1`)].join("\n");
    expect((await t.api("POST", "/api/v1/imports", { token: t.tokens.viewer, raw: importForm("customer_feedback", "big.csv", big) as never })).status).toBe(403);
    // Not a kind POST /jobs starts: the file is not a JSON body.
    expect((await t.api("POST", "/api/v1/jobs", { token: t.tokens.planner, body: { kind: "importFile", body: {} } })).status).toBe(400);
  });
});

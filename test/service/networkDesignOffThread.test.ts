/**
 * The network design's HiGHS solve runs on the service's task pool, not on
 * the thread that answers HTTP (issue 19), on SQLite and PostgreSQL. The
 * pool is wrapped to record when the solve starts and ends; while it runs
 * the test keeps asking the service for the job, and every answer that
 * arrives before the solve ends is proof the request thread was free (a
 * solve on that thread answers nothing until it returns). No timing is
 * asserted, only the order of events and what the answers say.
 */
import { createRng } from "../../shared/src/random";
import type { TaskPool } from "../../service/src/workers/taskPool";
import { STORES, importForm, startTestService, type TestService } from "./harness";

jest.setTimeout(240_000);

/** 1,500 customers and 40 candidate DCs over about 1,000 × 1,000 km: a solve long enough to ask during, short enough for a test. */
function company(customers: number, candidates: number) {
  const rng = createRng(23);
  const at = () => `${(45.5 + rng.next() * 9).toFixed(4)},${(3 + rng.next() * 14).toFixed(4)}`;
  const customerCsv = ["customer_id,name,region,strategic,lat,lon", ...Array.from({ length: customers }, (_, i) => `C${i + 1},Customer ${i + 1},Bench,false,${at()}`)].join("\n");
  const ordersCsv = [
    "customer_id,product_id,week,qty,price,cost,lines,deliveries,returns",
    ...Array.from({ length: customers }, (_, i) => `C${i + 1},P1,${i === 0 ? 52 : 1},${Math.round(rng.lognormal(Math.log(2000), 1))},10,6,1,1,0`),
  ].join("\n");
  const dcCsv = [
    "dc_id,name,lat,lon,fixed_cost,capacity,current,handling_cost_per_unit",
    ...Array.from({ length: candidates }, (_, j) => `DC${j + 1},DC ${j + 1},${at()},${Math.round(rng.lognormal(Math.log(500_000), 0.3))},,${j % 8 === 0 ? "yes" : "no"},0.5`),
  ].join("\n");
  return { customerCsv, ordersCsv, dcCsv };
}

describe.each(STORES)("network design solves off the request thread on %s", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store, { demo: false });
    const data = company(1_500, 40);
    for (const [kind, csv] of [
      ["suppliers", "supplier_id,name,lead_time_mean_days,lead_time_sd_days,on_time_rate,fill_rate,quality_ppm\nS1,S,5,1,0.9,0.9,100"],
      ["products", "product_id,name,category,unit_price,unit_cost,supplier_id,lifecycle\nP1,P,c,10,6,S1,active"],
      ["customers", data.customerCsv],
      ["order_lines", data.ordersCsv],
      ["dc_candidates", data.dcCsv],
    ]) {
      const r = await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: importForm(kind, `${kind}.csv`, csv) as never });
      expect([kind, r.status, r.body.detail]).toEqual([kind, 201, undefined]);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers requests while HiGHS solves, and the design is the one the solver proved", async () => {
    const pool = t.service.ctx.pool as TaskPool;
    const run = pool.run.bind(pool);
    const events: string[] = [];
    let solving = false;
    pool.run = ((task, options) => {
      const answer = run(task, options);
      if (task.kind !== "solve-mip") return answer;
      events.push("solve started");
      solving = true;
      const settle = () => {
        solving = false;
        events.push("solve ended");
      };
      void answer.then(settle, settle);
      return answer;
    }) as typeof pool.run;
    try {
      const started = await t.api("POST", "/api/v1/jobs", {
        token: t.tokens.planner,
        body: { kind: "designNetwork", body: { costPerUnitKm: 0.002, circuity: 1.2, defaultMaxKm: 450, mipRelGap: 0.01, timeLimitSeconds: 120 } },
      });
      expect(started.status).toBe(202);
      const answeredWhileSolving: string[] = [];
      let job: { status: string; progress?: { label?: string }; result?: { solver: { status: string; gap: number } } };
      do {
        const r = await t.api("GET", `/api/v1/jobs/${started.body.id}`, { token: t.tokens.viewer });
        expect(r.status).toBe(200);
        job = r.body;
        // Recorded only when the solve is still running as the answer arrives.
        if (solving) {
          events.push("answered");
          answeredWhileSolving.push(job.progress?.label ?? "");
        }
      } while (job.status === "queued" || job.status === "running");
      expect(job.status).toBe("succeeded");
      expect(["optimal", "time limit"]).toContain(job.result!.solver.status);
      expect(job.result!.solver.gap).toBeLessThanOrEqual(0.01);
      // The solve went to the pool once, and answers came back between its start and its end.
      expect(events.filter((e) => e !== "answered")).toEqual(["solve started", "solve ended"]);
      const start = events.indexOf("solve started");
      const end = events.indexOf("solve ended");
      expect(events.slice(start + 1, end)).toContain("answered");
      expect(answeredWhileSolving).toContain("solving");
    } finally {
      pool.run = run;
    }
  });
});

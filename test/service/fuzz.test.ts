/**
 * Random input at the write routes: whatever arrives, the answer is a 2xx or
 * a 4xx problem+json, never a 500, and a refused request writes nothing.
 */
import fc from "fast-check";
import { startTestService, type TestService } from "./harness";

jest.setTimeout(120_000);

let t: TestService;
beforeAll(async () => {
  t = await startTestService("sqlite");
});
afterAll(async () => {
  await t?.close();
});

async function counts() {
  const db = t.service.ctx.db;
  const n = async (table: "change_requests" | "entities" | "order_lines" | "versions") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { changeRequests: await n("change_requests"), entities: await n("entities"), orderLines: await n("order_lines"), versions: await n("versions") };
}

const nasty = fc.oneof(
  fc.string(),
  fc.constantFrom("P0001", "C001", "'; DROP TABLE entities; --", "\u0000", "A".repeat(500), "product", "customer", "", " ", "1e309", "-0", "NaN"),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

describe("fuzzing the change-request route", () => {
  it("answers 201 or 4xx and writes nothing on refusal", async () => {
    const body = fc.oneof(
      fc.anything(),
      fc.record(
        {
          dimension: fc.oneof(nasty, fc.constantFrom("product", "customers")),
          changes: fc.oneof(nasty, fc.array(fc.record({ entityId: nasty, segment: nasty }, { requiredKeys: [] }), { maxLength: 4 })),
          justification: nasty,
          expiresInDays: nasty,
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const before = await counts();
        const r = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, raw: JSON.stringify(b) as never, headers: { "Content-Type": "application/json" } });
        expect(r.status === 201 || (r.status >= 400 && r.status < 500)).toBe(true);
        if (r.status !== 201) {
          expect(r.headers.get("content-type")).toContain("application/problem+json");
          expect(await counts()).toEqual(before);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("random decisions on random ids never 500", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uuid(), fc.string()), fc.anything(), async (id, b) => {
        const r = await t.api("POST", `/api/v1/change-requests/${encodeURIComponent(id)}/approve`, { token: t.tokens.approver, raw: JSON.stringify(b ?? null) as never, headers: { "Content-Type": "application/json" } });
        expect(r.status >= 400 && r.status < 500).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe("fuzzing the import route", () => {
  const header = fc.constantFrom(
    "product_id",
    "customer_id",
    "supplier_id",
    "name",
    "qty",
    "week",
    "price",
    "cost",
    "lines",
    "deliveries",
    "returns",
    "region",
    "strategic",
    "category",
    "unit_price",
    "unit_cost",
    "lifecycle",
    "nps",
    "x",
  );
  const cell = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("P0001", "C001", "S01", "1", "-1", "0", "true", "new", "1.5", "", '"', ",", "\n"), fc.integer().map(String));
  const csv = fc
    .tuple(fc.uniqueArray(header, { minLength: 1, maxLength: 8 }), fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { maxLength: 6 }))
    .map(([cols, rows]) => [cols.join(","), ...rows.map((r) => r.slice(0, cols.length).join(","))].join("\n"));
  const kind = fc.constantFrom("products", "customers", "suppliers", "regions", "order_lines", "supplier_performance", "activity_counts", "customer_feedback", "nonsense");

  it("answers 201 or 4xx, and a refused file writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(kind, csv, async (k, text) => {
        const before = await counts();
        const fd = new FormData();
        fd.set("kind", k);
        fd.set("file", new Blob([text]), "fuzz.csv");
        const r = await t.api("POST", "/api/v1/imports", { token: t.tokens.planner, raw: fd as never });
        expect(r.status === 201 || (r.status >= 400 && r.status < 500)).toBe(true);
        if (r.status !== 201) expect(await counts()).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });
});

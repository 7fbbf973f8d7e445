/**
 * The audit log is append-only in the database itself and tamper-evident:
 * every entry chains the SHA-256 of its content to the entry before, and a
 * head row records the chain's length, so `POST /validate` detects an
 * altered entry and a log cut short even when someone got past the
 * triggers.
 */
import SQLite from "better-sqlite3";
import { Kysely, Migrator, sql } from "kysely";
import pg from "pg";
import { migrateToLatest, migrationProvider } from "../../service/src/store/migrations";
import { openDatabase } from "../../service/src/store/openDatabase";
import { verifyAuditChain } from "../../service/src/useCases/audit";
import { PG_ADMIN_URL, STORES, freshDatabaseUrl, startTestService, type Store, type TestService } from "./harness";

jest.setTimeout(60_000);

/** Raw SQL on the service's database through a second connection, as an intruder (or a careless administrator) would. */
async function rawSql(store: Store, url: string, statements: string[]): Promise<void> {
  if (store === "sqlite") {
    const db = new SQLite(url.replace(/^sqlite:/, ""));
    try {
      for (const s of statements) db.exec(s);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

async function refused(store: Store, url: string, statement: string): Promise<string> {
  try {
    await rawSql(store, url, [statement]);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${statement} was not refused`);
}

describe.each(STORES)("audit log on %s", (store) => {
  let t: TestService;
  beforeEach(async () => {
    t = await startTestService(store);
    const cr = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes: [{ entityId: "P0001", segment: "C" }], justification: "audit test" } });
    await t.api("POST", `/api/v1/change-requests/${cr.body.id}/approve`, { token: t.tokens.approver, body: { reason: "fine", expectedVersion: 1 } });
  });
  afterEach(async () => {
    await t?.close();
  });

  it("chains every entry and /validate reports the chain intact", async () => {
    const r = await t.api("POST", "/api/v1/validate", { token: t.tokens.admin });
    expect(r.status).toBe(200);
    expect(r.body.audit).toMatchObject({ intact: true, brokenAtSeq: null });
    expect(r.body.audit.entries).toBeGreaterThan(5);
    expect(r.body.audit.recordedEntries).toBe(r.body.audit.entries);
  });

  it("refuses UPDATE, DELETE, replacing inserts and TRUNCATE in the database itself", async () => {
    expect(await refused(store, t.databaseUrl, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")).toMatch(/append-only/);
    expect(await refused(store, t.databaseUrl, "DELETE FROM audit_log WHERE seq = 2")).toMatch(/append-only/);
    expect(await refused(store, t.databaseUrl, "UPDATE audit_head SET entries = 0")).toMatch(/only moves forward/);
    expect(await refused(store, t.databaseUrl, "DELETE FROM audit_head")).toMatch(/only moves forward/);
    if (store === "sqlite") {
      expect(await refused(store, t.databaseUrl, "INSERT OR REPLACE INTO audit_log (seq, at, actor, action, entity_type, entity_id) VALUES (2, '2020-01-01', 'mallory', 'nothing', 'x', 'y')")).toMatch(/append-only/);
      expect(await refused(store, t.databaseUrl, "REPLACE INTO audit_log (seq, at, actor, action, entity_type, entity_id) VALUES (1, '2020-01-01', 'mallory', 'nothing', 'x', 'y')")).toMatch(/append-only/);
      expect(await refused(store, t.databaseUrl, "INSERT OR REPLACE INTO audit_head (id, entries, last_seq, last_hash) VALUES (1, 0, 0, 'x')")).toMatch(/only moves forward/);
    } else {
      expect(await refused(store, t.databaseUrl, "TRUNCATE audit_log")).toMatch(/append-only/);
      expect(await refused(store, t.databaseUrl, "TRUNCATE audit_head")).toMatch(/append-only/);
      expect(
        await refused(
          store,
          t.databaseUrl,
          "INSERT INTO audit_log (seq, at, actor, action, entity_type, entity_id) VALUES (2, '2020-01-01', 'mallory', 'nothing', 'x', 'y') ON CONFLICT (seq) DO UPDATE SET actor = 'mallory'",
        ),
      ).toMatch(/append-only/);
    }
    expect((await t.api("POST", "/api/v1/validate", { token: t.tokens.admin })).body.audit.intact).toBe(true);
  });

  it("detects an entry altered behind the triggers' back", async () => {
    const disable = store === "sqlite" ? ["DROP TRIGGER audit_log_no_update"] : ["ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update"];
    await rawSql(store, t.databaseUrl, [...disable, "UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 3"]);
    const r = await t.api("POST", "/api/v1/validate", { token: t.tokens.admin });
    expect(r.body.intact).toBe(false);
    expect(r.body.audit).toMatchObject({ intact: false, brokenAtSeq: 3 });
    expect(r.body.audit.problem).toMatch(/altered/);
  });

  it("detects entries removed from the middle and a log cut short or emptied", async () => {
    const disable = store === "sqlite" ? ["DROP TRIGGER audit_log_no_delete"] : ["ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update", "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate"];
    await rawSql(store, t.databaseUrl, [...disable, "DELETE FROM audit_log WHERE seq = 4"]);
    let r = await t.api("POST", "/api/v1/validate", { token: t.tokens.admin });
    expect(r.body.audit).toMatchObject({ intact: false, brokenAtSeq: 5 });
    await rawSql(store, t.databaseUrl, ["DELETE FROM audit_log WHERE seq >= 4"]);
    r = await t.api("POST", "/api/v1/validate", { token: t.tokens.admin });
    expect(r.body.audit.intact).toBe(false);
    expect(r.body.audit.problem).toMatch(/truncated/);
    await rawSql(store, t.databaseUrl, [store === "sqlite" ? "DELETE FROM audit_log" : "TRUNCATE audit_log"]);
    r = await t.api("POST", "/api/v1/validate", { token: t.tokens.admin });
    expect(r.body.audit).toMatchObject({ intact: false, entries: 0 });
  });
});

describe.each(STORES)("migrating an existing database on %s", (store) => {
  it("chains the entries written before the migration, in order", async () => {
    const fresh = await freshDatabaseUrl(store);
    const { db, dialect } = openDatabase(fresh.url);
    try {
      const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
      const before = await migrator.migrateTo("0003_kpis_and_actions");
      expect(before.error).toBeUndefined();
      for (let i = 0; i < 25; i++) {
        await sql`INSERT INTO audit_log (at, actor, action, entity_type, entity_id, dimension, before, after, reason) VALUES (${new Date(Date.UTC(2025, 0, 1 + i)).toISOString()}, ${"old"}, ${"legacy.entry"}, ${"x"}, ${`e${i}`}, ${null}, ${null}, ${JSON.stringify({ i })}, ${"kept"})`.execute(
          db,
        );
      }
      await sql`INSERT INTO change_requests (id, kind, dimension, status, source, justification, payload, base_version, created_by, created_at, expires_at) VALUES ('legacy', 'assignments', 'product', 'pending', 'manual', 'old', ${JSON.stringify(
        {
          changes: [
            { entityId: "P1", segment: "A" },
            { entityId: "P2", segment: "B" },
          ],
        },
      )}, 0, 'old', '2025-01-01T00:00:00.000Z', '2999-01-01T00:00:00.000Z')`.execute(db);
      await migrateToLatest(db as never, dialect);
      const report = await verifyAuditChain(db);
      expect(report).toMatchObject({ intact: true, entries: 25, recordedEntries: 25 });
      const size = await db.selectFrom("change_requests").select("size").where("id", "=", "legacy").executeTakeFirstOrThrow();
      expect(Number(size.size)).toBe(2);
    } finally {
      await db.destroy();
      await fresh.drop();
    }
  });
});

(STORES.includes("postgres") ? describe : describe.skip)("a separate application role on PostgreSQL", () => {
  it("runs requests as DATABASE_APP_ROLE, which may append to the audit log but not rewrite or truncate it", async () => {
    const role = `tierline_app_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} NOLOGIN`);
    let t: TestService | undefined;
    try {
      t = await startTestService("postgres", { env: { DATABASE_APP_ROLE: role } });
      const cr = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes: [{ entityId: "P0001", segment: "C" }], justification: "as the app role" } });
      expect(cr.status).toBe(201);
      const who = await sql<{ r: string }>`SELECT current_user AS r`.execute(t.service.ctx.db as Kysely<unknown>);
      expect(who.rows[0].r).toBe(role);
      for (const statement of ["DELETE FROM audit_log", "UPDATE audit_log SET actor = 'x'", "TRUNCATE audit_log"]) {
        await expect(sql.raw(statement).execute(t.service.ctx.db)).rejects.toThrow(/permission denied/);
      }
    } finally {
      await t?.close();
      await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => {});
      await admin.end();
    }
  });
});

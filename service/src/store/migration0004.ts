import { sql, type Kysely, type Migration } from "kysely";
import { AUDIT_GENESIS_HASH, auditEntryHash } from "./auditChain";
import { atomicMigration } from "./atomicMigration";
import type { Dialect } from "./openDatabase";

/**
 * The audit log becomes tamper-evident and really append-only, and
 * the change-request list gets the indexes its pages need.
 *
 * - `audit_log.hash` / `prev_hash`: each entry stores the SHA-256 of its
 *   canonical content chained to its predecessor's hash; existing entries are
 *   chained here, in `seq` order. `audit_head` (one row) records how many
 *   entries the chain has and its last hash, so a log cut short is detected
 *   as well as an altered one (`POST /validate`).
 * - SQLite: a trigger refuses an insert that would replace an existing entry
 *   (INSERT OR REPLACE deletes without firing the delete trigger).
 *   PostgreSQL: a TRUNCATE trigger besides the row triggers.
 * - `audit_head` only ever moves forward by one entry; it cannot be deleted,
 *   truncated or replaced.
 * - `change_requests.size` (the number of changes, so a list never parses
 *   payloads) and indexes for newest-first pages, with and without a status,
 *   and for expiry.
 */
export function migration0004(dialect: Dialect): Migration {
  // Chaining a long log may take longer than a request's statement timeout.
  return atomicMigration(dialect, (db) => migrate(db, dialect), { postgresSetup: async (db) => void (await sql`SET LOCAL statement_timeout = 0`.execute(db)) });
}

interface AuditRow {
  seq: number | string;
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  dimension: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
}

async function migrate(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  // --- change requests: a size column and the list's indexes
  await db.schema.alterTable("change_requests").addColumn("size", "integer").execute();
  let lastId = "";
  for (;;) {
    const page = await sql<{ id: string; kind: string; payload: string }>`SELECT id, kind, payload FROM change_requests WHERE id > ${lastId} ORDER BY id LIMIT 500`.execute(db);
    if (page.rows.length === 0) break;
    for (const r of page.rows) {
      const payload = JSON.parse(r.payload) as { rows?: unknown[]; changes?: unknown[] };
      const size = r.kind === "policies" ? (payload.rows?.length ?? 0) : (payload.changes?.length ?? 0);
      await sql`UPDATE change_requests SET size = ${size} WHERE id = ${r.id}`.execute(db);
    }
    lastId = page.rows[page.rows.length - 1].id;
  }
  await db.schema.createIndex("change_requests_created").on("change_requests").columns(["created_at", "id"]).execute();
  await db.schema.createIndex("change_requests_status_created").on("change_requests").columns(["status", "created_at", "id"]).execute();
  await db.schema.createIndex("change_requests_status_expires").on("change_requests").columns(["status", "expires_at"]).execute();

  // --- audit log: the hash chain over existing entries, in order
  await db.schema.alterTable("audit_log").addColumn("prev_hash", "text").execute();
  await db.schema.alterTable("audit_log").addColumn("hash", "text").execute();
  if (dialect === "postgres") await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(db);
  else await sql`DROP TRIGGER audit_log_no_update`.execute(db);
  let previous = AUDIT_GENESIS_HASH;
  let entries = 0;
  let lastSeq = 0;
  for (;;) {
    const page = await sql<AuditRow>`SELECT seq, at, actor, action, entity_type, entity_id, dimension, before, after, reason FROM audit_log WHERE seq > ${lastSeq} ORDER BY seq LIMIT 1000`.execute(db);
    if (page.rows.length === 0) break;
    for (const r of page.rows) {
      const hash = auditEntryHash(previous, r);
      await sql`UPDATE audit_log SET prev_hash = ${previous}, hash = ${hash} WHERE seq = ${r.seq}`.execute(db);
      previous = hash;
      entries++;
      lastSeq = Number(r.seq);
    }
  }
  if (dialect === "postgres") await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(db);
  else await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);

  await db.schema
    .createTable("audit_head")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("entries", "bigint", (c) => c.notNull())
    .addColumn("last_seq", "bigint", (c) => c.notNull())
    .addColumn("last_hash", "text", (c) => c.notNull())
    .execute();
  await sql`INSERT INTO audit_head (id, entries, last_seq, last_hash) VALUES (1, ${entries}, ${lastSeq}, ${previous})`.execute(db);

  if (dialect === "postgres") {
    await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
    await sql`CREATE FUNCTION audit_head_forward_only() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.entries = OLD.entries + 1 AND NEW.last_seq > OLD.last_seq THEN RETURN NEW; END IF;
        RAISE EXCEPTION 'audit_head only moves forward by one entry';
      END; $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER audit_head_forward BEFORE INSERT OR UPDATE OR DELETE ON audit_head FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only()`.execute(db);
    await sql`CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
  } else {
    // NEW.seq is -1 in a BEFORE INSERT trigger when SQLite assigns it, so only an explicit existing seq matches.
    await sql`CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log WHEN EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq) BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER audit_head_no_insert BEFORE INSERT ON audit_head BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward by one entry'); END`.execute(db);
    await sql`CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward by one entry'); END`.execute(db);
    await sql`CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head WHEN NOT (NEW.id = OLD.id AND NEW.entries = OLD.entries + 1 AND NEW.last_seq > OLD.last_seq) BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward by one entry'); END`.execute(
      db,
    );
  }
}

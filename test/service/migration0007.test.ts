/**
 * Migration 0007 on a database that already has a queue: pending duplicates
 * (only the oldest takes the fingerprint, so the unique index can be built and
 * the next identical proposal names it), and recommendations get a direction.
 */
import { Migrator, sql } from "kysely";
import { migrateToLatest, migrationProvider } from "../../service/src/store/migrations";
import { openDatabase } from "../../service/src/store/openDatabase";
import { changeFingerprint } from "../../service/src/store/changeFingerprint";
import { STORES, freshDatabaseUrl } from "./harness";

jest.setTimeout(60_000);

describe.each(STORES)("migration 0007 on %s", (store) => {
  it("fingerprints the oldest of identical pending requests, directs every recommendation, and then refuses a pending duplicate", async () => {
    const fresh = await freshDatabaseUrl(store);
    const { db, dialect } = openDatabase(fresh.url);
    try {
      const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
      expect((await migrator.migrateTo("0006_entity_history")).error).toBeUndefined();
      const payload = (changes: Array<[string, string]>) => JSON.stringify({ changes: changes.map(([entityId, segment]) => ({ entityId, segment })) });
      const insert = (id: string, status: string, createdAt: string, changes: Array<[string, string]>) =>
        sql`INSERT INTO change_requests (id, kind, dimension, status, source, justification, payload, base_version, created_by, created_at, expires_at, size) VALUES (${id}, 'assignments', 'product', ${status}, 'manual', 'old', ${payload(changes)}, 0, 'old', ${createdAt}, '2999-01-01T00:00:00.000Z', ${changes.length})`.execute(
          db,
        );
      await insert("older", "pending", "2025-01-01T00:00:00.000Z", [
        ["P1", "A"],
        ["P2", "B"],
      ]);
      await insert("newer", "pending", "2025-01-02T00:00:00.000Z", [
        ["P2", "B"],
        ["P1", "A"],
      ]);
      await insert("decided", "approved", "2024-12-01T00:00:00.000Z", [
        ["P1", "A"],
        ["P2", "B"],
      ]);
      await sql`INSERT INTO recommendations (id, change_request_id, dimension, source, entity_id, from_segment, to_segment, confidence, rationale, impact, data_window, model_id, created_at) VALUES ('r1', 'older', 'product', 'recommendation-rule', 'P1', 'CX', 'BY', 0.5, '[]', 'null', 'null', NULL, '2025-01-01T00:00:00.000Z')`.execute(
        db,
      );
      await migrateToLatest(db as never, dialect);
      const rows = await db.selectFrom("change_requests").select(["id", "fingerprint"]).orderBy("id").execute();
      const expected = changeFingerprint([
        { entityId: "P1", segment: "A" },
        { entityId: "P2", segment: "B" },
      ]);
      expect(rows).toEqual([
        { id: "decided", fingerprint: null },
        { id: "newer", fingerprint: null },
        { id: "older", fingerprint: expected },
      ]);
      expect(await db.selectFrom("recommendations").select(["direction", "sources", "confidences"]).executeTakeFirstOrThrow()).toEqual({ direction: "upgrade", sources: null, confidences: null });
      // The index holds: a second pending request with the same fingerprint is refused by the store itself.
      await expect(
        sql`INSERT INTO change_requests (id, kind, dimension, status, source, justification, payload, base_version, created_by, created_at, expires_at, size, fingerprint) VALUES ('again', 'assignments', 'product', 'pending', 'manual', 'x', '{}', 0, 'x', '2025-02-01T00:00:00.000Z', '2999-01-01T00:00:00.000Z', 2, ${expected})`.execute(
          db,
        ),
        // Matched by message, not toThrow: better-sqlite3's native binding keeps the error class of the first test file that loaded it in this jest worker, another realm's Error.
      ).rejects.toHaveProperty("message", expect.stringMatching(/unique|UNIQUE/));
    } finally {
      await db.destroy();
      await fresh.drop();
    }
  });
});

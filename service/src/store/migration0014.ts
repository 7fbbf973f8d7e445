import type { Kysely, Migration } from "kysely";
import type { Dialect } from "./openDatabase";

/**
 * A file imported in the background waits here between the upload and its
 * job: the job's params name it (they are listed by GET /jobs, so they never
 * carry the file), and the job deletes it when it ends.
 */
export function migration0014(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("import_files")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("data", dialect === "postgres" ? "bytea" : "blob", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
    },
  };
}

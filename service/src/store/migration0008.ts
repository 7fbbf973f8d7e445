import type { Kysely, Migration } from "kysely";

/** An API token may be limited to some of its role's permissions (JSON array); null keeps the whole role, as every token issued before. */
export function migration0008(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("tokens").addColumn("scopes", "text").execute();
    },
  };
}

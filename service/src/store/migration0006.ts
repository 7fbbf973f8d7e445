import type { Kysely, Migration } from "kysely";

/** An entity's history reads its rows across versions: index them by entity, not only by version. */
export function migration0006(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex("assignments_entity").on("assignments").columns(["dimension", "entity_id", "version"]).execute();
    },
  };
}

import { sql, type Kysely, type Migration } from "kysely";

/**
 * Tokens become credentials with a life: an owner (`subject`, the stable id
 * four-eyes compares: a person's IdP user id, or the owner named when an API
 * token is issued), an expiry, a revocation time and the last use. Existing
 * tokens keep working and take their name as owner, which is what four-eyes
 * compared before. Change requests record their raiser's subject.
 */
export function migration0005(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("tokens").addColumn("subject", "text").execute();
      await db.schema.alterTable("tokens").addColumn("expires_at", "text").execute();
      await db.schema.alterTable("tokens").addColumn("revoked_at", "text").execute();
      await db.schema.alterTable("tokens").addColumn("last_used_at", "text").execute();
      await sql`UPDATE tokens SET subject = name WHERE subject IS NULL`.execute(db);
      await db.schema.createIndex("tokens_subject").on("tokens").column("subject").execute();
      await db.schema.alterTable("change_requests").addColumn("created_by_subject", "text").execute();
    },
  };
}

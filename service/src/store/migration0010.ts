import type { Kysely, Migration } from "kysely";
import { atomicMigration } from "./atomicMigration";
import type { Dialect } from "./openDatabase";

/**
 * Multi-step approval.
 *
 * - `approval_rules`: per dimension and optional segment pattern, the roles
 *   that approve in order (JSON); replaced as a whole by an admin.
 * - `change_requests.approval_steps`: a request's steps, fixed when raised;
 *   null on older requests, which need one approver as before.
 * - `change_request_approvals`: one row per approved step. Its primary key
 *   (request, step) is what lets a step be approved exactly once, and the
 *   unique (request, subject) that one person approves one step of a request,
 *   even if two approvals raced past every other check.
 */
export function migration0010(dialect: Dialect): Migration {
  return atomicMigration(dialect, (db) => migrate(db));
}

async function migrate(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("approval_rules")
    .addColumn("position", "integer", (c) => c.primaryKey())
    .addColumn("dimension", "text", (c) => c.notNull())
    .addColumn("segment", "text")
    .addColumn("steps", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .execute();
  await db.schema.alterTable("change_requests").addColumn("approval_steps", "text").execute();
  await db.schema
    .createTable("change_request_approvals")
    .addColumn("change_request_id", "text", (c) => c.notNull())
    .addColumn("step", "integer", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.notNull())
    .addColumn("decided_by_subject", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("decided_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("change_request_approvals_pk", ["change_request_id", "step"])
    .execute();
  await db.schema.createIndex("change_request_approvals_person").unique().on("change_request_approvals").columns(["change_request_id", "decided_by_subject"]).execute();
}

import { Kysely, Migrator, sql, type Migration, type MigrationProvider } from "kysely";
import type { Dialect } from "./openDatabase";
import { migration0002 } from "./migration0002";
import { migration0003 } from "./migration0003";
import { migration0004 } from "./migration0004";
import { migration0005 } from "./migration0005";
import { migration0006 } from "./migration0006";
import { migration0007 } from "./migration0007";
import { migration0008 } from "./migration0008";
import { migration0009 } from "./migration0009";
import { migration0010 } from "./migration0010";
import { migration0011 } from "./migration0011";
import { migration0012 } from "./migration0012";
import { migration0013 } from "./migration0013";
import { migration0014 } from "./migration0014";
import { migration0015 } from "./migration0015";
import { migration0016 } from "./migration0016";
import { migration0017 } from "./migration0017";
import { migration0020 } from "./migration0020";
import { migration0019 } from "./migration0019";
import { migration0021 } from "./migration0021";
import { migration0023 } from "./migration0023";
import { migration0024 } from "./migration0024";
import { migration0025 } from "./migration0025";
import { migration0022 } from "./migration0022";
import { quoteIdentifier } from "./openDatabase";
import type { Database } from "./schema";

/* Migrations in code, so the bundle carries them; each is append-only once released. */
function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    "0001_initial": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("entities")
          .addColumn("dimension", "text", (c) => c.notNull())
          .addColumn("id", "text", (c) => c.notNull())
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("attributes", "text", (c) => c.notNull())
          .addColumn("updated_at", "text", (c) => c.notNull())
          .addPrimaryKeyConstraint("entities_pk", ["dimension", "id"])
          .execute();
        await db.schema
          .createTable("order_lines")
          .addColumn("customer_id", "text", (c) => c.notNull())
          .addColumn("product_id", "text", (c) => c.notNull())
          .addColumn("week", "integer", (c) => c.notNull())
          .addColumn("qty", "double precision", (c) => c.notNull())
          .addColumn("price", "double precision", (c) => c.notNull())
          .addColumn("cost", "double precision", (c) => c.notNull())
          .addColumn("lines", "integer", (c) => c.notNull())
          .addColumn("deliveries", "integer", (c) => c.notNull())
          .addColumn("returns", "double precision", (c) => c.notNull())
          .execute();
        await db.schema.createIndex("order_lines_product").on("order_lines").column("product_id").execute();
        await db.schema
          .createTable("activity_counts")
          .addColumn("customer_id", "text", (c) => c.primaryKey())
          .addColumn("drivers", "text", (c) => c.notNull())
          .execute();
        await db.schema
          .createTable("supplier_performance")
          .addColumn("supplier_id", "text", (c) => c.notNull())
          .addColumn("period", "text", (c) => c.notNull())
          .addColumn("metrics", "text", (c) => c.notNull())
          .addPrimaryKeyConstraint("supplier_performance_pk", ["supplier_id", "period"])
          .execute();
        await db.schema
          .createTable("versions")
          .addColumn("dimension", "text", (c) => c.notNull())
          .addColumn("version", "integer", (c) => c.notNull())
          .addColumn("effective_at", "text", (c) => c.notNull())
          .addColumn("created_at", "text", (c) => c.notNull())
          .addColumn("created_by", "text", (c) => c.notNull())
          .addColumn("change_request_id", "text")
          .addColumn("note", "text", (c) => c.notNull())
          // The primary key is what makes "exactly once" hold even if two approvals raced past every other check.
          .addPrimaryKeyConstraint("versions_pk", ["dimension", "version"])
          .execute();
        await db.schema.createIndex("versions_change_request").unique().on("versions").column("change_request_id").execute();
        await db.schema
          .createTable("assignments")
          .addColumn("dimension", "text", (c) => c.notNull())
          .addColumn("version", "integer", (c) => c.notNull())
          .addColumn("entity_id", "text", (c) => c.notNull())
          .addColumn("segment", "text", (c) => c.notNull())
          .addColumn("detail", "text", (c) => c.notNull())
          .addPrimaryKeyConstraint("assignments_pk", ["dimension", "version", "entity_id"])
          .execute();
        await db.schema
          .createTable("change_requests")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("kind", "text", (c) => c.notNull())
          .addColumn("dimension", "text", (c) => c.notNull())
          .addColumn("status", "text", (c) => c.notNull())
          .addColumn("source", "text", (c) => c.notNull())
          .addColumn("justification", "text", (c) => c.notNull())
          .addColumn("payload", "text", (c) => c.notNull())
          .addColumn("base_version", "integer", (c) => c.notNull())
          .addColumn("created_by", "text", (c) => c.notNull())
          .addColumn("created_at", "text", (c) => c.notNull())
          .addColumn("expires_at", "text", (c) => c.notNull())
          .addColumn("decided_by", "text")
          .addColumn("decided_at", "text")
          .addColumn("decision_reason", "text")
          .addColumn("applied_version", "integer")
          .execute();
        await db.schema.createIndex("change_requests_status").on("change_requests").columns(["status", "dimension"]).execute();
        await db.schema
          .createTable("audit_log")
          .addColumn("seq", dialect === "postgres" ? "bigserial" : "integer", (c) => (dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn("at", "text", (c) => c.notNull())
          .addColumn("actor", "text", (c) => c.notNull())
          .addColumn("action", "text", (c) => c.notNull())
          .addColumn("entity_type", "text", (c) => c.notNull())
          .addColumn("entity_id", "text", (c) => c.notNull())
          .addColumn("dimension", "text")
          .addColumn("before", "text")
          .addColumn("after", "text")
          .addColumn("reason", "text")
          .execute();
        await db.schema.createIndex("audit_entity").on("audit_log").columns(["entity_id", "at"]).execute();
        await db.schema
          .createTable("tokens")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("role", "text", (c) => c.notNull())
          .addColumn("token_hash", "text", (c) => c.notNull().unique())
          .addColumn("created_at", "text", (c) => c.notNull())
          .execute();
        await db.schema
          .createTable("policy_versions")
          .addColumn("version", "integer", (c) => c.primaryKey())
          .addColumn("rows", "text", (c) => c.notNull())
          .addColumn("created_at", "text", (c) => c.notNull())
          .addColumn("created_by", "text", (c) => c.notNull())
          .addColumn("change_request_id", "text")
          .execute();
        await db.schema
          .createTable("definitions")
          .addColumn("dimension", "text", (c) => c.primaryKey())
          .addColumn("definition", "text", (c) => c.notNull())
          .addColumn("version", "integer", (c) => c.notNull())
          .addColumn("updated_at", "text", (c) => c.notNull())
          .execute();
        await db.schema
          .createTable("freeze_windows")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("dimension", "text")
          .addColumn("starts_at", "text", (c) => c.notNull())
          .addColumn("ends_at", "text", (c) => c.notNull())
          .addColumn("reason", "text", (c) => c.notNull())
          .execute();
        // The audit log is append-only: the database itself refuses updates and deletes.
        if (dialect === "postgres") {
          await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql`.execute(db);
          await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
        } else {
          await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
          await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
        }
      },
    },
    "0002_recommendations": migration0002(dialect),
    "0003_kpis_and_actions": migration0003(dialect),
    "0004_audit_chain_and_pages": migration0004(dialect),
    "0005_token_lifecycle": migration0005(),
    "0006_entity_history": migration0006(),
    "0007_approver_queue": migration0007(dialect),
    "0008_token_scopes": migration0008(),
    "0009_jobs": migration0009(),
    "0010_approval_steps": migration0010(dialect),
    "0011_reclassification_schedules": migration0011(dialect),
    "0012_forecasts": migration0012(dialect),
    "0013_kpi_data": migration0013(dialect),
    "0014_import_files": migration0014(dialect),
    "0015_supplier_terms": migration0015(dialect),
    "0016_network_design": migration0016(dialect),
    "0017_order_promising": migration0017(dialect),
    "0020_forecast_tracking_signal": migration0020(dialect),
    "0019_freight_and_supplier_settings": migration0019(dialect),
    "0021_incentive_plan": migration0021(dialect),
    "0022_sell_through": migration0022(dialect),
    "0023_forecast_reviews": migration0023(dialect),
    "0024_forecast_levels": migration0024(dialect),
    "0025_forecast_error_sd": migration0025(dialect),
  };
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations() {
    return migrations(this.dialect);
  }
}

/** The migrations in code, for a Migrator (tests migrate to an older version to check an upgrade). */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  return new StaticProvider(dialect);
}

export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: new StaticProvider(dialect) }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * PostgreSQL with a separate application role (DATABASE_APP_ROLE): the owner
 * that migrated grants the role what requests need on every table and
 * sequence, then revokes UPDATE, DELETE and TRUNCATE on the audit log and its
 * head, so even a compromised service cannot rewrite history (the triggers
 * refuse it too; privileges also hold if someone drops a trigger). The role
 * must exist; the service then runs its requests as it (`SET ROLE`).
 */
export async function restrictAppRole(db: Kysely<Database>, role: string): Promise<void> {
  const r = sql.raw(quoteIdentifier(role));
  await sql`GRANT USAGE ON SCHEMA public TO ${r}`.execute(db);
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`.execute(db);
  await sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`.execute(db);
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${r}`.execute(db);
  await sql`REVOKE INSERT, DELETE, TRUNCATE ON audit_head FROM ${r}`.execute(db);
  await sql`REVOKE ALL ON kysely_migration, kysely_migration_lock FROM ${r}`.execute(db);
}

import type { Executor } from "./executor";
import type { VersionTable } from "./schema";

/** The latest applied version of a dimension; 0 before the first approval. */
export async function currentVersion(db: Executor, dimension: string): Promise<number> {
  const row = await db
    .selectFrom("versions")
    .select((eb) => eb.fn.max("version").as("v"))
    .where("dimension", "=", dimension)
    .executeTakeFirst();
  return row?.v == null ? 0 : Number(row.v);
}

/** The latest version of a dimension effective at `date`; 0 when none was. */
export async function versionAsOf(db: Executor, dimension: string, date: string): Promise<number> {
  const row = await db
    .selectFrom("versions")
    .select((eb) => eb.fn.max("version").as("v"))
    .where("dimension", "=", dimension)
    .where("effective_at", "<=", date)
    .executeTakeFirst();
  return row?.v == null ? 0 : Number(row.v);
}

export async function versionExists(db: Executor, dimension: string, version: number): Promise<boolean> {
  const row = await db.selectFrom("versions").select("version").where("dimension", "=", dimension).where("version", "=", version).executeTakeFirst();
  return row !== undefined;
}

/** A dimension's versions, newest first. */
export async function listVersions(db: Executor, dimension: string) {
  const rows = await db.selectFrom("versions").selectAll().where("dimension", "=", dimension).orderBy("version", "desc").execute();
  return rows.map((r) => ({
    dimension: r.dimension,
    version: Number(r.version),
    effectiveAt: r.effective_at,
    createdAt: r.created_at,
    createdBy: r.created_by,
    changeRequestId: r.change_request_id,
    note: r.note,
  }));
}

export async function insertVersion(db: Executor, row: VersionTable): Promise<void> {
  await db.insertInto("versions").values(row).execute();
}

/** Every version of a dimension with who approved it and why (the approving request's decision, else the version's note). */
export async function versionProvenance(db: Executor, dimension: string) {
  const rows = await db
    .selectFrom("versions")
    .leftJoin("change_requests", "change_requests.id", "versions.change_request_id")
    .select(["versions.version", "versions.effective_at", "versions.created_by", "versions.change_request_id", "versions.note", "change_requests.decided_by", "change_requests.decision_reason"])
    .where("versions.dimension", "=", dimension)
    .orderBy("versions.version")
    .execute();
  return rows.map((r) => ({
    version: Number(r.version),
    effectiveAt: r.effective_at,
    approvedBy: r.decided_by ?? r.created_by,
    changeRequestId: r.change_request_id,
    reason: r.decision_reason ?? r.note,
  }));
}

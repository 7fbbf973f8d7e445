import type { Executor } from "./executor";
import type { ChangeRequestTable } from "./schema";

/** Whether any pending request expired before `now`: an indexed probe, cheap when none has. */
export async function anyPendingExpired(db: Executor, now: string): Promise<boolean> {
  return (await db.selectFrom("change_requests").select("id").where("status", "=", "pending").where("expires_at", "<", now).limit(1).executeTakeFirst()) !== undefined;
}

/** Mark every pending request that expired before `now` as expired, in one statement; returns them. */
export async function expirePending(db: Executor, now: string): Promise<Array<{ id: string; dimension: string }>> {
  return db.updateTable("change_requests").set({ status: "expired" }).where("status", "=", "pending").where("expires_at", "<", now).returning(["id", "dimension"]).execute();
}

export async function insertChangeRequest(db: Executor, row: ChangeRequestTable): Promise<void> {
  await db.insertInto("change_requests").values(row).execute();
}

export async function findChangeRequest(db: Executor, id: string): Promise<ChangeRequestTable | undefined> {
  return db.selectFrom("change_requests").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Decide a pending request: the update's `status = 'pending'` condition is
 * the claim, so of two concurrent deciders only one gets true.
 */
export async function decidePending(db: Executor, id: string, decision: Partial<Pick<ChangeRequestTable, "status" | "decided_by" | "decided_at" | "decision_reason" | "applied_version">>): Promise<boolean> {
  const result = await db.updateTable("change_requests").set(decision).where("id", "=", id).where("status", "=", "pending").executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface ChangeRequestMatch {
  status?: string;
  dimension?: string;
  source?: string;
}

/** Without a status, every request but the retired ones: a withdrawn request is asked for by name. */
function matching(db: Executor, filter: ChangeRequestMatch) {
  let q = db.selectFrom("change_requests");
  q = filter.status ? q.where("status", "=", filter.status) : q.where("status", "<>", "retired");
  if (filter.dimension) q = q.where("dimension", "=", filter.dimension);
  if (filter.source) q = q.where("source", "=", filter.source);
  return q;
}

export async function countChangeRequests(db: Executor, filter: ChangeRequestMatch): Promise<number> {
  return Number(
    (
      await matching(db, filter)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

/**
 * Up to `limit` requests newest first (ties by id) after the keyset position
 * `after`, without their payloads: a keyset range over the (status,
 * created_at, id) or (created_at, id) indexes, the same cost on any page.
 */
export async function changeRequestPage(db: Executor, filter: ChangeRequestMatch, after: { createdAt: string; id: string } | undefined, limit: number) {
  let page = matching(db, filter)
    .select([
      "id",
      "kind",
      "dimension",
      "status",
      "source",
      "justification",
      "base_version",
      "created_by",
      "created_at",
      "expires_at",
      "decided_by",
      "decided_at",
      "decision_reason",
      "applied_version",
      "size",
      "approval_steps",
    ])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc");
  if (after) page = page.where((eb) => eb.or([eb("created_at", "<", after.createdAt), eb.and([eb("created_at", "=", after.createdAt), eb("id", "<", after.id)])]));
  return page.limit(limit).execute();
}

/** id → stored payload of these requests. */
export async function changeRequestPayloads(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("change_requests").select(["id", "payload"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.payload]));
}

/** The pending request of a dimension with exactly these moves (its fingerprint), if any. */
export async function pendingWithFingerprint(db: Executor, dimension: string, fingerprint: string): Promise<string | undefined> {
  const row = await db.selectFrom("change_requests").select("id").where("status", "=", "pending").where("dimension", "=", dimension).where("fingerprint", "=", fingerprint).executeTakeFirst();
  return row?.id;
}

/** Every pending assignment request of a dimension with its payload, oldest first. */
export async function pendingAssignmentRequests(db: Executor, dimension: string) {
  return db
    .selectFrom("change_requests")
    .select(["id", "dimension", "base_version", "payload", "created_at"])
    .where("status", "=", "pending")
    .where("kind", "=", "assignments")
    .where("dimension", "=", dimension)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** These requests, by id (any status). */
export async function findChangeRequests(db: Executor, ids: readonly string[]): Promise<ChangeRequestTable[]> {
  const out: ChangeRequestTable[] = [];
  for (let i = 0; i < ids.length; i += 500)
    out.push(
      ...(await db
        .selectFrom("change_requests")
        .selectAll()
        .where("id", "in", ids.slice(i, i + 500))
        .execute()),
    );
  return out;
}

/** The approved requests applied in these versions of a dimension, with their payloads (a bulk approval applies many in one version). */
export async function requestsAppliedIn(db: Executor, dimension: string, versions: readonly number[]) {
  if (versions.length === 0) return [];
  return db
    .selectFrom("change_requests")
    .select(["id", "applied_version", "payload", "decision_reason"])
    .where("dimension", "=", dimension)
    .where("applied_version", "in", versions)
    .where("status", "=", "approved")
    .execute();
}

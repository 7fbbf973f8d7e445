import { randomUUID } from "node:crypto";
import type { ActionStatus, CreateAction, ListActions, UpdateAction } from "../../../shared/src/api";
import { breachId } from "../../../shared/src/kpi";
import type { Actor } from "../auth/actor";
import { conflict, notFound, unprocessable } from "../appError";
import { actionsWhere, findAction, insertAction, updateActionAtVersion } from "../store/correctiveActions";
import type { CorrectiveActionTable } from "../store/schema";
import { appendAudit } from "./audit";
import type { Executor, ServiceContext } from "./context";
import { assignmentsAt, currentVersion } from "./masterData";

export type { ActionStatus, CreateAction, UpdateAction };
/** Closed actions stay closed: reopening means a new action with its own audit trail. */
const CLOSED: ReadonlySet<string> = new Set(["done", "cancelled"]);

function toAction(r: CorrectiveActionTable) {
  return {
    id: r.id,
    title: r.title,
    owner: r.owner,
    dueDate: r.due_date,
    status: r.status as ActionStatus,
    dimension: r.dimension,
    segment: r.segment,
    kpi: r.kpi,
    breachId: r.dimension && r.segment && r.kpi ? breachId(r.dimension, r.segment, r.kpi) : null,
    notes: r.notes,
    version: Number(r.version),
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
export type CorrectiveAction = ReturnType<typeof toAction>;

export async function getAction(db: Executor, id: string): Promise<CorrectiveAction> {
  const row = await findAction(db, id);
  if (!row) throw notFound(`corrective action ${id} does not exist`);
  return toAction(row);
}

export async function listActions(db: Executor, q: ListActions): Promise<CorrectiveAction[]> {
  return (await actionsWhere(db, q)).map(toAction);
}

/** Create an action; a linked segment must exist in the dimension's current assignments. Audited in the same transaction. */
export async function createAction(ctx: ServiceContext, actor: Actor, input: CreateAction): Promise<CorrectiveAction> {
  return ctx.db.transaction().execute(async (tx) => {
    if (input.dimension && input.segment) {
      const segments = new Set((await assignmentsAt(tx, input.dimension, await currentVersion(tx, input.dimension))).map((a) => a.segment));
      if (!segments.has(input.segment)) {
        throw unprocessable(`segment "${input.segment}" is not a current ${input.dimension} segment`, [{ field: "body.segment", message: `not one of ${[...segments].sort().join(", ") || "(none)"}` }]);
      }
    }
    const at = ctx.now().toISOString();
    const row: CorrectiveActionTable = {
      id: randomUUID(),
      title: input.title,
      owner: input.owner,
      due_date: input.dueDate,
      status: input.status,
      dimension: input.dimension ?? null,
      segment: input.segment ?? null,
      kpi: input.kpi ?? null,
      notes: input.notes,
      version: 1,
      created_by: actor.name,
      created_at: at,
      updated_at: at,
    };
    await insertAction(tx, row);
    const action = toAction(row);
    await appendAudit(tx, ctx.now(), { actor: actor.name, action: "corrective_action.create", entityType: "corrective_action", entityId: row.id, dimension: row.dimension, after: action });
    return action;
  });
}

/**
 * Update an action under optimistic concurrency: `expectedVersion` must be the
 * stored version (409 otherwise, with the current one named), and a done or
 * cancelled action is closed (409). The store re-checks the version as it
 * writes, so two racing writers cannot both pass.
 */
export async function updateAction(ctx: ServiceContext, actor: Actor, id: string, input: UpdateAction): Promise<CorrectiveAction> {
  return ctx.db.transaction().execute(async (tx) => {
    const before = await findAction(tx, id);
    if (!before) throw notFound(`corrective action ${id} does not exist`);
    if (Number(before.version) !== input.expectedVersion) throw conflict(`corrective action ${id} is at version ${before.version}, not ${input.expectedVersion}: reload it and retry`);
    if (CLOSED.has(before.status)) throw conflict(`corrective action ${id} is ${before.status}: a closed action cannot change; open a new one`);
    const at = ctx.now().toISOString();
    const changes = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.owner !== undefined ? { owner: input.owner } : {}),
      ...(input.dueDate !== undefined ? { due_date: input.dueDate } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
      version: input.expectedVersion + 1,
      updated_at: at,
    };
    if (!(await updateActionAtVersion(tx, id, input.expectedVersion, changes))) throw conflict(`corrective action ${id} changed meanwhile: reload it and retry`);
    const after = toAction({ ...before, ...changes });
    await appendAudit(tx, ctx.now(), { actor: actor.name, action: "corrective_action.update", entityType: "corrective_action", entityId: id, dimension: before.dimension, before: toAction(before), after });
    return after;
  });
}

import { randomUUID } from "node:crypto";
import type { FreezeWindow } from "../../../shared/src/api";
import type { Actor } from "../auth/actor";
import { insertFreezeWindow } from "../store/freezeWindows";
import { appendAudit } from "./audit";
import type { ServiceContext } from "./context";

/** Declares a freeze window: no change request of its dimension (or any, without one) is applied while it lasts; audited with the window. */
export async function createFreezeWindow(ctx: ServiceContext, actor: Actor, window: FreezeWindow) {
  const id = randomUUID();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await insertFreezeWindow(trx, { id, dimension: window.dimension ?? null, startsAt: new Date(window.startsAt).toISOString(), endsAt: new Date(window.endsAt).toISOString(), reason: window.reason });
    await appendAudit(trx, now, { actor: actor.name, action: "freeze_window.created", entityType: "freeze_window", entityId: id, dimension: window.dimension ?? null, after: window, reason: window.reason });
  });
  return { id, ...window };
}

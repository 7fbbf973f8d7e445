import { allocationRowSchema, pathRuleSchema, type AllocationRow, type FulfilmentRules, type PathRule, type PutFulfilmentRules } from "../../../shared/src/api";
import { putFulfilmentRulesSchema } from "../../../shared/src/api";
import { unprocessable } from "../appError";
import type { Actor } from "../auth/actor";
import { readFulfilmentRulesRow, writeFulfilmentRulesRow } from "../store/fulfilmentRules";
import { appendAudit } from "./audit";
import type { Executor, ServiceContext } from "./context";

export async function readFulfilmentRules(db: Executor): Promise<FulfilmentRules> {
  const row = await readFulfilmentRulesRow(db);
  if (!row) return { allocation: [], paths: [], updatedAt: null, updatedBy: null };
  // Stored as validated; parsing again fills defaults a later schema may add.
  return {
    allocation: (JSON.parse(row.allocation) as unknown[]).map((r) => allocationRowSchema.parse(r)),
    paths: (JSON.parse(row.paths) as unknown[]).map((r) => pathRuleSchema.parse(r)),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** Replace both tables, audited with the tables before and after. */
export async function replaceFulfilmentRules(ctx: ServiceContext, actor: Actor, input: PutFulfilmentRules): Promise<FulfilmentRules> {
  const body = putFulfilmentRulesSchema.parse(input);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await readFulfilmentRules(trx);
    await writeFulfilmentRulesRow(trx, { allocation: JSON.stringify(body.allocation), paths: JSON.stringify(body.paths), updated_at: now.toISOString(), updated_by: actor.name });
    await appendAudit(trx, now, {
      actor: actor.name,
      action: "fulfilment_rules.replaced",
      entityType: "fulfilment_rules",
      entityId: "fulfilment_rules",
      before: { allocation: before.allocation, paths: before.paths },
      after: { allocation: body.allocation, paths: body.paths },
    });
  });
  return readFulfilmentRules(ctx.db);
}

/** The stored tables, or a 422 saying to store them first. */
export async function storedRules(db: Executor): Promise<{ allocation: AllocationRow[]; paths: PathRule[] }> {
  const rules = await readFulfilmentRules(db);
  if (rules.allocation.length === 0)
    throw unprocessable("rules: no fulfilment rules are stored; PUT /fulfilment/rules (the Fulfilment pane's rule sheet) first", [{ field: "rules", message: "no fulfilment rules stored" }]);
  return rules;
}

/** The allocation row serving a customer segment: its own, else the catch-all "*". */
export function allocationRowFor(allocation: readonly AllocationRow[]): (segment: string) => AllocationRow | undefined {
  const bySegment = new Map(allocation.map((r) => [r.segment, r]));
  const fallback = bySegment.get("*");
  return (segment) => bySegment.get(segment) ?? fallback;
}

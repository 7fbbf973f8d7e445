import type { PutActivityRates, RateTable } from "../../../shared/src/api";
import type { Actor } from "../auth/actor";
import { currentRateVersion, rateVersion } from "../store/activityRates";
import { stepsForRequest } from "./approvalRules";
import { insertChangeRequest, type RatesPayload } from "./changeRequests";
import type { Executor, ServiceContext } from "./context";

/*
 * The activity-rate table as master data of its own: read in whole, changed
 * only by an approved change request (kind "rates", dimension "rates"), each
 * approval landing as the next rate version that cost-to-serve reads.
 */

/** Per activity, the index of its row with the latest valid-from on or before `asOf` (the one ratesInForce prices with). */
export function rowsInForce(rates: ReadonlyArray<{ activity: string; validFrom: string }>, asOf: string): Set<number> {
  const latest = new Map<string, number>();
  rates.forEach((r, i) => {
    if (r.validFrom > asOf) return;
    const best = latest.get(r.activity);
    if (best === undefined || rates[best].validFrom < r.validFrom) latest.set(r.activity, i);
  });
  return new Set(latest.values());
}

export async function readRateTable(db: Executor, asOf: Date): Promise<RateTable> {
  const day = asOf.toISOString().slice(0, 10);
  const version = await currentRateVersion(db);
  const stored = version === 0 ? null : await rateVersion(db, version);
  if (!stored) return { version: 0, createdAt: null, createdBy: null, note: null, changeRequestId: null, asOf: day, rows: [] };
  const inForce = rowsInForce(stored.rates, day);
  return {
    version,
    createdAt: stored.createdAt,
    createdBy: stored.createdBy,
    note: stored.note,
    changeRequestId: stored.changeRequestId,
    asOf: day,
    rows: stored.rates.map((r, i) => ({ ...r, inForce: inForce.has(i) })),
  };
}

/** A whole new rate table proposed for approval, against the version in use now; its steps from the approval rules for "rates". */
export async function createRateChangeRequest(ctx: ServiceContext, actor: Actor, input: PutActivityRates) {
  const rows = input.rows.map((r) => ({ activity: r.activity, driver: r.driver, rate: r.rate, validFrom: r.validFrom }));
  return insertChangeRequest(ctx, actor, {
    kind: "rates",
    dimension: "rates",
    source: "rate-edit",
    justification: input.justification,
    payload: { rows } satisfies RatesPayload,
    baseVersion: await currentRateVersion(ctx.db),
    approvalSteps: await stepsForRequest(ctx.db, "rates", []),
    auditAfter: { rows: rows.length },
  });
}

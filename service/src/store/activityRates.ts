import type { Executor } from "./executor";
import { insertChunked } from "./insertChunked";

/*
 * The activity-rate table, versioned: a new table is stored as the next
 * version with who, when and why (rate_versions); earlier versions stay, so
 * a cost-to-serve figure can be traced to the rates it used.
 */

export interface ActivityRate {
  activity: string;
  driver: string;
  rate: number;
  validFrom: string;
}

/** Store a whole rate table as the next version; returns that version. */
export async function storeRateVersion(db: Executor, rates: readonly ActivityRate[], by: { createdBy: string; createdAt: string; note: string; changeRequestId?: string }): Promise<number> {
  const last = await db
    .selectFrom("rate_versions")
    .select((eb) => eb.fn.max<number>("version").as("v"))
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  await db
    .insertInto("rate_versions")
    .values({ version, created_at: by.createdAt, created_by: by.createdBy, change_request_id: by.changeRequestId ?? null, note: by.note })
    .execute();
  await insertChunked(
    db,
    "activity_rates",
    rates.map((r) => ({ version, activity: r.activity, driver: r.driver, rate: r.rate, valid_from: r.validFrom })),
  );
  return version;
}

/**
 * The rates in force on `asOf` (YYYY-MM-DD) of the latest version: per
 * activity its row with the latest valid_from on or before the day; null when
 * no table is stored.
 */
export async function ratesInForce(db: Executor, asOf: string): Promise<{ version: number; rates: ActivityRate[] } | null> {
  const last = await db
    .selectFrom("rate_versions")
    .select((eb) => eb.fn.max<number>("version").as("v"))
    .executeTakeFirst();
  if (last?.v === null || last?.v === undefined) return null;
  const version = Number(last.v);
  const rows = await db
    .selectFrom("activity_rates")
    .select(["activity", "driver", "rate", "valid_from"])
    .where("version", "=", version)
    .where("valid_from", "<=", asOf)
    .orderBy("activity")
    .orderBy("valid_from")
    .execute();
  const latest = new Map<string, ActivityRate>();
  for (const r of rows) latest.set(r.activity, { activity: r.activity, driver: r.driver, rate: Number(r.rate), validFrom: r.valid_from });
  return { version, rates: [...latest.values()] };
}

/** The latest rate version; 0 before any table is stored. */
export async function currentRateVersion(db: Executor): Promise<number> {
  const last = await db
    .selectFrom("rate_versions")
    .select((eb) => eb.fn.max<number>("version").as("v"))
    .executeTakeFirst();
  return Number(last?.v ?? 0);
}

/** A version's every row (by activity, then valid-from) and who stored it how; null for a version never stored. */
export async function rateVersion(db: Executor, version: number): Promise<{ createdAt: string; createdBy: string; note: string; changeRequestId: string | null; rates: ActivityRate[] } | null> {
  const head = await db.selectFrom("rate_versions").selectAll().where("version", "=", version).executeTakeFirst();
  if (!head) return null;
  const rows = await db.selectFrom("activity_rates").select(["activity", "driver", "rate", "valid_from"]).where("version", "=", version).orderBy("activity").orderBy("valid_from").execute();
  return {
    createdAt: head.created_at,
    createdBy: head.created_by,
    note: head.note,
    changeRequestId: head.change_request_id,
    rates: rows.map((r) => ({ activity: r.activity, driver: r.driver, rate: Number(r.rate), validFrom: r.valid_from })),
  };
}

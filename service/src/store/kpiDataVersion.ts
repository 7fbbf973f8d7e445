import { sql } from "kysely";
import type { Executor } from "./executor";

/*
 * One counter for everything the KPI report reads that has no version of its
 * own (order history, entities, deliveries, stock, rates, escalation paths):
 * every write bumps it in the writer's transaction, so a report cached under
 * the old number is never served again, by this process or another.
 */

export async function bumpKpiDataVersion(db: Executor): Promise<void> {
  await sql`UPDATE kpi_data_version SET version = version + 1 WHERE id = 1`.execute(db);
}

export async function kpiDataVersion(db: Executor): Promise<number> {
  const row = await db.selectFrom("kpi_data_version").select("version").where("id", "=", 1).executeTakeFirst();
  return Number(row?.version ?? 0);
}

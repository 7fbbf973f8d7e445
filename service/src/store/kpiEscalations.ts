import type { EscalationLevel } from "../../../shared/src/kpi";
import type { Executor } from "./executor";

/** The stored escalation levels per owner function. */
export async function storedEscalations(db: Executor): Promise<Array<{ ownerFunction: string; levels: EscalationLevel[] }>> {
  const rows = await db.selectFrom("kpi_escalations").select(["owner_function", "levels"]).execute();
  return rows.map((r) => ({ ownerFunction: r.owner_function, levels: JSON.parse(r.levels) as EscalationLevel[] }));
}

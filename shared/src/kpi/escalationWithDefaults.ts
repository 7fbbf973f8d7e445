import { DEFAULT_ESCALATION } from "./kpiDefaults";
import type { EscalationLevel, EscalationTable } from "./schemas";

export type EscalationSource = "stored" | "default" | "stored+default";

/**
 * The escalation table a report uses: a stored row wins for its owner
 * function, the defaults cover the owner functions without one. The source
 * says which applied: "stored" once every default owner has a stored row.
 *
 * @example escalationWithDefaults([]).source; // "default"
 */
export function escalationWithDefaults(
  stored: ReadonlyArray<{ ownerFunction: string; levels: EscalationLevel[] }>,
  defaults: Readonly<EscalationTable> = DEFAULT_ESCALATION,
): { table: EscalationTable; source: EscalationSource } {
  const table: EscalationTable = { ...defaults };
  for (const r of stored) table[r.ownerFunction] = r.levels;
  const source = stored.length === 0 ? "default" : Object.keys(defaults).every((owner) => stored.some((r) => r.ownerFunction === owner)) ? "stored" : "stored+default";
  return { table, source };
}

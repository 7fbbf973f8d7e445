/**
 * Whether a pending assignment request still means anything against the
 * current master data. A change is dead when the entity already sits in the
 * proposed segment (approving would change nothing) or when it has moved on
 * from the segment it had when the request was raised (the approver would be
 * deciding on a "from" that no longer exists). A request whose every change is
 * dead is obsolete; one live change keeps it, and its diff shows the rest.
 */
export interface RequestedChange {
  entityId: string;
  /** the proposed segment */
  to: string;
}

export interface ObsoleteRequest {
  /** the plain sentence an approver reads as the decision reason */
  reason: string;
}

/** How many dead changes a reason spells out before it says "and n more". */
const SPELLED_OUT = 3;

const label = (segment: string | null | undefined) => segment ?? "no segment";

/**
 * @param base each entity's segment in the version the request was raised against (absent or null: none)
 * @param current each entity's segment now (absent or null: none)
 * @returns null while at least one change still applies
 * @example requestObsolescence([{ entityId: "P0010", to: "B" }], new Map([["P0010", "A"]]), new Map([["P0010", "B"]]), 7)
 * // { reason: "Retired: P0010 is already in B (version 7); this request proposed A → B." }
 */
export function requestObsolescence(changes: readonly RequestedChange[], base: ReadonlyMap<string, string | null>, current: ReadonlyMap<string, string | null>, currentVersion: number): ObsoleteRequest | null {
  if (changes.length === 0) return null;
  const dead: string[] = [];
  for (const c of changes) {
    const was = base.get(c.entityId) ?? null;
    const now = current.get(c.entityId) ?? null;
    const moved = now !== c.to;
    if (moved && now === was) return null;
    const where = `${c.entityId} ${moved ? "is now in" : "is already in"} ${label(now)}`;
    const since = moved ? `, no longer ${label(was)}` : "";
    if (changes.length === 1) return { reason: `Retired: ${where} (version ${currentVersion})${since}; this request proposed ${label(was)} → ${c.to}.` };
    dead.push(`${where}${since} (proposed ${label(was)} → ${c.to})`);
  }
  const shown = dead.slice(0, SPELLED_OUT).join("; ");
  const more = dead.length > SPELLED_OUT ? `; and ${dead.length - SPELLED_OUT} more` : "";
  return { reason: `Retired: none of its ${changes.length} changes applies at version ${currentVersion}: ${shown}${more}.` };
}

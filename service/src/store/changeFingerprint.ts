import { createHash } from "node:crypto";

/**
 * What makes two assignment requests the same proposal: the dimension (a
 * column of its own) and the set of entity → segment moves, in any order and
 * whatever detail or justification they carry. Stored hashed, so the unique
 * index over pending requests stays small for a run of 10,000 changes.
 */
export function changeFingerprint(changes: ReadonlyArray<{ entityId: string; segment: string }>): string {
  const pairs = changes.map((c) => [c.entityId, c.segment] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return createHash("sha256").update(JSON.stringify(pairs), "utf8").digest("hex");
}

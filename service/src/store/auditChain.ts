import { createHash } from "node:crypto";
import type { AuditTable } from "./schema";

/** The predecessor of the first audit entry. */
export const AUDIT_GENESIS_HASH = "0".repeat(64);

/** The stored columns of an audit entry that its hash covers (everything but `seq`, which only orders the chain). */
export type AuditContent = Omit<AuditTable, "seq" | "prev_hash" | "hash">;

/**
 * SHA-256 (hex) of an entry's canonical content chained to its
 * predecessor's hash: a JSON array of the predecessor's hash and the stored
 * text of each column in a fixed order, so the same entry always hashes the
 * same on either store. Changing, removing or reordering any entry changes
 * every hash after it.
 */
export function auditEntryHash(previousHash: string, entry: AuditContent): string {
  const canonical = JSON.stringify([previousHash, entry.at, entry.actor, entry.action, entry.entity_type, entry.entity_id, entry.dimension, entry.before, entry.after, entry.reason]);
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

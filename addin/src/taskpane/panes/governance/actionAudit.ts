import type { AuditEntry } from "../../../../../shared/src/api";
import { ACTION_STATUS_WORDS } from "./StatusBadge";

type Fields = Partial<Record<"status" | "title" | "owner" | "dueDate" | "notes", unknown>>;

const FIELD_WORDS: Record<string, string> = { title: "title", owner: "owner", dueDate: "due date", notes: "notes" };

const statusWords = (s: unknown) => (typeof s === "string" && s in ACTION_STATUS_WORDS ? ACTION_STATUS_WORDS[s as keyof typeof ACTION_STATUS_WORDS] : String(s));

/** What an audit entry of a corrective action did, in words: "Created (open)", "Status open → in progress", "Changed owner, due date". */
export function auditWords(entry: Pick<AuditEntry, "action" | "before" | "after">): string {
  const after = (entry.after ?? {}) as Fields;
  const before = (entry.before ?? {}) as Fields;
  if (entry.action.endsWith(".create")) return `Created (${statusWords(after.status)})`;
  const parts: string[] = [];
  if (before.status !== undefined && after.status !== undefined && before.status !== after.status) parts.push(`Status ${statusWords(before.status)} → ${statusWords(after.status)}`);
  const changed = Object.keys(FIELD_WORDS).filter((k) => JSON.stringify(before[k as keyof Fields]) !== JSON.stringify(after[k as keyof Fields]));
  if (changed.length) parts.push(`Changed ${changed.map((k) => FIELD_WORDS[k]).join(", ")}`);
  return parts.join("; ") || entry.action;
}

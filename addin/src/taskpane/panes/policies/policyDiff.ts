import { POLICY_FIELDS, type PolicyField, type PolicyRow } from "../../../../../shared/src/segmentation/policyTable";
import { POLICY_FIELD_WORDS } from "./policyWords";

export interface PolicyDiff {
  added: PolicyRow[];
  removed: PolicyRow[];
  changed: Array<{ segment: string; fields: Array<{ field: PolicyField; label: string; from: string; to: string }> }>;
  unchanged: number;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const shown = (field: PolicyField, v: unknown) => (v === undefined ? "not set" : POLICY_FIELD_WORDS[field].show(v));

/** What a proposed table changes against the current one, row by segment pattern. */
export function diffPolicies(current: readonly PolicyRow[], proposed: readonly PolicyRow[]): PolicyDiff {
  const before = new Map(current.map((r) => [r.segment, r]));
  const after = new Set(proposed.map((r) => r.segment));
  const diff: PolicyDiff = { added: [], removed: current.filter((r) => !after.has(r.segment)), changed: [], unchanged: 0 };
  for (const row of proposed) {
    const old = before.get(row.segment);
    if (!old) {
      diff.added.push(row);
      continue;
    }
    const fields = POLICY_FIELDS.filter((f) => !same(old[f], row[f])).map((f) => ({ field: f, label: POLICY_FIELD_WORDS[f].label, from: shown(f, old[f]), to: shown(f, row[f]) }));
    if (fields.length) diff.changed.push({ segment: row.segment, fields });
    else diff.unchanged++;
  }
  return diff;
}

export function isEmptyDiff(d: PolicyDiff): boolean {
  return d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
}

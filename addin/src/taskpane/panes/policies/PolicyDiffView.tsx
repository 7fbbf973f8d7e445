import { Text } from "@fluentui/react-components";
import type { PolicyDiff } from "./policyDiff";
import { policySummary } from "./policyWords";

/** What the proposal changes, in the approver's terms: rows added, removed, and each changed field from → to. */
export function PolicyDiffView({ diff }: { diff: PolicyDiff }) {
  return (
    <div aria-label="What the proposal changes" role="group">
      {diff.changed.map((c) => (
        <div key={c.segment} className="tl-rec">
          <strong>{c.segment}</strong>
          <ul className="tl-rec-list">
            {c.fields.map((f) => (
              <li key={f.field}>
                {f.label}: {f.from} → <strong>{f.to}</strong>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {diff.added.map((r) => (
        <Text key={`+${r.segment}`} size={200} block className="tl-rec">
          New row <strong>{r.segment}</strong>: {policySummary(r)}
        </Text>
      ))}
      {diff.removed.map((r) => (
        <Text key={`-${r.segment}`} size={200} block className="tl-rec">
          Row <strong>{r.segment}</strong> removed: segments it served fall back to a broader row.
        </Text>
      ))}
      <Text size={200} block className="tl-rec-note">
        {diff.unchanged.toLocaleString("en-US")} row{diff.unchanged === 1 ? "" : "s"} unchanged.
      </Text>
    </div>
  );
}

import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Text, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import { OperationStatus, type Operation } from "../../ui/useOperation";
import type { DecisionOutcome, Refusal } from "./decide";
import { formatCount } from "./format";
import { describeSelection, describeServiceLevelChange, describeValueChange, itemLabel, summarise, type QueueItem } from "./queueModel";
import { useQueueStyles } from "./styles";

/** Entities named in the confirm dialog before "and N more". */
const NAMED = 8;

export const REASON_PROBLEM = "A reason is required (at least 3 characters): it goes into the audit trail.";

/** The entities decided, the first few by name: a bulk approval of 54 requests would otherwise fill the pinned bar with ids. */
function entitiesOf(o: DecisionOutcome["decided"]): string {
  const names = o.flatMap((d) => (d.entityIds.length ? d.entityIds : [d.label]));
  const more = names.length - NAMED;
  return more > 0 ? `${names.slice(0, NAMED).join(", ")} and ${formatCount(more)} more` : names.join(", ");
}

const sentence = (s: string) => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/** What became of a refused request once the queue was read again. */
function afterwards(r: Refusal): string {
  if (r.leftQueue === undefined) return "";
  if (r.leftQueue) return " It has left the queue.";
  return r.status === 409 ? " It stays in the queue, now shown against the current version." : "";
}

function Outcome({ outcome, onDismiss }: { outcome: DecisionOutcome; onDismiss: () => void }) {
  const styles = useQueueStyles();
  const verb = outcome.decision === "approve" ? "Approved" : "Rejected";
  // First, before a long list of entities scrolls it out of the box.
  const versions = Object.entries(outcome.versions)
    .map(([d, v]) => `${d} now at version ${v}`)
    .join(", ");
  return (
    <div className={styles.outcome} data-testid="decision-outcome">
      {outcome.decided.length > 0 && (
        <MessageBar intent="success" layout="multiline" className="tl-message">
          <MessageBarBody>
            <MessageBarTitle>{`${verb} ${formatCount(outcome.decided.length)}`}</MessageBarTitle>
            {versions && <span className={styles.entities}>{`${versions.charAt(0).toUpperCase()}${versions.slice(1)}: `}</span>}
            <span className={styles.entities}>{`${entitiesOf(outcome.decided)}.`}</span>
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="transparent" onClick={onDismiss}>
              Dismiss
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {outcome.refused.length > 0 && (
        <MessageBar intent="warning" layout="multiline" className="tl-message">
          <MessageBarBody>
            <MessageBarTitle>{`Not ${verb.toLowerCase()}: ${formatCount(outcome.refused.length)}`}</MessageBarTitle>
            <ul className={styles.detailList}>
              {outcome.refused.map((r) => (
                <li key={r.id}>{`${r.entityIds.length ? r.entityIds.join(", ") : r.label}: ${sentence(r.reason)}${afterwards(r)}`}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

export interface ActionBarProps {
  selected: QueueItem[];
  /** ids of the requests the current filter shows */
  shown: ReadonlySet<string>;
  reason: string;
  onReason: (reason: string) => void;
  onDecide: (decision: "approve" | "reject") => void;
  onClear: () => void;
  operation: Operation;
  outcome: DecisionOutcome | undefined;
  onDismissOutcome: () => void;
}

/**
 * Pinned to the bottom of the pane: what is selected and what it would do,
 * the reason, Approve and Reject. Deciding more than one asks first, with the
 * same summary.
 */
export function ActionBar({ selected, shown, reason, onReason, onDecide, onClear, operation, outcome, onDismissOutcome }: ActionBarProps) {
  const styles = useQueueStyles();
  const [touched, setTouched] = useState(false);
  const [confirming, setConfirming] = useState<"approve" | "reject" | undefined>();
  const summary = summarise(selected, shown);
  const problem = reason.trim().length < 3 ? REASON_PROBLEM : undefined;
  const n = formatCount(selected.length);
  const ask = (decision: "approve" | "reject") => {
    setTouched(true);
    if (problem || selected.length === 0) return;
    if (selected.length > 1) setConfirming(decision);
    else {
      setTouched(false);
      onDecide(decision);
    }
  };
  const confirm = () => {
    const decision = confirming!;
    setConfirming(undefined);
    setTouched(false);
    onDecide(decision);
  };
  const named = selected.slice(0, NAMED).map(itemLabel);
  return (
    <div className={styles.bar} role="region" aria-label="Decide the selected requests" data-testid="action-bar">
      <OperationStatus operation={operation} />
      {outcome && <Outcome outcome={outcome} onDismiss={onDismissOutcome} />}
      <div className={styles.summary} aria-live="polite" data-testid="selection-summary">
        <Text weight="semibold" size={200}>
          {describeSelection(summary)}
        </Text>
        {selected.length > 0 && (
          <>
            <Text size={200}>{describeValueChange(summary)}</Text>
            <Text size={200}>{describeServiceLevelChange(summary)}</Text>
          </>
        )}
      </div>
      <Field label="Reason for the decision" required size="small" validationMessage={touched ? problem : undefined} validationState={touched && problem ? "error" : "none"}>
        <Textarea value={reason} rows={2} resize="vertical" size="small" onChange={(_, d) => onReason(d.value)} onBlur={() => selected.length > 0 && setTouched(true)} />
      </Field>
      <div className={styles.barButtons}>
        <Button appearance="primary" size="small" disabled={selected.length === 0 || operation.busy} onClick={() => ask("approve")}>
          {`Approve (${n})`}
        </Button>
        <Button size="small" disabled={selected.length === 0 || operation.busy} onClick={() => ask("reject")}>
          {`Reject (${n})`}
        </Button>
        <Button size="small" appearance="subtle" disabled={selected.length === 0 || operation.busy} onClick={onClear}>
          Clear selection
        </Button>
      </div>
      <Dialog open={confirming !== undefined} onOpenChange={(_, d) => !d.open && setConfirming(undefined)}>
        <DialogSurface aria-describedby="queue-confirm-summary">
          <DialogBody>
            <DialogTitle>{`${confirming === "reject" ? "Reject" : "Approve"} ${n} requests?`}</DialogTitle>
            <DialogContent id="queue-confirm-summary">
              <p>{`${named.join(", ")}${selected.length > NAMED ? ` and ${formatCount(selected.length - NAMED)} more` : ""}.`}</p>
              {summary.hidden > 0 && <p>{`${formatCount(summary.hidden)} of them ${summary.hidden === 1 ? "is" : "are"} hidden by the current filter.`}</p>}
              {confirming === "approve" && (
                <ul className={styles.detailList}>
                  <li>{describeValueChange(summary)}</li>
                  <li>{describeServiceLevelChange(summary)}</li>
                </ul>
              )}
              <p>{`Reason: “${reason.trim()}”`}</p>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={confirm}>
                {`${confirming === "reject" ? "Reject" : "Approve"} ${n}`}
              </Button>
              <Button onClick={() => setConfirming(undefined)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}

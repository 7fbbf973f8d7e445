import { Button, Spinner, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { ActionStatus, AuditEntry, CorrectiveAction } from "../../../../../shared/src/api";
import type { ServiceClient } from "../../../api/serviceClient";
import { toMessage } from "../../ui/useOperation";
import { Pager } from "../recommendations/Pager";
import { auditWords } from "./actionAudit";
import { formatDay, formatWhen, kpiLabel } from "./kpiWords";
import { ActionStatusBadge } from "./StatusBadge";
import { useGovernanceStyles } from "./styles";

export const ACTIONS_PAGE = 10;

/** The next steps an action can take: open → in progress → done; either may be cancelled; closed is closed (the route refuses). */
export const NEXT_STEPS: Record<ActionStatus, Array<{ to: ActionStatus; label: string }>> = {
  open: [
    { to: "in_progress", label: "Start" },
    { to: "cancelled", label: "Cancel action" },
  ],
  in_progress: [
    { to: "done", label: "Mark done" },
    { to: "cancelled", label: "Cancel action" },
  ],
  done: [],
  cancelled: [],
};

/** The audit trail of one action, read when its details open: who did what, when. */
function ActionAudit({ client, action }: { client: ServiceClient | undefined; action: CorrectiveAction }) {
  const styles = useGovernanceStyles();
  const [entries, setEntries] = useState<AuditEntry[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    if (!client) return;
    const abort = new AbortController();
    client.call("readAudit", { query: { entity: action.id, limit: 50 } }, { signal: abort.signal }).then(
      (page) => setEntries(page.entries.filter((e) => e.entityId === action.id)),
      (error: unknown) => !abort.signal.aborted && setProblem(toMessage(error).text),
    );
    return () => abort.abort();
    // The version changes with every update: the trail is read again after a status change.
  }, [client, action.id, action.version]);
  if (problem) return <Text className={styles.meta}>{`The audit trail could not be read: ${problem}`}</Text>;
  if (!entries) return <Spinner size="tiny" label="Reading the audit trail" />;
  return (
    <ul className={styles.kpiList} aria-label={`Audit trail of ${action.title}`} data-testid="action-audit">
      {entries.map((e) => (
        <li key={e.seq} className={styles.kpi}>
          <span>{auditWords(e)}</span>
          <span />
          <span className={styles.note}>{`by ${e.actor}, ${formatWhen(e.at)}`}</span>
        </li>
      ))}
    </ul>
  );
}

export interface ActionListProps {
  client: ServiceClient | undefined;
  actions: CorrectiveAction[];
  canAct: boolean;
  whoMayAct: string;
  busy: boolean;
  onStatus: (action: CorrectiveAction, to: ActionStatus) => void;
}

/** Corrective actions, open ones first then by due date; each opens to its breach, next steps and audit trail. */
export function ActionList({ client, actions, canAct, whoMayAct, busy, onStatus }: ActionListProps) {
  const styles = useGovernanceStyles();
  const [open, setOpen] = useState<string | undefined>();
  const [page, setPage] = useState(0);
  const last = Math.max(0, Math.ceil(actions.length / ACTIONS_PAGE) - 1);
  const shown = actions.slice(Math.min(page, last) * ACTIONS_PAGE, (Math.min(page, last) + 1) * ACTIONS_PAGE);
  return (
    <>
      <ul className={styles.list} aria-label="Corrective actions">
        {shown.map((a) => {
          const isOpen = open === a.id;
          const id = `action-${a.id}`;
          const about = a.segment ? `${a.segment}${a.kpi ? ` ${kpiLabel(a.kpi)}` : ""}` : "no breach";
          return (
            <li key={a.id} className={styles.item} data-action={a.title}>
              <div className={styles.line}>
                <Button
                  appearance="subtle"
                  className={styles.toggle}
                  aria-expanded={isOpen}
                  aria-controls={isOpen ? id : undefined}
                  title={`${a.title}: ${about}, due ${formatDay(a.dueDate)}`}
                  onClick={() => setOpen(isOpen ? undefined : a.id)}
                >
                  <span aria-hidden="true" className={styles.chevron}>
                    {isOpen ? "▾" : "▸"}
                  </span>
                  <span className={styles.title}>{a.title}</span>
                </Button>
                <ActionStatusBadge status={a.status} />
              </div>
              {isOpen && (
                <div id={id} className={styles.details}>
                  {/* The line above cuts a long title short: here it is whole. */}
                  <Text className={styles.question}>{a.title}</Text>
                  <Text className={styles.meta}>{`For ${about} · owner ${a.owner} · due ${formatDay(a.dueDate)}`}</Text>
                  <Text className={styles.meta}>{`Created by ${a.createdBy}, ${formatWhen(a.createdAt)}; version ${a.version}`}</Text>
                  {NEXT_STEPS[a.status].length > 0 &&
                    (canAct ? (
                      <div className={styles.buttons}>
                        {NEXT_STEPS[a.status].map((s) => (
                          <Button key={s.to} size="small" appearance={s.to === "cancelled" ? "subtle" : "primary"} disabled={busy} onClick={() => onStatus(a, s.to)}>
                            {s.label}
                          </Button>
                        ))}
                      </div>
                    ) : (
                      <Text className={styles.meta}>{`Changing its status needs the ${whoMayAct} role.`}</Text>
                    ))}
                  <p className={styles.heading}>Audit trail</p>
                  <ActionAudit client={client} action={a} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <Pager what="the actions" page={Math.min(page, last)} size={ACTIONS_PAGE} total={actions.length} onPage={setPage} />
    </>
  );
}

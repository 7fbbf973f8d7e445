import { Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { BreachResponse } from "../../../../../shared/src/api";
import { Pager } from "../recommendations/Pager";
import { ActionForm, type NewAction } from "./ActionForm";
import { breachAgeWords, escalationWords } from "./governanceSheets";
import { formatDay, formatKpi, formatTarget, kpiLabel } from "./kpiWords";
import { RootCause } from "./RootCause";
import { ActionStatusBadge } from "./StatusBadge";
import { useGovernanceStyles } from "./styles";

export const BREACHES_PAGE = 10;

export const breachLabel = (b: BreachResponse) => `${b.segment} ${kpiLabel(b.kpi)}`;

export interface BreachListProps {
  breaches: BreachResponse[];
  /** may the reader create actions (the createAction route's permission)? */
  canAct: boolean;
  /** who may, in words, for those who may not */
  whoMayAct: string;
  busy: boolean;
  onCreate: (breach: BreachResponse, action: NewAction) => Promise<boolean>;
}

/** Breaches, largest relative gap first: owner and escalation path, the root cause and the actions linked to each. */
export function BreachList({ breaches, canAct, whoMayAct, busy, onCreate }: BreachListProps) {
  const styles = useGovernanceStyles();
  const [open, setOpen] = useState<string | undefined>();
  const [composing, setComposing] = useState<string | undefined>();
  const [page, setPage] = useState(0);
  const shown = breaches.slice(page * BREACHES_PAGE, (page + 1) * BREACHES_PAGE);
  return (
    <>
      <ul className={styles.list} aria-label="Breaches">
        {shown.map((b) => {
          const label = breachLabel(b);
          const isOpen = open === b.id;
          const id = `breach-${b.id}`;
          const versus = `${formatKpi(b.kpi, b.value)} vs ${formatTarget(b.kpi, b.target).replace(/^target /, "")}`;
          return (
            <li key={b.id} className={styles.item} data-breach={b.id}>
              <div className={styles.line}>
                <Button
                  appearance="subtle"
                  className={styles.toggle}
                  aria-expanded={isOpen}
                  aria-controls={isOpen ? id : undefined}

                  onClick={() => setOpen(isOpen ? undefined : b.id)}
                >
                  <span aria-hidden="true" className={styles.chevron}>
                    {isOpen ? "▾" : "▸"}
                  </span>
                  <span className={styles.name}>{b.segment}</span> <span className={styles.rest}>{kpiLabel(b.kpi)}</span> <span className={`${styles.figure} ${styles.bad}`}>{versus}</span>
                </Button>
              </div>
              {isOpen && (
                <div id={id} className={styles.details}>
                  <Text className={styles.meta}>{`Owner: ${b.owner}`}</Text>
                  <Text className={styles.meta}>{`Escalation${b.pathSource === "segment" ? ` (this segment's path)` : ""}: ${escalationWords(b.escalation)}.`}</Text>
                  <Text className={styles.meta}>{breachAgeWords(b)}</Text>
                  <RootCause breach={b} label={label} />
                  <p className={styles.heading}>Corrective actions</p>
                  {b.actions.length === 0 ? (
                    <Text className={styles.meta}>None yet.</Text>
                  ) : (
                    <ul className={styles.kpiList} aria-label={`Actions for ${label}`}>
                      {b.actions.map((a) => (
                        <li key={a.id} className={styles.kpi}>
                          <span>{a.title}</span>
                          <ActionStatusBadge status={a.status} />
                          <span className={styles.note}>{`${a.owner} · due ${formatDay(a.dueDate)}`}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                  {canAct ? (
                    composing === b.id ? (
                      <ActionForm breach={b} label={label} busy={busy} onCancel={() => setComposing(undefined)} onCreate={(a) => void onCreate(b, a).then((created) => created && setComposing(undefined))} />
                    ) : (
                      <div className={styles.buttons}>
                        <Button size="small" onClick={() => setComposing(b.id)} aria-label={`Add action for ${label}`}>
                          Add action
                        </Button>
                      </div>
                    )
                  ) : (
                    <Text className={styles.meta}>{`Adding actions needs the ${whoMayAct} role.`}</Text>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <Pager what="the breaches" page={page} size={BREACHES_PAGE} total={breaches.length} onPage={setPage} />
    </>
  );
}

import { Button, Checkbox, CounterBadge } from "@fluentui/react-components";
import { useState } from "react";
import type { ServiceClient } from "../../../api/serviceClient";
import { RequestDetails } from "../recommendationDetails";
import { formatCount, formatPercent } from "./format";
import { itemLabel, type QueueGroup, type QueueItem } from "./queueModel";
import { confidenceParts } from "./rationale";
import { Pager } from "./Pager";
import { evidenceWords } from "./queueSort";
import { useQueueStyles } from "./styles";

/** Groups shown before "Show more groups", and rows of an open group before "Show more": the pane stays a few screens tall at any volume. */
export const GROUPS_PAGE = 12;
export const ROWS_PAGE = 25;

const shortDate = (iso: string) => iso.slice(0, 16).replace("T", " ");

/** How a row's controls are named: the entity id, or for a run or hand edit its kind, author and time. */
export function rowName(item: QueueItem): string {
  return item.entityId ?? `${itemLabel(item)} by ${item.request.createdBy}, ${shortDate(item.request.createdAt)}`;
}

export interface QueueListProps {
  client: ServiceClient | undefined;
  groups: QueueGroup[];
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
  canDecide: boolean;
  /** open every group (a search that found a handful of rows) */
  openAll: boolean;
}

export function QueueList({ client, groups, selected, onSelect, canDecide, openAll }: QueueListProps) {
  const styles = useQueueStyles();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  // While a search opens every group, the groups closed by hand.
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  const [rowPage, setRowPage] = useState<Record<string, number>>({});
  const [groupPage, setGroupPage] = useState(0);
  const [expanded, setExpanded] = useState<string | undefined>();
  // One group open at a time: the pane holds one page of rows, never every group's.
  const toggleGroup = (key: string) => (openAll ? setClosed((s) => (s.has(key) ? new Set([...s].filter((k) => k !== key)) : new Set(s).add(key))) : setOpen((s) => (s.has(key) ? new Set() : new Set([key]))));
  const lastGroupPage = Math.max(0, Math.ceil(groups.length / GROUPS_PAGE) - 1);
  const shownGroupPage = Math.min(groupPage, lastGroupPage);

  return (
    <>
      <ul className={styles.list} aria-label="Pending requests by group">
        {groups.slice(shownGroupPage * GROUPS_PAGE, (shownGroupPage + 1) * GROUPS_PAGE).map((g, gi) => {
          const isOpen = openAll ? !closed.has(g.key) : open.has(g.key);
          const ids = g.items.map((i) => i.request.id);
          const chosen = ids.filter((id) => selected.has(id)).length;
          const page = Math.min(rowPage[g.key] ?? 0, Math.max(0, Math.ceil(g.items.length / ROWS_PAGE) - 1));
          const listId = `queue-group-${gi}`;
          const count = `${formatCount(g.items.length)} request${g.items.length === 1 ? "" : "s"}`;
          return (
            <li key={g.key} className={styles.group} data-group={g.label}>
              <div className={styles.groupHeader}>
                {canDecide && <Checkbox aria-label={`Select all ${count}: ${g.label}`} checked={chosen === 0 ? false : chosen === ids.length ? true : "mixed"} onChange={(_, d) => onSelect(ids, d.checked === true)} />}
                <Button appearance="subtle" className={styles.groupToggle} aria-expanded={isOpen} aria-controls={isOpen ? listId : undefined} onClick={() => toggleGroup(g.key)}>
                  <span aria-hidden="true" className={styles.chevron}>
                    {isOpen ? "▾" : "▸"}
                  </span>
                  <span className={styles.groupLabel}>{g.label}</span>
                </Button>
                <CounterBadge count={g.items.length} overflowCount={99999} appearance="ghost" color="informative" aria-label={count} />
              </div>
              {isOpen && (
                <>
                  <ul id={listId} className={styles.rows} aria-label={g.label}>
                    {g.items.slice(page * ROWS_PAGE, (page + 1) * ROWS_PAGE).map((item) => {
                      const name = rowName(item);
                      const rec = item.recommendation;
                      const isExpanded = expanded === item.request.id;
                      const detailsId = `details-${item.request.id}`;
                      const evidence = evidenceWords(rec);
                      const pct = item.confidence !== undefined ? formatPercent(item.confidence) : undefined;
                      const what = item.entityId ? [item.entityId, item.entityName].filter(Boolean).join(" ") : item.request.justification;
                      const move = item.from !== undefined ? `${item.from} → ${item.to}` : `${formatCount(item.request.size)} change${item.request.size === 1 ? "" : "s"}`;
                      // The name starts with the row's own words and holds all it shows (WCAG 2.5.3, label in name).
                      const visible = [what, move, pct].filter(Boolean).join(" ");
                      return (
                        <li key={item.request.id} className={styles.row} data-request-id={item.request.id} data-entity-id={item.entityId}>
                          <div className={styles.rowLine}>
                            {canDecide && <Checkbox aria-label={`Select ${name}`} checked={selected.has(item.request.id)} onChange={(_, d) => onSelect([item.request.id], d.checked === true)} />}
                            <Button
                              appearance="subtle"
                              className={styles.rowToggle}
                              aria-expanded={isExpanded}
                              aria-controls={isExpanded ? detailsId : undefined}
                              aria-label={`${isExpanded ? "Hide" : "Show"} details of ${item.entityId ? visible : `${name}: ${visible}`}`}
                              onClick={() => setExpanded(isExpanded ? undefined : item.request.id)}
                              title={rec ? `${itemLabel(item)}: ${item.from} → ${item.to}, ${confidenceParts(rec).join(", ")}` : item.request.justification}
                            >
                              <span className={styles.entity}>
                                {item.entityId ? <span className={styles.entityId}>{item.entityId}</span> : what}
                                {item.entityId && item.entityName ? ` ${item.entityName}` : ""}
                              </span>{" "}
                              <span className={styles.move}>{move}</span>
                              {pct && (
                                <>
                                  {" "}
                                  <span className={styles.confidence}>{pct}</span>
                                </>
                              )}
                            </Button>
                          </div>
                          {evidence.length > 0 && (
                            <div className={styles.evidence} data-testid="row-evidence">
                              {evidence.map((words) => (
                                <span key={words}>{words}</span>
                              ))}
                            </div>
                          )}
                          {isExpanded && <RequestDetails client={client} item={item} id={detailsId} />}
                        </li>
                      );
                    })}
                  </ul>
                  <Pager what={g.label} page={page} size={ROWS_PAGE} total={g.items.length} onPage={(p) => setRowPage((r) => ({ ...r, [g.key]: p }))} />
                </>
              )}
            </li>
          );
        })}
      </ul>
      <Pager what="the groups" page={shownGroupPage} size={GROUPS_PAGE} total={groups.length} onPage={setGroupPage} />
    </>
  );
}

import { Spinner, Text } from "@fluentui/react-components";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { AuditEntry, ChangeRequestDetail, EntityHistory } from "../../../../shared/src/api";
import type { ServiceClient } from "../../api/serviceClient";
import { toMessage } from "../ui/useOperation";
import { describeRun } from "../ui/runWords";
import { formatCount } from "./recommendations/format";
import { itemLabel, type QueueItem } from "./recommendations/queueModel";
import { confidenceParts, evidenceTrend, reasonSentences, sourcesAgreement } from "./recommendations/rationale";
import { Sparkline } from "./recommendations/Sparkline";
import { useQueueStyles } from "./recommendations/styles";

/** Changes listed in place before "and N more": a run can move thousands. */
const CHANGES_SHOWN = 20;
const dateFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });
const timeFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
const when = (iso: string, f = dateFormat) => (Number.isNaN(Date.parse(iso)) ? iso : f.format(new Date(iso)));

/** The audit actions of a change request, as an approver says them. */
const ACTIONS: Record<string, string> = {
  "change_request.created": "raised it",
  "change_request.approved": "approved it",
  "change_request.rejected": "rejected it",
  "change_request.retired": "retired it",
  "change_request.expired": "let it expire",
};

/** Scrolls the queue so the row holding `details` shows as much of them as fits, its own line staying at or below the top. */
function revealUnderRow(details: HTMLElement | null) {
  const row = details?.closest("li");
  const scroller = details?.closest<HTMLElement>("[data-testid=queue-scroll]");
  if (!row || !scroller) return;
  const view = scroller.getBoundingClientRect();
  const box = row.getBoundingClientRect();
  const below = box.bottom - view.bottom;
  if (below > 0) scroller.scrollTop += Math.min(below, box.top - view.top);
}

interface Loaded {
  detail?: ChangeRequestDetail;
  history?: EntityHistory;
  audit?: AuditEntry[];
  problem?: string;
}

/**
 * What an approver reads before deciding one request, under its row: the
 * reasons and expected impact, each source's confidence, the changes against
 * the current master data, the request's audit trail, and the entity's
 * segment history with the trend behind the move.
 */
export function RequestDetails({ client, item, id }: { client: ServiceClient | undefined; item: QueueItem; id: string }) {
  const styles = useQueueStyles();
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const rec = item.recommendation;

  useEffect(() => {
    if (!client) return;
    const controller = new AbortController();
    const { signal } = controller;
    const history =
      item.entityId && (item.dimension === "product" || item.dimension === "customer")
        ? client.call("entityHistory", { params: { dimension: item.dimension, id: item.entityId } }, { signal })
        : Promise.resolve(undefined);
    Promise.all([client.call("readChangeRequest", { params: { id: item.request.id } }, { signal }), client.call("readAudit", { query: { entity: item.request.id } }, { signal }), history])
      .then(([detail, audit, h]) => setLoaded({ detail, audit: audit.entries, history: h }))
      .catch((error: unknown) => {
        if (!signal.aborted) setLoaded({ problem: toMessage(error).text });
      });
    return () => controller.abort();
  }, [client, item]);

  // Opened near the bottom of the queue, the details would sit below its fold: bring them up, never the row's own line out of view.
  const region = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => revealUnderRow(region.current), [loaded]);

  const trend = rec ? evidenceTrend(rec) : undefined;
  const agreement = rec ? sourcesAgreement(rec) : undefined;
  const diff = loaded?.detail?.diff;
  const name = item.entityId ?? itemLabel(item);
  return (
    <div ref={region} id={id} className={styles.details} role="region" aria-label={`Details of ${name}`} data-testid="request-details">
      {rec && (
        <>
          <Text as="p" className={styles.meta} data-testid="confidences">
            {[...confidenceParts(rec), agreement].filter(Boolean).join(" · ")}
          </Text>
          <Text as="p" className={styles.meta}>{`Raised by ${item.request.createdBy} · expires ${when(item.request.expiresAt)}`}</Text>
          <h4 className={styles.detailHeading}>Why, and what it changes</h4>
          <ul className={styles.detailList} aria-label={`Reasons for ${name}`}>
            {reasonSentences(rec).map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </>
      )}
      {!rec && <Text as="p">{`${item.request.justification} (raised by ${item.request.createdBy}, expires ${when(item.request.expiresAt)})`}</Text>}
      {loaded?.detail?.payload?.run && (
        <>
          <h4 className={styles.detailHeading}>How the run was made</h4>
          <ul className={styles.detailList} aria-label={`Run behind ${name}`} data-testid="run-provenance">
            {describeRun(loaded.detail.payload.run).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
      {loaded?.detail?.approvalSteps && loaded.detail.approvalSteps.length > 1 && (
        <>
          <h4 className={styles.detailHeading}>Approval steps</h4>
          <ol className={styles.detailList} aria-label={`Approval steps of ${name}`} data-testid="approval-steps">
            {loaded.detail.approvalSteps.map((step, i) => (
              <li key={i}>
                {step.decidedBy
                  ? `${step.role}: approved by ${step.decidedBy}${step.decidedAt ? `, ${when(step.decidedAt, timeFormat)}` : ""}`
                  : `${step.role}: ${loaded.detail?.nextStep === step.role && !loaded.detail.approvalSteps!.slice(0, i).some((s) => !s.decidedBy) ? "next to approve" : "waits"}`}
              </li>
            ))}
          </ol>
        </>
      )}
      <h4 className={styles.detailHeading}>Changes against the current master data</h4>
      {!loaded && client && <Spinner size="extra-tiny" label="Reading the changes and history" />}
      {loaded?.problem && <Text as="p">{`Could not read the details: ${loaded.problem}`}</Text>}
      {loaded?.detail &&
        (diff === undefined ? (
          <Text as="p">
            {loaded.detail.kind === "policies"
              ? `${formatCount(loaded.detail.size)} policy rows proposed.`
              : loaded.detail.kind === "rates"
                ? `${formatCount(loaded.detail.size)} activity rates proposed (the whole rate table).`
                : "No diff (the request is no longer pending)."}
          </Text>
        ) : diff.length === 0 ? (
          <Text as="p">It would change nothing against the current version.</Text>
        ) : (
          <>
            {diff.length < loaded.detail.size && (
              <Text as="p" className={styles.meta}>{`${formatCount(diff.length)} of its ${formatCount(loaded.detail.size)} changes move a segment; the others match the master data already.`}</Text>
            )}
            <ul className={styles.detailList} aria-label={`Changes of ${name}`}>
              {diff.slice(0, CHANGES_SHOWN).map((d) => (
                <li key={d.entityId}>{`${d.entityId}: ${d.from ?? "none"} → ${d.to ?? "none"}`}</li>
              ))}
              {diff.length > CHANGES_SHOWN && <li>{`and ${formatCount(diff.length - CHANGES_SHOWN)} more`}</li>}
            </ul>
          </>
        ))}
      {loaded?.audit && loaded.audit.length > 0 && (
        <>
          <h4 className={styles.detailHeading}>Audit trail</h4>
          <ol className={styles.detailList} aria-label={`Audit trail of ${name}`}>
            {/* A recommendation's own justification is the generator's raw text; its reasons are said in words above. */}
            {loaded.audit.map((e) => (
              <li
                key={e.seq}
              >{`${when(e.at, timeFormat)}: ${e.actor} ${ACTIONS[e.action] ?? e.action.replace(/^change_request\./, "")}${e.reason && !(rec && e.action === "change_request.created") ? `: ${e.reason}` : ""}`}</li>
            ))}
          </ol>
        </>
      )}
      {item.entityId && (
        <section aria-label={`History of ${item.entityId}`} data-testid="entity-history">
          <h4 className={styles.detailHeading}>{`History of ${item.entityId}`}</h4>
          {trend && (
            <div className={styles.trend}>
              <Sparkline feature={trend.feature} points={trend.points} bound={trend.bound} />
              <Text className={styles.meta}>{`${trend.points.length} periods, ${trend.points[0].period} – ${trend.points[trend.points.length - 1].period}`}</Text>
            </div>
          )}
          {loaded?.history &&
            (loaded.history.changes.length === 0 ? (
              <Text as="p">No segment change applied yet.</Text>
            ) : (
              <ol className={styles.detailList} aria-label={`Segment changes of ${item.entityId}`}>
                {[...loaded.history.changes].reverse().map((c) => (
                  <li key={`${c.version}-${c.changeRequestId ?? ""}`}>{`${when(c.effectiveAt)}: ${c.from ?? "none"} → ${c.to ?? "none"} (version ${c.version}, ${c.approvedBy}): ${c.reason}`}</li>
                ))}
              </ol>
            ))}
        </section>
      )}
    </div>
  );
}

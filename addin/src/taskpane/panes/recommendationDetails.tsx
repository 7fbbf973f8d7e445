import { Spinner, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { ChangeRequestDetail, EntityHistory } from "../../../../shared/src/api";
import type { ServiceClient } from "../../api/serviceClient";
import { toMessage } from "../ui/useOperation";
import { formatCount } from "./recommendations/format";
import type { QueueItem } from "./recommendations/queueModel";
import { confidenceLabel, evidenceTrend, impactSentences, rationaleSentences } from "./recommendations/rationale";
import { Sparkline } from "./recommendations/Sparkline";
import { useQueueStyles } from "./recommendations/styles";

/** Changes listed in place before "and N more": a run can move thousands. */
const CHANGES_SHOWN = 20;
const dateFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });
const when = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : dateFormat.format(new Date(iso)));

interface Loaded {
  detail?: ChangeRequestDetail;
  history?: EntityHistory;
  problem?: string;
}

/**
 * What an approver reads before deciding one request, under its row: the
 * reasons, the expected impact, the changes against the current master data,
 * and the entity's segment history with the trend behind the move.
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
    Promise.all([client.call("readChangeRequest", { params: { id: item.request.id } }, { signal }), history])
      .then(([detail, h]) => setLoaded({ detail, history: h }))
      .catch((error: unknown) => {
        if (!signal.aborted) setLoaded({ problem: toMessage(error).text });
      });
    return () => controller.abort();
  }, [client, item]);

  const trend = rec ? evidenceTrend(rec) : undefined;
  const impact = rec ? impactSentences(rec.impact) : [];
  const diff = loaded?.detail?.diff;
  const name = item.entityId ?? "the request";
  return (
    <div id={id} className={styles.details} role="region" aria-label={`Details of ${name}`} data-testid="request-details">
      {rec && (
        <>
          <Text as="p" className={styles.meta}>
            {`${confidenceLabel(rec)} · ${item.request.createdBy} · expires ${when(item.request.expiresAt)}`}
          </Text>
          <h4 className={styles.detailHeading}>Why</h4>
          <ul className={styles.detailList} aria-label={`Reasons for ${name}`}>
            {rationaleSentences(rec).map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
          <h4 className={styles.detailHeading}>Expected impact</h4>
          {impact.length ? (
            <ul className={styles.detailList} aria-label={`Expected impact for ${name}`}>
              {impact.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : (
            <Text as="p" className={styles.meta}>
              {rec.impact ? "Safety stock, service level and fill rate stay as they are." : "No impact could be priced."}
            </Text>
          )}
        </>
      )}
      {!rec && <Text as="p">{item.request.justification}</Text>}
      <h4 className={styles.detailHeading}>Changes against the current master data</h4>
      {!loaded && client && <Spinner size="extra-tiny" label="Reading the changes and history" />}
      {loaded?.problem && <Text as="p">{`Could not read the details: ${loaded.problem}`}</Text>}
      {loaded?.detail &&
        (diff === undefined ? (
          <Text as="p">{loaded.detail.kind === "policies" ? `${formatCount(loaded.detail.size)} policy rows proposed.` : "No diff (the request is no longer pending)."}</Text>
        ) : diff.length === 0 ? (
          <Text as="p">It would change nothing against the current version.</Text>
        ) : (
          <ul className={styles.detailList} aria-label={`Changes of ${name}`}>
            {diff.slice(0, CHANGES_SHOWN).map((d) => (
              <li key={d.entityId}>{`${d.entityId}: ${d.from ?? "none"} → ${d.to ?? "none"}`}</li>
            ))}
            {diff.length > CHANGES_SHOWN && <li>{`and ${formatCount(diff.length - CHANGES_SHOWN)} more`}</li>}
          </ul>
        ))}
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

import { Button, MessageBar, MessageBarActions, MessageBarBody, Text } from "@fluentui/react-components";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { can } from "../../../../shared/src/api";
import type { ServiceClient } from "../../api/serviceClient";
import { Choice } from "../ui/fields";
import { MessageList, OperationStatus, useOperation, type Message, type Step } from "../ui/useOperation";
import { ActionBar } from "./recommendations/ActionBar";
import { approveSelected, rejectSelected, type DecisionOutcome } from "./recommendations/decide";
import { formatCount } from "./recommendations/format";
import { generatedMessage } from "./segmentation/generatedWords";
import { runJob } from "../runs/runJob";
import { loadQueue } from "./recommendations/loadQueue";
import { QueueFilters, SearchBox } from "./recommendations/QueueFilters";
import { QueueList } from "./recommendations/QueueList";
import { activeFilters, emptyExplanation, groupQueue, itemLabel, matches, NO_FILTER, type QueueFilter, type QueueItem } from "./recommendations/queueModel";
import { SORT_OPTIONS, type QueueSort } from "./recommendations/queueSort";
import { useQueueStyles } from "./recommendations/styles";

export interface RecommendationsPaneProps {
  client: ServiceClient | undefined;
  role: string | undefined;
  /** after an approval changed master data: TIER.SEGMENT / TIER.POLICY cells recalculate */
  onMasterDataChanged?: () => Promise<void>;
}

/** A search that finds at most this many requests opens their groups at once. */
const OPEN_ON_SEARCH = 10;
/** Below this the pane stops shrinking with the window and the page scrolls instead. */
const MIN_PANE_HEIGHT = 360;

/**
 * Keeps the pane exactly as tall as the window below its top, so it scrolls
 * inside itself and its action bar (sticky at the bottom) stays in view: the
 * page's own column clips sideways overflow, which would otherwise keep a
 * sticky bar from following the window.
 */
function useFitToWindow(ref: React.RefObject<HTMLElement | null>) {
  useLayoutEffect(() => {
    const fit = () => {
      const el = ref.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top + window.scrollY;
      const height = `${Math.max(MIN_PANE_HEIGHT, Math.floor(window.innerHeight - top - 12))}px`;
      if (el.style.height !== height) el.style.height = height;
    };
    fit();
    window.addEventListener("resize", fit);
    // What sits above the pane (header, notices) can change height after the pane is laid out.
    const observer = typeof ResizeObserver === "undefined" ? undefined : new ResizeObserver(fit);
    observer?.observe(document.body);
    return () => {
      window.removeEventListener("resize", fit);
      observer?.disconnect();
    };
  }, [ref]);
}

/**
 * The approver's queue: every pending change request, grouped by where it
 * came from, dimension and from → to, one line each, details under the row;
 * filters that say what they hide; a bar pinned to the bottom that decides
 * the selection with one reason.
 */
export function RecommendationsPane({ client, role, onMasterDataChanged }: RecommendationsPaneProps) {
  const styles = useQueueStyles();
  const pane = useRef<HTMLElement>(null);
  useFitToWindow(pane);
  const [items, setItems] = useState<QueueItem[]>([]);
  const [versions, setVersions] = useState<Record<string, number>>({});
  const [loaded, setLoaded] = useState(false);
  const [filter, setFilter] = useState<QueueFilter>(NO_FILTER);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [sort, setSort] = useState<QueueSort>("default");
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState("");
  const [outcome, setOutcome] = useState<DecisionOutcome | undefined>();
  const [notes, setNotes] = useState<Message[]>([]);
  const [generateFor, setGenerateFor] = useState<"product" | "customer">("product");
  const operation = useOperation();
  const { run } = operation;
  const canDecide = can(role, "decide");
  const canGenerate = can(role, "run");

  const refresh = useCallback(
    async ({ signal, progress }: Step) => {
      if (!client) throw new Error("Sign in to the Tierline service first (Settings).");
      const queue = await loadQueue(client, signal, progress);
      setItems(queue.items);
      setVersions(queue.versions);
      setLoaded(true);
      const pending = new Set(queue.items.map((i) => i.request.id));
      setSelected((s) => new Set([...s].filter((id) => pending.has(id))));
      return pending;
    },
    [client],
  );
  const load = useCallback(
    () =>
      run("Loading pending requests", async (step) => {
        await refresh(step);
      }),
    [run, refresh],
  );

  useEffect(() => {
    if (client) void load();
  }, [client, load]);

  const shown = useMemo(() => items.filter((i) => matches(i, filter)), [items, filter]);
  const groups = useMemo(() => groupQueue(shown, sort), [shown, sort]);
  const selectedItems = useMemo(() => items.filter((i) => selected.has(i.request.id)), [items, selected]);
  const shownIds = useMemo(() => new Set(shown.map((i) => i.request.id)), [shown]);
  const active = activeFilters(filter);
  const empty = emptyExplanation(items, filter, shown.length);

  const select = (ids: string[], on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const decide = (decision: "approve" | "reject") =>
    run(decision === "approve" ? "Approving" : "Rejecting", async (step) => {
      if (!client) throw new Error("Sign in to the Tierline service first (Settings).");
      const requests = selectedItems.map((i) => ({ id: i.request.id, dimension: i.dimension, entityIds: i.entityId ? [i.entityId] : [], label: itemLabel(i) }));
      const verb = decision === "approve" ? "Approving" : "Rejecting";
      const result = await (decision === "approve" ? approveSelected : rejectSelected)(client, requests, reason.trim(), {
        expectedVersions: versions,
        signal: step.signal,
        onProgress: (done, total) => step.progress(done, total, `${verb} ${formatCount(Math.min(done + 1, total))} of ${formatCount(total)}`),
      });
      setSelected(new Set());
      setReason("");
      setOutcome(result);
      if (decision === "approve" && result.decided.length > 0) await onMasterDataChanged?.();
      const pending = await refresh(step);
      // A refused request retired meanwhile (or decided by someone else) is gone from the queue: the outcome says so.
      setOutcome({ ...result, refused: result.refused.map((r) => ({ ...r, leftQueue: !pending.has(r.id) })) });
    });

  const generate = () =>
    run("Generating recommendations", async (step) => {
      if (!client) throw new Error("Sign in to the Tierline service first (Settings).");
      const result = await runJob(client, "generateRecommendations", { dimension: generateFor, source: "rule" }, step);
      setNotes([generatedMessage(result, generateFor)]);
      await refresh(step);
    });

  return (
    <section ref={pane} aria-labelledby="recommendations-heading" className={`tl-pane ${styles.pane}`} data-testid="recommendations-pane">
      <div className={styles.scroller} data-testid="queue-scroll">
        <h2 id="recommendations-heading" className={styles.heading}>
          Recommendations
        </h2>
        <Text as="p" size={200} className={styles.intro}>
          {`Pending change requests, grouped by source, dimension and move.${canDecide ? "" : " Deciding needs the approver role."}`}
        </Text>
        {!client && <MessageList messages={[{ intent: "warning", title: "Not signed in", text: "Sign in under Settings to see pending requests." }]} />}
        {canGenerate && (
          <div className={styles.toolbar}>
            <div className={styles.search}>
              <Choice
                label="Generate for"
                value={generateFor}
                options={[
                  { value: "product", text: "Products" },
                  { value: "customer", text: "Customers" },
                ]}
                onChange={(v) => setGenerateFor(v === "customer" ? "customer" : "product")}
              />
            </div>
            <Button onClick={() => void generate()} disabled={!client || operation.busy}>
              Generate recommendations
            </Button>
          </div>
        )}
        <MessageList messages={notes} onDismiss={(i) => setNotes((n) => n.filter((_, k) => k !== i))} />
        <div className={styles.toolbar}>
          <SearchBox value={filter.text} onChange={(text) => setFilter((f) => ({ ...f, text }))} />
          <Button aria-expanded={filtersOpen} onClick={() => setFiltersOpen((o) => !o)}>
            {`Filters${activeFilters({ ...filter, text: "" }).length ? ` (${activeFilters({ ...filter, text: "" }).length})` : ""}`}
          </Button>
          <Button appearance="subtle" onClick={() => void load()} disabled={!client || operation.busy}>
            Reload
          </Button>
        </div>
        <QueueFilters items={items} filter={filter} onChange={setFilter} open={filtersOpen} />
        <div className={styles.search}>
          <Choice label="Sort by" value={sort} options={SORT_OPTIONS} onChange={(v) => setSort(SORT_OPTIONS.find((o) => o.value === v)?.value ?? "default")} />
        </div>
        {loaded && items.length > 0 && (
          <div className={styles.status} data-testid="queue-status">
            <Text
              size={200}
            >{`${formatCount(shown.length)} of ${formatCount(items.length)} pending shown, in ${formatCount(groups.length)} group${groups.length === 1 ? "" : "s"}${active.length ? ` (${active.join(", ")})` : ""}.`}</Text>
            {active.length > 0 && !empty && (
              <Button size="small" appearance="transparent" onClick={() => setFilter(NO_FILTER)}>
                Clear filters
              </Button>
            )}
          </div>
        )}
        {loaded && items.length === 0 && <Text className={styles.empty}>No change request is waiting for a decision.</Text>}
        {empty && (
          <MessageBar intent="info" layout="multiline" data-testid="queue-empty">
            <MessageBarBody>{empty}</MessageBarBody>
            <MessageBarActions>
              <Button size="small" onClick={() => setFilter(NO_FILTER)}>
                Clear filters
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        <QueueList client={client} groups={groups} selected={selected} onSelect={select} canDecide={canDecide} openAll={filter.text.trim() !== "" && shown.length <= OPEN_ON_SEARCH} />
      </div>
      {canDecide ? (
        <ActionBar
          selected={selectedItems}
          shown={shownIds}
          reason={reason}
          onReason={setReason}
          onDecide={(d) => void decide(d)}
          onClear={() => setSelected(new Set())}
          operation={operation}
          outcome={outcome}
          onDismissOutcome={() => setOutcome(undefined)}
        />
      ) : (
        <div className={styles.bar}>
          <OperationStatus operation={operation} />
        </div>
      )}
    </section>
  );
}

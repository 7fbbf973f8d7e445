import { Badge, Button, Checkbox, Field, Input, Link, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Textarea } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState } from "react";
import { can, isRecommendationSource, type AuditEntry, type ChangeRequestDetail, type ChangeRequestSummary, type Recommendation } from "../../../../shared/src/api";
import { ServiceError, type ServiceClient } from "../../api/serviceClient";
import { Choice } from "../ui/fields";
import { MessageList, OperationStatus, toMessage, useOperation, type Message } from "../ui/useOperation";
import { RecommendationSummary } from "./recommendationDetails";

export type SortKey = "newest" | "oldest" | "largest" | "expiring" | "confidence";

/**
 * The pending requests shown, filtered and sorted as the planner chose.
 * `confidence` (by change request id) ranks the recommendations; requests
 * without one (runs, hand edits) have no confidence and sort after them.
 */
export function visibleRequests(
  requests: readonly ChangeRequestSummary[],
  filter: { dimension: string; source: string; text: string },
  sort: SortKey,
  confidence: ReadonlyMap<string, number> = new Map(),
): ChangeRequestSummary[] {
  const text = filter.text.trim().toLowerCase();
  const kept = requests.filter(
    (r) =>
      (filter.dimension === "all" || r.dimension === filter.dimension) &&
      (filter.source === "all" || r.source === filter.source) &&
      (text === "" || `${r.justification} ${r.createdBy} ${r.id}`.toLowerCase().includes(text)),
  );
  const by: Record<SortKey, (a: ChangeRequestSummary, b: ChangeRequestSummary) => number> = {
    newest: (a, b) => b.createdAt.localeCompare(a.createdAt),
    oldest: (a, b) => a.createdAt.localeCompare(b.createdAt),
    largest: (a, b) => b.size - a.size,
    expiring: (a, b) => a.expiresAt.localeCompare(b.expiresAt),
    confidence: (a, b) => (confidence.get(b.id) ?? -1) - (confidence.get(a.id) ?? -1),
  };
  return [...kept].sort((a, b) => by[sort](a, b) || a.id.localeCompare(b.id));
}

/** The master-data version a request is reviewed against: the policy table's for policy edits. */
async function currentVersion(client: ServiceClient, dimension: string, signal: AbortSignal): Promise<number> {
  if (dimension === "policy") return (await client.call("readPolicies", {}, { signal })).version;
  return (await client.call("listVersions", { query: { dimension } }, { signal })).current;
}
const shortDate = (iso: string) => iso.slice(0, 16).replace("T", " ");

export interface RecommendationsPaneProps {
  client: ServiceClient | undefined;
  role: string | undefined;
  /** after an approval changed master data: TIER.SEGMENT / TIER.POLICY cells recalculate */
  onMasterDataChanged?: () => Promise<void>;
}

/**
 * What an approver decides today: the pending change requests (segmentation
 * runs, hand edits, policy edits, and recommendations once they exist), with
 * the diff, approve or reject with a reason, one or many at once. Each
 * approval carries the version the approver reviewed; if the master data
 * moved on meanwhile the service answers 409 and the pane says so.
 */
export function RecommendationsPane({ client, role, onMasterDataChanged }: RecommendationsPaneProps) {
  const [requests, setRequests] = useState<ChangeRequestSummary[]>([]);
  const [recommendations, setRecommendations] = useState<ReadonlyMap<string, Recommendation>>(new Map());
  const [generateFor, setGenerateFor] = useState<"product" | "customer">("product");
  const [reviewed, setReviewed] = useState<Record<string, number>>({});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState({
    dimension: "all",
    source: "all",
    text: "",
  });
  const [sort, setSort] = useState<SortKey>("newest");
  const [reason, setReason] = useState("");
  const [reasonTouched, setReasonTouched] = useState(false);
  const [detail, setDetail] = useState<ChangeRequestDetail | undefined>();
  const [audit, setAudit] = useState<{ entity: string; entries: AuditEntry[] } | undefined>();
  const [outcomes, setOutcomes] = useState<Message[]>([]);
  const operation = useOperation();
  const { run: runOperation } = operation;
  const canDecide = can(role, "decide");
  const canGenerate = can(role, "run");

  const load = useCallback(
    () =>
      runOperation("Loading pending requests", async ({ signal, progress }) => {
        if (!client) throw new Error("Sign in to the Tierline service first (Settings).");
        progress(0, 3, "Reading pending change requests");
        const { changeRequests: pending } = await client.call("listChangeRequests", { query: { status: "pending" } }, { signal });
        progress(1, 3, "Reading the recommendations behind them");
        // Confidence, rationale and impact live on the recommendation, linked by change request id.
        const recs = pending.some((r) => isRecommendationSource(r.source)) ? (await client.call("listRecommendations", { query: { status: "pending" } }, { signal })).recommendations : [];
        progress(2, 3, "Reading the current versions");
        // The version each request is reviewed against: approving sends it back as expectedVersion.
        const dimensions = [...new Set(pending.map((r) => r.dimension))];
        const versions = await Promise.all(dimensions.map((d) => currentVersion(client, d, signal)));
        setRequests(pending);
        setRecommendations(new Map(recs.map((r) => [r.changeRequestId, r])));
        setReviewed(Object.fromEntries(dimensions.map((d, i) => [d, versions[i]])));
        setSelected((s) => new Set([...s].filter((id) => pending.some((r) => r.id === id))));
        return pending.length === 0
          ? {
              intent: "info",
              title: "Nothing pending",
              text: "No change request is waiting for a decision.",
            }
          : undefined;
      }),
    [client, runOperation],
  );

  useEffect(() => {
    if (client) void load();
  }, [client, load]);

  const confidence = useMemo(() => new Map([...recommendations].map(([id, r]) => [id, r.confidence])), [recommendations]);
  const shown = useMemo(() => visibleRequests(requests, filter, sort, confidence), [requests, filter, sort, confidence]);
  const sources = useMemo(() => [...new Set(requests.map((r) => r.source))].sort(), [requests]);
  const dimensions = useMemo(() => [...new Set(requests.map((r) => r.dimension))].sort(), [requests]);
  const reasonProblem = reason.trim().length < 3 ? "A reason is required (at least 3 characters): it goes into the audit trail." : undefined;
  const chosen = shown.filter((r) => selected.has(r.id));

  const decide = (decision: "approve" | "reject") =>
    operation.run(decision === "approve" ? "Approving" : "Rejecting", async ({ signal, progress }) => {
      setReasonTouched(true);
      if (!client) throw new Error("Sign in to the Tierline service first (Settings).");
      if (reasonProblem) throw new Error(reasonProblem);
      if (chosen.length === 0) throw new Error("Select at least one request.");
      const expected = { ...reviewed };
      const results: Message[] = [];
      for (const [k, request] of chosen.entries()) {
        signal.throwIfAborted();
        progress(k, chosen.length, `${decision === "approve" ? "Approving" : "Rejecting"} ${k + 1} of ${chosen.length}`);
        try {
          if (decision === "approve") {
            const result = await client.call("approveChangeRequest", { params: { id: request.id }, body: { reason: reason.trim(), expectedVersion: expected[request.dimension] } });
            // Our own approval moved the version: the next request of the batch was reviewed alongside it.
            expected[request.dimension] = result.version;
            results.push({
              intent: "success",
              title: "Approved",
              text: `${describe(request)} → ${request.dimension} version ${result.version}.`,
            });
          } else {
            await client.call("rejectChangeRequest", { params: { id: request.id }, body: { reason: reason.trim() } });
            results.push({
              intent: "success",
              title: "Rejected",
              text: describe(request),
            });
          }
        } catch (error) {
          const message = toMessage(error);
          results.push({
            ...message,
            text: `${describe(request)}: ${message.text}${error instanceof ServiceError && error.status === 409 ? "; reload to review it against the current version." : ""}`,
          });
        }
      }
      setOutcomes(results);
      setSelected(new Set());
      setReason("");
      setReasonTouched(false);
      if (decision === "approve" && results.some((r) => r.title === "Approved")) await onMasterDataChanged?.();
      await load();
    });

  const generate = () =>
    operation.run("Generating recommendations", async ({ signal }) => {
      if (!client) throw new Error("Sign in to the Tierline service first (Settings).");
      const result = await client.call("generateRecommendations", { body: { dimension: generateFor, source: "rule" } }, { signal });
      setOutcomes([
        {
          intent: result.created > 0 ? "success" : "info",
          title: "Recommendations generated",
          text:
            `${result.created} new ${generateFor} recommendation${result.created === 1 ? "" : "s"}` +
            (result.alreadyPending ? `; ${result.alreadyPending} already pending` : "") +
            (result.created === 0 && !result.alreadyPending ? ": the order history gives no entity a sustained reason to change segment." : "."),
        },
      ]);
      await load();
    });

  const openDetail = (id: string) =>
    operation.run("Reading the request", async ({ signal }) => {
      if (!client) return;
      setDetail(await client.call("readChangeRequest", { params: { id } }, { signal }));
    });

  const openAudit = (entity: string) =>
    operation.run("Reading the audit trail", async ({ signal }) => {
      if (!client) return;
      setAudit({ entity, entries: (await client.call("readAudit", { query: { entity, limit: 200 } }, { signal })).entries });
    });

  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? new Set(s).add(id) : new Set([...s].filter((x) => x !== id))));
  const allShown = shown.length > 0 && shown.every((r) => selected.has(r.id));

  return (
    <section aria-labelledby="recommendations-heading" className="tl-pane">
      <h2 id="recommendations-heading">Recommendations</h2>
      <Text as="p" size={200}>
        Pending change requests: segmentation runs, hand edits, policy edits and recommendations (with their confidence, reasons and expected impact). {canDecide ? "" : "Deciding needs the approver role."}
      </Text>
      {!client && (
        <MessageList
          messages={[
            {
              intent: "warning",
              title: "Not signed in",
              text: "Sign in under Settings to see pending requests.",
            },
          ]}
        />
      )}
      <div className="tl-row">
        <Choice label="Dimension" value={filter.dimension} options={[{ value: "all", text: "All" }, ...dimensions]} onChange={(dimension) => setFilter((f) => ({ ...f, dimension }))} />
        <Choice label="Source" value={filter.source} options={[{ value: "all", text: "All" }, ...sources]} onChange={(source) => setFilter((f) => ({ ...f, source }))} />
        <Choice
          label="Sort by"
          value={sort}
          options={[
            { value: "newest", text: "Newest first" },
            { value: "oldest", text: "Oldest first" },
            { value: "largest", text: "Most changes" },
            { value: "expiring", text: "Expiring soonest" },
            { value: "confidence", text: "Most confident" },
          ]}
          onChange={(v) => setSort(v as SortKey)}
        />
      </div>
      <Field label="Search">
        <Input value={filter.text} onChange={(_, d) => setFilter((f) => ({ ...f, text: d.value }))} placeholder="justification, author or id" />
      </Field>
      <div className="tl-actions">
        <Button onClick={() => void load()} disabled={!client || operation.busy}>
          Reload
        </Button>
      </div>
      <div className="tl-row">
        <Choice
          label="Generate for"
          value={generateFor}
          options={[
            { value: "product", text: "Products" },
            { value: "customer", text: "Customers" },
          ]}
          onChange={(v) => setGenerateFor(v === "customer" ? "customer" : "product")}
          hint={canGenerate ? undefined : "Generating needs the planner role."}
        />
      </div>
      <div className="tl-actions">
        <Button onClick={() => void generate()} disabled={!client || !canGenerate || operation.busy}>
          Generate recommendations
        </Button>
      </div>
      <Table aria-label="Pending change requests" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell className="tl-col-check">
              <Checkbox aria-label="Select all shown" checked={allShown ? true : selected.size > 0 ? "mixed" : false} onChange={(_, d) => setSelected(d.checked === true ? new Set(shown.map((r) => r.id)) : new Set())} />
            </TableHeaderCell>
            <TableHeaderCell>Request</TableHeaderCell>
            <TableHeaderCell className="tl-col-size">Size</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((r) => (
            <TableRow key={r.id} data-request-id={r.id}>
              <TableCell>
                <Checkbox aria-label={`Select ${describe(r)}`} checked={selected.has(r.id)} onChange={(_, d) => toggle(r.id, d.checked === true)} />
              </TableCell>
              <TableCell>
                {/* One column for the request, actions included: four columns leave a 320 px pane a word per line. */}
                <div className="tl-badges">
                  <Badge appearance="tint" size="small">
                    {r.source}
                  </Badge>
                  <Badge appearance="outline" size="small">
                    {r.dimension}
                  </Badge>
                </div>
                <div className="tl-justification">{r.justification}</div>
                {recommendations.has(r.id) && <RecommendationSummary recommendation={recommendations.get(r.id)!} />}
                <Text size={100} className="tl-request-meta">
                  by {r.createdBy}, {shortDate(r.createdAt)}; expires {shortDate(r.expiresAt)}
                </Text>
                <div className="tl-request-actions">
                  <Button size="small" onClick={() => void openDetail(r.id)} aria-label={`Changes of ${describe(r)}`}>
                    Changes
                  </Button>
                  <Button size="small" appearance="subtle" onClick={() => void openAudit(r.id)} aria-label={`Audit trail of ${describe(r)}`}>
                    Audit
                  </Button>
                </div>
              </TableCell>
              <TableCell className="tl-col-size">{r.size}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Field label="Reason for the decision" required validationMessage={reasonTouched ? reasonProblem : undefined} validationState={reasonTouched && reasonProblem ? "error" : "none"}>
        <Textarea value={reason} onChange={(_, d) => setReason(d.value)} onBlur={() => setReasonTouched(true)} resize="vertical" />
      </Field>
      <div className="tl-actions">
        <Button appearance="primary" disabled={!canDecide || chosen.length === 0 || operation.busy} onClick={() => void decide("approve")}>
          Approve selected ({chosen.length})
        </Button>
        <Button disabled={!canDecide || chosen.length === 0 || operation.busy} onClick={() => void decide("reject")}>
          Reject selected ({chosen.length})
        </Button>
      </div>
      <OperationStatus operation={operation} />
      <MessageList messages={outcomes} onDismiss={(i) => setOutcomes((o) => o.filter((_, k) => k !== i))} />
      {detail && (
        <section aria-label="Changes of the request" className="tl-detail">
          <h3>Changes: {detail.justification}</h3>
          {detail.diff ? (
            <Table size="extra-small" aria-label="Proposed changes against the current version">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Entity</TableHeaderCell>
                  <TableHeaderCell>Now</TableHeaderCell>
                  <TableHeaderCell>Proposed</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {detail.diff.slice(0, 200).map((d) => (
                  <TableRow key={d.entityId}>
                    <TableCell>
                      <Link as="button" onClick={() => void openAudit(d.entityId)} aria-label={`Audit trail of ${d.entityId}`}>
                        {d.entityId}
                      </Link>
                    </TableCell>
                    <TableCell>{d.from ?? "—"}</TableCell>
                    <TableCell>{d.to ?? "—"}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : (
            <Text size={200}>{detail.kind === "policies" ? `${detail.size} policy rows proposed.` : "No diff (the request is no longer pending)."}</Text>
          )}
          {detail.diff && detail.diff.length > 200 && <Text size={200}>First 200 of {detail.diff.length} changes.</Text>}
          {detail.diff && detail.diff.length === 0 && <Text size={200}>The request would change nothing against the current version.</Text>}
          <Button size="small" onClick={() => setDetail(undefined)}>
            Close changes
          </Button>
        </section>
      )}
      {audit && (
        <section aria-label={`Audit trail of ${audit.entity}`} className="tl-detail">
          <h3>Audit trail: {audit.entity}</h3>
          {audit.entries.length === 0 ? (
            <Text size={200}>No audit entries.</Text>
          ) : (
            <Table size="extra-small" aria-label={`Audit entries of ${audit.entity}`}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className="tl-col-when">When</TableHeaderCell>
                  <TableHeaderCell className="tl-col-who">Who</TableHeaderCell>
                  <TableHeaderCell>What</TableHeaderCell>
                  <TableHeaderCell>Reason</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {audit.entries.map((e) => (
                  <TableRow key={e.seq}>
                    <TableCell>{shortDate(e.at)}</TableCell>
                    <TableCell>{e.actor}</TableCell>
                    <TableCell>{e.action}</TableCell>
                    <TableCell>{e.reason ?? ""}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <Button size="small" onClick={() => setAudit(undefined)}>
            Close audit trail
          </Button>
        </section>
      )}
    </section>
  );
}

function describe(r: ChangeRequestSummary): string {
  return `${r.source} on ${r.dimension} by ${r.createdBy} (${r.size} change${r.size === 1 ? "" : "s"})`;
}

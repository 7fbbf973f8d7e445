/**
 * The approver's queue as data (addin/src/taskpane/panes/recommendations):
 * joining requests with their recommendations, grouping, the filters and the
 * honest "what remains" message when they empty the list, the selection
 * summary (with what the filter hides), the signed money and point changes,
 * each source's confidence, and the decisions going to the bulk route once.
 * Runs in Node's default en-US locale, as the pane's Intl formatters do.
 */
import type { ChangeRequestSummary, Recommendation } from "../../shared/src/api";
import { ServiceClient } from "../../addin/src/api/serviceClient";
import { approveSelected, rejectSelected, type DecidableRequest } from "../../addin/src/taskpane/panes/recommendations/decide";
import { formatMoneyChange, formatPoints } from "../../addin/src/taskpane/panes/recommendations/format";
import {
  activeFilters,
  buildQueue,
  describeSelection,
  describeServiceLevelChange,
  describeValueChange,
  emptyExplanation,
  groupQueue,
  itemLabel,
  matches,
  NO_FILTER,
  summarise,
  type QueueItem,
} from "../../addin/src/taskpane/panes/recommendations/queueModel";
import { confidenceParts, reasonSentences, sourcesAgreement } from "../../addin/src/taskpane/panes/recommendations/rationale";
import { evidenceWords } from "../../addin/src/taskpane/panes/recommendations/queueSort";

let seq = 0;
function request(over: Partial<ChangeRequestSummary> = {}): ChangeRequestSummary {
  seq++;
  return {
    id: `cr-${seq}`,
    kind: "assignments",
    dimension: "product",
    status: "pending",
    source: "recommendation-rule",
    justification: "rule recommendation",
    baseVersion: 3,
    createdBy: "planner",
    createdAt: "2024-12-03T12:52:00.000Z",
    expiresAt: "2025-01-03T12:52:00.000Z",
    decidedBy: null,
    decidedAt: null,
    decisionReason: null,
    appliedVersion: null,
    size: 1,
    ...over,
  };
}

function recommendation(cr: ChangeRequestSummary, over: Partial<Recommendation> = {}): Recommendation {
  return {
    id: `rec-${cr.id}`,
    changeRequestId: cr.id,
    dimension: cr.dimension,
    source: "rule",
    sources: ["rule"],
    entityId: `P${cr.id.slice(3).padStart(4, "0")}`,
    entityName: `Widget ${cr.id}`,
    direction: "upgrade",
    from: "CX",
    to: "AX",
    confidence: 0.8,
    confidenceKind: "persistence",
    confidences: [{ source: "rule", kind: "persistence", value: 0.8, to: over.to ?? "AX" }],
    status: "pending",
    decisionReason: null,
    rationale: [],
    impact: null,
    dataWindow: null,
    modelId: null,
    createdAt: cr.createdAt,
    ...over,
  };
}

/** A queue of three product rule moves (two CX → AX, one BX → AX), a merged customer request and a hand edit. */
function sampleQueue(): QueueItem[] {
  const crs = [request(), request(), request(), request({ dimension: "customer" }), request({ source: "manual", justification: "hand edit of three products", size: 3 })];
  const recs = [
    recommendation(crs[0], { confidence: 0.6, impact: { safetyStock: { units: { from: 10, to: 30 }, value: { from: 100, to: 3_766_219, change: 3_766_119 } }, serviceLevel: { from: 0.9, to: 0.98 } } }),
    recommendation(crs[1], { confidence: 0.9, impact: { safetyStock: { units: { from: 10, to: 8 }, value: { from: 300, to: 93, change: -207 } }, serviceLevel: { from: 0.9, to: 0.95 } } }),
    recommendation(crs[2], { from: "BX", confidence: 0.7, entityName: null }),
    recommendation(crs[3], {
      from: "Transactional",
      to: "Core",
      sources: ["rule", "model"],
      entityName: "Acme Stores",
      confidences: [
        { source: "rule", kind: "persistence", value: 0.83, to: "Core" },
        { source: "model", kind: "probability", value: 0.71, to: "Core" },
      ],
    }),
  ];
  return buildQueue(crs, recs);
}

describe("the queue as data", () => {
  it("joins each request with its recommendation and takes the service's sources, name and direction", () => {
    const items = sampleQueue();
    expect(items.map((i) => i.origin)).toEqual(["rule", "rule", "rule", "both", "manual"]);
    expect(items[3]).toMatchObject({ entityName: "Acme Stores", from: "Transactional", to: "Core", direction: "upgrade", confidence: 0.8 });
    // A recommendation without a name (none in master data) shows none, not "null".
    expect(items[2].entityName).toBeUndefined();
    expect([items[4].entityId, items[4].from, items[4].confidence]).toEqual([undefined, undefined, undefined]);
    expect(itemLabel(items[4])).toBe("hand edit on product (3 changes)");
    expect(itemLabel(items[0])).toBe(`${items[0].entityId} Widget ${items[0].request.id}`);
  });

  it("groups by origin, dimension and move, the largest group first and the most confident row first", () => {
    const groups = groupQueue(sampleQueue());
    expect(groups.map((g) => [g.label, g.items.length])).toEqual([
      ["CX → AX · product · rule", 2],
      ["BX → AX · product · rule", 1],
      // Equal sizes: by label, in the locale's order.
      ["product · hand edit", 1],
      ["Transactional → Core · customer · rule and model", 1],
    ]);
    expect(groups[0].items.map((i) => i.confidence)).toEqual([0.9, 0.6]);
  });

  it("sorts the rows by model probability, rule persistence, impact or age, and the groups by their first row", () => {
    const crs = [request({ createdAt: "2024-12-03T10:00:00.000Z" }), request({ createdAt: "2024-12-01T10:00:00.000Z" }), request({ createdAt: "2024-12-02T10:00:00.000Z" }), request({ dimension: "customer" })];
    const rulePart = (periodsPast: number, periodsRead: number) => ({ feature: "weekly revenue", part: "abc", value: 1, targetSegment: "A", boundary: 10, bound: 12.5, periodsPast, periodsRead });
    const both = (rule: number, model: number) => [
      { source: "rule" as const, kind: "persistence" as const, value: rule, to: "AX" },
      { source: "model" as const, kind: "probability" as const, value: model, to: "AX" },
    ];
    const recs = [
      // The request's confidence is the rule's: the model's probability orders differently.
      recommendation(crs[0], {
        sources: ["rule", "model"],
        confidence: 0.9,
        confidences: both(0.9, 0.55),
        rationale: [rulePart(6, 7)],
        impact: { safetyStock: { units: { from: 1, to: 2 }, value: { from: 1, to: 11, change: 10 } } },
      }),
      recommendation(crs[1], {
        sources: ["rule", "model"],
        confidence: 0.5,
        confidences: both(0.5, 0.97),
        rationale: [rulePart(3, 3)],
        impact: { safetyStock: { units: { from: 9, to: 1 }, value: { from: 900, to: 100, change: -800 } } },
      }),
      recommendation(crs[2], { sources: ["rule", "model"], confidence: 0.7, confidences: both(0.7, 0.8), rationale: [rulePart(4, 5)] }),
      recommendation(crs[3], {
        from: "Core",
        to: "Key",
        source: "model",
        sources: ["model"],
        confidence: 0.99,
        confidenceKind: "probability",
        confidences: [{ source: "model", kind: "probability", value: 0.99, to: "Key" }],
      }),
    ];
    const items = buildQueue(crs, recs);
    const order = (sort: Parameters<typeof groupQueue>[1]) => groupQueue(items, sort).map((g) => g.items.map((i) => i.request.id));
    const [a, b, c, d] = crs.map((r) => r.id);
    expect(order("default")).toEqual([[a, c, b], [d]]);
    expect(order("probability")).toEqual([[d], [b, c, a]]);
    expect(order("persistence")).toEqual([[a, c, b], [d]]);
    // |Δ safety-stock value|: the unpriced move after the priced ones.
    expect(order("impact")).toEqual([[b, a, c], [d]]);
    expect(order("age")).toEqual([[b, c, a], [d]]);
  });

  it("says each source's evidence in plain words on the row", () => {
    const cr = request();
    const rec = recommendation(cr, {
      sources: ["rule", "model"],
      confidences: [
        { source: "rule", kind: "persistence", value: 0.5, to: "AX" },
        { source: "model", kind: "probability", value: 0.8712, to: "AX" },
      ],
      rationale: [
        { feature: "weekly revenue", source: "rule", part: "abc", value: 1, targetSegment: "A", boundary: 10, bound: 12.5, periodsPast: 3, periodsRead: 4 },
        { feature: "CoV of weekly units", source: "rule", part: "xyz", value: 1, targetSegment: "X", boundary: 0.5, bound: 0.375, periodsPast: 5, periodsRead: 5 },
        { feature: "revenue", source: "model", part: "abc", value: 1, targetSegment: "A", currentClass: "C", logOddsContribution: 1.2 },
      ],
    });
    // The part that held least speaks for the rule: every part must hold for the move.
    expect(evidenceWords(rec)).toEqual(["Rule: past the boundary 3 of the last 4 periods", "Model: 87.1% likely to leave C"]);
    expect(evidenceWords({ ...rec, rationale: [{ ...rec.rationale[1], periodsRead: undefined }] })).toEqual(["Rule: past the boundary the last 5 periods", "Model: 87.1% likely to leave CX"]);
    expect(evidenceWords(undefined)).toEqual([]);
  });

  it("filters by dimension, source, confidence, direction, segment and id or name, and says so in words", () => {
    const items = sampleQueue();
    const shown = (f: Partial<typeof NO_FILTER>) => items.filter((i) => matches(i, { ...NO_FILTER, ...f })).map((i) => i.request.id);
    expect(shown({})).toHaveLength(5);
    expect(shown({ dimension: "customer" })).toEqual([items[3].request.id]);
    expect(shown({ origin: "both" })).toEqual([items[3].request.id]);
    // Runs and hand edits have no confidence: any minimum above 0 hides them.
    expect(shown({ minConfidence: 0.7 })).toEqual([items[1], items[2], items[3]].map((i) => i.request.id));
    expect(shown({ from: "BX" })).toEqual([items[2].request.id]);
    expect(shown({ direction: "downgrade" })).toEqual([]);
    expect(shown({ text: "acme" })).toEqual([items[3].request.id]);
    expect(shown({ text: items[0].entityId!.toLowerCase() })).toEqual([items[0].request.id]);
    expect(activeFilters({ ...NO_FILTER, dimension: "customer", minConfidence: 0.8, direction: "upgrade", origin: "segmentation-run", text: " acme " })).toEqual([
      "customer",
      "from segmentation run",
      "confidence ≥ 80%",
      "upgrades",
      "name or id “acme”",
    ]);
  });

  it("says honestly what remains when a filter empties the list", () => {
    const items = sampleQueue();
    const products = items.filter((i) => i.dimension === "product");
    // Nothing to explain while something shows, or when nothing is pending at all.
    expect(emptyExplanation(items, NO_FILTER, items.length)).toBeUndefined();
    expect(emptyExplanation([], { ...NO_FILTER, dimension: "customer" }, 0)).toBeUndefined();
    expect(emptyExplanation(products, { ...NO_FILTER, dimension: "customer" }, 0)).toBe("No customer requests left; 4 product requests pending.");
    expect(emptyExplanation(items, { ...NO_FILTER, dimension: "product", minConfidence: 0.95 }, 0)).toBe("No product requests match confidence ≥ 95%; 4 product requests pending (5 in all).");
    expect(emptyExplanation(items, { ...NO_FILTER, text: "nobody" }, 0)).toBe("No requests match name or id “nobody”; 4 product requests and 1 customer request pending.");
  });

  it("summarises a selection: count, what the filter hides, Δ safety-stock value and Δ service level", () => {
    const items = sampleQueue();
    const selected = items.slice(0, 3);
    const shown = new Set([items[0].request.id]);
    const s = summarise(selected, shown);
    expect(s).toMatchObject({ count: 3, hidden: 2, priced: 2, valueChange: 3_765_912 });
    expect(describeSelection(s)).toBe("3 selected, 2 of them hidden by the filter");
    expect(describeSelection(summarise(selected))).toBe("3 selected");
    expect(describeSelection(summarise(selected.slice(1, 2), shown))).toBe("1 selected, hidden by the filter");
    expect(describeSelection(summarise(selected.slice(1), shown))).toBe("2 selected, all hidden by the filter");
    expect(describeValueChange(s)).toBe("Δ safety-stock value +3,765,912 (2 of 3 priced)");
    expect(describeServiceLevelChange(s)).toBe("Δ service level +5 to +8 pp (avg +6.5 pp)");
    expect(describeValueChange(summarise([items[3]]))).toBe("Δ safety-stock value: not priced");
  });

  it("writes money and point changes with a sign, a true minus and thousands separators", () => {
    expect(formatMoneyChange(3_766_119)).toBe("+3,766,119");
    expect(formatMoneyChange(-207.4)).toBe("\u2212207");
    expect(formatMoneyChange(0)).toBe("0");
    expect(formatPoints(-0.05)).toBe("\u22125 pp");
  });
});

describe("the rationale's presentation", () => {
  it("names each source's confidence for what it is, and whether merged sources agree", () => {
    const merged = sampleQueue()[3].recommendation!;
    expect(confidenceParts(merged)).toEqual(["Rule persistence 83%", "Model probability 71%"]);
    expect(sourcesAgreement(merged)).toBe("Rule and model agree on Core");
    const split = { ...merged, confidences: [merged.confidences[0], { ...merged.confidences[1], to: "Key" }] };
    expect(sourcesAgreement(split)).toBe("Rule and model disagree: the rule proposes Core, the model proposes Key");
    expect(sourcesAgreement(sampleQueue()[0].recommendation!)).toBeUndefined();
  });

  it("takes its sentences from the shared wording: entity id and name, readable numbers, no raw ids", () => {
    const cr = request();
    const rec = recommendation(cr, {
      entityId: "P0010",
      entityName: "Widget",
      rationale: [{ feature: "margin_pct", source: "rule", part: "abc", value: 0.31234, targetSegment: "A", boundary: 0.25, bound: 0.3125, periodsPast: 3 }],
      impact: { safetyStock: { units: { from: 10, to: 10 }, value: null }, serviceLevel: { from: 0.9, to: 0.9 }, policyNotes: ["no policy row covers AX"] },
    });
    const sentences = reasonSentences(rec);
    expect(sentences[0]).toBe("P0010 (Widget): CX → AX, an upgrade.");
    expect(sentences.join(" ")).not.toMatch(/margin_pct|\d\.\d{4,}|90% → 90%/);
    expect(sentences.at(-1)).toBe("No policy row covers AX.");
  });
});

describe("deciding", () => {
  type Sent = { method: string; url: string; body: Record<string, unknown> };
  function fake(answer: (sent: Sent) => unknown) {
    const sent: Sent[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      const s = { method: String(init.method), url, body: init.body ? JSON.parse(String(init.body)) : undefined };
      sent.push(s);
      return new Response(JSON.stringify(answer(s)), { status: 200, headers: { "Content-Type": "application/json" } });
    }) as unknown as typeof fetch;
    return { client: new ServiceClient({ url: "https://svc.test", token: "tl_x" }, fetchImpl), sent };
  }
  const req = (id: string, dimension = "product", entityIds = [`E-${id}`]): DecidableRequest => ({ id, dimension, entityIds, label: `request ${id}` });

  it("approves a selection in one bulk call with the versions reviewed, and lists each refusal with the service's reason", async () => {
    const { client, sent } = fake(() => ({
      versions: { product: 8, customer: 5 },
      approved: [
        { id: "a", dimension: "product", entityIds: ["E-a"] },
        { id: "run", dimension: "customer", entityIds: ["C1", "C2"] },
      ],
      refused: [{ id: "b", status: 409, reason: "Retired: E-b is already in AX (version 7); this request proposed CX → AX. It can no longer be approved." }],
    }));
    const outcome = await approveSelected(client, [req("a"), req("b"), req("run", "customer", [])], "sells like an A item", { expectedVersions: { product: 7, customer: 4 } });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: "POST",
      url: "https://svc.test/api/v1/change-requests/approve",
      body: { ids: ["a", "b", "run"], reason: "sells like an A item", expectedVersions: { product: 7, customer: 4 } },
    });
    expect(outcome.versions).toEqual({ product: 8, customer: 5 });
    // The service names every entity a run moved, which the queue did not know.
    expect(outcome.decided.map((d) => [d.id, d.entityIds])).toEqual([
      ["a", ["E-a"]],
      ["run", ["C1", "C2"]],
    ]);
    expect(outcome.refused).toEqual([{ id: "b", entityIds: ["E-b"], label: "request b", status: 409, reason: expect.stringMatching(/^Retired: E-b is already in AX/) }]);
  });

  it("reads a dimension's current version when the queue has none, and rejects one request at a time", async () => {
    const { client, sent } = fake((s) =>
      s.url.includes("/versions") ? { current: 12, versions: [] } : s.url.endsWith("/reject") ? { changeRequest: request({ status: "rejected" }) } : { versions: { product: 13 }, approved: [], refused: [] },
    );
    await approveSelected(client, [req("a")], "agreed");
    expect(sent.map((s) => s.url)).toEqual(["https://svc.test/api/v1/versions?dimension=product", "https://svc.test/api/v1/change-requests/approve"]);
    expect(sent[1].body).toMatchObject({ expectedVersions: { product: 12 } });
    const rejected = await rejectSelected(client, [req("x"), req("y")], "not now");
    expect(sent.slice(2).map((s) => s.url)).toEqual(["https://svc.test/api/v1/change-requests/x/reject", "https://svc.test/api/v1/change-requests/y/reject"]);
    expect(rejected.decided.map((d) => d.id)).toEqual(["x", "y"]);
  });
});

/**
 * When rule and model propose different segments for one entity: the rule's
 * deterministic target is the request's, the model's say stays on it as
 * evidence. Proposals are written by hand (the engines rarely disagree on
 * demo data) and raised through the service's own raising code on a real
 * store; the outcome is read back over HTTP.
 */
import type { Recommendation } from "../../shared/src/api";
import { describeRecommendation } from "../../shared/src/ml";
import type { Actor } from "../../service/src/auth/actor";
import { raiseProposals, type EntityProposal } from "../../service/src/useCases/raiseRecommendations";
import { STORES, startTestService, type TestService } from "./harness";

jest.setTimeout(60_000);

const planner: Actor = { tokenId: null, subject: "planner-disagree", name: "planner-disagree", role: "planner" };
const format = (v: number, o?: Intl.NumberFormatOptions) => new Intl.NumberFormat("en-GB", o).format(v);

function proposal(source: "rule" | "model", entityId: string, from: string, to: string, confidence: number): EntityProposal {
  const kind = source === "rule" ? "persistence" : "probability";
  const rationale =
    source === "rule"
      ? [{ feature: "revenue per period", part: "abc", value: 5000, targetSegment: to.charAt(0), boundary: 3000, bound: 3750, periodsPast: 3, source }]
      : [{ feature: "margin_pct", part: "abc", value: 0.31, logOddsContribution: 1.2, standardised: 0.8, targetSegment: to.charAt(0), source }];
  return {
    entityId,
    from,
    to,
    detail: { abc: to.charAt(0), xyz: to.charAt(1) },
    justification: `${source} says ${to}`,
    impact: null,
    source,
    sources: [source],
    confidences: [{ source, kind, value: confidence, to }],
    rationale,
    window: source === "rule" ? { fromWeek: 3, toWeek: 26, periodWeeks: 4, periods: ["a", "b", "c", "d", "e", "f"] } : { fromWeek: 15, toWeek: 26 },
    modelId: source === "model" ? "00000000-0000-4000-8000-00000000000a" : null,
  };
}

describe.each(STORES)("rule and model disagree (%s)", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store);
  });
  afterAll(async () => {
    await t?.close();
  });

  const segmentOf = async (id: string): Promise<string> => (await t.api("GET", `/api/v1/segments/product/${id}`)).body.segment;
  const pendingOf = async (entityId: string): Promise<Recommendation[]> =>
    (await t.api("GET", `/api/v1/recommendations?dimension=product&status=pending&q=${entityId}`)).body.recommendations.filter((r: Recommendation) => r.entityId === entityId);

  it("a rule firing after the model's pending request replaces it with one request: the rule's target, the model's evidence", async () => {
    const from = await segmentOf("P0005");
    const [modelOnly] = await raiseProposals(t.service.ctx, planner, "product", [proposal("model", "P0005", from, "CZ", 0.9)]);
    expect(modelOnly.outcome).toBe("created");
    const modelRequest = (await pendingOf("P0005"))[0];
    const [ruled] = await raiseProposals(t.service.ctx, planner, "product", [proposal("rule", "P0005", from, "AX", 0.5)]);
    expect(ruled).toMatchObject({ outcome: "created", retired: 1 });
    const pending = await pendingOf("P0005");
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      source: "rule",
      sources: ["rule", "model"],
      to: "AX",
      confidence: 0.5,
      confidenceKind: "persistence",
      confidences: [
        { source: "rule", kind: "persistence", value: 0.5, to: "AX" },
        { source: "model", kind: "probability", value: 0.9, to: "CZ" },
      ],
      modelId: "00000000-0000-4000-8000-00000000000a",
    });
    expect(pending[0].rationale.map((r) => r.source)).toEqual(["rule", "model"]);
    const old = await t.api("GET", `/api/v1/change-requests/${modelRequest.changeRequestId}`);
    expect(old.body).toMatchObject({
      status: "retired",
      decisionReason: `Retired: superseded by request ${pending[0].changeRequestId}, which proposes the rule's ${from} → AX for P0005 and carries this model evidence (the model proposed CZ).`,
    });
    const created = await t.api("GET", `/api/v1/change-requests/${pending[0].changeRequestId}`);
    expect(created.body).toMatchObject({ source: "recommendation-rule", justification: "rule says AX; the model proposes CZ instead" });
    expect(describeRecommendation(pending[0], format)).toContain("The model proposes CZ instead; the rule's AX is what approval applies.");
    // The model proposing its segment again changes nothing: it already has its say on the request.
    const [again] = await raiseProposals(t.service.ctx, planner, "product", [proposal("model", "P0005", from, "CZ", 0.92)]);
    expect(again.outcome).toBe("alreadyPending");
    expect(await pendingOf("P0005")).toHaveLength(1);
  });

  it("a model firing after the rule's pending request joins it as evidence; the rule's target stays", async () => {
    const from = await segmentOf("P0006");
    await raiseProposals(t.service.ctx, planner, "product", [proposal("rule", "P0006", from, "AY", 0.4)]);
    const [joined] = await raiseProposals(t.service.ctx, planner, "product", [proposal("model", "P0006", from, "CY", 0.8)]);
    expect(joined.outcome).toBe("merged");
    const pending = await pendingOf("P0006");
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      source: "rule",
      sources: ["rule", "model"],
      to: "AY",
      confidences: [expect.objectContaining({ source: "rule", to: "AY" }), expect.objectContaining({ source: "model", to: "CY" })],
    });
  });

  it("the rule joining the model's pending request for the same segment becomes its source; an identical manual request counts as already pending", async () => {
    const from = await segmentOf("P0007");
    await raiseProposals(t.service.ctx, planner, "product", [proposal("model", "P0007", from, "CX", 0.7)]);
    const [joined] = await raiseProposals(t.service.ctx, planner, "product", [proposal("rule", "P0007", from, "CX", 0.6)]);
    expect(joined.outcome).toBe("merged");
    expect((await pendingOf("P0007"))[0]).toMatchObject({ source: "rule", sources: ["rule", "model"], confidence: 0.6, confidenceKind: "persistence", dataWindow: { periodWeeks: 4 } });
    const manual = await t.api("POST", "/api/v1/change-requests", { token: t.tokens.planner, body: { dimension: "product", changes: [{ entityId: "P0008", segment: "ZZ" }], justification: "by hand" } });
    expect(manual.status).toBe(201);
    const [dup] = await raiseProposals(t.service.ctx, planner, "product", [proposal("rule", "P0008", await segmentOf("P0008"), "ZZ", 0.5)]);
    expect(dup.outcome).toBe("alreadyPending");
    expect(await pendingOf("P0008")).toEqual([]);
  });
});

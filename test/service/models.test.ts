/** Model recommendations over real HTTP: training, the stored evaluation, reproducibility from the seed, roles, bad input, 404, and planted drift found by the model. */
import { applyModelStandardiser, calibrationReport, softmaxProbabilities } from "../../shared/src/ml";
import { currentClasses, featuresOver, scaledSoftmax } from "../../service/src/useCases/models";
import { loadHistory } from "../../service/src/useCases/recommendations";
import { STORES, startTestService, type TestService } from "./harness";
import { plantAndStore, score } from "./plantedDrift";

jest.setTimeout(180_000);

describe.each(STORES)("model recommendations on %s", (store) => {
  describe.each(["product", "customer"] as const)("planted %s drift", (dimension) => {
    let t: TestService;
    let truth: Awaited<ReturnType<typeof plantAndStore>>;
    beforeAll(async () => {
      t = await startTestService(store, { demo: false });
      truth = await plantAndStore(t, dimension);
    });
    afterAll(async () => {
      await t?.close();
    });

    it("trains a model and finds the planted drift with recall >= 0.9 and precision >= 0.8", async () => {
      const trained = await t.api("POST", "/api/v1/models", { token: t.tokens.planner, body: { dimension, seed: 7 } });
      if (trained.status !== 201) console.log(trained.text);
      expect(trained.status).toBe(201);
      const e = trained.body.evaluation.holdout;
      console.log(
        `${dimension} model (${store}): hold-out accuracy ${e.accuracy.toFixed(3)} on ${e.n} blocks; ${e.perClass.map((c: { class: string; precision: number | null; recall: number | null }) => `${c.class} P ${c.precision?.toFixed(2)} R ${c.recall?.toFixed(2)}`).join(", ")}; confusion ${JSON.stringify(e.confusion)}`,
      );
      const r = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body: { dimension, source: "model" } });
      if (r.status !== 201) console.log(r.text);
      expect(r.status).toBe(201);
      const all: Array<{ entityId: string; from: string; to: string; source: string; confidence: number; modelId: string }> = r.body.recommendations;
      expect(all.every((x) => x.source === "model" && x.modelId === trained.body.id && x.confidence >= 0.8)).toBe(true);
      const planted = new Set(truth.planted);
      // As in the rule test: products are judged among the planted and the generator's stationary ones, whose truth is known.
      const judged = dimension === "product" ? all.filter((x) => planted.has(x.entityId) || truth.stationary.has(x.entityId)) : all;
      const s = score(judged, truth.planted, (to) => (dimension === "product" ? to.startsWith("A") : to === "Key"));
      console.log(
        `planted ${dimension} drift, model source (${store}): recall ${s.recall.toFixed(3)}, precision ${s.precision.toFixed(3)} (${s.hits} of ${s.planted} planted found, ${s.recommended} recommended among judged)`,
      );
      if (dimension === "product") {
        const others = all.filter((x) => !planted.has(x.entityId) && !truth.stationary.has(x.entityId));
        console.log(
          `  besides: ${others.length} for non-stationary products: ${others.map((x) => `${x.entityId} ${truth.lifecycle.get(x.entityId)!.lifecycle}${truth.lifecycle.get(x.entityId)!.seasonal ? "/seasonal" : ""} ${x.from}→${x.to}`).join(", ")}`,
        );
      }
      console.log(
        `  false positives: ${
          judged
            .filter((x) => !planted.has(x.entityId))
            .map((x) => `${x.entityId} ${x.from}→${x.to} p=${x.confidence}`)
            .join(", ") || "none"
        }`,
      );
      expect(s.recall).toBeGreaterThanOrEqual(0.9);
      expect(s.precision).toBeGreaterThanOrEqual(0.8);
      const first = all.find((x) => planted.has(x.entityId))!;
      const listed = await t.api("GET", `/api/v1/recommendations?dimension=${dimension}&source=model`, { token: t.tokens.viewer });
      const row = listed.body.recommendations.find((x: { entityId: string }) => x.entityId === first.entityId);
      expect(row.rationale[0]).toEqual(
        expect.objectContaining({ feature: expect.any(String), logOddsContribution: expect.any(Number), targetRange: expect.objectContaining({ p10: expect.any(Number), p90: expect.any(Number) }) }),
      );
      // Only real changes: a service level or fill rate that stays the same is left out.
      for (const key of ["serviceLevel", "fillRate"] as const) if (row.impact[key]) expect(row.impact[key].from).not.toBe(row.impact[key].to);
      expect(row.dataWindow).toMatchObject({ fromWeek: 41, toWeek: 52, windowWeeks: 12, modelId: trained.body.id });
      const cr = await t.api("GET", `/api/v1/change-requests/${row.changeRequestId}`, { token: t.tokens.viewer });
      expect(cr.body).toMatchObject({ status: "pending", source: "recommendation-model" });
    });
  });
  describe("the model routes", () => {
    let t: TestService;
    beforeAll(async () => {
      t = await startTestService(store);
    });
    afterAll(async () => {
      await t?.close();
    });

    it("checks roles: a viewer may read a model but not train one; no token is 401; before any model the model source is 422", async () => {
      const none = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body: { dimension: "product", source: "model" } });
      expect([none.status, none.body.errors?.[0]?.field]).toEqual([422, "source"]);
      expect((await t.api("POST", "/api/v1/models", { token: t.tokens.viewer, body: { dimension: "product", seed: 1 } })).status).toBe(403);
      expect((await t.api("POST", "/api/v1/models", { token: null, body: { dimension: "product", seed: 1 } })).status).toBe(401);
      const trained = await t.api("POST", "/api/v1/models", { token: t.tokens.planner, body: { dimension: "product", seed: 1 } });
      expect(trained.status).toBe(201);
      expect((await t.api("GET", `/api/v1/models/${trained.body.id}`, { token: t.tokens.viewer })).status).toBe(200);
      expect((await t.api("GET", `/api/v1/models/${trained.body.id}`, { token: null })).status).toBe(401);
    });

    it("rejects bad input naming the field, and answers 404 for an unknown model", async () => {
      const cases: Array<[unknown, string]> = [
        [{ dimension: "supplier", seed: 1 }, "body.dimension"],
        [{ dimension: "product" }, "body.seed"],
        [{ dimension: "product", seed: -1 }, "body.seed"],
        [{ dimension: "product", seed: 1.5 }, "body.seed"],
        [{ dimension: "product", seed: "x" }, "body.seed"],
        [{ dimension: "product", seed: 1, thresholds: { A: 1.2 } }, "body.thresholds.A"],
        [{ dimension: "product", seed: 1, thresholds: { Key: 0.9 } }, "body.thresholds.Key"],
        [{ dimension: "product", seed: 1, windowWeeks: 2 }, "body.windowWeeks"],
      ];
      for (const [body, field] of cases) {
        const r = await t.api("POST", "/api/v1/models", { token: t.tokens.planner, body });
        expect([r.status, r.body.errors?.[0]?.field]).toEqual([400, field]);
      }
      // 26 weeks of demo history hold no 14-week training block before the latest 14 weeks.
      const long = await t.api("POST", "/api/v1/models", { token: t.tokens.planner, body: { dimension: "product", seed: 1, windowWeeks: 14 } });
      expect([long.status, long.body.errors?.[0]?.field]).toEqual([422, "windowWeeks"]);
      expect((await t.api("GET", "/api/v1/models/not-an-id", { token: t.tokens.viewer })).body.errors[0].field).toBe("params.id");
      const missing = await t.api("GET", "/api/v1/models/00000000-0000-4000-8000-000000000000", { token: t.tokens.viewer });
      expect(missing.status).toBe(404);
      const source = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body: { dimension: "product", source: "ml" } });
      expect([source.status, source.body.errors?.[0]?.field]).toEqual([400, "body.source"]);
    });

    it("stores a versioned model with window, seed, features, weights and hold-out evaluation; the same seed reproduces it exactly", async () => {
      const body = { dimension: "customer", seed: 42, thresholds: { Key: 0.9 } };
      const a = await t.api("POST", "/api/v1/models", { token: t.tokens.planner, body });
      const b = await t.api("POST", "/api/v1/models", { token: t.tokens.planner, body });
      const c = await t.api("POST", "/api/v1/models", { token: t.tokens.planner, body: { ...body, seed: 43 } });
      expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
      expect([a.body.version, b.body.version, c.body.version]).toEqual([1, 2, 3]);
      expect(a.body).toMatchObject({ dimension: "customer", target: "tier", seed: 42, classes: ["Key", "Core", "Transactional"], thresholds: { Key: 0.9, Core: 0.8, Transactional: 0.8 }, createdBy: expect.any(String) });
      // SMALL_DEMO has 26 weeks: the latest 12 are read for predictions, weeks 3–14 are the one training block.
      expect(a.body.dataWindow).toEqual({ historyWeeks: 26, windowWeeks: 12, trainingBlocks: [{ fromWeek: 3, toWeek: 14 }], predictionWindow: { fromWeek: 15, toWeek: 26 } });
      expect(a.body.features.map((f: { name: string }) => f.name)).toEqual(["revenue", "margin_pct", "order_frequency", "lines_per_order", "demand_cov", "returns_rate", "demand_adi", "demand_cv2", "seasonal"]);
      // Calibrated on the hold-out: a temperature, the Brier score before and after, and the reliability curve, each naming its split.
      expect(a.body.evaluation.calibration).toMatchObject({
        temperature: expect.any(Number),
        brier: expect.any(Number),
        brierBefore: expect.any(Number),
        fittedOn: { split: "calibration" },
        evaluatedOn: { split: "evaluation" },
      });
      expect(a.body.evaluation.calibration.reliability).toHaveLength(10);
      const e = a.body.evaluation.holdout;
      expect(e.confusion).toHaveLength(3);
      expect(e.confusion.flat().reduce((x: number, y: number) => x + y, 0)).toBe(e.n);
      expect(e.perClass.map((x: { class: string }) => x.class)).toEqual(["Key", "Core", "Transactional"]);
      expect(e.accuracy).toBeGreaterThanOrEqual(0);
      expect(e.accuracy).toBeLessThanOrEqual(1);
      expect(b.body.weights).toEqual(a.body.weights);
      expect(b.body.evaluation).toEqual(a.body.evaluation);
      expect(b.body.features).toEqual(a.body.features);
      // Another seed draws another hold-out and another start: the weights differ.
      expect(c.body.weights.weights).not.toEqual(a.body.weights.weights);
      const stored = await t.api("GET", `/api/v1/models/${a.body.id}`, { token: t.tokens.viewer });
      expect(stored.body).toEqual(a.body);
      const audit = await t.api("GET", `/api/v1/audit?entity=${a.body.id}&action=model.train`, { token: t.tokens.viewer });
      expect(audit.status).toBe(200);
      expect(JSON.stringify(audit.body)).toContain(a.body.id);
    });

    it("fits the temperature on a calibration split and reports Brier and reliability on a disjoint evaluation split, both from the seed", async () => {
      const trained = await t.api("POST", "/api/v1/models", { token: t.tokens.planner, body: { dimension: "customer", seed: 11 } });
      expect(trained.status).toBe(201);
      const model = (await t.api("GET", `/api/v1/models/${trained.body.id}`, { token: t.tokens.viewer })).body;
      const c = model.evaluation.calibration;
      const fitted = new Set<string>(c.fittedOn.entityIds);
      const evaluated = new Set<string>(c.evaluatedOn.entityIds);
      // Disjoint halves of the hold-out, each with entities, together the whole hold-out.
      expect([fitted.size > 0, evaluated.size > 0]).toEqual([true, true]);
      expect([...evaluated].filter((id) => fitted.has(id))).toEqual([]);
      expect(fitted.size + evaluated.size).toBe(model.evaluation.split.holdoutEntities);
      expect([c.fittedOn.entities, c.evaluatedOn.entities]).toEqual([fitted.size, evaluated.size]);

      // The stored Brier score, recomputed from the stored model on the evaluation split's rows (its training blocks, with sales).
      const history = await loadHistory(t.service.ctx.db, "customer");
      const current = await currentClasses(t.service.ctx.db, "customer");
      const rowsOf = (ids: Set<string>) => {
        const rows: Array<{ row: Record<string, number | null>; label: number }> = [];
        for (const block of model.dataWindow.trainingBlocks) {
          const features = featuresOver(history, block.fromWeek, block.toWeek);
          history.ids.forEach((id, i) => {
            if (ids.has(id) && (features[i].revenue ?? 0) > 0) rows.push({ row: features[i], label: model.classes.indexOf(current.get(id)) });
          });
        }
        return rows;
      };
      const k = model.classes.length;
      const brierOf = (rows: ReturnType<typeof rowsOf>, temperature: number) =>
        calibrationReport(
          softmaxProbabilities(
            applyModelStandardiser(
              rows.map((r) => r.row),
              model.features,
            ),
            scaledSoftmax({ weights: model.weights.weights, bias: model.weights.bias, features: model.features.length, classes: k }, temperature),
          ),
          rows.map((r) => r.label),
          k,
        ).brier;
      const evaluationRows = rowsOf(evaluated);
      expect(evaluationRows.length).toBe(c.evaluatedOn.rows);
      expect(brierOf(evaluationRows, model.weights.temperature)).toBeCloseTo(c.brier, 10);
      expect(brierOf(evaluationRows, 1)).toBeCloseTo(c.brierBefore, 10);
      // Not the calibration split's score, nor the whole hold-out's.
      expect(Math.abs(brierOf(rowsOf(fitted), model.weights.temperature) - c.brier)).toBeGreaterThan(1e-6);
      expect(Math.abs(brierOf(rowsOf(new Set([...fitted, ...evaluated])), model.weights.temperature) - c.brier)).toBeGreaterThan(1e-6);

      // The same seed draws the same splits; another seed others.
      const again = (await t.api("POST", "/api/v1/models", { token: t.tokens.planner, body: { dimension: "customer", seed: 11 } })).body.evaluation.calibration;
      expect([again.fittedOn.entityIds, again.evaluatedOn.entityIds]).toEqual([c.fittedOn.entityIds, c.evaluatedOn.entityIds]);
      const other = (await t.api("POST", "/api/v1/models", { token: t.tokens.planner, body: { dimension: "customer", seed: 12 } })).body.evaluation.calibration;
      expect(other.evaluatedOn.entityIds).not.toEqual(c.evaluatedOn.entityIds);
    });

    it("generates from the latest model, and from both sources", async () => {
      // Low thresholds so the 26-week demo, which has no planted drift, has something to show.
      const trained = await t.api("POST", "/api/v1/models", { token: t.tokens.planner, body: { dimension: "product", seed: 3, thresholds: { A: 0.5, B: 0.5, C: 0.5 } } });
      expect(trained.status).toBe(201);
      const r = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body: { dimension: "product", source: "model" } });
      expect([200, 201]).toContain(r.status);
      for (const x of r.body.recommendations) {
        expect(x).toMatchObject({ source: "model", modelId: trained.body.id, status: "pending" });
        expect(x.confidence).toBeGreaterThanOrEqual(0.5);
        expect(x.from).not.toBe(x.to);
      }
      const again = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body: { dimension: "product", source: "model" } });
      expect(again.body.created).toBe(0);
      expect(again.body.alreadyPending).toBe(r.body.created);
      const both = await t.api("POST", "/api/v1/recommendations/generate", { token: t.tokens.planner, body: { dimension: "product", source: "both", periodWeeks: 4, consecutivePeriods: 2, margin: 0.05 } });
      expect([200, 201]).toContain(both.status);
      // Every pending model request is either already pending or joined by the rule where it agrees.
      expect(both.body).toMatchObject({ source: "both", bySource: { model: { created: 0 } } });
      expect(both.body.bySource.model.alreadyPending + both.body.bySource.model.merged).toBe(r.body.created);
      expect(both.body.created).toBe(both.body.bySource.rule.created);
      expect(both.body.recommendations.every((x: { source: string }) => x.source === "rule")).toBe(true);
      const listed = await t.api("GET", "/api/v1/recommendations?dimension=product&source=model", { token: t.tokens.viewer });
      expect(listed.body.recommendations).toHaveLength(r.body.created);
    });
  });
});

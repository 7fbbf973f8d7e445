import { randomUUID } from "node:crypto";
import { MODEL_TARGETS, type StoredModelResponse, type TrainModelRequest } from "../../../shared/src/api";
import { demandPatternOfRow } from "../../../shared/src/segmentation/demandPattern";
import {
  ENTITY_FEATURES,
  MONEY_FEATURES,
  applyModelStandardiser,
  calibrationReport,
  classificationReport,
  fitTemperature,
  entityWeekFeatures,
  fitModelStandardiser,
  logOddsContributions,
  periodWeekMetrics,
  softmaxProbabilities,
  stratifiedHoldout,
  typicalRanges,
  type ClassificationReport,
  type ModelFeatureScale,
  type SoftmaxWeights,
} from "../../../shared/src/ml";
import type { Actor } from "../auth/actor";
import { notFound, unprocessable } from "../appError";
import { DEFAULT_TRAINING } from "../ml/modelTrainer";
import { runOffThread } from "../workers/taskPool";
import { assignmentDetailsEver } from "../store/assignments";
import { findModel, insertModel, latestModelRow, latestModelVersion } from "../store/mlModels";
import type { ModelTable } from "../store/schema";
import { appendAudit } from "./audit";
import type { Executor, ServiceContext } from "./context";
import { assignmentsAt, currentVersion } from "./masterData";
import { RULE_EXAMINED_WEEKS, segmentationBaseline } from "./segmentationBaseline";
import { impactContext, loadHistory, round, roundRange, segmentOf, type Proposal, type StoredHistory } from "./recommendations";

/** The part of the segment a model predicts, and its classes: Strategic accounts are placed by a flag, never by behaviour. */
const TARGETS = MODEL_TARGETS;

export const DEFAULT_THRESHOLD = 0.8;

/** Weeks between the windows read back for how long an entity has looked like leaving (as for its training weeks' windows). */
const TIME_STEP_WEEKS = 4;
interface RationaleTime {
  feature: string;
  part: string;
  value: number;
  targetSegment: string;
  currentClass: string;
  windowsLeaving: number;
  windowStep: number;
  sinceWeek: number;
}

/**
 * The behaviour features, and the demand pattern's: the Syntetos–Boylan ADI
 * and CV² of the window's weekly units, and the imported seasonal flag, so
 * an intermittent item's silent weeks or a seasonal one's trough are read as
 * what such items do, not as a lower class.
 */
const PATTERN_FEATURES = ["demand_adi", "demand_cv2", "seasonal"] as const;
const FEATURES = [...ENTITY_FEATURES.map((name) => ({ name, money: MONEY_FEATURES.has(name) })), ...PATTERN_FEATURES.map((name) => ({ name, money: false }))];
type FeatureRow = Record<string, number | null>;

/** The behaviour features of every entity over weeks `fromWeek` … `toWeek`, renumbered from 1. */
export function featuresOver(history: StoredHistory, fromWeek: number, toWeek: number): FeatureRow[] {
  const entityWeeks = history.entityWeeks.filter((l) => l.week >= fromWeek && l.week <= toWeek).map((l) => ({ ...l, week: l.week - fromWeek + 1 }));
  const rows: FeatureRow[] = entityWeekFeatures(history.ids, entityWeeks, toWeek - fromWeek + 1);
  const weeks = toWeek - fromWeek + 1;
  const index = new Map(history.ids.map((id, i) => [id, i]));
  const units = new Float64Array(history.ids.length * weeks);
  for (const l of entityWeeks) {
    const i = index.get(l.entityId);
    if (i !== undefined) units[i * weeks + l.week - 1] += l.units;
  }
  history.ids.forEach((id, i) => {
    const pattern = demandPatternOfRow(units.subarray(i * weeks, (i + 1) * weeks));
    rows[i].demand_adi = pattern.adi;
    rows[i].demand_cv2 = pattern.cv2;
    rows[i].seasonal = history.attributes.get(id)?.seasonal === true ? 1 : 0;
  });
  return rows;
}

/**
 * Entities whose target part has been the same in every stored version of the
 * dimension: the segment an approver has kept is the label the model learns.
 */
async function stableLabels(db: Executor, dimension: "product" | "customer", part: string, classes: readonly string[]) {
  const seen = new Map<string, Set<string>>();
  for (const r of await assignmentDetailsEver(db, dimension)) {
    const value = r.detail[part];
    const set = seen.get(r.entityId) ?? new Set<string>();
    set.add(typeof value === "string" ? value : "");
    seen.set(r.entityId, set);
  }
  const stable = new Map<string, string>();
  for (const [id, values] of seen) {
    const [only] = values;
    if (values.size === 1 && classes.includes(only)) stable.set(id, only);
  }
  return stable;
}

/**
 * Train, evaluate and store a segment classifier. The data: the stored
 * history cut back from its last week into blocks of `windowWeeks`; the
 * latest block is what predictions read, every earlier whole block is a
 * training example per stable entity that traded in it (same length as the
 * prediction window, so the features mean the same thing). The hold-out is a
 * seeded stratified split by entity, so no entity's blocks sit on both sides;
 * the stored weights are the ones evaluated.
 */
export async function trainModel(ctx: ServiceContext, actor: Actor, request: TrainModelRequest) {
  const { dimension, windowWeeks: w } = request;
  const target = TARGETS[dimension];
  const history = await loadHistory(ctx.db, dimension);
  // The labels are the classes a segmentation set from its own weeks: the blocks are cut from those weeks, so an
  // entity's behaviour since (drift, the very thing the model is to find) is not taught as its old class.
  // The weeks the default rule examines are left out as the rule leaves them out: the evidence of change, not of the classes.
  const baseline = await segmentationBaseline(ctx.db, dimension, history.weeks, Math.max(w, RULE_EXAMINED_WEEKS));
  const blocks: Array<{ fromWeek: number; toWeek: number }> = [];
  for (let end = baseline.window.toWeek; end - w + 1 >= baseline.window.fromWeek; end -= w) blocks.unshift({ fromWeek: end - w + 1, toWeek: end });
  if (blocks.length === 0) for (let end = history.weeks - w; end - w + 1 >= 1; end -= w) blocks.unshift({ fromWeek: end - w + 1, toWeek: end });
  if (blocks.length === 0) {
    throw unprocessable(`${history.weeks} weeks of history hold no training block of ${w} weeks before the latest ${w}`, [{ field: "windowWeeks", message: `at most ${Math.floor(history.weeks / 2)} for this history` }]);
  }
  const labels = await stableLabels(ctx.db, dimension, target.part, target.classes);
  const entityIds = history.ids.filter((id) => labels.has(id));
  const split = stratifiedHoldout(
    entityIds.map((id) => labels.get(id)!),
    request.holdoutFraction,
    request.seed,
  );
  const inHoldout = new Set(split.holdout.map((i) => entityIds[i]));
  const parts = calibrationSplit(
    split.holdout.map((i) => entityIds[i]),
    labels,
    request.seed,
  );
  const train: Array<{ row: FeatureRow; label: number; entityId: string }> = [];
  const holdout: typeof train = [];
  for (const block of blocks) {
    const features = featuresOver(history, block.fromWeek, block.toWeek);
    history.ids.forEach((id, i) => {
      const label = labels.get(id);
      // A block without sales says nothing about the class an entity behaves like.
      if (label === undefined || !((features[i].revenue ?? 0) > 0)) return;
      (inHoldout.has(id) ? holdout : train).push({ row: features[i], label: target.classes.indexOf(label as never), entityId: id });
    });
  }
  const present = new Set(train.map((t) => t.label));
  if (train.length === 0 || present.size < 2) {
    throw unprocessable(`the ${dimension} model needs stable entities of at least two classes with sales in the training blocks; found ${present.size}`, [{ field: "dimension", message: "too few stable entities" }]);
  }
  const scales = fitModelStandardiser(
    train.map((t) => t.row),
    FEATURES,
  );
  const d = FEATURES.length;
  const k = target.classes.length;
  const options = { ...DEFAULT_TRAINING, epochs: request.epochs, seed: request.seed };
  // The epochs of Adam are the CPU-heavy part: on the task pool, within the compute budget.
  const fitted = await runOffThread(ctx.pool, {
    kind: "train-softmax",
    x: applyModelStandardiser(
      train.map((t) => t.row),
      scales,
    ),
    y: Int32Array.from(train.map((t) => t.label)),
    d,
    k,
    options,
  });
  const raw: SoftmaxWeights = { weights: fitted.weights, bias: fitted.bias, features: d, classes: k };
  const probabilities = (rows: typeof train, model: SoftmaxWeights) =>
    softmaxProbabilities(
      applyModelStandardiser(
        rows.map((r) => r.row),
        scales,
      ),
      model,
    );
  // The temperature is fitted on one part of the hold-out and judged on the other: a Brier score on the rows it was
  // fitted to would flatter it.
  const fitRows = holdout.filter((r) => parts.calibration.has(r.entityId));
  const evaluationRows = holdout.filter((r) => parts.evaluation.has(r.entityId));
  const evaluationLabels = evaluationRows.map((r) => r.label);
  // Log-probabilities are the logits less a per-row constant, which softmax ignores: they serve temperature scaling.
  const temperature = fitRows.length
    ? fitTemperature(
        probabilities(fitRows, raw).map((p) => Math.log(Math.max(p, 1e-300))),
        fitRows.map((r) => r.label),
        k,
      )
    : 1;
  const softmax = scaledSoftmax(raw, temperature);
  const evaluate = (rows: typeof train): ClassificationReport => {
    const p = probabilities(rows, softmax);
    const predicted = rows.map((_, i) => argmax(p, i * k, k));
    return classificationReport(
      rows.map((r) => r.label),
      predicted,
      target.classes,
    );
  };
  const calibrated = calibrationReport(probabilities(evaluationRows, softmax), evaluationLabels, k);
  const splitOf = (name: "calibration" | "evaluation", ids: Set<string>, rows: typeof holdout) => ({ split: name, entities: ids.size, rows: rows.length, entityIds: [...ids].sort() });
  const evaluation = {
    holdout: evaluate(holdout),
    training: { accuracy: evaluate(train).accuracy, n: train.length, finalLoss: fitted.loss },
    split: { method: "stratified by entity and class", holdoutFraction: request.holdoutFraction, trainingEntities: split.train.length, holdoutEntities: split.holdout.length },
    calibration: {
      method: "temperature scaling (Guo et al. 2017) fitted on the calibration split, judged on the evaluation split",
      temperature,
      brierBefore: calibrationReport(probabilities(evaluationRows, raw), evaluationLabels, k).brier,
      brier: calibrated.brier,
      reliability: calibrated.reliability,
      n: calibrated.n,
      fittedOn: splitOf("calibration", parts.calibration, fitRows),
      evaluatedOn: splitOf("evaluation", parts.evaluation, evaluationRows),
    },
    trainingWeeks: { fromWeek: blocks[0].fromWeek, toWeek: blocks[blocks.length - 1].toWeek, baselineFrom: baseline.source },
  };
  const thresholds = Object.fromEntries(target.classes.map((c) => [c, request.thresholds?.[c] ?? DEFAULT_THRESHOLD]));
  const dataWindow = { historyWeeks: history.weeks, windowWeeks: w, trainingBlocks: blocks, predictionWindow: { fromWeek: history.weeks - w + 1, toWeek: history.weeks } };
  const id = randomUUID();
  const createdAt = ctx.now().toISOString();
  const row = await ctx.db.transaction().execute(async (tx) => {
    const values: ModelTable = {
      id,
      dimension,
      version: (await latestModelVersion(tx, dimension)) + 1,
      target: target.part,
      seed: request.seed,
      data_window: JSON.stringify(dataWindow),
      features: JSON.stringify(scales),
      classes: JSON.stringify(target.classes),
      weights: JSON.stringify({ kind: "multinomial logistic regression", layout: "features × classes, row-major", weights: fitted.weights, bias: fitted.bias, temperature, training: options }),
      evaluation: JSON.stringify(evaluation),
      thresholds: JSON.stringify(thresholds),
      created_at: createdAt,
      created_by: actor.name,
    };
    await insertModel(tx, values);
    await appendAudit(tx, ctx.now(), {
      actor: actor.name,
      action: "model.train",
      entityType: "ml_model",
      entityId: id,
      dimension,
      after: { version: values.version, seed: request.seed, accuracy: evaluation.holdout.accuracy },
    });
    return values;
  });
  return presentModel(row);
}

/**
 * The hold-out's entities in two disjoint halves, stratified by class and
 * seeded from the model's seed (another stream than the hold-out's own draw):
 * the calibration split the temperature is fitted on, the evaluation split its
 * Brier score and reliability curve are reported on. Both lie in the training
 * blocks' weeks, inside the baseline window.
 */
export function calibrationSplit(holdoutIds: readonly string[], labels: ReadonlyMap<string, string>, seed: number): { calibration: Set<string>; evaluation: Set<string> } {
  if (holdoutIds.length === 0) return { calibration: new Set(), evaluation: new Set() };
  const halves = stratifiedHoldout(
    holdoutIds.map((id) => labels.get(id) ?? ""),
    0.5,
    (seed ^ 0x5bd1e995) >>> 0,
  );
  return { calibration: new Set(halves.train.map((i) => holdoutIds[i])), evaluation: new Set(halves.holdout.map((i) => holdoutIds[i])) };
}

/** softmax((b + x·W) / T): the weights and bias divided by the temperature. */
export function scaledSoftmax(model: { weights: ArrayLike<number>; bias: ArrayLike<number>; features: number; classes: number }, temperature: number) {
  return { ...model, weights: Array.from(model.weights, (v) => v / temperature), bias: Array.from(model.bias, (v) => v / temperature) };
}

/** The q-quantile (type 7) of the values, null without any. */
function highQuantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * (s[Math.min(lo + 1, s.length - 1)] - s[lo]);
}

function argmax(p: Float64Array, offset: number, k: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if (p[offset + c] > p[offset + best]) best = c;
  return best;
}

export function presentModel(r: ModelTable) {
  const weights = JSON.parse(r.weights) as { weights: number[]; bias: number[]; temperature?: number; training: Record<string, unknown> };
  return {
    id: r.id,
    dimension: r.dimension as "product" | "customer",
    version: Number(r.version),
    target: r.target,
    seed: Number(r.seed),
    dataWindow: JSON.parse(r.data_window) as { historyWeeks: number; windowWeeks: number; trainingBlocks: Array<{ fromWeek: number; toWeek: number }>; predictionWindow: { fromWeek: number; toWeek: number } },
    features: JSON.parse(r.features) as ModelFeatureScale[],
    classes: JSON.parse(r.classes) as string[],
    weights,
    evaluation: JSON.parse(r.evaluation) as StoredModelResponse["evaluation"] & { holdout: ClassificationReport },
    thresholds: JSON.parse(r.thresholds) as Record<string, number>,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}
export type StoredModel = ReturnType<typeof presentModel>;

export async function getModel(ctx: ServiceContext, id: string) {
  const row = await findModel(ctx.db, id);
  if (!row) throw notFound(`model ${id} does not exist`);
  return presentModel(row);
}

export async function latestModel(db: Executor, dimension: "product" | "customer") {
  const row = await latestModelRow(db, dimension);
  if (!row) throw unprocessable(`no ${dimension} model has been trained yet: POST /models first`, [{ field: "source", message: "no model" }]);
  return presentModel(row);
}

/**
 * Model recommendations: the latest `windowWeeks` of behaviour through the
 * stored model (its calibrated probabilities, when it was trained with a
 * temperature). The question is whether the entity has left its class: the
 * probability of leaving is the sum over the other classes, its direction the
 * side (better or worse classes) holding more of it, and the proposal is the
 * most probable class on that side, raised when the probability of leaving
 * reaches that class's threshold. A C item that grew to A level with P(A) 0.7
 * and P(B) 0.25 leaves C with 0.95. The rationale lists every feature's
 * contribution to the log-odds of the proposed class over the current one,
 * with its sign, largest first, each against the typical range of the target
 * class now. An entity whose probability of leaving reached the threshold in
 * a tenth or more of the windows of its training weeks (every 4 weeks: the
 * 90th percentile), while its class held, is not raised: its own seasons,
 * silent stretches or place near a cut already looked like leaving, so
 * looking like it now is no news.
 */
export async function modelProposals(db: Executor, dimension: "product" | "customer", model: StoredModel) {
  const history = await loadHistory(db, dimension);
  const w = model.dataWindow.windowWeeks;
  if (history.weeks < w) throw unprocessable(`the stored history (${history.weeks} weeks) is shorter than the model's ${w}-week window`, [{ field: "windowWeeks", message: "longer than the history" }]);
  const window = { fromWeek: history.weeks - w + 1, toWeek: history.weeks };
  const features = featuresOver(history, window.fromWeek, window.toWeek);
  const x = applyModelStandardiser(features, model.features);
  const d = model.features.length;
  const k = model.classes.length;
  const softmax = scaledSoftmax({ weights: model.weights.weights, bias: model.weights.bias, features: d, classes: k }, model.weights.temperature ?? 1);
  const p = softmaxProbabilities(x, softmax);
  const byId = new Map(history.current.map((a) => [a.entityId, a]));
  const part = model.target;
  const currentClass = history.ids.map((id) => String(byId.get(id)?.detail[part] ?? ""));
  const ranges = new Map(
    model.features.map((f) => [
      f.name,
      typicalRanges(
        features.map((r) => r[f.name] ?? null),
        currentClass,
      ),
    ]),
  );
  // Like with like: the same entity's probability of leaving its class over the weeks the model learnt from. An entity
  // the model already placed on the fence while its class held (near a cut, or an intermittent seller) is not
  // evidence of change when it sits on the fence again.
  // Windows of the model's length every 4 weeks over its training weeks, silent ones included: a silent stretch is
  // part of an intermittent item's own behaviour.
  const before = history.ids.map(() => [] as number[]);
  const blocks = model.dataWindow.trainingBlocks;
  const first = blocks.length ? blocks[0].fromWeek : 1;
  const last = blocks.length ? Math.min(history.weeks, blocks[blocks.length - 1].toWeek) : 0;
  for (let end = last; end - w + 1 >= first; end -= 4) {
    const rows = featuresOver(history, end - w + 1, end);
    const q = softmaxProbabilities(applyModelStandardiser(rows, model.features), softmax);
    history.ids.forEach((_, i) => {
      const from = model.classes.indexOf(currentClass[i]);
      if (from >= 0) before[i].push(1 - q[i * k + from]);
    });
  }
  const metrics = periodWeekMetrics(history.ids, history.entityWeeks, history.weeks, w);
  const context = await impactContext(db, dimension, history, metrics, w);
  const proposals: Proposal[] = [];
  const raised: Array<{ i: number; from: number; to: number; threshold: number; time: RationaleTime }> = [];
  history.ids.forEach((id, i) => {
    const assignment = byId.get(id);
    const from = model.classes.indexOf(currentClass[i]);
    if (!assignment || from < 0) return;
    const usual = highQuantile(before[i], 0.9);
    let better = 0;
    let worse = 0;
    for (let c = 0; c < k; c++) if (c < from) better += p[i * k + c];
    for (let c = from + 1; c < k; c++) worse += p[i * k + c];
    const leaving = better + worse;
    const up = better >= worse;
    let to = -1;
    for (let c = up ? 0 : from + 1; c < (up ? from : k); c++) if (to < 0 || p[i * k + c] > p[i * k + to]) to = c;
    if (to < 0) return;
    const threshold = model.thresholds[model.classes[to]];
    if (leaving < threshold || (usual !== null && usual >= threshold)) return;
    const detail: Record<string, string | number | boolean | null> = {};
    for (const name of ["abc", "xyz", "tier"]) if (typeof assignment.detail[name] === "string") detail[name] = String(assignment.detail[name]);
    detail[part] = model.classes[to];
    const toSegment = segmentOf(dimension, detail, assignment.segment);
    const { contributions } = logOddsContributions(x.subarray(i * d, (i + 1) * d), softmax, from, to);
    const rationale = model.features
      .map((f, j) => ({ f, j, contribution: contributions[j] }))
      .filter((c) => c.contribution !== 0)
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
      .map(({ f, j, contribution }) => {
        const value = features[i][f.name] ?? null;
        const target = ranges.get(f.name)!.get(model.classes[to]);
        const own = ranges.get(f.name)!.get(model.classes[from]);
        return {
          feature: f.name,
          part,
          value: value === null ? null : round(value),
          standardised: round(x[i * d + j]),
          logOddsContribution: round(contribution),
          targetSegment: model.classes[to],
          currentClass: model.classes[from],
          targetRange: target ? roundRange(target) : null,
          currentRange: own ? roundRange(own) : null,
        };
      });
    const side = up ? "better" : "worse";
    const time: RationaleTime = {
      feature: "probability of leaving",
      part,
      value: round(leaving),
      targetSegment: model.classes[to],
      currentClass: model.classes[from],
      windowsLeaving: 1,
      windowStep: TIME_STEP_WEEKS,
      sinceWeek: window.toWeek,
    };
    raised.push({ i, from, to, threshold, time });
    proposals.push({
      entityId: id,
      from: assignment.segment,
      to: toSegment,
      detail,
      confidence: round(leaving),
      justification: `model v${model.version} (${model.id}): P(leaving ${part} ${model.classes[from]}) = ${leaving.toFixed(3)} >= threshold ${threshold} on weeks ${window.fromWeek}-${window.toWeek}, ${(up ? better : worse).toFixed(3)} of it towards ${side} classes; most likely ${model.classes[to]} (${p[i * k + to].toFixed(3)}); ${usual === null ? "unseen" : usual.toFixed(3)} at the 90th percentile of the training weeks' windows`,
      // The features first (the reasons), then how long it has looked like leaving.
      rationale: [...rationale, time],
      impact: context.impact(id, assignment.segment, toSegment),
    });
  });
  // How long each raised entity has looked like leaving: the model's windows back from the latest, every TIME_STEP_WEEKS,
  // while its probability of leaving held at the threshold (the latest window is the one just read).
  let open = raised;
  for (let end = history.weeks - TIME_STEP_WEEKS; end - w + 1 >= 1 && open.length > 0; end -= TIME_STEP_WEEKS) {
    const q = softmaxProbabilities(applyModelStandardiser(featuresOver(history, end - w + 1, end), model.features), softmax);
    open = open.filter((r) => {
      if (1 - q[r.i * k + r.from] < r.threshold) return false;
      r.time.windowsLeaving++;
      r.time.sinceWeek = end;
      return true;
    });
  }
  return { proposals, window: { ...window, windowWeeks: w, modelId: model.id, modelVersion: model.version } };
}

/** The current assignments' class of each entity: exported for the tests' truth tables. */
export async function currentClasses(db: Executor, dimension: "product" | "customer") {
  const part = TARGETS[dimension].part;
  return new Map((await assignmentsAt(db, dimension, await currentVersion(db, dimension))).map((a) => [a.entityId, String(a.detail[part] ?? "")]));
}

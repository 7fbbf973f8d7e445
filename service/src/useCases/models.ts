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

/** The rule's default persistence (4-week periods, 3 in a row, read over N + 1 period ends): the model asks the same. */
const PERIOD_WEEKS = 4;
const PERSISTENCE = 3;
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

/**
 * The season-against-season reading of a seasonal entity's revenue, as the
 * rule reads it: the window's revenue × the entity's mean weekly revenue over
 * the training weeks / its mean weekly revenue over the same weeks a year
 * earlier, when those lie within the training weeks and sold. A seasonal
 * item's peak or trough then reads as its usual level, and a change of level
 * as one; the model learnt the classes' revenue on whole-year behaviour, so
 * the deseasonalised revenue is the figure it can place. Returns a function
 * that rescales rows of `featuresOver(history, fromWeek, toWeek)` in place
 * and says which rows it rescaled (entities without the imported seasonal
 * flag never are).
 */
function seasonAgainstSeason(history: StoredHistory, first: number, last: number) {
  const weeks = history.weeks;
  const index = new Map(history.ids.map((id, i) => [id, i]));
  const seasonal = history.ids.map((id) => history.attributes.get(id)?.seasonal === true);
  const revenue = new Float64Array(history.ids.length * weeks);
  for (const l of history.entityWeeks) {
    const i = index.get(l.entityId);
    if (i !== undefined && seasonal[i]) revenue[i * weeks + l.week - 1] += l.revenue;
  }
  const mean = (i: number, from: number, to: number) => {
    let sum = 0;
    for (let t = from; t <= to; t++) sum += revenue[i * weeks + t - 1];
    return sum / (to - from + 1);
  };
  const base = history.ids.map((_, i) => (seasonal[i] && last >= first ? mean(i, first, last) : 0));
  return (rows: FeatureRow[], fromWeek: number, toWeek: number): boolean[] =>
    rows.map((row, i) => {
      if (!seasonal[i] || fromWeek - 52 < first || toWeek - 52 > last || !(base[i] > 0)) return false;
      const lastYear = mean(i, fromWeek - 52, toWeek - 52);
      if (!(lastYear > 0) || row.revenue === null) return false;
      row.revenue = (row.revenue * base[i]) / lastYear;
      return true;
    });
}

/** Each entity's Syntetos–Boylan demand pattern over weeks `fromWeek` … `toWeek` of its weekly units. */
function trainingPatterns(history: StoredHistory, fromWeek: number, toWeek: number): string[] {
  const weeks = Math.max(0, toWeek - fromWeek + 1);
  const index = new Map(history.ids.map((id, i) => [id, i]));
  const units = new Float64Array(history.ids.length * weeks);
  for (const l of history.entityWeeks) {
    const i = index.get(l.entityId);
    if (i !== undefined && l.week >= fromWeek && l.week <= toWeek) units[i * weeks + l.week - fromWeek] += l.units;
  }
  return history.ids.map((_, i) => demandPatternOfRow(units.subarray(i * weeks, (i + 1) * weeks)).pattern);
}

/** log(a / b), finite at the extremes: a probability that underflowed to 0 counts as the smallest double. */
function logOdds(a: number, b: number): number {
  return Math.log(Math.max(a, Number.MIN_VALUE)) - Math.log(Math.max(b, Number.MIN_VALUE));
}

/** The largest of the values, null without any. */
function highest(values: number[]): number | null {
  return values.length === 0 ? null : Math.max(...values);
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
 * class now.
 *
 * Like with like, as the rule reads an entity against its own baseline:
 * - The window follows the entity's demand pattern (Syntetos–Boylan, over the
 *   training weeks or the latest weeks): smooth demand is read over the
 *   model's window; erratic, intermittent or lumpy demand over the weeks the
 *   rule examines (20 by default), its revenue put back on the model's scale.
 * - A seasonal item's revenue is read season against season: × its training
 *   weeks' rate / its rate over the same weeks a year earlier.
 * - Its own windows of the same length over the training weeks (every week)
 *   are the yardstick: an entity whose probability of leaving towards the same
 *   side reached the threshold in one of them while its class held (its
 *   seasons, silent stretches, big orders or place near a cut) is raised only
 *   when it now looks more like leaving than it ever did.
 * - Persistence, as the rule asks it: the threshold reached towards the same
 *   side at the latest period end and at N − 1 of the N before (4-week periods,
 *   N = 3), each window of the entity's own length.
 */
export async function modelProposals(db: Executor, dimension: "product" | "customer", model: StoredModel) {
  const history = await loadHistory(db, dimension);
  const w = model.dataWindow.windowWeeks;
  if (history.weeks < w) throw unprocessable(`the stored history (${history.weeks} weeks) is shorter than the model's ${w}-week window`, [{ field: "windowWeeks", message: "longer than the history" }]);
  const blocks = model.dataWindow.trainingBlocks;
  const first = blocks.length ? blocks[0].fromWeek : 1;
  const last = blocks.length ? Math.min(history.weeks, blocks[blocks.length - 1].toWeek) : 0;
  // The entity's own demand pattern over the training weeks (Syntetos–Boylan, as the rule reads it over its baseline).
  const ownPattern = trainingPatterns(history, first, last);
  // Twelve weeks of an erratic, intermittent or lumpy item hold too few or too uneven sales to place it: one big order
  // or one silent stretch decides the window. Such an item is read over the weeks the rule examines for its evidence
  // (longer, never shorter than the model's window), its revenue put back on the model's w-week scale; its own windows
  // over the training weeks are read at the same length, so like is compared with like.
  // An item whose demand has turned uneven since (smooth demand become lumpy) is as hard to place on 12 weeks now.
  const long = Math.min(history.weeks, Math.max(w, RULE_EXAMINED_WEEKS));
  const recentPattern = trainingPatterns(history, history.weeks - long + 1, history.weeks);
  const even = (pattern: string) => pattern === "smooth" || pattern === "no demand";
  const span = ownPattern.map((pattern, i) => (even(pattern) && even(recentPattern[i]) ? w : long));
  const season = seasonAgainstSeason(history, first, last);
  /** Each entity's features over its own span ending at week `end`, and whether each was read season against season. */
  const read = (end: number) => {
    const at = (length: number) => {
      if (end - length + 1 < 1) return null;
      const rows = featuresOver(history, end - length + 1, end);
      if (length !== w) for (const r of rows) if (r.revenue !== null) r.revenue *= w / length;
      return { rows, adjusted: season(rows, end - length + 1, end), fromWeek: end - length + 1 };
    };
    const short = at(w)!;
    const wide = long === w ? short : at(long);
    return history.ids.map((_, i) => {
      const r = span[i] === w ? short : wide;
      return r ? { row: r.rows[i], adjusted: r.adjusted[i], fromWeek: r.fromWeek } : null;
    });
  };
  const window = { fromWeek: history.weeks - w + 1, toWeek: history.weeks };
  const now = read(history.weeks);
  const features = now.map((r) => r!.row);
  const deseasonalised = now.map((r) => r!.adjusted);
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
  // Every window of the entity's span within the training weeks (a week apart: a silent stretch of 12–16 weeks fills
  // a 12-week window only at some offsets), silent ones included: a silent stretch is part of an intermittent item's
  // own behaviour.
  // Per side: a seasonal item whose trough looks like a lower class has not thereby looked like a higher one, so its
  // trough does not hide a real rise (nor its peak a real fall).
  // With each probability its log-odds against staying, log(P(side) / P(current class)): probabilities saturate at 1
  // in double precision long before the log-odds stop growing, so "more than ever" is judged on the log-odds.
  const before = history.ids.map(() => ({ better: [] as number[], worse: [] as number[], betterOdds: [] as number[], worseOdds: [] as number[] }));
  for (let end = last; end - w + 1 >= first; end--) {
    const windows = read(end);
    const rows = windows.map((r) => r?.row ?? features[0]);
    const q = softmaxProbabilities(applyModelStandardiser(rows, model.features), softmax);
    history.ids.forEach((_, i) => {
      const from = model.classes.indexOf(currentClass[i]);
      const own = windows[i];
      // A seasonal entity read season against season now is compared with its own windows read the same way.
      if (from < 0 || !own || own.fromWeek < first || own.adjusted !== deseasonalised[i]) return;
      let better = 0;
      for (let c = 0; c < from; c++) better += q[i * k + c];
      let worse = 0;
      for (let c = from + 1; c < k; c++) worse += q[i * k + c];
      before[i].better.push(better);
      before[i].worse.push(worse);
      before[i].betterOdds.push(logOdds(better, q[i * k + from]));
      before[i].worseOdds.push(logOdds(worse, q[i * k + from]));
    });
  }
  // Persistence, as the rule asks it: leaving towards the same side at the latest period end and at N − 1 of the N
  // before (one window swung back by an order does not break the run), so one window's big order or silent stretch
  // is not a change.
  const earlier: Float64Array[] = [];
  for (let j = 1; j <= PERSISTENCE; j++) {
    const end = history.weeks - j * PERIOD_WEEKS;
    if (end - w + 1 < 1) break;
    const windows = read(end);
    earlier.push(
      softmaxProbabilities(
        applyModelStandardiser(
          windows.map((r, i) => r?.row ?? features[i]),
          model.features,
        ),
        softmax,
      ),
    );
  }
  const sideOf = (q: Float64Array, i: number, from: number, up: boolean) => {
    let sum = 0;
    for (let c = up ? 0 : from + 1; c < (up ? from : k); c++) sum += q[i * k + c];
    return sum;
  };
  const metrics = periodWeekMetrics(history.ids, history.entityWeeks, history.weeks, w);
  const context = await impactContext(db, dimension, history, metrics, w);
  const proposals: Proposal[] = [];
  const raised: Array<{ i: number; from: number; up: boolean; threshold: number; time: RationaleTime }> = [];
  history.ids.forEach((id, i) => {
    const assignment = byId.get(id);
    const from = model.classes.indexOf(currentClass[i]);
    if (!assignment || from < 0) return;
    let better = 0;
    let worse = 0;
    for (let c = 0; c < k; c++) if (c < from) better += p[i * k + c];
    for (let c = from + 1; c < k; c++) worse += p[i * k + c];
    const leaving = better + worse;
    const up = better >= worse;
    let to = -1;
    for (let c = up ? 0 : from + 1; c < (up ? from : k); c++) if (to < 0 || p[i * k + c] > p[i * k + to]) to = c;
    if (to < 0) return;
    const usual = highest(up ? before[i].better : before[i].worse);
    const threshold = model.thresholds[model.classes[to]];
    const towards = logOdds(up ? better : worse, p[i * k + from]);
    const usualOdds = highest(up ? before[i].betterOdds : before[i].worseOdds);
    // Its own windows are the yardstick: looking as much like leaving as it did while its class held is no news.
    if (leaving < threshold || (usual !== null && usual >= threshold && !(usualOdds !== null && towards > usualOdds))) return;
    const run = earlier.filter((q) => sideOf(q, i, from, up) >= threshold).length;
    if (run < PERSISTENCE - 1) return;
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
      windowStep: PERIOD_WEEKS,
      sinceWeek: window.toWeek,
    };
    raised.push({ i, from, up, threshold, time });
    proposals.push({
      entityId: id,
      from: assignment.segment,
      to: toSegment,
      detail,
      confidence: round(leaving),
      justification: `model v${model.version} (${model.id}): P(leaving ${part} ${model.classes[from]}) = ${leaving.toFixed(3)} >= threshold ${threshold} on weeks ${history.weeks - span[i] + 1}-${history.weeks}, ${(up ? better : worse).toFixed(3)} of it towards ${side} classes; most likely ${model.classes[to]} (${p[i * k + to].toFixed(3)}); at or above the threshold at ${run + 1} of the last ${earlier.length + 1} period ends (every ${PERIOD_WEEKS} weeks); towards ${side} classes at most ${usual === null ? "unseen" : usual.toFixed(3)} (log-odds against staying ${towards.toFixed(1)} now, at most ${usualOdds === null ? "unseen" : usualOdds.toFixed(1)} before) in the ${span[i]}-week windows of the training weeks (${ownPattern[i]}${history.attributes.get(id)?.seasonal === true ? ", seasonal" : ""} demand)${deseasonalised[i] ? "; revenue read season against season (× its training weeks' rate / the same weeks a year earlier)" : ""}`,
      // The features first (the reasons), then how long it has looked like leaving.
      rationale: [...rationale, time],
      impact: context.impact(id, assignment.segment, toSegment),
    });
  });
  // How long each raised entity has looked like leaving: its windows back from the latest, every PERIOD_WEEKS, read
  // as it was judged (its own span, season against season where it was), while it held at the threshold towards the
  // same side (the latest window is the one just read).
  let open = raised;
  for (let end = history.weeks - PERIOD_WEEKS; end - w + 1 >= 1 && open.length > 0; end -= PERIOD_WEEKS) {
    const windows = read(end);
    const q = softmaxProbabilities(
      applyModelStandardiser(
        windows.map((r, i) => r?.row ?? features[i]),
        model.features,
      ),
      softmax,
    );
    open = open.filter((r) => {
      if (!windows[r.i] || sideOf(q, r.i, r.from, r.up) < r.threshold) return false;
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

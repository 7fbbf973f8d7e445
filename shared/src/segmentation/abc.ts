import { DomainError, parseWith } from "../errors";
import { idOrder, rankDescending } from "../numeric";
import { checkIds, toCheckedFloat64 } from "../validation";
import { SHARE_TOLERANCE, firstClassAtOrAbove } from "./firstClassAtOrAbove";
import { abcOptionsSchema, defaultLabels, type AbcMode, type AbcOptions } from "./schemas";

/** Typed-array result of {@link classifyAbcArrays}, every array in input order. */
export interface AbcArrays {
  labels: string[];
  /** 1-based rank by value, largest first; ties by id (or input position) */
  rank: Uint32Array;
  /** value / total of positive values */
  share: Float64Array;
  /** cumulative value share up to and including the item, in rank order */
  cumulativeShare: Float64Array;
  /** rank / item count: the share compared with the cut-offs in `count` mode */
  cumulativeItemShare: Float64Array;
  classIndex: Uint8Array;
}

export interface AbcItem {
  id: string;
  value: number;
  rank: number;
  share: number;
  cumulativeShare: number;
  cumulativeItemShare: number;
  class: string;
  /** loss-making (value < 0): ranked last, placed in the last class, outside the total */
  negative: boolean;
}

export interface AbcClassSummary {
  label: string;
  count: number;
  itemShare: number;
  /** Σ non-negative values of the class; valueShare = value / total, so shares sum to 1 */
  value: number;
  valueShare: number;
  /** Σ negative values (loss-makers), reported apart so they do not distort shares */
  lossValue: number;
}

export interface AbcResult {
  mode: AbcMode;
  cutoffs: number[];
  labels: string[];
  items: AbcItem[];
  classes: AbcClassSummary[];
  total: number;
}

/**
 * ABC classification (Pareto analysis) on any criterion: revenue, margin,
 * units, picks.
 *
 * Items are ranked by value, largest first (ties by id). In `value` mode an
 * item's cumulative share is Σ values ranked at or above it / Σ positive
 * values, and it gets the first class whose cut-off is ≥ that share; in
 * `count` mode the share is rank / n. Default cut-offs 0.8 and 0.95 follow
 * the common 80/15/5 rule of thumb (Silver, Pyke & Thomas, *Inventory and
 * Production Management in Supply Chains*, 4th ed., §2.3).
 *
 * Loss-making items (value < 0) rank last, are flagged `negative`, are left
 * out of the total (so the others' shares sum to 1) and fall in the last class.
 *
 * @throws DomainError naming `values[i]` for a non-number, NaN or ±Infinity;
 *   `values` when no value is positive in value mode; `cutoffs`, `labels`, `ids` when malformed.
 * @example classifyAbc([50, 30, 15, 5]).items.map((i) => i.class) // ["A", "A", "B", "C"]
 */
export function classifyAbc(values: ReadonlyArray<unknown>, options: AbcOptions = {}): AbcResult {
  const numbers = toCheckedFloat64(values, "values");
  const opts = parseWith(abcOptionsSchema, options, "");
  const ids = checkIds(opts.ids, numbers.length);
  // Without ids, ties keep input order (default ids "1", "10", "2" would sort as text).
  const arrays = classifyAbcArrays(numbers, { ...opts, ids: opts.ids ? ids : undefined });
  const items: AbcItem[] = Array.from(numbers, (value, i) => ({
    id: ids[i],
    value,
    rank: arrays.rank[i],
    share: arrays.share[i],
    cumulativeShare: arrays.cumulativeShare[i],
    cumulativeItemShare: arrays.cumulativeItemShare[i],
    class: arrays.labels[arrays.classIndex[i]],
    negative: value < 0,
  }));
  const total = numbers.reduce((s, v) => (v > 0 ? s + v : s), 0);
  return {
    mode: opts.mode,
    cutoffs: opts.cutoffs,
    labels: arrays.labels,
    items,
    classes: summariseClasses(items, arrays.labels, total),
    total,
  };
}

function summariseClasses(items: AbcItem[], labels: string[], total: number): AbcClassSummary[] {
  const byLabel = new Map(labels.map((label) => [label, { label, count: 0, itemShare: 0, value: 0, valueShare: 0, lossValue: 0 }]));
  for (const item of items) {
    const s = byLabel.get(item.class)!;
    s.count++;
    if (item.negative) s.lossValue += item.value;
    else s.value += item.value;
  }
  const summaries = [...byLabel.values()];
  for (const s of summaries) {
    s.itemShare = items.length ? s.count / items.length : 0;
    s.valueShare = total > 0 ? s.value / total : 0;
  }
  return summaries;
}

/**
 * The kernel of {@link classifyAbc} on a Float64Array: no per-item objects,
 * for million-item tables. Values must already be finite (checked by the caller).
 */
export function classifyAbcArrays(values: Float64Array, options: { cutoffs?: number[]; labels?: string[]; mode?: AbcMode; ids?: string[] } = {}): AbcArrays {
  const cutoffs = options.cutoffs ?? [0.8, 0.95];
  const mode = options.mode ?? "value";
  const labels = options.labels ?? defaultLabels(cutoffs.length + 1);
  if (labels.length !== cutoffs.length + 1) {
    throw new DomainError("labels", `expected ${cutoffs.length + 1} labels (one more than the ${cutoffs.length} cut-offs), got ${labels.length}`);
  }
  if (labels.length > 255) throw new DomainError("labels", `at most 255 classes, got ${labels.length}`);
  const n = values.length;
  let total = 0;
  for (let i = 0; i < n; i++) if (values[i] > 0) total += values[i];
  // Each value is finite but their sum can still overflow: shares would silently read 0 and 1.
  if (!Number.isFinite(total)) throw new DomainError("values", "the total is too large to represent: scale the values down (e.g. thousands)", "out_of_range");
  if (mode === "value" && n > 0 && !(total > 0)) {
    throw new DomainError("values", "no value is above 0: ABC by value needs a positive total", "out_of_range");
  }

  const order = rankDescending(values, options.ids ? idOrder(options.ids) : undefined);
  // Only rank and cumulative share need the rank-order walk; writing them is a
  // scatter (one cache miss per item and array), so everything else is derived
  // afterwards in input order. At a million items this halves the time.
  const rank = new Uint32Array(n);
  const cumulativeShare = new Float64Array(n);
  let running = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    const v = values[i];
    if (v > 0) running += v;
    rank[i] = r + 1;
    // The last positive item closes at exactly 1, whatever the rounding of the running sum.
    cumulativeShare[i] = total > 0 ? (running >= total ? 1 : running / total) : 0;
  }
  const share = new Float64Array(n);
  const cumulativeItemShare = new Float64Array(n);
  const classIndex = new Uint8Array(n);
  const last = cutoffs.length;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    share[i] = total > 0 ? v / total : 0;
    const itemShare = rank[i] / n;
    cumulativeItemShare[i] = itemShare;
    classIndex[i] = v < 0 ? last : firstClassAtOrAbove(mode === "value" ? cumulativeShare[i] : itemShare, cutoffs, SHARE_TOLERANCE);
  }
  return { labels, rank, share, cumulativeShare, cumulativeItemShare, classIndex };
}

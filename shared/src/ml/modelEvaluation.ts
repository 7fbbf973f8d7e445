import { DomainError } from "../errors";

export interface ClassificationReport {
  classes: string[];
  /** rows: true class, columns: predicted class, in `classes` order */
  confusion: number[][];
  accuracy: number;
  /** per class: precision TP/(TP+FP) and recall TP/(TP+FN); null when the denominator is 0 */
  perClass: Array<{ class: string; support: number; precision: number | null; recall: number | null }>;
  /** unweighted mean of the defined per-class recalls (balanced accuracy) */
  macroRecall: number | null;
  n: number;
}

/**
 * Hold-out evaluation of a classifier: the confusion matrix C[t][p] (true
 * class t predicted as p), accuracy Σ C[k][k] / n, and per class precision
 * C[k][k] / Σ_t C[t][k] and recall C[k][k] / Σ_p C[k][p] (Sokolova & Lapalme
 * 2009, "A systematic analysis of performance measures for classification
 * tasks", Information Processing & Management 45(4), Table 3, the
 * per-class "macro" measures). A class never predicted has no precision and
 * a class absent from the truth no recall: null, not 0, so neither is
 * mistaken for a measured failure.
 *
 * @throws DomainError (`predicted`) when the lengths differ; (`truth[i]` / `predicted[i]`) for an index outside the classes
 * @example
 * classificationReport([0, 0, 1], [0, 1, 1], ["A", "B"]).accuracy; // 0.6667
 */
export function classificationReport(truth: ArrayLike<number>, predicted: ArrayLike<number>, classes: readonly string[]): ClassificationReport {
  if (truth.length !== predicted.length) throw new DomainError("predicted", `expected ${truth.length} predictions (one per true label), got ${predicted.length}`);
  const k = classes.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i];
    const p = predicted[i];
    if (!Number.isInteger(t) || t < 0 || t >= k) throw new DomainError(`truth[${i}]`, `expected a class index from 0 to ${k - 1}, got ${t}`, "out_of_range");
    if (!Number.isInteger(p) || p < 0 || p >= k) throw new DomainError(`predicted[${i}]`, `expected a class index from 0 to ${k - 1}, got ${p}`, "out_of_range");
    confusion[t][p]++;
  }
  let correct = 0;
  for (let c = 0; c < k; c++) correct += confusion[c][c];
  const perClass = classes.map((name, c) => {
    const support = confusion[c].reduce((a, b) => a + b, 0);
    const predictedAs = confusion.reduce((a, row) => a + row[c], 0);
    return { class: name, support, precision: predictedAs ? confusion[c][c] / predictedAs : null, recall: support ? confusion[c][c] / support : null };
  });
  const recalls = perClass.map((x) => x.recall).filter((r): r is number => r !== null);
  return {
    classes: [...classes],
    confusion,
    accuracy: truth.length ? correct / truth.length : 0,
    perClass,
    macroRecall: recalls.length ? recalls.reduce((a, b) => a + b, 0) / recalls.length : null,
    n: truth.length,
  };
}

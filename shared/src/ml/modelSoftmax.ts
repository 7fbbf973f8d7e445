import { DomainError } from "../errors";

/** A multinomial logistic regression: weights feature-major (features × classes) and one bias per class. */
export interface SoftmaxWeights {
  /** row-major, features × classes */
  weights: ArrayLike<number>;
  bias: ArrayLike<number>;
  features: number;
  classes: number;
}

/**
 * Class probabilities of multinomial logistic regression,
 * p_k(x) = exp(b_k + x·w_k) / Σ_l exp(b_l + x·w_l) (Hastie, Tibshirani &
 * Friedman, *The Elements of Statistical Learning*, 2nd ed., eq. 4.18; Bishop,
 * *Pattern Recognition and Machine Learning*, eq. 4.104), with the largest
 * logit subtracted first so exp never overflows.
 *
 * @param x row-major standardised inputs (rows × features)
 * @returns row-major probabilities (rows × classes)
 * @throws DomainError (`x`) when its length is not a multiple of the feature count
 * @example
 * softmaxProbabilities(Float64Array.of(1), { weights: [1, -1], bias: [0, 0], features: 1, classes: 2 }); // [0.8808, 0.1192]
 */
export function softmaxProbabilities(x: ArrayLike<number>, model: SoftmaxWeights): Float64Array {
  const { features: d, classes: k } = model;
  if (x.length % d !== 0) throw new DomainError("x", `expected rows of ${d} features, got ${x.length} values`);
  const n = x.length / d;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      let z = model.bias[c];
      for (let j = 0; j < d; j++) z += x[i * d + j] * model.weights[j * k + c];
      out[i * k + c] = z;
      if (z > max) max = z;
    }
    let sum = 0;
    for (let c = 0; c < k; c++) sum += out[i * k + c] = Math.exp(out[i * k + c] - max);
    for (let c = 0; c < k; c++) out[i * k + c] /= sum;
  }
  return out;
}

/**
 * What moved one row from class `from` to class `to`: the log-odds
 * log(p_to / p_from) = (b_to − b_from) + Σ_j x_j (w_j,to − w_j,from) is linear
 * in the standardised inputs (ESL eq. 4.17), so each feature's term
 * x_j (w_j,to − w_j,from) is its exact share of the log-odds, and the shares
 * plus the bias difference sum to it.
 *
 * @returns one contribution per feature, in feature order, and the bias term
 * @throws DomainError (`from` / `to`) outside the classes; (`row`) of the wrong length
 * @example
 * logOddsContributions([2], { weights: [1, -1], bias: [0, 0], features: 1, classes: 2 }, 1, 0).contributions; // [4]
 */
export function logOddsContributions(row: ArrayLike<number>, model: SoftmaxWeights, from: number, to: number): { contributions: number[]; bias: number } {
  const { features: d, classes: k } = model;
  if (row.length !== d) throw new DomainError("row", `expected ${d} features, got ${row.length}`);
  if (!Number.isInteger(from) || from < 0 || from >= k) throw new DomainError("from", `expected a class index from 0 to ${k - 1}, got ${from}`, "out_of_range");
  if (!Number.isInteger(to) || to < 0 || to >= k) throw new DomainError("to", `expected a class index from 0 to ${k - 1}, got ${to}`, "out_of_range");
  const contributions = Array.from({ length: d }, (_, j) => row[j] * (model.weights[j * k + to] - model.weights[j * k + from]));
  return { contributions, bias: model.bias[to] - model.bias[from] };
}

import { DEFAULT_TRAINING_EPOCHS } from "../../../shared/src/api/ml";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createRng } from "../../../shared/src/random";
import { registerTrainingGradients } from "./tfGradients";

let backend: Promise<void> | undefined;

/**
 * The WASM backend once per process: single-threaded SIMD in Node, ~40× the
 * pure-JS backend on dense algebra, and the same float32 arithmetic on every
 * run so a seed reproduces the weights bit for bit.
 */
export function wasmBackend(): Promise<void> {
  backend ??= (async () => {
    registerTrainingGradients();
    if (await tf.setBackend("wasm")) return;
    // Bundlers move the package: point it at the binaries explicitly and try again.
    setWasmPaths(path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + path.sep);
    if (!(await tf.setBackend("wasm"))) throw new Error("the tfjs WASM backend did not load");
  })();
  return backend;
}

export interface SoftmaxTrainingOptions {
  seed: number;
  /** full-batch Adam steps */
  epochs: number;
  learningRate: number;
  /** λ of the ridge penalty (λ/2)‖W‖² on the weights (not the biases) */
  l2: number;
  /** weight each class by n / (K · n_k) so a small class (the A items) counts as much as a large one */
  balanced: boolean;
}

export const DEFAULT_TRAINING: Omit<SoftmaxTrainingOptions, "seed"> = { epochs: DEFAULT_TRAINING_EPOCHS, learningRate: 0.05, l2: 1e-3, balanced: true };

/**
 * Multinomial logistic regression fitted in tfjs: minimises the (class-
 * weighted) mean cross-entropy −Σ_i ω_{y_i} log p_{y_i}(x_i) / Σ_i ω_{y_i} plus
 * (λ/2)‖W‖² (Hastie, Tibshirani & Friedman, ESL 2nd ed., eqs. 4.18–4.21 with a
 * ridge penalty, §18.4), by full-batch Adam (Kingma & Ba 2015, Algorithm 1).
 * Full batches mean no shuffling; the only random source is the initial
 * weights, N(0, 0.01²) drawn from `createRng(seed)`, so the same seed and data
 * give the same weights.
 *
 * @param x row-major standardised inputs (n × d)
 * @param y class index per row
 */
export async function trainSoftmax(x: Float64Array, y: Int32Array, d: number, k: number, options: SoftmaxTrainingOptions): Promise<{ weights: number[]; bias: number[]; loss: number }> {
  await wasmBackend();
  const n = y.length;
  const rng = createRng(options.seed);
  const initial = Float32Array.from({ length: d * k }, () => rng.normal(0, 0.01));
  const counts = new Array<number>(k).fill(0);
  for (const c of y) counts[c]++;
  const classWeight = counts.map((m) => (options.balanced && m > 0 ? n / (k * m) : 1));
  const rowWeight = Float32Array.from(y, (c) => classWeight[c]);
  const W = tf.variable(tf.tensor2d(initial, [d, k]));
  const b = tf.variable(tf.zeros([k]));
  const inputs = tf.tensor2d(Float32Array.from(x), [n, d]);
  // oneHot's float32 output is broken on WASM (int32 bit patterns): take int32 and cast.
  const targets = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(y, "int32"), k), "float32"));
  const omega = tf.tensor1d(rowWeight);
  const omegaSum = rowWeight.reduce((a, v) => a + v, 0);
  const optimizer = tf.train.adam(options.learningRate);
  // Functional ops, not tensor methods: core alone does not install the chained-op methods.
  const lossOf = () =>
    tf.tidy(() => {
      const logits = tf.add(tf.matMul(inputs, W), b);
      const nll = tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 1));
      return tf.add(tf.div(tf.sum(tf.mul(nll, omega)), omegaSum), tf.mul(tf.sum(tf.square(W)), options.l2 / 2)) as tf.Scalar;
    });
  try {
    for (let e = 0; e < options.epochs; e++) optimizer.minimize(lossOf);
    const loss = lossOf();
    const [weights, bias, finalLoss] = [Array.from(await W.data()), Array.from(await b.data()), (await loss.data())[0]];
    loss.dispose();
    return { weights, bias, loss: finalLoss };
  } finally {
    optimizer.dispose();
    tf.dispose([W, b, inputs, targets, omega]);
  }
}

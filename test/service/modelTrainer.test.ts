/**
 * The softmax trainer's weights, bit for bit, on a fixed seed and data set. The expected bit
 * patterns were written by the trainer on the full `@tensorflow/tfjs` package, before it moved to
 * `@tensorflow/tfjs-core` with the gradients it needs (service/src/ml/tfGradients.ts): a model
 * trained today is the one a seed gave then.
 */
import { createRng } from "../../shared/src/random";
import { DEFAULT_TRAINING, trainSoftmax } from "../../service/src/ml/modelTrainer";

jest.setTimeout(60_000);

const bits = (v: number) => Buffer.from(Float32Array.of(v).buffer).toString("hex");

describe("trainSoftmax", () => {
  it("gives the weights, biases and loss the tfjs umbrella package gave on the same seed (float32 bit patterns)", async () => {
    const [n, d, k, seed] = [300, 6, 3, 1];
    const rng = createRng(1000 + seed);
    const x = Float64Array.from({ length: n * d }, () => rng.normal(0, 1));
    // Classes cut from a signed, weighted sum of the features: separable enough to train, not trivially.
    const y = Int32Array.from({ length: n }, (_, i) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += x[i * d + j] * (j + 1) * (j % 2 ? -1 : 1);
      return Math.min(k - 1, Math.max(0, Math.floor((s / d + 1.5) * (k / 3))));
    });
    const trained = await trainSoftmax(x, y, d, k, { ...DEFAULT_TRAINING, epochs: 200, seed });
    expect(trained.weights.map(bits).join(" ")).toBe("229854bf 0601fdbd 0693473f 011bb33f 61373b3e 256e95bf 0795eebf 6ad1aa3d eb21fa3f b0c52040 7cbde8be 797536c0 553a5ac0 4d3993bd 9b3c5b40 0ade7240 66cb613e 272d70c0");
    expect(trained.bias.map(bits).join(" ")).toBe("dcb340bf fa04c93f 58b444bf");
    expect(bits(trained.loss)).toBe("d4b9733e");
  });
});

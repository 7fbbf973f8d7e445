/**
 * The gradients the softmax trainer (modelTrainer.ts) differentiates through, registered on
 * @tensorflow/tfjs-core. Core's CommonJS build (the one Node loads) registers no gradients: the
 * `@tensorflow/tfjs` umbrella does, from core's ES-module sources it bundles, and it also carries
 * layers, converter, data and the WebGL backend (~220 MB installed) that the service never uses.
 * Core's own `dist/register_all_gradients.js` is ES-module code with extensionless imports, which
 * Node cannot load.
 *
 * Each function below is tfjs-core 4.22's (src/gradients/*_grad.ts, Apache-2.0) op for op, so the
 * backward pass runs the same kernels in the same order as under the umbrella and training gives
 * bit-identical weights (test/service/modelTrainer.test.ts pins them). A loss that uses another
 * kernel fails loudly ("gradient function not found for …"): port that kernel's gradient here.
 * logSoftmax needs none: it carries its own (customGrad).
 */
import { backend_util, cast, div, getGradient, matMul, mul, neg, ones, registerGradient, reshape, square, sum, util, type GradConfig, type NamedAttrMap, type Tensor } from "@tensorflow/tfjs-core";

const { assertAndGetBroadcastShape, getReductionAxes } = backend_util;

/** Sums `res` over the axes broadcasting added to `shape`, back to `shape`. */
function unbroadcast(res: Tensor, shape: number[], outShape: number[]): Tensor {
  const axes = getReductionAxes(shape, outShape);
  return axes.length > 0 ? reshape(sum(res, axes), shape) : res;
}

const gradients: GradConfig[] = [
  {
    kernelName: "BatchMatMul",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved;
      const g = dy as Tensor;
      const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
      if (!transposeA && !transposeB) return { a: () => matMul(g, b, false, true), b: () => matMul(a, g, true, false) };
      if (!transposeA && transposeB) return { a: () => matMul(g, b, false, false), b: () => matMul(g, a, true, false) };
      if (transposeA && !transposeB) return { a: () => matMul(b, g, false, true), b: () => matMul(a, g, false, false) };
      return { a: () => matMul(b, g, true, true), b: () => matMul(g, a, true, true) };
    },
  },
  {
    kernelName: "Add",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, saved) => {
      const [a, b] = saved;
      const outShape = assertAndGetBroadcastShape(a.shape, b.shape);
      // Add's reshape is unconditional (Multiply's and RealDiv's are not): the same kernels as core.
      const der = (x: Tensor) => () => {
        const axes = getReductionAxes(x.shape, outShape);
        return reshape(axes.length > 0 ? sum(dy as Tensor, axes) : (dy as Tensor), x.shape);
      };
      return { a: der(a), b: der(b) };
    },
  },
  {
    kernelName: "Multiply",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, saved) => {
      const [a, b] = saved;
      const outShape = assertAndGetBroadcastShape(a.shape, b.shape);
      return {
        a: () => unbroadcast(mul(dy as Tensor, cast(b, "float32")), a.shape, outShape),
        b: () => unbroadcast(mul(dy as Tensor, cast(a, "float32")), b.shape, outShape),
      };
    },
  },
  {
    kernelName: "RealDiv",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, saved) => {
      const [a, b] = saved;
      const outShape = assertAndGetBroadcastShape(a.shape, b.shape);
      return {
        a: () => unbroadcast(div(dy as Tensor, cast(b, "float32")), a.shape, outShape),
        b: () => neg(div(unbroadcast(mul(dy as Tensor, cast(a, "float32")), b.shape, outShape), cast(square(b), "float32"))),
      };
    },
  },
  {
    kernelName: "Sum",
    inputsToSave: ["x"],
    gradFunc: (dy, saved, attrs: NamedAttrMap) => {
      const [x] = saved;
      const expandedDyShape = x.shape.slice();
      for (const axis of util.parseAxisParam(attrs.axis as number | number[], x.shape)) expandedDyShape[axis] = 1;
      const derX = mul(reshape(dy as Tensor, expandedDyShape), ones(x.shape, "float32"));
      return { x: () => derX };
    },
  },
  { kernelName: "Neg", gradFunc: (dy) => ({ x: () => neg(dy as Tensor) }) },
  {
    kernelName: "Square",
    inputsToSave: ["x"],
    gradFunc: (dy, saved) => {
      const [x] = saved;
      return { x: () => mul(dy as Tensor, mul(cast(x, "float32"), 2)) };
    },
  },
];

/** Register the gradients, leaving any already registered (the umbrella's, if something loaded it) in place. */
export function registerTrainingGradients(): void {
  for (const config of gradients) if (!getGradient(config.kernelName)) registerGradient(config);
}

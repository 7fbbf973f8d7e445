/**
 * Worker side of the threaded k-means: runs its row range of a matrix held in
 * SharedArrayBuffers on the main thread's word, on the kernel wasmKmeansShard
 * picks.
 */
import { parentPort } from "node:worker_threads";
import { readMotion, type ShardSetup, type WorkerRequest } from "./kmeansProtocol";
import { shardKernel, type ShardKernel } from "./wasmKmeansShard";

let kernel: ShardKernel | undefined;
let setup: ShardSetup | undefined;

parentPort?.on("message", (message: WorkerRequest) => {
  const port = parentPort!;
  try {
    switch (message.type) {
      case "setup":
        setup = message.setup;
        kernel = shardKernel(
          setup.kernel,
          {
            points: new Float64Array(setup.points),
            dimensions: setup.d,
            start: setup.start,
            end: setup.end,
            labels: new Int32Array(setup.labels),
            upper: new Float64Array(setup.upper),
            lower: new Float64Array(setup.lower),
            sums: new Float64Array(setup.sums),
            counts: new Float64Array(setup.counts),
          },
          setup.k,
        );
        port.postMessage({ ok: true });
        break;
      case "init":
        kernel!.assignAll(new Float64Array(setup!.centres));
        port.postMessage({ ok: true });
        break;
      case "pass":
        port.postMessage({ ok: true, changed: kernel!.pass(new Float64Array(setup!.centres), readMotion(new Float64Array(setup!.motion), setup!.k)) });
        break;
      case "inertia":
        kernel!.writeLabels();
        port.postMessage({ ok: true, inertia: kernel!.inertia(new Float64Array(setup!.centres)) });
        break;
      case "release":
        kernel = undefined;
        setup = undefined;
        port.postMessage({ ok: true });
        break;
    }
  } catch (error) {
    port.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});

/**
 * Worker side of the threaded k-means: runs the shared Hamerly kernel on its
 * row range of a matrix held in SharedArrayBuffers, on the main thread's word.
 */
import { parentPort } from "node:worker_threads";
import { assignAll, hamerlyPass, shardInertia, type KmeansShard } from "../../../shared/src/ml/hamerlyKernel";
import { readMotion, type ShardSetup, type WorkerRequest } from "./kmeansProtocol";

let shard: KmeansShard | undefined;
let setup: ShardSetup | undefined;

parentPort?.on("message", (message: WorkerRequest) => {
  const port = parentPort!;
  try {
    switch (message.type) {
      case "setup":
        setup = message.setup;
        shard = {
          points: new Float64Array(setup.points),
          dimensions: setup.d,
          start: setup.start,
          end: setup.end,
          labels: new Int32Array(setup.labels),
          upper: new Float64Array(setup.upper),
          lower: new Float64Array(setup.lower),
          sums: new Float64Array(setup.sums),
          counts: new Float64Array(setup.counts),
        };
        port.postMessage({ ok: true });
        break;
      case "init":
        assignAll(shard!, new Float64Array(setup!.centres), setup!.k);
        port.postMessage({ ok: true });
        break;
      case "pass":
        port.postMessage({ ok: true, changed: hamerlyPass(shard!, new Float64Array(setup!.centres), setup!.k, readMotion(new Float64Array(setup!.motion), setup!.k)) });
        break;
      case "inertia":
        port.postMessage({ ok: true, inertia: shardInertia(shard!, new Float64Array(setup!.centres)) });
        break;
      case "release":
        shard = undefined;
        setup = undefined;
        port.postMessage({ ok: true });
        break;
    }
  } catch (error) {
    port.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});

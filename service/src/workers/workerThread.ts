/**
 * A worker thread on one of the service's own modules, whether the service runs compiled or from
 * source.
 *
 * Compiled (`npm run build:service`, started by `npm run service:prod`) every module is JavaScript
 * under build/service/ and the worker loads its .js directly: a production install
 * (`npm ci --omit=dev`) has no tsx. From source (`npm run service`, jest, the tsx scripts) the module
 * is a .ts file Node cannot load by itself, so the worker registers tsx's CommonJS hook first. The
 * extension of this very file tells the two apart: tsc emits it as .js, while tsx and jest's swc run
 * the .ts where it stands.
 */
import path from "node:path";
import { Worker, type WorkerOptions } from "node:worker_threads";

const compiled = path.extname(__filename) === ".js";

/** Start a worker on `modulePath`: a module of the service given without its extension. */
export function startWorker(modulePath: string, options: WorkerOptions = {}): Worker {
  if (compiled) return new Worker(`${modulePath}.js`, options);
  const tsx = require.resolve("tsx/cjs");
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(`${modulePath}.ts`)});`, { ...options, eval: true });
}

/**
 * Child process for test/service/compiledService.test.ts: the compiled service's two kinds of
 * worker thread, started from build/service/ by plain node. Reads a JSON job file (argv[2]):
 * `training` goes to a task pool's worker as the service's model training does, `kmeans` to a
 * threaded k-means pool (forced onto its worker however small). Prints both results as one JSON
 * line.
 */
const fs = require("node:fs");
const path = require("node:path");

const compiled = path.resolve(__dirname, "../../../build/service/service/src");
const { TaskPool } = require(path.join(compiled, "workers/taskPool.js"));
const { startKmeansPool } = require(path.join(compiled, "ml/parallelKmeans.js"));

async function main() {
  const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const pool = new TaskPool({ threads: 1, timeoutMs: 60_000 });
  const kmeansPool = await startKmeansPool(1);
  try {
    const { x, y, d, k, options } = job.training;
    const trained = await pool.run({ kind: "train-softmax", x: Float64Array.from(x), y: Int32Array.from(y), d, k, options });
    const { points, n, d: dims, k: clusters, initialCentres } = job.kmeans;
    const clustered = await kmeansPool.run(Float64Array.from(points), n, dims, clusters, { initialCentres: Float64Array.from(initialCentres), force: true });
    process.stdout.write(JSON.stringify({ trained, kmeans: { labels: Array.from(clustered.labels), iterations: clustered.iterations, inertia: clustered.inertia } }) + "\n");
  } finally {
    await Promise.all([pool.close(), kmeansPool.close()]);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

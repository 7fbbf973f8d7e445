// ml-kmeans is ESM-only and jest loads CommonJS: the oracle runs in its own
// Node process. Reads {data, k, initialization} as JSON on stdin, prints
// {clusters, centroids, iterations, converged}.
import { kmeans } from "ml-kmeans";

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const { data, k, initialization } = JSON.parse(input);
  // tolerance 0: stop only when no centre moves, the fixed point the Hamerly kernel stops at.
  const r = kmeans(data, k, { initialization, tolerance: 0, maxIterations: 10000 });
  process.stdout.write(JSON.stringify({ clusters: r.clusters, centroids: r.centroids, iterations: r.iterations, converged: r.converged }));
});

/**
 * Child of the `recommendations-5m-lines` benchmark: runs rule recommendation
 * generation (ruleProposals, products and customers), the KPI report (both
 * dimensions) and a segmentation run on DATABASE_URL with the use cases of
 * the checkout at ROOT (this one, or an older one for the before), and prints
 * one JSON line: milliseconds per step and this process's peak RSS.
 */
import path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the use cases of another checkout, for the before
const load = (file: string) => require(path.join(process.env.ROOT!, file));

async function main() {
  const { openDatabase } = load("service/src/store/openDatabase");
  const { ruleProposals } = load("service/src/useCases/recommendations");
  const { kpiReport } = load("service/src/useCases/kpiReport");
  const { computeSegmentation } = load("service/src/useCases/segmentationRuns");
  const { db } = openDatabase(process.env.DATABASE_URL!, () => {}, { statementTimeoutMs: 0 });
  const steps: Record<string, number> = {};
  const counts: Record<string, number> = {};
  const time = async (name: string, fn: () => Promise<unknown>) => {
    const start = process.hrtime.bigint();
    const out = (await fn()) as { proposals?: unknown[]; segments?: unknown[] } | unknown[];
    steps[name] = Math.round(Number(process.hrtime.bigint() - start) / 1e6);
    counts[name] = Array.isArray(out) ? out.length : (out.proposals?.length ?? out.segments?.length ?? 0);
  };
  // What the process holds before any step: node, tsx and the service's modules.
  const baselineMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  const started = process.hrtime.bigint();
  const request = { periodWeeks: 4, consecutivePeriods: 3, margin: 0.25 };
  await time("recommendations_product", () => ruleProposals(db, "product", request));
  await time("recommendations_customer", () => ruleProposals(db, "customer", request));
  await time("kpi_product", () => kpiReport(db, { dimension: "product", maxCostToServePct: 0.12, maxWape: 0.5 }));
  await time("kpi_customer", () => kpiReport(db, { dimension: "customer", maxCostToServePct: 0.12, maxWape: 0.5 }));
  await time("segmentation_abc_xyz", () => computeSegmentation(db, { method: "abc-xyz", dimension: "product", criterion: "revenue" }));
  const total = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  await db.destroy();
  // maxRSS is in kilobytes.
  process.stdout.write(`${JSON.stringify({ total_ms: total, steps, counts, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), baseline_rss_mb: baselineMb })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

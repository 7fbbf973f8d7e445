import type { HealthCheckQuery } from "../../../shared/src/api";
import { ENTITY_FEATURES, MONEY_FEATURES, featureLabel, preprocessFeatures, type EntityFeature } from "../../../shared/src/ml";
import { DEFAULT_CEILINGS, persistentUnderperformance, segmentHealth } from "../../../shared/src/kpi";
import { unprocessable } from "../appError";
import type { Executor } from "./context";
import { cachedKpiReport } from "./kpiReport";
import { assignmentsAt, currentVersion } from "./masterData";
import { loadEntityFeatures } from "./mlClustering";

/**
 * Segment health of the current assignments over the behaviour features
 * (revenue log-transformed, every feature z-scored, missing values imputed
 * with the median so every assigned entity is scored), judged on the
 * features the segments actually differ on (shared/src/kpi/segmentHealth),
 * and the segments whose KPIs have missed their targets for `minPeriods`
 * months running, from the KPI report's monthly periods.
 */
export async function segmentHealthCheck(db: Executor, query: HealthCheckQuery, asOf: Date = new Date()) {
  const version = await currentVersion(db, query.dimension);
  const assignments = await assignmentsAt(db, query.dimension, version);
  if (assignments.length === 0) throw unprocessable(`no ${query.dimension} segments are assigned yet`, [{ field: "query.dimension", message: "no current assignments" }]);
  const { ids, weeks, features } = await loadEntityFeatures(db, query.dimension);
  const segmentOf = new Map(assignments.map((a) => [a.entityId, a.segment]));
  const rows: number[] = [];
  ids.forEach((id, i) => {
    if (segmentOf.has(id)) rows.push(i);
  });
  const specs = ENTITY_FEATURES.map((name) => ({ name, money: MONEY_FEATURES.has(name as EntityFeature) }));
  const pre = preprocessFeatures(
    rows.map((i) => features[i]),
    specs,
    { missing: "median", scaling: "zscore" },
  );
  const labels = pre.kept.map((r) => segmentOf.get(ids[rows[r]])!);
  const thresholds = { minSize: query.minSize, maxEffectSize: query.maxEffectSize, definingShare: query.definingShare };
  const health = segmentHealth(pre.matrix, pre.rows, pre.dimensions, labels, { ...thresholds, featureNames: ENTITY_FEATURES.map((f) => featureLabel(f).label) });
  // The same report /kpis serves (cached per data version), at the default ceilings.
  const report = await cachedKpiReport(db, { dimension: query.dimension, ...DEFAULT_CEILINGS }, asOf);
  const underperforming = persistentUnderperformance(report.segments, query.minPeriods);
  return {
    dimension: query.dimension,
    assignmentsVersion: version,
    entities: pre.rows,
    features: [...ENTITY_FEATURES],
    dataWindow: { fromWeek: 1, toWeek: weeks },
    thresholds: { ...thresholds, minPeriods: query.minPeriods },
    ...health,
    suggestions: [...health.suggestions, ...underperforming.map((u) => `Review ${u.sentence}.`)],
    underperforming,
  };
}

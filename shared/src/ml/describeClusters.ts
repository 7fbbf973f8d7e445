import { DomainError } from "../errors";
import { toOriginalUnits, type FeatureTransform } from "./preprocessFeatures";

/** Which features carry the meaning the names are built from. */
export interface NamingRoles {
  /** ranked into "high value" / "mid value" / "low value": relative to the other clusters (revenue has no absolute scale) */
  revenue?: string;
  /** ranked into "high margin" / "mid margin" / "low margin"; a centre below zero is "loss-making" whatever its rank */
  margin?: string;
  /** a coefficient of variation, named by its level: "steady" (≤ 0.5), "variable" (≤ 1.0), "erratic" (> 1.0) */
  variability?: string;
}

export interface ClusterProfile {
  cluster: number;
  name: string;
  size: number;
  share: number;
  /** the centre mapped back to original units (for a log feature: the geometric-mean-like centre, not the arithmetic mean) */
  centroid: Record<string, number>;
  /** arithmetic mean and median of the members' original values (imputed values excluded) */
  mean: Record<string, number | null>;
  median: Record<string, number | null>;
}

type Tier = "high" | "mid" | "low";

/**
 * The XYZ cut-offs on the coefficient of variation (X ≤ 0.5 < Y ≤ 1.0 < Z, as
 * classifyXyz defaults, the bands the XYZ analysis of this project uses): a cluster's variability
 * is named on this absolute scale, so "steady" never labels a CoV of 1.07
 * just because the other clusters are even more erratic.
 */
export const VARIABILITY_CUTOFFS = [0.5, 1.0] as const;

/** A coefficient of variation in words, on the XYZ scale. */
export function variabilityWord(cov: number): "steady" | "variable" | "erratic" {
  return cov <= VARIABILITY_CUTOFFS[0] ? "steady" : cov <= VARIABILITY_CUTOFFS[1] ? "variable" : "erratic";
}

/** Rank r of k (0 = largest centre) → tier by relative position: first third high, last third low. */
function tierOf(rank: number, k: number): Tier {
  if (k === 1) return "mid";
  const p = rank / (k - 1);
  return p < 1 / 3 ? "high" : p > 2 / 3 ? "low" : "mid";
}

/**
 * A profile per cluster (size, share, centre in original units, members'
 * mean and median) and a name from the revenue, margin and variability
 * features, so "cluster 3" reads "high value · low margin · erratic". Value
 * and margin rank the centres against each other (in the scaled space, which
 * orders them as in original units: every transform is increasing), except
 * that a negative margin centre is "loss-making"; variability is absolute,
 * the centre's CoV on the XYZ scale ({@link variabilityWord}).
 *
 * @param values the kept rows' original values, feature name → number (null = missing)
 * @param labels cluster of each kept row
 * @throws DomainError (`labels`) when its length differs from the rows'; (`roles.revenue` …) naming a feature not clustered on
 * @example
 * describeClusters(rows, labels, centres, 2, transforms, { revenue: "revenue" }).map((p) => p.name); // ["high value", "low value"]
 */
export function describeClusters(
  values: ReadonlyArray<Record<string, number | null>>,
  labels: Int32Array,
  centres: Float64Array,
  k: number,
  transforms: readonly FeatureTransform[],
  roles: NamingRoles = {},
): ClusterProfile[] {
  if (labels.length !== values.length) throw new DomainError("labels", `expected ${values.length} labels (one per row), got ${labels.length}`, "invalid");
  const d = transforms.length;
  const names = transforms.map((t) => t.name);
  for (const role of ["revenue", "margin", "variability"] as const) {
    const feature = roles[role];
    if (feature !== undefined && !names.includes(feature)) throw new DomainError(`roles.${role}`, `"${feature}" is not one of the clustered features (${names.join(", ")})`, "invalid");
  }
  const rankBy = (feature: string | undefined): number[] | null => {
    if (feature === undefined) return null;
    const j = names.indexOf(feature);
    const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => centres[b * d + j] - centres[a * d + j] || a - b);
    const rank = new Array<number>(k);
    order.forEach((c, r) => (rank[c] = r));
    return rank;
  };
  const revenueRank = rankBy(roles.revenue);
  const marginRank = rankBy(roles.margin);
  const variabilityIndex = roles.variability === undefined ? -1 : names.indexOf(roles.variability);
  const original = toOriginalUnits(centres, transforms);
  const members: number[][] = Array.from({ length: k }, () => []);
  labels.forEach((c, i) => members[c].push(i));
  const used = new Map<string, number>();
  return members.map((rows, c) => {
    const parts: string[] = [];
    if (revenueRank) parts.push(`${tierOf(revenueRank[c], k)} value`);
    if (marginRank) {
      const marginCentre = original[c][names.indexOf(roles.margin!)];
      parts.push(marginCentre < 0 ? "loss-making" : `${tierOf(marginRank[c], k)} margin`);
    }
    if (variabilityIndex >= 0) parts.push(variabilityWord(original[c][variabilityIndex]));
    let name = parts.length ? parts.join(" · ") : `cluster ${c + 1}`;
    const repeat = (used.get(name) ?? 0) + 1;
    used.set(name, repeat);
    if (repeat > 1) name = `${name} #${repeat}`;
    const mean: Record<string, number | null> = {};
    const median: Record<string, number | null> = {};
    for (const f of names) {
      const present = rows.map((i) => values[i][f]).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
      present.sort((a, b) => a - b);
      mean[f] = present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
      const m = present.length >> 1;
      median[f] = present.length ? (present.length % 2 ? present[m] : (present[m - 1] + present[m]) / 2) : null;
    }
    return {
      cluster: c,
      name,
      size: rows.length,
      share: rows.length / values.length,
      centroid: Object.fromEntries(names.map((f, j) => [f, original[c][j]])),
      mean,
      median,
    };
  });
}

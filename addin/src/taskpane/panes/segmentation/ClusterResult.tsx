import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import type { ClusterProfile } from "../../../../../shared/src/api";
import { clusterMembers, featureLabel, formatFeature, formatWhole, silhouetteVerdict } from "./segmentationSummary";

/**
 * The clusters as this table sees them: per cluster its name, how many of THIS
 * table's rows fell in it, and its centre per feature in words a planner reads;
 * the silhouette with its verdict above.
 */
export function ClusterResult({
  clusters,
  profiles,
  features,
  silhouette,
  k,
  chosenBy,
  unmatched,
}: {
  clusters: string[];
  profiles: ClusterProfile[];
  features: string[];
  silhouette: number | null;
  k: number;
  chosenBy: "given" | "silhouette";
  unmatched: number;
}) {
  const members = clusterMembers(clusters);
  const shown = profiles.filter((p) => features.some((f) => f in p.centroid));
  return (
    <div>
      <Text as="p" block size={200} weight="semibold" data-testid="silhouette-verdict">
        {silhouetteVerdict(silhouette)}
      </Text>
      <Text as="p" block size={200}>
        {k} clusters ({chosenBy === "given" ? "as you asked" : "the count with the best silhouette"}). {unmatched > 0 ? `${formatWhole(unmatched)} rows are unknown to the service and got no cluster.` : ""}
      </Text>
      {shown.map((p) => (
        <div key={p.cluster} className="tl-cluster">
          <Text as="p" block size={300} weight="semibold">
            {p.name}: {formatWhole(members.get(p.name) ?? 0)} of your {formatWhole(clusters.length)} rows
          </Text>
          <Table size="extra-small" aria-label={`Centre of ${p.name}`}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Feature</TableHeaderCell>
                <TableHeaderCell style={{ textAlign: "right" }}>Centre</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {features
                .filter((f) => f in p.centroid)
                .map((f) => (
                  <TableRow key={f}>
                    <TableCell>{featureLabel(f)}</TableCell>
                    <TableCell style={{ textAlign: "right" }}>{formatFeature(f, p.centroid[f])}</TableCell>
                  </TableRow>
                ))}
            </TableBody>
          </Table>
        </div>
      ))}
      <Text as="p" block size={200}>
        Centre = the middle of the cluster, in the feature's own units. Value and margin words rank the clusters against each other; variability is absolute (CoV ≤ 0.5 steady, ≤ 1.0 variable, above erratic).
      </Text>
    </div>
  );
}

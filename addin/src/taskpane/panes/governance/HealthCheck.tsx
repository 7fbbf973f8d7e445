import { Text } from "@fluentui/react-components";
import { useState } from "react";
import { Pager } from "../recommendations/Pager";
import { formatCount, numberFormat } from "../recommendations/format";
import { healthSuggestions, type HealthReport } from "./healthWords";
import { useGovernanceStyles } from "./styles";

export const SUGGESTIONS_PAGE = 6;

const percent = (share: number) => numberFormat(share, { style: "percent", maximumFractionDigits: 0 });

/** The health check's verdict and its suggestions, each with the figure that says so, a page at a time. */
export function HealthCheck({ report }: { report: HealthReport }) {
  const styles = useGovernanceStyles();
  const [page, setPage] = useState(0);
  const noun = report.dimension;
  const suggestions = healthSuggestions(report, noun);
  const overall =
    report.silhouette === null
      ? "no overall silhouette (too few segments)"
      : `overall silhouette ${numberFormat(report.silhouette, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).replace("-", "\u2212")} (1 = distinct segments, 0 or below = overlapping)`;
  return (
    <div data-testid="health-check">
      <Text as="p" size={200} className={styles.summary}>
        {`${formatCount(report.entities)} ${noun}s in ${report.segments.length} segments, weeks ${report.dataWindow.fromWeek}–${report.dataWindow.toWeek}; ${overall}${report.sampled ? ", on a sample" : ""}. Judged on what the segments differ on: ${report.definingFeatures.map((f) => `${f.feature} (${percent(f.share)} of its variance)`).join(", ")}. A merge is suggested only where none of these tells two segments apart.`}
      </Text>
      {suggestions.length === 0 ? (
        <Text className={styles.meta}>No suggestion: every segment is large enough and distinct from the others at these thresholds.</Text>
      ) : (
        <>
          <Text size={200} className={styles.summary}>{`${suggestions.length} suggestion${suggestions.length === 1 ? "" : "s"}:`}</Text>
          <ul className={styles.list} aria-label="Health-check suggestions">
            {suggestions.slice(page * SUGGESTIONS_PAGE, (page + 1) * SUGGESTIONS_PAGE).map((s) => (
              <li key={s.question} className={styles.suggestion}>
                <Text className={styles.question}>{s.question}</Text>
                <Text size={200}>{s.figure}</Text>
              </li>
            ))}
          </ul>
          <Pager what="the suggestions" page={page} size={SUGGESTIONS_PAGE} total={suggestions.length} onPage={setPage} />
        </>
      )}
    </div>
  );
}

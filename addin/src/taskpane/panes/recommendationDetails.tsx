import { Badge, Text } from "@fluentui/react-components";
import type { RationaleItem, Recommendation, RecommendationImpact } from "../../../../shared/src/api";

/** Readable at a glance: whole numbers from 100 up, three significant digits below. */
export function formatFigure(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 100 ? Math.round(x).toLocaleString("en-US") : Number(x.toPrecision(3)).toLocaleString("en-US", { maximumFractionDigits: 6 });
}

export function formatPercent(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

/** "revenue per period 37,462 (A typically 1,861–7,049)": the value against the target segment's p10–p90. */
export function describeRationale(item: RationaleItem): string {
  const value = item.value === null ? "no data" : formatFigure(item.value);
  const range = item.targetRange ? ` (${item.targetSegment} typically ${formatFigure(item.targetRange.p10)}–${formatFigure(item.targetRange.p90)})` : ` (towards ${item.targetSegment})`;
  return `${item.feature} ${value}${range}`;
}

/** The expected impact in one line each; empty when the service could price nothing. */
export function describeImpact(impact: RecommendationImpact | null): string[] {
  if (!impact) return [];
  const lines: string[] = [];
  const ss = impact.safetyStock;
  if (ss) {
    const change = ss.value ? `, value ${ss.value.change >= 0 ? "+" : "−"}${formatFigure(Math.abs(ss.value.change))}` : "";
    lines.push(`safety stock ${formatFigure(ss.units.from)} → ${formatFigure(ss.units.to)} units${change}`);
  }
  const level = (name: string, pair: { from: number | null; to: number | null } | undefined) => {
    if (pair && (pair.from !== null || pair.to !== null)) lines.push(`${name} ${pair.from === null ? "—" : formatPercent(pair.from)} → ${pair.to === null ? "—" : formatPercent(pair.to)}`);
  };
  level("cycle service level", impact.serviceLevel);
  level("fill rate", impact.fillRate);
  for (const note of impact.policyNotes ?? []) lines.push(note);
  return lines;
}

/** How many reasons a row shows: the rule's own parts come first, then the strongest supporting features. */
const TOP_REASONS = 3;

/**
 * Confidence, the top reasons and the expected impact of one recommendation,
 * stacked under its request so a 320 px pane reads it without a wide table.
 */
export function RecommendationSummary({ recommendation: r }: { recommendation: Recommendation }) {
  const reasons = r.rationale.slice(0, TOP_REASONS);
  const impact = describeImpact(r.impact);
  const window = r.dataWindow && typeof r.dataWindow.fromWeek === "number" && typeof r.dataWindow.toWeek === "number" ? `weeks ${r.dataWindow.fromWeek}–${r.dataWindow.toWeek}` : undefined;
  return (
    <div className="tl-rec" data-recommendation-id={r.id}>
      <div className="tl-badges">
        <Badge appearance="filled" size="small" color={r.confidence >= 0.8 ? "success" : r.confidence >= 0.5 ? "warning" : "danger"}>
          {`confidence ${formatPercent(r.confidence)}`}
        </Badge>
        <Badge appearance="outline" size="small">{`${r.entityId}: ${r.from} → ${r.to}`}</Badge>
      </div>
      <Text size={200} weight="semibold" as="p" className="tl-rec-heading">
        Why
      </Text>
      <ul className="tl-rec-list" aria-label={`Reasons for ${r.entityId}`}>
        {reasons.map((item, i) => (
          <li key={`${item.feature}-${i}`}>{describeRationale(item)}</li>
        ))}
        {r.rationale.length > TOP_REASONS && <li>{`and ${r.rationale.length - TOP_REASONS} more`}</li>}
      </ul>
      <Text size={200} weight="semibold" as="p" className="tl-rec-heading">
        Expected impact
      </Text>
      {impact.length ? (
        <ul className="tl-rec-list" aria-label={`Expected impact for ${r.entityId}`}>
          {impact.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : (
        <Text size={100} as="p" className="tl-rec-note">
          No impact could be priced (no policy row covers the segments).
        </Text>
      )}
      <Text size={100} className="tl-request-meta">
        {`${r.source === "model" ? "model" : "rule"}${window ? `, data ${window}` : ""}`}
      </Text>
    </div>
  );
}

import { tokens } from "@fluentui/react-components";
import { featureLabel, formatFeatureValue } from "../../../../../shared/src/ml/featureLabels";
import { numberFormat } from "./format";

const WIDTH = 140;
const HEIGHT = 32;
const PAD = 3;

/**
 * The behaviour behind a move, one point per period, with the bound the rule
 * judged against as a dashed line: small enough to sit in a 350 px row.
 */
export function Sparkline({ feature, points, bound }: { feature: string; points: ReadonlyArray<{ period: string; value: number }>; bound?: number }) {
  const values = points.map((p) => p.value);
  const all = bound === undefined ? values : [...values, bound];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const y = (v: number) => (hi === lo ? HEIGHT / 2 : HEIGHT - PAD - ((v - lo) / (hi - lo)) * (HEIGHT - 2 * PAD));
  const x = (i: number) => (points.length === 1 ? WIDTH / 2 : PAD + (i / (points.length - 1)) * (WIDTH - 2 * PAD));
  const line = points.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  const first = points[0];
  const last = points[points.length - 1];
  const { label: name, unit } = featureLabel(feature);
  const show = (v: number) => formatFeatureValue(v, unit, numberFormat);
  const label = `${name.charAt(0).toUpperCase()}${name.slice(1)} over ${points.length} periods: ${show(first.value)} in ${first.period} to ${show(last.value)} in ${last.period}${bound !== undefined ? `; bound ${show(bound)}` : ""}`;
  return (
    <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} data-testid="evidence-sparkline">
      <title>{label}</title>
      {bound !== undefined && <line x1={0} x2={WIDTH} y1={y(bound)} y2={y(bound)} stroke={tokens.colorNeutralStroke1} strokeDasharray="3 2" />}
      <polyline points={line} fill="none" stroke={tokens.colorBrandForeground1} strokeWidth={1.5} />
      <circle cx={x(points.length - 1)} cy={y(last.value)} r={2.5} fill={tokens.colorBrandForeground1} />
    </svg>
  );
}

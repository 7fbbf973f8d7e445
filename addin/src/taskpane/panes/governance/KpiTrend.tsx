import { tokens } from "@fluentui/react-components";
import type { RouteResponse } from "../../../../../shared/src/api";
import { formatKpi, kpiLabel } from "./kpiWords";

type Kpi = RouteResponse<"readKpis">["segments"][number]["kpis"][number];

const WIDTH = 140;
const HEIGHT = 30;
const PAD = 3;

/** A KPI's months as a line with its target dashed: whether a breach is new or long-standing shows at a glance. */
export function KpiTrend({ kpi }: { kpi: Kpi }) {
  const points = (kpi.periods ?? []).filter((p): p is { period: string; value: number } => p.value !== null);
  if (points.length < 2) return null;
  const all = kpi.target === null ? points.map((p) => p.value) : [...points.map((p) => p.value), kpi.target];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const y = (v: number) => (hi === lo ? HEIGHT / 2 : HEIGHT - PAD - ((v - lo) / (hi - lo)) * (HEIGHT - 2 * PAD));
  const x = (i: number) => PAD + (i / (points.length - 1)) * (WIDTH - 2 * PAD);
  const first = points[0];
  const last = points[points.length - 1];
  const label = `${kpiLabel(kpi.kpi)} by month: ${formatKpi(kpi.kpi, first.value)} in ${first.period} to ${formatKpi(kpi.kpi, last.value)} in ${last.period}${kpi.target !== null ? `; target ${formatKpi(kpi.kpi, kpi.target)}` : ""}`;
  return (
    <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} data-testid="kpi-trend">
      <title>{label}</title>
      {kpi.target !== null && <line x1={0} x2={WIDTH} y1={y(kpi.target)} y2={y(kpi.target)} stroke={tokens.colorNeutralStroke1} strokeDasharray="3 2" />}
      <polyline points={points.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ")} fill="none" stroke={tokens.colorBrandForeground1} strokeWidth={1.5} />
    </svg>
  );
}

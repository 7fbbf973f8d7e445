import { Text } from "@fluentui/react-components";
import type { ForecastAccuracyReport } from "../../../../../shared/src/api";
import { formatCount, numberFormat } from "../recommendations/format";
import { useGovernanceStyles } from "./styles";

const pct = (x: number | null) => (x === null ? "no demand" : numberFormat(x, { style: "percent", maximumFractionDigits: 1 }));
const ratio = (x: number | null) => (x === null ? "n/a" : numberFormat(x, { maximumFractionDigits: 2 }));
const LEVEL_WORDS = { item: "item by item", family: "by family" } as const;
const products = (n: number) => `${formatCount(n)} product${n === 1 ? "" : "s"}`;

/**
 * A forecast run's error at both levels: per segment the level its policy set
 * and the products' own error (WAPE, MASE), and per family forecast top-down
 * the family's error, so a planner sees what forecasting by family costs or
 * gains at the item and at the family.
 */
export function ForecastLevels({ report }: { report: ForecastAccuracyReport }) {
  const styles = useGovernanceStyles();
  if (!report.run) return null;
  const family = report.familyLevel;
  return (
    <div data-testid="forecast-levels">
      <Text size={200} className={styles.summary}>
        {family.products === 0
          ? `Forecast run ${report.run.version}: every product forecast item by item (no segment policy sets the forecast level to family).`
          : `Forecast run ${report.run.version}: ${products(family.products)} forecast by family, their category's forecast split by each item's share, the ${report.proportions}. Their error (in-sample WAPE) at item level ${pct(family.itemWape)}, at family level ${pct(family.familyWape)}.`}
      </Text>
      <Text as="h3" className={styles.heading}>
        Error per segment (item level)
      </Text>
      <ul className={styles.kpiList} aria-label="Forecast error per segment">
        {report.segments.map((s) => (
          <li key={`${s.segment}-${s.level}`} className={styles.kpi}>
            <span className={styles.kpiName}>{`${s.segment ?? "No segment"} · ${LEVEL_WORDS[s.level]}`}</span>
            <span className={styles.kpiValue}>{`WAPE ${pct(s.wape)}`}</span>
            <span className={styles.note}>{`${products(s.products)}, mean MASE ${ratio(s.mase)}`}</span>
          </li>
        ))}
      </ul>
      {report.families.length > 0 && (
        <>
          <Text as="h3" className={styles.heading}>
            Error per family (family level)
          </Text>
          <ul className={styles.kpiList} aria-label="Forecast error per family">
            {report.families.map((f) => (
              <li key={f.family} className={styles.kpi}>
                <span className={styles.kpiName}>{f.family}</span>
                <span className={styles.kpiValue}>{`WAPE ${pct(f.wape)}`}</span>
                <span className={styles.note}>{`${products(f.products)}, ${f.method} on ${f.pattern} demand, MASE ${ratio(f.mase)}`}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {report.notes.length > 0 && (
        <Text size={200} className={styles.summary}>
          {report.notes.join(" ")}
        </Text>
      )}
    </div>
  );
}

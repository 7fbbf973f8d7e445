import { Text } from "@fluentui/react-components";
import { useState } from "react";
import type { ForecastExceptionReport } from "../../../../../shared/src/api";
import type { TableData } from "../../../workbook/workbook";
import { Pager } from "../recommendations/Pager";
import { formatCount, numberFormat } from "../recommendations/format";
import { useGovernanceStyles } from "./styles";

const PAGE = 10;
const pct = (x: number) => numberFormat(x, { style: "percent", maximumFractionDigits: 1 });
const money = (x: number) => numberFormat(x, { maximumFractionDigits: 0 });

export const EXCEPTIONS_TABLE = "TierlineForecastExceptions";

/** The exception list as a sheet for the demand review: one row per product, costliest first. */
export function exceptionSheet(report: ForecastExceptionReport): TableData {
  return {
    name: EXCEPTIONS_TABLE,
    headers: ["ProductId", "Segment", "WAPE", "MaxWAPE", "TrackingSignal", "MaxTrackingSignal", "ValueAtRisk", "Reason"],
    rows: report.exceptions.map((e) => [
      e.productId,
      e.segment,
      e.wape,
      e.maxWape,
      e.trackingSignal === null || e.trackingSignal === undefined ? null : Math.round(e.trackingSignal * 100) / 100,
      e.maxTrackingSignal ?? null,
      Math.round(e.valueAtRisk * 100) / 100,
      e.reason,
    ]),
  };
}

/** Products whose forecast error is above their segment's ceiling, costliest first, a page at a time. */
export function ForecastExceptions({ report }: { report: ForecastExceptionReport }) {
  const styles = useGovernanceStyles();
  const [page, setPage] = useState(0);
  if (!report.run) return <Text className={styles.meta}>{report.notes[0]}</Text>;
  const created = new Date(report.run.createdAt).toLocaleDateString("en-GB", { day: "numeric", month: "short" });
  return (
    <div data-testid="forecast-exceptions">
      <Text size={200} className={styles.summary}>
        {`Forecast run ${report.run.version} of ${created}: ${formatCount(report.total)} product${report.total === 1 ? "" : "s"} beyond their segment's WAPE ceiling or bias limit${report.total > report.exceptions.length ? ` (the ${formatCount(report.exceptions.length)} costliest shown)` : ""}. ${report.notes.join(" ")}`}
      </Text>
      <ul className={styles.list} aria-label="Forecast exceptions">
        {report.exceptions.slice(page * PAGE, (page + 1) * PAGE).map((e) => (
          <li key={e.productId} className={styles.suggestion}>
            <Text weight="semibold">{`${e.productId} · ${e.segment ?? "no segment"}`}</Text>
            <Text
              size={200}
              className={styles.meta}
            >{`${e.reasons?.length ? e.reasons.join("; ") : `WAPE ${pct(e.wape)} vs ceiling ${pct(e.maxWape)} (${e.thresholdSource === "policy" ? "segment policy" : "class default"})`}; misses worth ${money(e.valueAtRisk)} over the window.`}</Text>
          </li>
        ))}
      </ul>
      <Pager what="the exceptions" page={page} size={PAGE} total={report.exceptions.length} onPage={setPage} />
    </div>
  );
}

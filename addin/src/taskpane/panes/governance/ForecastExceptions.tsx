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

/** Which history a forecast was fitted to, in a planner's words. */
export const SIGNAL_WORDS: Record<NonNullable<ForecastExceptionReport["exceptions"][number]["signal"]>, string> = {
  shipments: "shipments",
  "sell-through": "sell-through",
  mixed: "sell-through and shipments",
};

/** How many of the run's products read sell-through, in one sentence; empty when none did. */
export function signalSentence(report: ForecastExceptionReport): string {
  const s = report.signals;
  if (!s || s.sellThrough + s.mixed === 0) return "";
  const parts = [s.mixed ? `${formatCount(s.mixed)} on sell-through and shipments` : "", s.sellThrough ? `${formatCount(s.sellThrough)} on sell-through alone` : "", `${formatCount(s.shipments)} on shipments`].filter(
    Boolean,
  );
  return `Demand signal of the run's products: ${parts.join(", ")}.`;
}

/** The exception list as a sheet for the demand review: one row per product, costliest first. */
export function exceptionSheet(report: ForecastExceptionReport): TableData {
  return {
    name: EXCEPTIONS_TABLE,
    headers: ["ProductId", "Segment", "WAPE", "MaxWAPE", "TrackingSignal", "MaxTrackingSignal", "ValueAtRisk", "Reason", "DemandSignal"],
    rows: report.exceptions.map((e) => [
      e.productId,
      e.segment,
      e.wape,
      e.maxWape,
      e.trackingSignal === null || e.trackingSignal === undefined ? null : Math.round(e.trackingSignal * 100) / 100,
      e.maxTrackingSignal ?? null,
      Math.round(e.valueAtRisk * 100) / 100,
      e.reason,
      e.signal ? SIGNAL_WORDS[e.signal] : null,
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
        {`Forecast run ${report.run.version} of ${created}: ${formatCount(report.total)} product${report.total === 1 ? "" : "s"} beyond their segment's WAPE ceiling or bias limit${report.total > report.exceptions.length ? ` (the ${formatCount(report.exceptions.length)} costliest shown)` : ""}. ${[signalSentence(report), ...report.notes].filter(Boolean).join(" ")}`}
      </Text>
      <ul className={styles.list} aria-label="Forecast exceptions">
        {report.exceptions.slice(page * PAGE, (page + 1) * PAGE).map((e) => (
          <li key={e.productId} className={styles.suggestion}>
            <Text weight="semibold">{`${e.productId} · ${e.segment ?? "no segment"}`}</Text>
            <Text
              size={200}
              className={styles.meta}
            >{`${e.reasons?.length ? e.reasons.join("; ") : `WAPE ${pct(e.wape)} vs ceiling ${pct(e.maxWape)} (${e.thresholdSource === "policy" ? "segment policy" : "class default"})`}; misses worth ${money(e.valueAtRisk)} over the window.${e.signal && e.signal !== "shipments" ? ` Forecast on ${SIGNAL_WORDS[e.signal]}.` : ""}`}</Text>
          </li>
        ))}
      </ul>
      <Pager what="the exceptions" page={page} size={PAGE} total={report.exceptions.length} onPage={setPage} />
    </div>
  );
}

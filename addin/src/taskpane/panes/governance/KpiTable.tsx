import { Button, mergeClasses, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { KpiReportResponse } from "../../../../../shared/src/api";
import { Pager } from "../recommendations/Pager";
import { formatKpi, formatTarget, kpiLabel, targetSourceWords } from "./kpiWords";
import { KpiTrend } from "./KpiTrend";
import { KpiStatusBadge } from "./StatusBadge";
import { useGovernanceStyles } from "./styles";

export const SEGMENTS_PAGE = 10;

/** One line per segment (its breach count), its KPIs as a short list under the line when opened: not a 40-column grid at 350 px. */
/** Whether a figure comes from stored data or had to be estimated: a committee weighs them differently. */
const BASIS_WORDS: Record<"measured" | "modelled" | "not_measured", string> = { measured: "measured", modelled: "modelled (no stored data)", not_measured: "not measured" };

export function KpiTable({ report }: { report: KpiReportResponse }) {
  const styles = useGovernanceStyles();
  const [open, setOpen] = useState<string | undefined>();
  const [page, setPage] = useState(0);
  const noun = report.dimension === "product" ? "product" : "customer";
  const segments = report.segments.slice(page * SEGMENTS_PAGE, (page + 1) * SEGMENTS_PAGE);
  return (
    <>
      <ul className={styles.list} aria-label="KPIs by segment">
        {segments.map((s) => {
          const breaches = s.kpis.filter((k) => k.status === "breach").length;
          const isOpen = open === s.segment;
          const id = `kpis-${s.segment}`;
          const summary = `${s.entities.length} ${noun}${s.entities.length === 1 ? "" : "s"} · ${s.policy?.ownerFunction ?? "no owner"}`;
          const verdict = breaches === 0 ? "all met" : `${breaches} breach${breaches === 1 ? "" : "es"}`;
          return (
            <li key={s.segment} className={styles.item} data-segment={s.segment}>
              <div className={styles.line}>
                <Button appearance="subtle" className={styles.toggle} aria-expanded={isOpen} aria-controls={isOpen ? id : undefined} onClick={() => setOpen(isOpen ? undefined : s.segment)}>
                  <span aria-hidden="true" className={styles.chevron}>
                    {isOpen ? "▾" : "▸"}
                  </span>
                  <span className={styles.name}>{s.segment}</span> <span className={styles.rest}>{summary}</span> <span className={mergeClasses(styles.figure, breaches ? styles.bad : styles.good)}>{verdict}</span>
                </Button>
              </div>
              {isOpen && (
                <div id={id} className={styles.details}>
                  {s.policyError && <Text className={styles.meta}>{`Policy problem: ${s.policyError}`}</Text>}
                  <ul className={styles.kpiList} aria-label={`KPIs of ${s.segment}`}>
                    {s.kpis.map((k) => (
                      <li key={k.kpi} className={styles.kpi} data-kpi={k.kpi}>
                        <span className={styles.kpiName}>{kpiLabel(k.kpi)}</span>
                        <span className={styles.kpiValue}>
                          {formatKpi(k.kpi, k.value)} <KpiStatusBadge status={k.status} />
                        </span>
                        <KpiTrend kpi={k} />
                        <span className={styles.note}>
                          {[
                            k.note?.startsWith(k.basis.replace("_", " ")) ? undefined : BASIS_WORDS[k.basis],
                            formatTarget(k.kpi, k.target) + (targetSourceWords(k.targetSource) ? ` (${targetSourceWords(k.targetSource)})` : ""),
                            k.note,
                          ]
                            .filter(Boolean)
                            .join(" · ")}
                        </span>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <Pager what="the segments" page={page} size={SEGMENTS_PAGE} total={report.segments.length} onPage={setPage} />
    </>
  );
}

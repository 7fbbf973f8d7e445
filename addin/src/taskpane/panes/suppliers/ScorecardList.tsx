import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Text } from "@fluentui/react-components";
import type { ScorecardReport } from "../../../../../shared/src/api";
import { days, money, pct, ppm, scorecardSummary, segmentsLine } from "./supplierWords";

/** Suppliers best first; one opens to its periods, the segments it serves, the weights that follow and its contract. */
export function ScorecardList({ report }: { report: ScorecardReport }) {
  return (
    <Accordion collapsible multiple aria-label="Supplier scorecards">
      {report.suppliers.map((c) => (
        <AccordionItem key={c.supplierId} value={c.supplierId}>
          <AccordionHeader size="small">
            <span>
              <strong>
                {c.rank}. {c.name} ({c.supplierId}) · score {c.score.toFixed(0)}
              </strong>
              <Text size={200} block className="tl-request-meta">
                {scorecardSummary(c)}
              </Text>
            </span>
          </AccordionHeader>
          <AccordionPanel>
            <dl className="tl-policy-fields">
              <div>
                <dt>Serves</dt>
                <dd>{segmentsLine(c)}</dd>
              </div>
              <div>
                <dt>Weights</dt>
                <dd>{report.metrics.map((m, j) => `${METRIC_WORDS[m]} ${pct(c.weights[j], 0)} → ${c.contributions[j].toFixed(1)} pts`).join(", ")}</dd>
              </div>
              <div>
                <dt>Contract</dt>
                <dd>
                  {c.terms ? `MOQ ${money(c.terms.moq)}, lead time ${days(c.terms.contractedLeadTimeDays)}, penalty ${money(c.terms.penaltyPerLateLine)} per late line (from ${c.terms.validFrom})` : "no terms imported"}
                </dd>
              </div>
            </dl>
            <table className="tl-matrix" aria-label={`${c.name} by period`}>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col">On time</th>
                  <th scope="col">Quality</th>
                  <th scope="col">Lead time</th>
                </tr>
              </thead>
              <tbody>
                {c.periods.map((p) => (
                  <tr key={p.period}>
                    <th scope="row">{p.period}</th>
                    <td>{pct(p.onTimeRate)}</td>
                    <td>{ppm(p.qualityPpm)}</td>
                    <td>
                      {days(p.leadTimeMeanDays)} ± {days(p.leadTimeSdDays)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}

const METRIC_WORDS: Record<ScorecardReport["metrics"][number], string> = {
  onTimeRate: "on time",
  qualityPpm: "quality",
  leadTimeMeanDays: "lead time",
  leadTimeSdDays: "lead-time spread",
};

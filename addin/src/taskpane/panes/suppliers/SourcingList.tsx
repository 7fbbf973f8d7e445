import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Text } from "@fluentui/react-components";
import type { SourcingReport } from "../../../../../shared/src/api";
import { actionsLine, days, money, recommendationTitle } from "./supplierWords";

/** One line per product with the actions recommended; it opens to every recommendation with its reason. */
export function SourcingList({ report }: { report: SourcingReport }) {
  return (
    <Accordion collapsible multiple aria-label="Sourcing recommendations">
      {report.items.map((item) => (
        <AccordionItem key={item.productId} value={item.productId}>
          <AccordionHeader size="small">
            <span>
              <strong>
                {item.productId} {item.segment} · {item.supplierId}
              </strong>
              <Text size={200} block className="tl-request-meta">
                {item.quadrant}: {actionsLine(item)}
              </Text>
            </span>
          </AccordionHeader>
          <AccordionPanel>
            <Text size={200} block>
              {item.productName} from {item.supplierName}: spend {money(item.annualSpend)} a year; lead time {days(item.leadTimeMeanDays)} ± {days(item.leadTimeSdDays)} (safety stock reads these)
              {item.contractedLeadTimeDays !== null ? `, contracted ${days(item.contractedLeadTimeDays)}` : ""}.
            </Text>
            <ul className="tl-rec-list">
              {item.recommendations.map((r) => (
                <li key={r.kind}>
                  <strong>{recommendationTitle(item, r)}</strong> — {r.reason}
                </li>
              ))}
            </ul>
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}

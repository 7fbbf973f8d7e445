import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Text } from "@fluentui/react-components";
import type { PolicyRow } from "../../../../../shared/src/segmentation/policyTable";
import { policyDetails, policySummary } from "./policyWords";

/** The policy table as one line per segment pattern; a row opens to every field in words. */
export function PolicyRows({ rows }: { rows: readonly PolicyRow[] }) {
  return (
    <Accordion collapsible multiple aria-label="Policy rows">
      {rows.map((row) => (
        <AccordionItem key={row.segment} value={row.segment}>
          <AccordionHeader size="small">
            <span>
              <strong>{row.segment}</strong>
              <Text size={200} block className="tl-request-meta">
                {policySummary(row)}
              </Text>
            </span>
          </AccordionHeader>
          <AccordionPanel>
            <dl className="tl-policy-fields">
              {policyDetails(row).map((d) => (
                <div key={d.field}>
                  <dt>{d.label}</dt>
                  <dd>{d.value}</dd>
                </div>
              ))}
            </dl>
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}

import { Text } from "@fluentui/react-components";
import type { FreightDriver } from "../../../../../shared/src/api";
import type { FreightSummary } from "../../runs/storedFreight";

export type FreightChoice = FreightDriver | "none";

/** How a lane bill is spread; a planner picks the one that matches how the carrier charges. */
export const FREIGHT_CHOICES: Array<{ value: FreightChoice; text: string }> = [
  { value: "none", text: "Leave freight out" },
  { value: "weight", text: "Stored freight, spread by weight" },
  { value: "lines", text: "Stored freight, spread by order lines" },
  { value: "shipments", text: "Stored freight, spread by deliveries" },
];

const money = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 0 });

/** The clause the success message adds, e.g. "; freight 12,345 spread by order lines". */
export function freightSentence(freight: FreightSummary | undefined): string {
  return freight ? `; freight ${money(freight.inTable)} spread by ${freight.driver}` : "";
}

/** Under the P&L: where the freight came from and what of the ledger is not in it, so the totals can be reconciled. */
export function FreightNote({ freight }: { freight: FreightSummary }) {
  const gaps = [
    freight.outsideTable.amount > 0 ? `${money(freight.outsideTable.amount)} billed to ${freight.outsideTable.customers} customers not in this table` : "",
    freight.unallocated.amount > 0 ? `${money(freight.unallocated.amount)} in ${freight.unallocated.invoices} lane bills with nothing to spread over` : "",
  ].filter(Boolean);
  return (
    <Text size={200} as="p">
      Freight: {money(freight.inTable)} of the {money(freight.total)} stored, spread by {freight.driver}.{gaps.length ? ` Not in this P&L: ${gaps.join("; ")}.` : ""}
    </Text>
  );
}

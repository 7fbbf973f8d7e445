import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from "@fluentui/react-components";
import { Fragment } from "react";
import type { Currency } from "../../../workbook/resultFormats";
import type { SafetyStockOutcome } from "../../runs/safetyStockRun";
import { formatMoney } from "./money";
import { percent, units } from "./safetyStockSummary";

const numeric = { textAlign: "right" } as const;
const total = { fontWeight: 600 } as const;
// The reason under a segment's row reads as a remark on that row, not as another segment.
const remark = { color: tokens.colorNeutralForeground3, fontStyle: "italic", paddingLeft: tokens.spacingHorizontalM } as const;

/** Per segment: its policy target, items, safety stock in units and value, why any item is at 0; totals under them. */
export function SafetyStockResult({ outcome, currency }: { outcome: SafetyStockOutcome; currency: Currency | undefined }) {
  const target = outcome.kind === "fill-rate" ? "Fill rate" : "Service level";
  const unitsOf = (x: number) => units(Math.round(x));
  return (
    <>
      <Text size={200}>
        Safety stock per segment, policy version {outcome.policyVersion}: {outcome.kind === "fill-rate" ? "the target fill rate" : "the cycle service level"} of each segment's policy. Value at unit cost
        {currency ? ` in ${currency.symbol}` : ""}; never below 0.
      </Text>
      <Table size="extra-small" aria-label="Safety stock by segment">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Segment</TableHeaderCell>
            <TableHeaderCell style={numeric}>Items</TableHeaderCell>
            <TableHeaderCell style={numeric}>{target}</TableHeaderCell>
            <TableHeaderCell style={numeric}>Units</TableHeaderCell>
            <TableHeaderCell style={numeric}>Value</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {outcome.bySegment.map((s) => (
            <Fragment key={s.segment}>
              <TableRow>
                <TableCell>{s.segment}</TableCell>
                <TableCell style={numeric}>{s.items.toLocaleString("en-US")}</TableCell>
                <TableCell style={numeric}>{percent(s.target)}</TableCell>
                <TableCell style={numeric}>{unitsOf(s.units)}</TableCell>
                <TableCell style={numeric}>{formatMoney(s.value, currency)}</TableCell>
              </TableRow>
              {s.note && (
                <TableRow>
                  <TableCell colSpan={5}>
                    <Text size={200} style={remark}>
                      {s.segment}: {s.note}
                    </Text>
                  </TableCell>
                </TableRow>
              )}
            </Fragment>
          ))}
          <TableRow>
            <TableCell style={total}>Total</TableCell>
            <TableCell style={{ ...numeric, ...total }}>{outcome.totals.items.toLocaleString("en-US")}</TableCell>
            <TableCell />
            <TableCell style={{ ...numeric, ...total }}>{unitsOf(outcome.totals.units)}</TableCell>
            <TableCell style={{ ...numeric, ...total }}>{formatMoney(outcome.totals.value, currency)}</TableCell>
          </TableRow>
        </TableBody>
      </Table>
    </>
  );
}

import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { abcSummary, formatPercent, formatWhole, type AbcClassRow } from "./segmentationSummary";

const NUM = { textAlign: "right" as const, whiteSpace: "nowrap" as const };

/** Per ABC class: items, % of items, the criterion's value, % of value; a totals row last. Five narrow columns fit 350 px. */
export function AbcResultTable({ classes, values, labels, criterion }: { classes: string[]; values: number[]; labels: string[]; criterion: string }) {
  const { rows, total } = abcSummary(classes, values, labels);
  const line = (r: AbcClassRow, bold = false) => (
    <TableRow key={r.label} style={bold ? { fontWeight: 600 } : undefined}>
      <TableCell>{r.label}</TableCell>
      <TableCell style={NUM}>{formatWhole(r.items)}</TableCell>
      <TableCell style={NUM}>{formatPercent(r.itemShare)}</TableCell>
      <TableCell style={NUM}>{formatWhole(r.value)}</TableCell>
      <TableCell style={NUM}>{formatPercent(r.valueShare)}</TableCell>
    </TableRow>
  );
  return (
    <Table size="extra-small" aria-label="ABC classes" style={{ tableLayout: "auto" }}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Class</TableHeaderCell>
          <TableHeaderCell style={NUM}>Items</TableHeaderCell>
          <TableHeaderCell style={NUM}>% items</TableHeaderCell>
          <TableHeaderCell style={NUM} title={criterion}>
            {criterion}
          </TableHeaderCell>
          <TableHeaderCell style={NUM}>% value</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => line(r))}
        {line(total, true)}
      </TableBody>
    </Table>
  );
}

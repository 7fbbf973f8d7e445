import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { useState } from "react";
import { changeReportTable, toCsv } from "../../commands/changeReport";
import { formatWhen, type RefreshReport } from "../../commands/refreshSegments";
import type { Workbook } from "../../workbook/workbook";
import type { Message } from "../ui/useOperation";

/** Rows shown before "Show all": a refresh can change thousands, and the pane must not grow without end. */
const FIRST_ROWS = 25;

/** Saves text as a file through the browser (a data URL, so nothing is left to revoke). */
function download(name: string, text: string): void {
  const link = document.createElement("a");
  link.href = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${text}`)}`;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/**
 * "What changed" after a refresh: one row per changed sheet row, with the
 * previous and new segment, when the change took effect, who approved it and
 * why, and a button that selects the row in the sheet. The whole report can
 * be copied to a sheet or saved as CSV.
 */
export function ChangeReport({ report, workbook, onMessage }: { report: RefreshReport; workbook: Workbook; onMessage: (message: Message) => void }) {
  const [showAll, setShowAll] = useState(false);
  const rows = report.tables.flatMap((t) => t.changed.map((c) => ({ table: t.table, ...c })));
  if (rows.length === 0) return null;
  const shown = showAll ? rows : rows.slice(0, FIRST_ROWS);
  const several = new Set(rows.map((r) => r.table)).size > 1;
  const count = new Intl.NumberFormat().format(rows.length);
  const goTo = (table: string, row: number) =>
    workbook.selectRow(table, row).catch((error: unknown) => onMessage({ intent: "error", title: "Could not go to the row", text: error instanceof Error ? error.message : String(error) }));
  return (
    <section aria-labelledby="what-changed" className="tl-changes">
      <h3 id="what-changed">
        What changed at the refresh of {formatWhen(report.at)} ({count})
      </h3>
      <Table size="extra-small" aria-label="What changed">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Entity</TableHeaderCell>
            <TableHeaderCell className="tl-col-change">Segment</TableHeaderCell>
            <TableHeaderCell>Approved</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((r) => (
            <TableRow key={`${r.table}:${r.row}`} data-entity={r.id}>
              <TableCell>
                <strong>{r.id}</strong>
                {r.name && <span className="tl-request-meta">{r.name}</span>}
                {several && <span className="tl-request-meta">{r.table}</span>}
                <Button size="small" appearance="subtle" className="tl-goto" onClick={() => void goTo(r.table, r.row)} aria-label={`Go to row of ${r.id} in ${r.table}`}>
                  Go to row
                </Button>
              </TableCell>
              <TableCell className="tl-col-change">
                <span>
                  {r.from ?? "none"} → <strong>{r.to ?? "none"}</strong>
                </span>
                {r.effectiveAt && <span className="tl-request-meta">from {formatWhen(r.effectiveAt)}</span>}
              </TableCell>
              <TableCell>
                {r.approvedBy ? (
                  <>
                    <span>{r.approvedBy}</span>
                    {r.reason && <span className="tl-request-meta">“{r.reason}”</span>}
                  </>
                ) : (
                  <span className="tl-request-meta">no approval since this table's last refresh: the sheet held another value</span>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div className="tl-actions">
        {rows.length > FIRST_ROWS && (
          <Button size="small" onClick={() => setShowAll((s) => !s)}>
            {showAll ? `Show the first ${FIRST_ROWS}` : `Show all ${count}`}
          </Button>
        )}
        <Button
          size="small"
          onClick={() =>
            void workbook
              .writeTable(changeReportTable(report))
              .then(() => onMessage({ intent: "success", title: "Change report copied", text: `${count} changes on the sheet ${changeReportTable(report).name}.` }))
              .catch((error: unknown) => onMessage({ intent: "error", title: "Could not copy the report", text: error instanceof Error ? error.message : String(error) }))
          }
        >
          Copy to a new sheet
        </Button>
        <Button size="small" onClick={() => download(`segment-changes-${report.at.slice(0, 10)}.csv`, toCsv(changeReportTable(report)))}>
          Save as CSV
        </Button>
      </div>
      <Text as="p" size={200}>
        Changed segment cells are filled yellow in the sheet until the next refresh.
      </Text>
    </section>
  );
}

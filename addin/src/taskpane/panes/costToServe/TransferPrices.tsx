import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { ServiceClient } from "../../../api/serviceClient";
import type { TableSummary, Workbook } from "../../../workbook/workbook";
import { TRANSFER_TABLE, runTransferPrices, type TransferPriceOutcome } from "../../runs/transferPriceRun";
import { Choice, NumericChoice, TextField, checkShareField, checkedValue, guessColumn, numericColumnsOf, problemOf } from "../../ui/fields";
import { goToActions } from "../../ui/goToActions";
import { OperationStatus, useOperation } from "../../ui/useOperation";

type Columns = { item: string; segment: string; unitCost: string; logistics: string; days: string; market: string; units: string };
const NO_COLUMNS: Columns = { item: "", segment: "", unitCost: "", logistics: "", days: "", market: "", units: "" };
const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)} %`);

/**
 * Transfer prices between divisions per item × segment: the supplying
 * division's unit cost, the segment's logistics and the carrying cost of the
 * inventory held for it, plus a markup, capped at an outside price.
 */
export function TransferPrices({ workbook, client, tables, engine }: { workbook: Workbook; client: ServiceClient | undefined; tables: TableSummary[]; engine: "service" | "browser" }) {
  const [picked, setTable] = useState("");
  const [columns, setColumns] = useState<Columns>(NO_COLUMNS);
  const [numeric, setNumeric] = useState<string[]>([]);
  const [carrying, setCarrying] = useState("20%");
  const [markup, setMarkup] = useState("8%");
  const [outcome, setOutcome] = useState<TransferPriceOutcome | undefined>();
  const operation = useOperation();
  const { run: runOperation } = operation;

  // Until the planner picks, the table whose name says transfers.
  const table = picked || tables.find((x) => /transfer/i.test(x.name))?.name || "";
  const headers = tables.find((t) => t.name === table)?.headers ?? [];
  useEffect(() => {
    if (!table) return;
    void runOperation("Reading the columns", async () => {
      const data = await workbook.readTable(table);
      const found = numericColumnsOf(data);
      setNumeric(found);
      setColumns({
        item: guessColumn(data.headers, "Item", "ProductId", "Product") || data.headers[0] || "",
        segment: guessColumn(data.headers, "Segment", "Tier") || data.headers[1] || "",
        unitCost: guessColumn(found, "UnitCost", "Cost"),
        logistics: guessColumn(found, "LogisticsPerUnit", "Logistics"),
        days: guessColumn(found, "DaysOfInventory", "Days"),
        market: guessColumn(found, "MarketPrice"),
        units: guessColumn(found, "Units", "Quantity"),
      });
    });
  }, [table, workbook, runOperation]);

  const set = (key: keyof Columns) => (value: string) => setColumns((c) => ({ ...c, [key]: value }));
  const rate = checkShareField(carrying, "Carrying rate");
  const plus = checkShareField(markup, "Markup");
  const invalid = !rate.ok || !plus.ok || ![columns.unitCost, columns.logistics, columns.days].every((c) => numeric.includes(c));

  const run = () =>
    operation.run("Pricing transfers", async (step) => {
      const result = await runTransferPrices(
        workbook,
        client,
        {
          table,
          itemColumn: columns.item,
          segmentColumn: columns.segment,
          unitCostColumn: columns.unitCost,
          logisticsColumn: columns.logistics,
          daysColumn: columns.days,
          marketPriceColumn: columns.market,
          unitsColumn: columns.units,
          carryingRate: checkedValue(rate),
          markup: checkedValue(plus),
          engine,
        },
        step,
      );
      setOutcome(result);
      return {
        intent: "success",
        title: "Transfer prices written",
        text: `${result.lines} item × segment prices; ${result.capped} held at the outside market price.${result.withUnits ? " The segment P&L above can now add their inventory carrying." : " Pick the Units column to carry them into the segment P&L."}`,
        actions: goToActions(workbook, [[TRANSFER_TABLE, "transfer prices"]], operation.post),
      };
    });

  return (
    <section aria-labelledby="transfer-heading">
      <h3 id="transfer-heading">Transfer prices</h3>
      {tables.length === 0 ? (
        <Text size={200}>No table to read.</Text>
      ) : (
        <>
          <div className="tl-row">
            <Choice label="Transfer lines table" value={table} options={tables.map((t) => t.name)} onChange={setTable} hint="A row per item and segment the supplying division serves." />
            <Choice label="Item column" value={columns.item} options={headers} onChange={set("item")} />
            <Choice label="Segment column" value={columns.segment} options={headers} onChange={set("segment")} />
          </div>
          <div className="tl-row">
            <NumericChoice label="Unit cost" value={columns.unitCost} numeric={numeric} onChange={set("unitCost")} />
            <NumericChoice label="Logistics per unit" value={columns.logistics} numeric={numeric} onChange={set("logistics")} />
            <NumericChoice label="Days of inventory" value={columns.days} numeric={numeric} onChange={set("days")} />
            <NumericChoice label="Outside market price" value={columns.market} numeric={numeric} onChange={set("market")} optional="No outside prices" hint="The price is capped here." />
            <NumericChoice
              label="Units"
              value={columns.units}
              numeric={numeric}
              onChange={set("units")}
              optional="No units"
              hint="Units the segment takes over the P&L's period: carries the prices into the segment P&L."
            />
          </div>
          <div className="tl-row">
            <TextField label="Carrying rate a year" value={carrying} onChange={setCarrying} hint="capital, storage, obsolescence, e.g. 20%" validation={problemOf(rate)} />
            <TextField label="Markup" value={markup} onChange={setMarkup} hint="on the cost base, e.g. 8%" validation={problemOf(plus)} />
          </div>
          <div className="tl-actions">
            <Button onClick={() => void (invalid ? undefined : run())} disabled={operation.busy || !table || invalid}>
              Price transfers
            </Button>
          </div>
        </>
      )}
      <OperationStatus operation={operation} />
      {outcome && (
        <Table size="extra-small" aria-label="Transfer prices by segment">
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: "34%" }}>Segment</TableHeaderCell>
              <TableHeaderCell style={{ width: "14%" }}>Lines</TableHeaderCell>
              <TableHeaderCell>Mean price over unit cost</TableHeaderCell>
              <TableHeaderCell>Capped at market</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {outcome.segments.map((s) => (
              <TableRow key={s.segment}>
                <TableCell>{s.segment}</TableCell>
                <TableCell>{s.lines.toLocaleString("en-US")}</TableCell>
                <TableCell>{pct(s.meanUplift)}</TableCell>
                <TableCell>{s.capped.toLocaleString("en-US")}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

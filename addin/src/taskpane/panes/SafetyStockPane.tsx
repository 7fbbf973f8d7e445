import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { ServiceClient } from "../../api/serviceClient";
import { columnIndex, type TableSummary, type Workbook } from "../../workbook/workbook";
import { Choice, TextField, parseNumberField } from "../ui/fields";
import { useChanged } from "../ui/useChanged";
import { OperationStatus, useOperation } from "../ui/useOperation";
import { runSafetyStock, type SafetyStockMethod, type SafetyStockOutcome } from "../runs/safetyStockRun";

const money = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 0 });
/** The first header matching, so the demo table (and tables named like it) need no picking. */
const guess = (headers: string[], ...names: string[]) => names.map((n) => headers[columnIndex(headers, n)]).find((h) => h !== undefined) ?? "";

/** Columns → safety stock, reorder point and order quantity with each segment's policy; inventory value by segment. */
export function SafetyStockPane({ workbook, client }: { workbook: Workbook; client: ServiceClient | undefined }) {
  const [tables, setTables] = useState<TableSummary[]>([]);
  const [table, setTable] = useState("");
  const [columns, setColumns] = useState({ id: "", segment: "", mean: "", sigma: "", leadTime: "", leadTimeSd: "", unitCost: "" });
  const [method, setMethod] = useState<SafetyStockMethod>("csl");
  const [periodDays, setPeriodDays] = useState("7");
  const [periodsPerYear, setPeriodsPerYear] = useState("52");
  const [orderCost, setOrderCost] = useState("50");
  const [holdingRate, setHoldingRate] = useState("0.25");
  const [outcome, setOutcome] = useState<SafetyStockOutcome | undefined>();
  const operation = useOperation();
  const { run: runOperation } = operation;

  useEffect(() => {
    void runOperation("Listing the tables", async () => {
      const list = (await workbook.listTables()).filter((t) => !t.name.startsWith("Tierline"));
      setTables(list);
      setTable((t) => t || list[0]?.name || "");
    });
  }, [workbook, runOperation]);

  const headers = tables.find((t) => t.name === table)?.headers ?? [];
  // Picks made for another table name columns this one may not have: guess afresh.
  const tableChanged = useChanged([table, tables]);
  if (tableChanged) {
    setColumns({
      id: headers[0] ?? "",
      segment: guess(headers, "Segment"),
      mean: guess(headers, "DemandMean", "Mean", "AvgDemand"),
      sigma: guess(headers, "ForecastRmse", "DemandSd", "StdDev"),
      leadTime: guess(headers, "LeadTimeWeeks", "LeadTime"),
      leadTimeSd: guess(headers, "LeadTimeSdWeeks", "LeadTimeSd"),
      unitCost: guess(headers, "UnitCost", "Cost"),
    });
  }

  const set = (key: keyof typeof columns) => (value: string) => setColumns((c) => ({ ...c, [key]: value === "(none)" ? "" : value }));
  const optional = ["(none)", ...headers];

  const run = () =>
    operation.run("Computing safety stock", async (step) => {
      const number = (text: string, field: string) => parseNumberField(text, field, { min: 0 });
      const result = await runSafetyStock(
        workbook,
        client,
        {
          source: { kind: "table", table },
          idColumn: columns.id,
          segmentColumn: columns.segment,
          dimension: "product",
          demandMeanColumn: columns.mean,
          sigmaColumn: columns.sigma,
          leadTimeColumn: columns.leadTime,
          leadTimeSdColumn: columns.leadTimeSd,
          unitCostColumn: columns.unitCost,
          method,
          periodDays: number(periodDays, "Days per period"),
          periodsPerYear: number(periodsPerYear, "Periods per year"),
          orderCost: number(orderCost, "Order cost"),
          holdingRate: number(holdingRate, "Holding rate"),
        },
        step,
      );
      setOutcome(result);
      return {
        intent: "success",
        title: "Safety stock written",
        text: `SafetyStock, ReorderPoint, OrderQty and ServiceTarget written to ${result.table} with policy version ${result.policyVersion}; value by segment in TierlineInventoryValue.`,
      };
    });

  return (
    <section aria-labelledby="safety-heading" className="tl-pane">
      <h2 id="safety-heading">Safety stock</h2>
      <Choice label="Table" value={table} options={tables.map((t) => t.name)} onChange={setTable} />
      <Choice
        label="Method"
        value={method}
        options={[
          { value: "csl", text: "Cycle service level (policy CSL)" },
          { value: "fill-rate", text: "Fill rate (policy target fill rate)" },
          { value: "forecast-error", text: "Forecast-error based (σ = forecast error sd)" },
        ]}
        onChange={(v) => setMethod(v as SafetyStockMethod)}
      />
      <div className="tl-row">
        <Choice label="Id column" value={columns.id} options={headers} onChange={set("id")} />
        <Choice label="Segment column" value={columns.segment || "(none)"} options={[{ value: "(none)", text: "(look up on the service)" }, ...headers]} onChange={set("segment")} />
        <Choice label="Mean demand per period" value={columns.mean} options={headers} onChange={set("mean")} />
        <Choice label={method === "forecast-error" ? "Forecast error sd" : "Demand sd per period"} value={columns.sigma} options={headers} onChange={set("sigma")} />
        <Choice label="Lead time (periods)" value={columns.leadTime} options={headers} onChange={set("leadTime")} />
        <Choice label="Lead time sd (periods)" value={columns.leadTimeSd || "(none)"} options={optional} onChange={set("leadTimeSd")} />
        <Choice label="Unit cost" value={columns.unitCost} options={headers} onChange={set("unitCost")} />
      </div>
      <div className="tl-row">
        <TextField label="Days per period" value={periodDays} onChange={setPeriodDays} />
        <TextField label="Periods per year" value={periodsPerYear} onChange={setPeriodsPerYear} />
        <TextField label="Order cost (K)" value={orderCost} onChange={setOrderCost} />
        <TextField label="Holding rate per year" value={holdingRate} onChange={setHoldingRate} hint="Share of unit cost" />
      </div>
      <div className="tl-actions">
        <Button appearance="primary" onClick={() => void run()} disabled={operation.busy || !table}>
          Compute safety stock
        </Button>
      </div>
      <OperationStatus operation={operation} />
      {outcome && (
        <Table size="extra-small" aria-label="Inventory value by segment">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Segment</TableHeaderCell>
              <TableHeaderCell>Items</TableHeaderCell>
              <TableHeaderCell>Safety stock value</TableHeaderCell>
              <TableHeaderCell>Total value</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {outcome.bySegment.map((s) => (
              <TableRow key={s.segment}>
                <TableCell>{s.segment}</TableCell>
                <TableCell>{s.items}</TableCell>
                <TableCell>{money(s.safetyStockValue)}</TableCell>
                <TableCell>{money(s.totalValue)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

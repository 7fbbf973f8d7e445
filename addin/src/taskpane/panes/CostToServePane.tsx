import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { ServiceClient } from "../../api/serviceClient";
import { columnIndex, type TableSummary, type Workbook } from "../../workbook/workbook";
import { Choice, EngineChoice, TextField, parseNumberField, useComputeEngine } from "../ui/fields";
import { useChanged } from "../ui/useChanged";
import { OperationStatus, useOperation } from "../ui/useOperation";
import { runCostToServe, type CostToServeOutcome } from "../runs/costToServeRun";

const money = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 0 });
const pct = (x: number | null) => (x === null || !Number.isFinite(x) ? "—" : `${(x * 100).toFixed(1)} %`);
const guess = (headers: string[], ...names: string[]) => names.map((n) => headers[columnIndex(headers, n)]).find((h) => h !== undefined) ?? headers[0] ?? "";

/** Activity pools and drivers → cost-to-serve, segment P&L, whale curve and flagged customers with levers. */
export function CostToServePane({ workbook, client }: { workbook: Workbook; client: ServiceClient | undefined }) {
  const [tables, setTables] = useState<TableSummary[]>([]);
  const [customers, setCustomers] = useState("");
  const [pools, setPools] = useState("");
  const [columns, setColumns] = useState({ id: "", revenue: "", cogs: "", segment: "", activity: "", driver: "", poolCost: "" });
  const [maxCtsPct, setMaxCtsPct] = useState("0.15");
  const [engine, setEngine] = useComputeEngine(client);
  const [outcome, setOutcome] = useState<CostToServeOutcome | undefined>();
  const operation = useOperation();
  const { run: runOperation } = operation;

  useEffect(() => {
    void runOperation("Listing the tables", async () => {
      const list = (await workbook.listTables()).filter((t) => !t.name.startsWith("Tierline"));
      setTables(list);
      setCustomers((c) => c || list.find((t) => /customer/i.test(t.name))?.name || list[0]?.name || "");
      setPools((p) => p || list.find((t) => /pool|activit/i.test(t.name))?.name || list[0]?.name || "");
    });
  }, [workbook, runOperation]);

  const customerHeaders = tables.find((t) => t.name === customers)?.headers ?? [];
  const poolHeaders = tables.find((t) => t.name === pools)?.headers ?? [];
  // Picks made for another table name columns this one may not have: guess afresh.
  const sourcesChanged = useChanged([customers, pools, tables]);
  if (sourcesChanged) {
    setColumns({
      id: customerHeaders[0] ?? "",
      revenue: guess(customerHeaders, "Revenue", "Sales"),
      cogs: guess(customerHeaders, "COGS", "Cost"),
      segment: guess(customerHeaders, "Tier", "Segment", "Channel"),
      activity: guess(poolHeaders, "Activity"),
      driver: guess(poolHeaders, "Driver"),
      poolCost: guess(poolHeaders, "PoolCost", "Cost"),
    });
  }

  const set = (key: keyof typeof columns) => (value: string) => setColumns((c) => ({ ...c, [key]: value }));

  const run = () =>
    operation.run("Computing cost-to-serve", async (step) => {
      const target = parseNumberField(maxCtsPct, "Cost-to-serve target", { min: 0 });
      const result = await runCostToServe(
        workbook,
        client,
        {
          customersTable: customers,
          idColumn: columns.id,
          revenueColumn: columns.revenue,
          cogsColumn: columns.cogs,
          segmentColumn: columns.segment,
          poolsTable: pools,
          activityColumn: columns.activity,
          driverColumn: columns.driver,
          poolCostColumn: columns.poolCost,
          maxCtsPct: target,
          engine,
        },
        step,
      );
      setOutcome(result);
      return {
        intent: "success",
        title: "Cost-to-serve written",
        text: `${result.customers} customers costed; ${result.flagged.length} over the target; the most profitable customers earn ${pct(result.peakShare)} of the profit (whale curve).`,
      };
    });

  return (
    <section aria-labelledby="cts-heading" className="tl-pane">
      <h2 id="cts-heading">Cost-to-serve</h2>
      <div className="tl-row">
        <Choice label="Customers table" value={customers} options={tables.map((t) => t.name)} onChange={setCustomers} />
        <Choice label="Id column" value={columns.id} options={customerHeaders} onChange={set("id")} />
        <Choice label="Revenue" value={columns.revenue} options={customerHeaders} onChange={set("revenue")} />
        <Choice label="COGS" value={columns.cogs} options={customerHeaders} onChange={set("cogs")} />
        <Choice label="P&L segment" value={columns.segment} options={customerHeaders} onChange={set("segment")} />
      </div>
      <div className="tl-row">
        <Choice label="Activity pools table" value={pools} options={tables.map((t) => t.name)} onChange={setPools} />
        <Choice label="Activity column" value={columns.activity} options={poolHeaders} onChange={set("activity")} />
        <Choice label="Driver column" value={columns.driver} options={poolHeaders} onChange={set("driver")} hint="Each driver names a column of the customers table." />
        <Choice label="Pool cost column" value={columns.poolCost} options={poolHeaders} onChange={set("poolCost")} />
      </div>
      <TextField label="Cost-to-serve target (share of revenue)" value={maxCtsPct} onChange={setMaxCtsPct} hint="e.g. 0.15 or 15%" />
      <EngineChoice value={engine} onChange={setEngine} serviceAvailable={!!client} />
      <div className="tl-actions">
        <Button appearance="primary" onClick={() => void run()} disabled={operation.busy || !customers || !pools}>
          Compute cost-to-serve
        </Button>
      </div>
      <OperationStatus operation={operation} />
      {outcome && (
        <>
          <Table size="extra-small" aria-label="Segment P&L">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Segment</TableHeaderCell>
                <TableHeaderCell>Revenue</TableHeaderCell>
                <TableHeaderCell>Cost-to-serve</TableHeaderCell>
                <TableHeaderCell>Margin</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {outcome.segments.map((s) => (
                <TableRow key={s.segment}>
                  <TableCell>{s.segment}</TableCell>
                  <TableCell>{money(s.revenue)}</TableCell>
                  <TableCell>{money(s.costToServe)}</TableCell>
                  <TableCell>{pct(s.marginPct)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <h3>Flagged customers</h3>
          {outcome.flagged.length === 0 ? (
            <Text size={200}>No customer is over the target.</Text>
          ) : (
            <Table size="extra-small" aria-label="Flagged customers">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Customer</TableHeaderCell>
                  <TableHeaderCell>Cost-to-serve / revenue</TableHeaderCell>
                  <TableHeaderCell>Suggested lever</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {outcome.flagged.slice(0, 50).map((f) => (
                  <TableRow key={f.id}>
                    <TableCell>{f.id}</TableCell>
                    <TableCell>{pct(f.ctsPct)}</TableCell>
                    <TableCell>{f.lever}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </>
      )}
    </section>
  );
}

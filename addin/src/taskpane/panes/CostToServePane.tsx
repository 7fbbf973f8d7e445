import { Button, Checkbox, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { ServiceClient } from "../../api/serviceClient";
import type { TableSummary, Workbook } from "../../workbook/workbook";
import { Choice, EngineChoice, NumericChoice, TextField, checkShareField, checkedValue, guessColumn, numericColumnsOf, problemOf, useComputeEngine } from "../ui/fields";
import { OperationStatus, useOperation } from "../ui/useOperation";
import { goToActions } from "../ui/goToActions";
import { FLAGGED_TABLE, PNL_TABLE, WHALE_TABLE, runCostToServe, type CostToServeOutcome } from "../runs/costToServeRun";
import { Incentives } from "./costToServe/Incentives";
import { TransferPrices } from "./costToServe/TransferPrices";
import { InvestmentCase } from "./costToServe/InvestmentCase";
import { FREIGHT_CHOICES, FreightNote, freightSentence, type FreightChoice } from "./costToServe/freightChoice";

const money = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 0 });
const pct = (x: number | null) => (x === null || !Number.isFinite(x) ? "—" : `${(x * 100).toFixed(1)} %`);
type Columns = { id: string; revenue: string; cogs: string; segment: string; activity: string; driver: string; poolCost: string };
/** Text picks fall back to the first column (the planner sees it); numeric picks are guessed from the header or left to the planner. */
const guessText = (headers: string[], ...names: string[]) => guessColumn(headers, ...names) || headers[0] || "";

/** Activity pools and drivers → cost-to-serve, segment P&L, whale curve and flagged customers with levers. */
export function CostToServePane({ workbook, client }: { workbook: Workbook; client: ServiceClient | undefined }) {
  const [tables, setTables] = useState<TableSummary[]>([]);
  const [customers, setCustomers] = useState("");
  const [pools, setPools] = useState("");
  const [columns, setColumns] = useState<Columns>({ id: "", revenue: "", cogs: "", segment: "", activity: "", driver: "", poolCost: "" });
  const [numeric, setNumeric] = useState<{ customers: string[]; pools: string[] }>({ customers: [], pools: [] });
  // Numeric picks guessed from the header names rather than made by the planner, labelled as guesses until picked.
  const [guessed, setGuessed] = useState<ReadonlySet<keyof Columns>>(new Set());
  const [maxCtsPct, setMaxCtsPct] = useState("0.15");
  const [engine, setEngine] = useComputeEngine(client);
  const [freight, setFreight] = useState<FreightChoice>("none");
  const [transfers, setTransfers] = useState(false);
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
  // Picks made for another table name columns this one may not have: read the numeric columns and guess afresh.
  useEffect(() => {
    if (!customers || !pools) return;
    void runOperation("Reading the columns", async () => {
      const [customerData, poolData] = await Promise.all([workbook.readTable(customers), workbook.readTable(pools)]);
      const found = { customers: numericColumnsOf(customerData), pools: numericColumnsOf(poolData) };
      const picks: Columns = {
        id: customerData.headers[0] ?? "",
        revenue: guessColumn(found.customers, "Revenue", "Sales"),
        cogs: guessColumn(found.customers, "COGS", "Cost"),
        segment: guessText(customerData.headers, "Tier", "Segment", "Channel"),
        activity: guessText(poolData.headers, "Activity"),
        driver: guessText(poolData.headers, "Driver"),
        poolCost: guessColumn(found.pools, "PoolCost", "Cost"),
      };
      setNumeric(found);
      setColumns(picks);
      setGuessed(new Set((["revenue", "cogs", "poolCost"] as const).filter((k) => picks[k] !== "")));
    });
  }, [customers, pools, workbook, runOperation]);

  const set = (key: keyof Columns) => (value: string) => {
    setColumns((c) => ({ ...c, [key]: value }));
    setGuessed((g) => new Set([...g].filter((k) => k !== key)));
  };

  // Checked as typed: "15" is refused under the field instead of flagging nobody at 1,500 %.
  const target = checkShareField(maxCtsPct, "Cost-to-serve target");
  const invalid = !target.ok || !numeric.customers.includes(columns.revenue) || !numeric.customers.includes(columns.cogs) || !numeric.pools.includes(columns.poolCost);

  const run = () =>
    operation.run("Computing cost-to-serve", async (step) => {
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
          maxCtsPct: checkedValue(target),
          engine,
          freight: freight === "none" ? undefined : freight,
          transfers,
        },
        step,
      );
      setOutcome(result);
      return {
        intent: "success",
        title: "Cost-to-serve written",
        text: `${result.customers} customers costed${freightSentence(result.freight)}${result.transfers ? `; inventory carrying ${money(result.transfers.inventoryCarrying)} from the transfer prices` : ""}; ${result.flagged.length} over the target; the most profitable customers earn ${pct(result.peakShare)} of the profit (whale curve).`,
        actions: goToActions(
          workbook,
          [
            [PNL_TABLE, "segment P&L"],
            [WHALE_TABLE, "whale curve"],
            [FLAGGED_TABLE, "flagged customers"],
          ],
          operation.post,
        ),
      };
    });

  return (
    <section aria-labelledby="cts-heading" className="tl-pane">
      <h2 id="cts-heading">Cost-to-serve</h2>
      <div className="tl-row">
        <Choice label="Customers table" value={customers} options={tables.map((t) => t.name)} onChange={setCustomers} />
        <Choice label="Id column" value={columns.id} options={customerHeaders} onChange={set("id")} />
        <NumericChoice label="Revenue" value={columns.revenue} numeric={numeric.customers} guessed={guessed.has("revenue")} onChange={set("revenue")} />
        <NumericChoice label="COGS" value={columns.cogs} numeric={numeric.customers} guessed={guessed.has("cogs")} onChange={set("cogs")} />
        <Choice label="P&L segment" value={columns.segment} options={customerHeaders} onChange={set("segment")} />
      </div>
      <div className="tl-row">
        <Choice label="Activity pools table" value={pools} options={tables.map((t) => t.name)} onChange={setPools} />
        <Choice label="Activity column" value={columns.activity} options={poolHeaders} onChange={set("activity")} />
        <Choice label="Driver column" value={columns.driver} options={poolHeaders} onChange={set("driver")} hint="Each driver names a column of the customers table." />
        <NumericChoice label="Pool cost column" value={columns.poolCost} numeric={numeric.pools} guessed={guessed.has("poolCost")} onChange={set("poolCost")} />
      </div>
      <TextField label="Cost-to-serve target (share of revenue)" value={maxCtsPct} onChange={setMaxCtsPct} hint="e.g. 15% or 0.15" validation={problemOf(target)} />
      <Choice
        label="Freight"
        value={freight}
        options={FREIGHT_CHOICES}
        onChange={(v) => setFreight(v as FreightChoice)}
        disabled={!client}
        hint={client ? "Carrier bills stored on the service (freight_costs import), a line of their own in the P&L." : "Sign in under Settings to add the stored freight."}
      />
      <Checkbox
        checked={transfers}
        onChange={(_, d) => setTransfers(d.checked === true)}
        label="Add the transfer prices: each segment bears the carrying cost of its inventory, and the P&L shows the supplying division's margin (price the transfers with units first, below)"
      />
      <EngineChoice value={engine} onChange={setEngine} serviceAvailable={!!client} />
      <div className="tl-actions">
        <Button appearance="primary" onClick={() => void (invalid ? undefined : run())} disabled={operation.busy || !customers || !pools || invalid}>
          Compute cost-to-serve
        </Button>
      </div>
      {invalid && <Text size={200}>Correct the fields marked in red to compute.</Text>}
      <OperationStatus operation={operation} />
      {outcome && (
        <>
          <Table size="extra-small" aria-label="Segment P&L">
            <TableHeader>
              <TableRow>
                {/* At 350 px equal columns break "wholesale" and six-digit revenue mid-word; widths by what each holds. */}
                <TableHeaderCell style={{ width: "23%" }}>Segment</TableHeaderCell>
                <TableHeaderCell style={{ width: "21%" }}>Revenue</TableHeaderCell>
                <TableHeaderCell style={{ width: "20%" }}>Cost-to-serve</TableHeaderCell>
                {outcome.freight && <TableHeaderCell style={{ width: "17%" }}>Freight</TableHeaderCell>}
                <TableHeaderCell style={{ width: "19%" }}>Margin</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {outcome.segments.map((s) => (
                <TableRow key={s.segment}>
                  <TableCell>{s.segment}</TableCell>
                  <TableCell>{money(s.revenue)}</TableCell>
                  <TableCell>{money(s.costToServe)}</TableCell>
                  {outcome.freight && <TableCell>{money(s.freight)}</TableCell>}
                  <TableCell>{pct(s.marginPct)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {outcome.freight && <FreightNote freight={outcome.freight} />}
          {outcome.transfers && (
            <Text size={200} as="p">
              Margin is after {money(outcome.transfers.inventoryCarrying)} of inventory carrying from the transfer prices ({outcome.transfers.segments} segments). The supplying division earns{" "}
              {money(outcome.transfers.transferMargin)} on its transfers, so the selling divisions keep {money(outcome.transfers.divisionContribution)} of the company&apos;s {money(outcome.transfers.contribution)}{" "}
              contribution.
            </Text>
          )}
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
      <TransferPrices workbook={workbook} client={client} tables={tables} engine={engine} />
      <Incentives workbook={workbook} client={client} />
      <InvestmentCase workbook={workbook} client={client} engine={engine} />
    </section>
  );
}

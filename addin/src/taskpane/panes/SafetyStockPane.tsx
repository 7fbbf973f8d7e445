import { Button, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { ServiceClient } from "../../api/serviceClient";
import type { TableSummary, Workbook } from "../../workbook/workbook";
import { Choice, NumericChoice, TextField, checkNumberField, checkShareField, checkedValue, guessColumn, numericColumnsOf, problemOf } from "../ui/fields";
import { OperationStatus, useOperation } from "../ui/useOperation";
import { goToActions } from "../ui/goToActions";
import type { Currency } from "../../workbook/resultFormats";
import { SafetyStockResult } from "./safetyStock/SafetyStockResult";
import { SUPPLIER_LEAD_TIME, SUPPLIER_LEAD_TIME_SD, supplierLeadTimeColumns } from "./safetyStock/supplierLeadTimes";
import { FORECAST_MEAN, FORECAST_RMSE, forecastErrorColumns } from "./safetyStock/forecastErrorColumns";
import { INVENTORY_VALUE_TABLE, runSafetyStock, type SafetyStockMethod, type SafetyStockOutcome } from "../runs/safetyStockRun";

type Columns = { id: string; segment: string; mean: string; sigma: string; leadTime: string; leadTimeSd: string; unitCost: string };
/** The numeric picks, which must name a numeric column before the run. */
const NUMERIC_PICKS = ["mean", "sigma", "leadTime", "unitCost"] as const;

/** The success message's word on items whose formula went below zero (the table under it says why, per segment). */
function floored(result: SafetyStockOutcome): string {
  const n = result.totals.flooredItems;
  return n === 0 ? "" : ` ${n.toLocaleString("en-US")} ${n === 1 ? "item's" : "items'"} safety stock set to 0 where the formula went below zero.`;
}

/** Columns → safety stock, reorder point and order quantity with each segment's policy; inventory value by segment. */
export function SafetyStockPane({ workbook, client }: { workbook: Workbook; client: ServiceClient | undefined }) {
  const [tables, setTables] = useState<TableSummary[]>([]);
  const [table, setTable] = useState("");
  const [columns, setColumns] = useState<Columns>({ id: "", segment: "", mean: "", sigma: "", leadTime: "", leadTimeSd: "", unitCost: "" });
  const [numeric, setNumeric] = useState<string[]>([]);
  // Picks guessed from the header names rather than made by the planner, labelled as guesses until picked.
  const [guessed, setGuessed] = useState<ReadonlySet<keyof Columns>>(new Set());
  const [method, setMethod] = useState<SafetyStockMethod>("csl");
  const [periodDays, setPeriodDays] = useState("7");
  const [periodsPerYear, setPeriodsPerYear] = useState("52");
  const [orderCost, setOrderCost] = useState("50");
  const [holdingRate, setHoldingRate] = useState("0.25");
  const [outcome, setOutcome] = useState<{ result: SafetyStockOutcome; currency: Currency | undefined } | undefined>();
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
  // Picks made for another table name columns this one may not have: read its numeric columns and guess afresh from the headers.
  useEffect(() => {
    if (!table) return;
    void runOperation("Reading the columns", async () => {
      const data = await workbook.readTable(table);
      const numbers = numericColumnsOf(data);
      const picks: Columns = {
        id: data.headers[0] ?? "",
        segment: guessColumn(data.headers, "Segment"),
        mean: guessColumn(numbers, "DemandMean", "Mean", "AvgDemand"),
        sigma: guessColumn(numbers, "ForecastRmse", "DemandSd", "StdDev"),
        leadTime: guessColumn(numbers, "LeadTimeWeeks", "LeadTime"),
        leadTimeSd: guessColumn(numbers, "LeadTimeSdWeeks", "LeadTimeSd"),
        unitCost: guessColumn(numbers, "UnitCost", "Cost"),
      };
      setNumeric(numbers);
      setColumns(picks);
      setGuessed(new Set((["mean", "sigma", "leadTime", "leadTimeSd", "unitCost"] as const).filter((k) => picks[k] !== "")));
    });
  }, [table, workbook, runOperation]);

  const set = (key: keyof Columns) => (value: string) => {
    setColumns((c) => ({ ...c, [key]: value === "(none)" ? "" : value }));
    setGuessed((g) => new Set([...g].filter((k) => k !== key)));
  };

  // Checked as typed, so a wrong value shows under its field and nothing is sent.
  const checks = {
    periodDays: checkNumberField(periodDays, "Days per period", { greaterThan: 0 }),
    periodsPerYear: checkNumberField(periodsPerYear, "Periods per year", { greaterThan: 0 }),
    orderCost: checkNumberField(orderCost, "Order cost", { min: 0 }),
    holdingRate: checkShareField(holdingRate, "Holding rate"),
  };
  const invalid = Object.values(checks).some((c) => !c.ok) || NUMERIC_PICKS.some((k) => !numeric.includes(columns[k]));

  const run = () =>
    operation.run("Computing safety stock", async (step) => {
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
          periodDays: checkedValue(checks.periodDays),
          periodsPerYear: checkedValue(checks.periodsPerYear),
          orderCost: checkedValue(checks.orderCost),
          holdingRate: checkedValue(checks.holdingRate),
        },
        step,
      );
      // The currency the written tables' money is formatted in, so the pane's amounts read the same.
      setOutcome({ result, currency: await workbook.currency() });
      return {
        intent: "success",
        title: "Safety stock written",
        text: `SafetyStock, ReorderPoint, OrderQty, ServiceTarget and SafetyStockNote written to ${result.table} with policy version ${result.policyVersion}; value by segment in TierlineInventoryValue.${floored(result)}`,
        actions: goToActions(
          workbook,
          [
            [result.table, result.table],
            [INVENTORY_VALUE_TABLE, "inventory value"],
          ],
          operation.post,
        ),
      };
    });

  // The suppliers' history gives each product's lead time and its spread: written beside the table and picked, so the run uses them.
  const leadTimesFromSuppliers = () =>
    operation.run("Reading supplier lead times", async () => {
      if (!client || !checks.periodDays.ok) return;
      const data = await workbook.readTable(table);
      const at = data.headers.indexOf(columns.id);
      const { columns: written, matched } = await supplierLeadTimeColumns(
        client,
        data.rows.map((r) => r[at] ?? null),
        checkedValue(checks.periodDays),
      );
      await workbook.writeColumns(table, written);
      setNumeric((n) => [...new Set([...n, SUPPLIER_LEAD_TIME, SUPPLIER_LEAD_TIME_SD])]);
      setColumns((c) => ({ ...c, leadTime: SUPPLIER_LEAD_TIME, leadTimeSd: SUPPLIER_LEAD_TIME_SD }));
      setGuessed((g) => new Set([...g].filter((k) => k !== "leadTime" && k !== "leadTimeSd")));
      return {
        intent: matched === data.rows.length ? "success" : "warning",
        title: "Supplier lead times written",
        text: `${SUPPLIER_LEAD_TIME} and ${SUPPLIER_LEAD_TIME_SD} (periods of ${checkedValue(checks.periodDays)} days) for ${matched.toLocaleString("en-US")} of ${data.rows.length.toLocaleString("en-US")} rows of ${table}, from each product's supplier history; they are now the lead-time columns.${matched < data.rows.length ? " Rows left blank have no supplier history: fill them before computing." : ""}`,
      };
    });

  // The newest finished forecast run gives each product its forecast mean and one-step error sd (weekly): written beside the table and picked, with the forecast-error method.
  const errorFromForecasts = () =>
    operation.run("Reading the latest forecast run", async (step) => {
      if (!client) return;
      const data = await workbook.readTable(table);
      const at = data.headers.indexOf(columns.id);
      const {
        columns: written,
        matched,
        run,
      } = await forecastErrorColumns(
        client,
        data.rows.map((r) => r[at] ?? null),
        step.signal,
      );
      if (!run) return { intent: "warning", title: "No forecast run yet", text: "No forecast run has finished. Run forecasts under Governance → Forecasts first, then take σ from it here." };
      await workbook.writeColumns(table, written);
      setNumeric((n) => [...new Set([...n, FORECAST_MEAN, FORECAST_RMSE])]);
      setColumns((c) => ({ ...c, mean: FORECAST_MEAN, sigma: FORECAST_RMSE }));
      setGuessed((g) => new Set([...g].filter((k) => k !== "mean" && k !== "sigma")));
      setMethod("forecast-error");
      setPeriodDays("7");
      const finished = run.finishedAt ? ` (finished ${run.finishedAt.slice(0, 10)})` : "";
      return {
        intent: matched === data.rows.length ? "success" : "warning",
        title: "Forecast error written",
        text: `${FORECAST_MEAN} (the forecast's weekly mean over its ${run.horizon} weeks) and ${FORECAST_RMSE} (its one-week-ahead error sd) from forecast run ${run.version}${finished} for ${matched.toLocaleString("en-US")} of ${data.rows.length.toLocaleString("en-US")} rows of ${table}. The method is now forecast-error based, with weeks as periods.${matched < data.rows.length ? " Rows left blank have no forecast in that run: fill them before computing." : ""}`,
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
        <NumericChoice label="Mean demand per period" value={columns.mean} numeric={numeric} guessed={guessed.has("mean")} onChange={set("mean")} />
        <NumericChoice label={method === "forecast-error" ? "Forecast error sd" : "Demand sd per period"} value={columns.sigma} numeric={numeric} guessed={guessed.has("sigma")} onChange={set("sigma")} />
        <NumericChoice label="Lead time (periods)" value={columns.leadTime} numeric={numeric} guessed={guessed.has("leadTime")} onChange={set("leadTime")} />
        <NumericChoice label="Lead time sd (periods)" value={columns.leadTimeSd} numeric={numeric} guessed={guessed.has("leadTimeSd")} onChange={set("leadTimeSd")} optional="(none)" />
        <NumericChoice label="Unit cost" value={columns.unitCost} numeric={numeric} guessed={guessed.has("unitCost")} onChange={set("unitCost")} />
      </div>
      <div className="tl-row">
        <TextField label="Days per period" value={periodDays} onChange={setPeriodDays} validation={problemOf(checks.periodDays)} />
        <TextField label="Periods per year" value={periodsPerYear} onChange={setPeriodsPerYear} validation={problemOf(checks.periodsPerYear)} />
        <TextField label="Order cost (K)" value={orderCost} onChange={setOrderCost} validation={problemOf(checks.orderCost)} />
      </div>
      {/* On its own row: its message is long, and beside it Order cost would stretch to the message's height. */}
      <TextField label="Holding rate per year" value={holdingRate} onChange={setHoldingRate} hint="Share of unit cost a year, e.g. 25% or 0.25" validation={problemOf(checks.holdingRate)} />
      <div className="tl-actions">
        <Button onClick={() => void leadTimesFromSuppliers()} disabled={operation.busy || !client || !table || !columns.id || !checks.periodDays.ok}>
          Lead times from suppliers
        </Button>
        <Button onClick={() => void errorFromForecasts()} disabled={operation.busy || !client || !table || !columns.id}>
          σ from the latest forecast
        </Button>
        <Button appearance="primary" onClick={() => void (invalid ? undefined : run())} disabled={operation.busy || !table || invalid}>
          Compute safety stock
        </Button>
      </div>
      {invalid && <Text size={200}>Correct the fields marked in red to compute.</Text>}
      <OperationStatus operation={operation} />
      {outcome && <SafetyStockResult outcome={outcome.result} currency={outcome.currency} />}
    </section>
  );
}

import { Button, Text } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { ServiceClient } from "../../../api/serviceClient";
import type { TableData, TableSummary, Workbook } from "../../../workbook/workbook";
import { importSheet } from "../../runs/importSheet";
import { runJob } from "../../runs/runJob";
import { Choice } from "../../ui/fields";
import { goToActions } from "../../ui/goToActions";
import type { useOperation } from "../../ui/useOperation";
import { formatCount } from "../recommendations/format";
import { useGovernanceStyles } from "./styles";

export const SELL_THROUGH_TABLE = "TierlineSellThrough";
/** The columns the sell_through import reads, in its own words. */
export const SELL_THROUGH_HEADERS = ["customer_id", "product_id", "week", "units"];

/** An empty table with the import's headers, for the planner to paste the accounts' POS export into. */
export function sellThroughTemplate(): TableData {
  return { name: SELL_THROUGH_TABLE, headers: [...SELL_THROUGH_HEADERS], rows: [[null, null, null, null]] };
}

const fits = (t: TableSummary) => SELL_THROUGH_HEADERS.every((h) => t.headers.some((x) => x.trim().toLowerCase() === h));

/**
 * Sell-through from a sheet: the table is imported whole or not at all
 * (every bad cell named by sheet row and column), then the next forecast
 * run reads it for the accounts whose customer-segment policy asks for
 * sell-through; "Run forecasts" starts that run here.
 */
export function SellThroughImport({
  workbook,
  client,
  operation,
  canImport,
  canRun,
  onForecast,
}: {
  workbook: Workbook;
  client: ServiceClient | undefined;
  operation: ReturnType<typeof useOperation>;
  canImport: boolean;
  canRun: boolean;
  onForecast: () => Promise<void>;
}) {
  const styles = useGovernanceStyles();
  const [tables, setTables] = useState<TableSummary[]>([]);
  const [table, setTable] = useState<string>(SELL_THROUGH_TABLE);
  const [imported, setImported] = useState(false);
  const { run, busy } = operation;

  // The table to import: the one chosen while it exists, else the first with the import's columns.
  const adopt = useCallback((all: TableSummary[]) => {
    setTables(all);
    setTable((current) => (all.some((t) => t.name === current) ? current : (all.find(fits)?.name ?? current)));
  }, []);
  const refresh = useCallback(async () => adopt(await workbook.listTables()), [adopt, workbook]);
  useEffect(() => {
    // After the await: the list arrives from the workbook, as a subscription's callback would.
    let live = true;
    void workbook.listTables().then((all) => live && adopt(all));
    return () => {
      live = false;
    };
  }, [adopt, workbook]);

  const present = tables.some((t) => t.name === table);

  const startTable = () =>
    run("Starting a sell-through table", async () => {
      const template = sellThroughTemplate();
      await workbook.writeTable(template);
      await refresh();
      setTable(template.name);
      return {
        intent: "success",
        title: "Sell-through table ready",
        text: `${template.name} has the columns ${SELL_THROUGH_HEADERS.join(", ")}: paste each account's weekly sales there, one row per customer, product and week.`,
        actions: goToActions(workbook, [[template.name, "the table"]], operation.post),
      };
    });

  const importTable = () =>
    run("Importing sell-through", async (step) => {
      if (!client) throw new Error("Sign in to the Tierline service first (Settings).");
      const outcome = await importSheet(client, workbook, "sell_through", table, step);
      if ("refused" in outcome) return { intent: "warning", title: "Sell-through not imported", text: `${outcome.refused} Correct the table and import it again.` };
      const { report } = outcome;
      setImported(true);
      return {
        intent: "success",
        title: "Sell-through imported",
        text: `${formatCount(report.written)} row${report.written === 1 ? "" : "s"} from ${table}; each customer in the file now has this feed. The next forecast run reads it for accounts whose segment policy asks for sell-through.`,
      };
    });

  const runForecasts = () =>
    run("Running forecasts", async (step) => {
      if (!client) throw new Error("Sign in to the Tierline service first (Settings).");
      const result = await runJob(client, "forecastProducts", {}, step);
      await onForecast();
      return { intent: "success", title: "Forecasts run", text: `Run ${result.version}: ${formatCount(result.series)} products forecast. The list below says which demand signal each used.` };
    });

  return (
    <div data-testid="sell-through" aria-label="Sell-through" role="group">
      <Text as="h3" className={styles.heading}>
        Sell-through
      </Text>
      <Text size={200} className={styles.summary}>
        Accounts that report what they sold on (POS): where their segment policy asks for sell-through, it replaces their shipments in the weeks it covers.
      </Text>
      {tables.length > 0 && (
        <Choice
          label="Table with sell-through"
          value={table}
          options={tables.map((t) => ({ value: t.name, text: `${t.name} (${formatCount(t.rowCount)} row${t.rowCount === 1 ? "" : "s"})` }))}
          onChange={setTable}
          hint={present && !tables.find((t) => t.name === table && fits(t)) ? `Needs the columns ${SELL_THROUGH_HEADERS.join(", ")}.` : undefined}
        />
      )}
      <div className={styles.buttons}>
        {!tables.some(fits) && (
          <Button onClick={() => void startTable()} disabled={busy}>
            Start a sell-through table
          </Button>
        )}
        {canImport && (
          <Button appearance="primary" onClick={() => void importTable()} disabled={!client || busy || !present}>
            Import sell-through
          </Button>
        )}
        {canRun && (
          <Button appearance={imported ? "primary" : "secondary"} onClick={() => void runForecasts()} disabled={!client || busy}>
            Run forecasts
          </Button>
        )}
      </div>
      {!canImport && (
        <Text size={200} className={styles.summary}>
          Importing needs a planner or admin.
        </Text>
      )}
    </div>
  );
}

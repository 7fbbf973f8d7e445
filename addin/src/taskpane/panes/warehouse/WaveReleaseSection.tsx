import { Button, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { WaveReleaseResult } from "../../../../../shared/src/api";
import type { ServiceClient } from "../../../api/serviceClient";
import type { TableSummary, Workbook } from "../../../workbook/workbook";
import { Choice, TextField, checkedValue, problemOf } from "../../ui/fields";
import { goToActions } from "../../ui/goToActions";
import { OperationStatus, useOperation } from "../../ui/useOperation";
import { count } from "./warehouseWords";
import { WAVES_TABLE, WAVE_ORDERS_TABLE, clock, parseWaves, segmentCounts, waveRequestFromTables, waveTablesData } from "./waveSheets";

const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? "" : "s"}`;

/**
 * A day's orders from a sheet released into the waves typed here, each
 * segment by its rule on a second sheet (the waves it may join, its
 * cut-off); the plan per wave in words and on two sheets.
 */
export function WaveReleaseSection({ workbook, client }: { workbook: Workbook; client: ServiceClient }) {
  const [tables, setTables] = useState<TableSummary[]>([]);
  const [ordersPick, setOrders] = useState("");
  const [rulesPick, setRules] = useState("");
  const [wavesText, setWaves] = useState("Morning 09:00, Midday 12:30, Evening 16:00");
  const [result, setResult] = useState<WaveReleaseResult | undefined>();
  const operation = useOperation();
  const { run } = operation;

  useEffect(() => {
    void run("Listing the tables", async () => setTables((await workbook.listTables()).filter((t) => !t.name.startsWith("Tierline"))));
  }, [workbook, run]);

  // Until the planner picks, the tables whose names say orders and wave rules.
  const ordersTable = ordersPick || tables.find((t) => /order/i.test(t.name))?.name || "";
  const rulesTable = rulesPick || tables.find((t) => /wave.*rule|rule/i.test(t.name))?.name || "";
  const waves = parseWaves(wavesText);

  const release = () =>
    operation.run("Releasing the orders into waves", async () => {
      const reading = waveRequestFromTables(await workbook.readTable(ordersTable), await workbook.readTable(rulesTable), checkedValue(waves));
      if (!reading.ok) return { intent: "error", title: "The order sheets have problems", text: reading.problems.join("\n") };
      const plan = await client.call("releaseWaves", { body: reading.body });
      setResult(plan);
      for (const table of waveTablesData(plan)) await workbook.writeTable(table);
      return {
        intent: "success",
        title: "Waves released",
        text: `${plural(plan.waves.length, "wave")} on ${WAVES_TABLE}; each order's wave on ${WAVE_ORDERS_TABLE}.`,
        actions: goToActions(
          workbook,
          [
            [WAVES_TABLE, "waves"],
            [WAVE_ORDERS_TABLE, "orders"],
          ],
          operation.post,
        ),
      };
    });

  const names = tables.map((t) => t.name);
  return (
    <section aria-labelledby="wave-heading">
      <h3 id="wave-heading">Wave release</h3>
      <Text block size={200}>
        Each order joins the earliest wave its segment may use whose cut-off it meets (arrival at least the cut-off before the release); one that meets none waits for the next day.
      </Text>
      <div className="tl-row">
        <Choice label="Orders table" value={ordersTable} options={names} onChange={setOrders} hint="OrderId, Segment, Arrival (09:40), Lines" />
        <Choice label="Wave rules table" value={rulesTable} options={names} onChange={setRules} hint="Segment, Waves (blank: any), CutoffMinutes" />
      </div>
      <TextField label="Waves and release times" value={wavesText} onChange={setWaves} validation={problemOf(waves)} />
      <div className="tl-actions">
        <Button appearance="primary" onClick={() => void release()} disabled={operation.busy || !ordersTable || !rulesTable || !waves.ok}>
          Release waves
        </Button>
      </div>
      <OperationStatus operation={operation} />
      {result && (
        <>
          <ul className="tl-rec-list" aria-label="Orders per wave">
            {result.waves.map((w) => (
              <li key={w.wave}>
                <strong>
                  {w.wave}, {clock(w.releaseMinute)}
                </strong>
                : {plural(w.orders, "order")}, {plural(w.lines, "line")}
                {w.orders > 0 && <span className="tl-request-meta">{segmentCounts(w.bySegment)}</span>}
              </li>
            ))}
          </ul>
          <Text block size={200}>
            {result.carriedOver.orders === 0 ? "Every order leaves today." : `${plural(result.carriedOver.orders, "order")} (${plural(result.carriedOver.lines, "line")}) miss every cut-off and wait for the next day.`}
          </Text>
        </>
      )}
    </section>
  );
}

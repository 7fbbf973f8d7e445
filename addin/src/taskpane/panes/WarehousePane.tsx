import { Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { AgingReport, PushPullReport, SlottingResult, SlowMoverReport } from "../../../../shared/src/api";
import type { ServiceClient } from "../../api/serviceClient";
import type { TableData, Workbook } from "../../workbook/workbook";
import { TextField, checkNumberField, checkedValue, problemOf } from "../ui/fields";
import { goToActions } from "../ui/goToActions";
import { OperationStatus, useOperation } from "../ui/useOperation";
import { SharedCapacitySection } from "./warehouse/SharedCapacitySection";
import { SlottingZones } from "./warehouse/SlottingZones";
import { AgingList, PushPullList, SlowMoverList } from "./warehouse/StockRiskLists";
import { agingTableData, pushPullTableData, slottingTableData, slottingZonesTableData, slowMoverTableData, SLOTTING_TABLE, SLOTTING_ZONES_TABLE } from "./warehouse/warehouseSheets";
import { checkZones } from "./warehouse/zoneChecks";
import { WaveReleaseSection } from "./warehouse/WaveReleaseSection";
import { DEFAULT_ZONES, ZonesEditor, type ZoneDraft } from "./warehouse/ZonesEditor";

/** Most products a risk list fetches to write to a sheet (the route's page limit). */
const SHEET_ROWS = 5000;

/**
 * Warehouse and stock by segment: slot the stored products into the zones
 * the planner lays out here (pick frequency from the order history), share
 * a capacity between segments, release a day's orders into waves, then
 * aging actions, slow-mover reorder points and push or pull per product
 * from the stored stock and demand; each can be written to a sheet.
 */
export function WarehousePane({ workbook, client }: { workbook: Workbook; client: ServiceClient | undefined }) {
  const [zones, setZones] = useState<ZoneDraft[]>(DEFAULT_ZONES);
  const [weeks, setWeeks] = useState("13");
  const [months, setMonths] = useState("12");
  const [dormantWeeks, setDormantWeeks] = useState("26");
  const [slotting, setSlotting] = useState<SlottingResult | undefined>();
  const [aging, setAging] = useState<AgingReport | undefined>();
  const [slowMovers, setSlowMovers] = useState<SlowMoverReport | undefined>();
  const [pushPull, setPushPull] = useState<PushPullReport | undefined>();
  const operation = useOperation();

  if (!client) {
    return (
      <section aria-labelledby="warehouse-heading" className="tl-pane">
        <h2 id="warehouse-heading">Warehouse &amp; stock</h2>
        <Text block>Sign in under Settings: slotting and stock risk run on the service over the stored data.</Text>
      </section>
    );
  }

  const zoneCheck = checkZones(zones);
  const weeksCheck = checkNumberField(weeks, "Weeks of orders", { min: 1, max: 520, integer: true });
  const monthsCheck = checkNumberField(months, "Excess above (months of supply)", { min: 0.1 });
  const dormantCheck = checkNumberField(dormantWeeks, "Dormant after (weeks without orders)", { min: 1, max: 520, integer: true });

  const writeTables = async (tables: TableData[], title: string) => {
    for (const table of tables) await workbook.writeTable(table);
    return {
      intent: "success" as const,
      title,
      text: tables.map((t) => `${t.rows.length} rows on ${t.name}`).join("; ") + ".",
      actions: goToActions(
        workbook,
        tables.map((t) => [t.name, t.name.replace(/^Tierline/, "")] as [string, string]),
        operation.post,
      ),
    };
  };

  const plan = () =>
    operation.run("Planning slotting", async () => {
      const result = await client.call("planSlotting", { body: { zones: zoneCheck.zones, weeks: checkedValue(weeksCheck) } });
      setSlotting(result);
      return writeTables([slottingZonesTableData(result), slottingTableData(result)], "Slotting planned");
    });

  const findAging = (toSheet: boolean) =>
    operation.run("Finding aging stock", async () => {
      const report = await client.call("readAgingActions", { query: { monthsOfSupply: checkedValue(monthsCheck), noDemandWeeks: checkedValue(dormantCheck), limit: SHEET_ROWS } });
      setAging(report);
      if (toSheet) return writeTables([agingTableData(report)], "Aging actions written");
    });

  const findSlowMovers = () =>
    operation.run("Setting slow-mover reorder points", async () => {
      const report = await client.call("readSlowMoverReorderPoints", { query: { limit: SHEET_ROWS } });
      setSlowMovers(report);
      if (report.items.length) return writeTables([slowMoverTableData(report)], "Slow-mover reorder points written");
    });

  const decidePushPull = () =>
    operation.run("Deciding push or pull", async () => {
      const report = await client.call("readPushPull", { query: { limit: SHEET_ROWS } });
      setPushPull(report);
      if (report.items.length) return writeTables([pushPullTableData(report)], "Push or pull written");
    });

  return (
    <section aria-labelledby="warehouse-heading" className="tl-pane">
      <h2 id="warehouse-heading">Warehouse &amp; stock</h2>
      <h3>Slotting by segment</h3>
      <Text block size={200}>
        Each product goes to a zone so that the most-picked products per slot sit where a pick costs least. Picks are order lines a week; a product&apos;s slots and chilled flag come from the products import (slot_space,
        refrigerated), today&apos;s zone from storage_zone.
      </Text>
      <ZonesEditor zones={zones} onChange={setZones} problems={zoneCheck.problems} />
      <TextField label="Weeks of orders" value={weeks} onChange={setWeeks} hint="The latest weeks of the history" validation={problemOf(weeksCheck)} />
      <div className="tl-actions">
        <Button appearance="primary" onClick={() => void plan()} disabled={operation.busy || !zoneCheck.ok || !weeksCheck.ok}>
          Plan slotting
        </Button>
      </div>
      <OperationStatus operation={operation} />
      {slotting && <SlottingZones result={slotting} />}
      {slotting && (
        <Text block size={200}>
          Every product with its zone and reason is on the sheet {SLOTTING_TABLE}; the zones on {SLOTTING_ZONES_TABLE}.
        </Text>
      )}

      <SharedCapacitySection workbook={workbook} client={client} />
      <WaveReleaseSection workbook={workbook} client={client} />

      <h3>Aging and obsolescence</h3>
      <div className="tl-row">
        <TextField label="Excess above (months of supply)" value={months} onChange={setMonths} validation={problemOf(monthsCheck)} />
        <TextField label="Dormant after (weeks without orders)" value={dormantWeeks} onChange={setDormantWeeks} validation={problemOf(dormantCheck)} />
      </div>
      <div className="tl-actions">
        <Button appearance="primary" onClick={() => void findAging(false)} disabled={operation.busy || !monthsCheck.ok || !dormantCheck.ok}>
          Find aging stock
        </Button>
        <Button onClick={() => void findAging(true)} disabled={operation.busy || !aging?.items.length}>
          Write aging to sheet
        </Button>
      </div>
      {aging && <AgingList report={aging} />}

      <h3>Slow movers</h3>
      <Text block size={200}>
        Reorder points for products ordered in fewer than three weeks of four, from a Poisson or negative binomial: the normal misjudges a handful of units.
      </Text>
      <div className="tl-actions">
        <Button appearance="primary" onClick={() => void findSlowMovers()} disabled={operation.busy}>
          Slow-mover reorder points
        </Button>
      </div>
      {slowMovers && <SlowMoverList report={slowMovers} />}

      <h3>Push or pull</h3>
      <Text block size={200}>
        Per product: the policy&apos;s supply mode, or where it says derive, the rule — supplier lead time against the promised lead time, then how steady demand is.
      </Text>
      <div className="tl-actions">
        <Button appearance="primary" onClick={() => void decidePushPull()} disabled={operation.busy}>
          Decide push or pull
        </Button>
      </div>
      {pushPull && <PushPullList report={pushPull} />}
    </section>
  );
}

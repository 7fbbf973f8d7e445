import { Button, Checkbox, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { SharedCapacityResult } from "../../../../../shared/src/api";
import type { ServiceClient } from "../../../api/serviceClient";
import type { TableData, Workbook } from "../../../workbook/workbook";
import { TextField, checkNumberField, checkShareField, checkedValue, problemOf } from "../../ui/fields";
import { goToActions } from "../../ui/goToActions";
import { OperationStatus, useOperation } from "../../ui/useOperation";
import { amount, count, pct } from "./warehouseWords";

export const SHARED_CAPACITY_TABLE = "TierlineSharedCapacity";

export function sharedCapacityTableData(result: SharedCapacityResult): TableData {
  return {
    name: SHARED_CAPACITY_TABLE,
    headers: ["Segment", "UnitsPerWeek", "UnitsAllocated", "ServiceShare", "ServiceFloor", "CapacityPerUnit", "CapacityUsed", "MarginPerUnit", "MarginPerWeek", "Reason"],
    rows: result.segments.map((s) => [s.segment, s.unitsPerWeek, s.units, s.serviceShare, s.serviceFloor, s.capacityPerUnit, s.capacityUsed, s.marginPerUnit, s.margin, s.reason]),
  };
}

/** The whole split in a sentence, ending with what one more unit of capacity is worth (the LP's shadow price). */
function summary(r: SharedCapacityResult): string {
  const used = `Weeks ${r.window.fromWeek}–${r.window.toWeek}: the segments use ${count(r.capacityUsed, 1)} of ${count(r.capacity, 1)} (${pct(r.capacity > 0 ? r.capacityUsed / r.capacity : null)}) and earn ${amount(r.margin)} margin a week.`;
  const more = r.capacityShadowPrice > 1e-9 ? ` One more unit of capacity would earn ${amount(r.capacityShadowPrice)} a week.` : " Capacity is not what limits them: one more unit would earn nothing.";
  return used + more;
}

/** Highest margin per unit of capacity first: the order the capacity is handed out in above the floors. */
const ranked = (r: SharedCapacityResult) => [...r.segments].sort((a, b) => b.marginPerUnit / b.capacityPerUnit - a.marginPerUnit / a.capacityPerUnit);

/**
 * A capacity several product segments compete for (the chilled store, the
 * fast-pick face) shared by margin per unit of capacity above each
 * segment's service floor; demand and margin from the stored orders.
 */
export function SharedCapacitySection({ workbook, client }: { workbook: Workbook; client: ServiceClient }) {
  const [capacity, setCapacity] = useState("100");
  const [floor, setFloor] = useState("0%");
  const [chilledOnly, setChilledOnly] = useState(false);
  const [result, setResult] = useState<SharedCapacityResult | undefined>();
  const operation = useOperation();

  const capacityCheck = checkNumberField(capacity, "Capacity a week", { min: 0 });
  const floorCheck = checkShareField(floor, "Service floor");

  const allocate = () =>
    operation.run("Sharing the capacity", async () => {
      const body = { capacity: checkedValue(capacityCheck), defaultServiceFloor: checkedValue(floorCheck), refrigeratedOnly: chilledOnly };
      const plan = await client.call("allocateSharedCapacity", { body });
      setResult(plan);
      await workbook.writeTable(sharedCapacityTableData(plan));
      return {
        intent: "success",
        title: "Capacity shared",
        text: `${count(plan.segments.length)} segments on ${SHARED_CAPACITY_TABLE}.`,
        actions: goToActions(workbook, [[SHARED_CAPACITY_TABLE, "capacity"]], operation.post),
      };
    });

  return (
    <section aria-labelledby="shared-capacity-heading">
      <h3 id="shared-capacity-heading">Shared capacity between segments</h3>
      <Text block size={200}>
        Each segment first gets its service floor, then the capacity goes to the segments earning the most margin per unit of capacity. A unit of demand takes one unit of capacity.
      </Text>
      <div className="tl-row">
        <TextField label="Capacity a week" value={capacity} onChange={setCapacity} hint="e.g. chilled pallet places" validation={problemOf(capacityCheck)} />
        <TextField label="Service floor" value={floor} onChange={setFloor} hint="share of each segment's demand" validation={problemOf(floorCheck)} />
      </div>
      <Checkbox label="Only chilled products compete" checked={chilledOnly} onChange={(_, d) => setChilledOnly(d.checked === true)} />
      <div className="tl-actions">
        <Button appearance="primary" onClick={() => void allocate()} disabled={operation.busy || !capacityCheck.ok || !floorCheck.ok}>
          Share the capacity
        </Button>
      </div>
      <OperationStatus operation={operation} />
      {result && (
        <>
          <Text block size={200}>
            {summary(result)}
          </Text>
          <Table size="extra-small" aria-label="Capacity per segment">
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: "21%" }}>Segment</TableHeaderCell>
                <TableHeaderCell style={{ width: "32%" }}>Units a week</TableHeaderCell>
                <TableHeaderCell style={{ width: "16%" }}>Served</TableHeaderCell>
                <TableHeaderCell style={{ width: "31%" }}>Margin a week</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {ranked(result).map((s) => (
                <TableRow key={s.segment}>
                  <TableCell>{s.segment}</TableCell>
                  <TableCell>
                    {count(s.units, 1)} of {count(s.unitsPerWeek, 1)}
                  </TableCell>
                  <TableCell>{pct(s.serviceShare)}</TableCell>
                  <TableCell>{amount(s.margin)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Text block size={200} className="tl-request-meta">
            Listed by margin per unit of capacity, highest first; each segment&apos;s reason is on {SHARED_CAPACITY_TABLE}.
          </Text>
        </>
      )}
    </section>
  );
}

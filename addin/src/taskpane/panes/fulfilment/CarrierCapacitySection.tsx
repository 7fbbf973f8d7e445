import { Button, Checkbox, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { ShipmentPlan } from "../../../../../shared/src/api";
import type { ServiceClient } from "../../../api/serviceClient";
import type { Workbook } from "../../../workbook/workbook";
import { Choice } from "../../ui/fields";
import { goToActions } from "../../ui/goToActions";
import { OperationStatus, useOperation } from "../../ui/useOperation";
import { DeparturesEditor } from "./DeparturesEditor";
import { SHIPMENT_MISSES_TABLE, SHIPMENT_SEGMENTS_TABLE, checkDepartures, defaultDepartures, shipmentTablesData, type DepartureDraft } from "./departures";
import { count, shortDate } from "./fulfilmentWords";

/** Lines that miss, listed in the pane: the worst few; the sheet has them all. */
const MISSES_SHOWN = 5;

type Size = "weightKg" | "units";
const UNIT: Record<Size, string> = { weightKg: "kg", units: "units" };
const lines = (n: number) => `${count(n)} line${n === 1 ? "" : "s"}`;

function segmentWords(s: ShipmentPlan["segments"][number]): string {
  if (s.onTime === s.shipments) return `all ${lines(s.shipments)} leave on time`;
  const misses = [s.late > 0 ? `${count(s.late)} late` : "", s.notShipped > 0 ? `${count(s.notShipped)} not at all` : ""].filter(Boolean).join(", ");
  return `${count(s.onTime)} of ${lines(s.shipments)} on time; ${misses}`;
}

function missWords(e: ShipmentPlan["exceptions"][number], unit: string): string {
  const when = e.departure === null ? "no room on any departure" : `leaves ${shortDate(e.departure)}, ${e.daysLate === 1 ? "a day" : `${count(e.daysLate ?? 0)} days`} late`;
  return `${e.orderId} line ${e.line} (${e.segment}, ${count(e.size)} ${unit}): due out ${shortDate(e.shipBy)}; ${when}`;
}

/**
 * The lines that miss: those due out after the last departure in a
 * sentence (no departure typed could take them), then the worst few of
 * those that found no room or left late.
 */
function Misses({ plan, unit }: { plan: ShipmentPlan; unit: string }) {
  const last = plan.departures.reduce((m, d) => (d.date > m ? d.date : m), "");
  const isBeyond = (e: ShipmentPlan["exceptions"][number]) => e.departure === null && e.shipBy > last;
  const beyond = plan.exceptions.filter(isBeyond);
  const short = plan.exceptions.filter((e) => !isBeyond(e));
  return (
    <>
      {beyond.length > 0 && (
        <Text block size={200}>
          {lines(beyond.length)} {beyond.length === 1 ? "is" : "are"} due out after the last departure ({shortDate(last)}): add departures to load {beyond.length === 1 ? "it" : "them"}.
        </Text>
      )}
      {short.length > 0 && (
        <>
          <Text block size={200}>
            {short.length > MISSES_SHOWN ? `The latest ${MISSES_SHOWN} of ${lines(short.length)} that miss for lack of room:` : "Lines that miss for lack of room:"}
          </Text>
          <ul className="tl-rec-list" aria-label="Lines that miss">
            {short.slice(0, MISSES_SHOWN).map((e) => (
              <li key={`${e.orderId} ${e.line}`}>{missWords(e, unit)}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/**
 * Shipment priority under carrier capacity: the promised open lines queue
 * by their segment's allocation priority, then by the day each must leave,
 * onto the departures typed here; per segment how many leave on time, late
 * or not at all, and the lines that miss, on two sheets.
 */
export function CarrierCapacitySection({ workbook, client }: { workbook: Workbook; client: ServiceClient }) {
  const [departures, setDepartures] = useState<DepartureDraft[]>(() => defaultDepartures(new Date()));
  const [size, setSize] = useState<Size>("weightKg");
  const [backfill, setBackfill] = useState(true);
  const [plan, setPlan] = useState<ShipmentPlan | undefined>();
  const operation = useOperation();
  const check = checkDepartures(departures);

  const load = () =>
    operation.run("Loading the departures", async () => {
      const result = await client.call("planShipments", { body: { departures: check.departures, size, backfill } });
      setPlan(result);
      for (const table of shipmentTablesData(result, size)) await workbook.writeTable(table);
      return {
        intent: "success",
        title: "Shipments planned",
        text: `Each segment on ${SHIPMENT_SEGMENTS_TABLE}; ${lines(result.exceptions.length)} that miss on ${SHIPMENT_MISSES_TABLE}.`,
        actions: goToActions(
          workbook,
          [
            [SHIPMENT_SEGMENTS_TABLE, "segments"],
            [SHIPMENT_MISSES_TABLE, "misses"],
          ],
          operation.post,
        ),
      };
    });

  const unit = UNIT[size];
  return (
    <section aria-labelledby="carrier-heading">
      <h3 id="carrier-heading">Carrier capacity</h3>
      <Text block size={200}>
        The promised lines load onto these departures by segment priority, then by the day each must leave to keep its promised date. A line is ready on that day, not before.
      </Text>
      <Choice
        label="A line takes"
        value={size}
        options={[
          { value: "weightKg", text: "its weight (kg)" },
          { value: "units", text: "its promised units" },
        ]}
        onChange={(v) => setSize(v as Size)}
      />
      <DeparturesEditor departures={departures} onChange={setDepartures} problems={check.problems} unit={unit} />
      <Checkbox label="A smaller, later line may take room a larger one does not fit in" checked={backfill} onChange={(_, d) => setBackfill(d.checked === true)} />
      <div className="tl-actions">
        <Button appearance="primary" onClick={() => void load()} disabled={operation.busy || !check.ok}>
          Plan shipments
        </Button>
      </div>
      <OperationStatus operation={operation} />
      {plan && (
        <div role="group" aria-label="Shipments by segment">
          <ul className="tl-rec-list" aria-label="Departures used">
            {plan.departures.map((d, i) => (
              <li key={i}>
                <strong>{shortDate(d.date)}</strong>: {count(d.used)} of {count(d.capacity)} {unit}, {lines(d.shipments)}
              </li>
            ))}
          </ul>
          <ul className="tl-rec-list" aria-label="Segments on time">
            {plan.segments.map((s) => (
              <li key={s.segment}>
                <strong>
                  {s.segment} (priority {s.priority})
                </strong>
                : {segmentWords(s)}
              </li>
            ))}
          </ul>
          <Misses plan={plan} unit={unit} />
        </div>
      )}
    </section>
  );
}

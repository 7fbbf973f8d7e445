import { Button, Checkbox, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { NetworkDesignResult } from "../../../../shared/src/api";
import type { ServiceClient } from "../../api/serviceClient";
import type { Workbook } from "../../workbook/workbook";
import { TextField, checkNumberField, checkedValue, problemOf } from "../ui/fields";
import { goToActions } from "../ui/goToActions";
import { OperationStatus, useOperation } from "../ui/useOperation";
import { NETWORK_ASSIGNMENTS_TABLE, NETWORK_MAP_TABLE, NETWORK_SEGMENTS_TABLE, designNetworkJob, writeNetworkResult } from "./network/networkRun";

const money = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 0 });
/** HiGHS stops at its gap tolerance: below 0.05 % the design is the optimum in any figure a planner reads. */
const provenWords = (gap: number) => (gap < 5e-4 ? "Proven optimal." : `Proven within ${(gap * 100).toFixed(2)} % of the optimum.`);
const pct = (x: number | null) => (x === null || !Number.isFinite(x) ? "—" : `${(x * 100).toFixed(1)} %`);

/** Network design on the service as a job: which DCs to open, cost and service per segment against today's network, written with a map. */
export function NetworkPane({ workbook, client }: { workbook: Workbook; client: ServiceClient | undefined }) {
  const [rate, setRate] = useState("0.05");
  const [maxKm, setMaxKm] = useState("");
  const [maxDcs, setMaxDcs] = useState("");
  const [capacitated, setCapacitated] = useState(false);
  const [singleSourcing, setSingleSourcing] = useState(false);
  const [result, setResult] = useState<NetworkDesignResult | undefined>();
  const operation = useOperation();

  const rateCheck = checkNumberField(rate, "Transport cost per unit-km", { min: 0 });
  const kmCheck = maxKm.trim() === "" ? undefined : checkNumberField(maxKm, "Longest delivery (km)", { min: 1 });
  const dcsCheck = maxDcs.trim() === "" ? undefined : checkNumberField(maxDcs, "At most this many DCs", { min: 1, integer: true });
  const invalid = !rateCheck.ok || (kmCheck !== undefined && !kmCheck.ok) || (dcsCheck !== undefined && !dcsCheck.ok);

  const run = () =>
    operation.run("Designing the network", async (step) => {
      if (!client) throw new Error("Sign in to a Tierline service first (Settings): the design runs there.");
      const design = await designNetworkJob(
        client,
        {
          costPerUnitKm: checkedValue(rateCheck),
          ...(kmCheck ? { defaultMaxKm: checkedValue(kmCheck) } : {}),
          ...(dcsCheck ? { maxDcs: checkedValue(dcsCheck) } : {}),
          capacitated,
          singleSourcing: capacitated && singleSourcing,
          mipRelGap: 0.005,
        },
        step,
      );
      setResult(design);
      step.progress(4, 4, "writing the result to the workbook");
      await writeNetworkResult(workbook, design);
      const saving =
        design.saving === null ? "no DC is flagged current, so there is no saving to show" : `saving ${money(design.saving)} a year (${pct(design.savingShare)}) against today's ${design.current!.open.length} DCs`;
      return {
        intent: "success",
        title: `Open ${design.chosen.open.length} of ${design.candidates} DCs`,
        text: `${design.chosen.open.join(", ")}: ${money(design.chosen.totalCost)} a year, ${saving}. ${provenWords(design.solver.gap)}`,
        actions: goToActions(
          workbook,
          [
            [NETWORK_SEGMENTS_TABLE, "cost and service"],
            [NETWORK_MAP_TABLE, "map"],
            [NETWORK_ASSIGNMENTS_TABLE, "assignments"],
          ],
          operation.post,
        ),
      };
    });

  return (
    <section aria-labelledby="network-heading" className="tl-pane">
      <h2 id="network-heading">Network design</h2>
      <Text size={200}>Which candidate DCs to open and which customers each serves, over the stored customers, order history and candidate DCs (import dc_candidates).</Text>
      <div className="tl-row">
        <TextField label="Transport cost per unit-km" value={rate} onChange={setRate} validation={problemOf(rateCheck)} />
        <TextField label="Longest delivery (km)" value={maxKm} onChange={setMaxKm} hint="Blank: no limit" validation={problemOf(kmCheck)} />
        <TextField label="At most this many DCs" value={maxDcs} onChange={setMaxDcs} hint="Blank: any number" validation={problemOf(dcsCheck)} />
      </div>
      <Checkbox label="Respect DC capacities" checked={capacitated} onChange={(_, d) => setCapacitated(d.checked === true)} />
      {capacitated && <Checkbox label="Serve each customer from one DC" checked={singleSourcing} onChange={(_, d) => setSingleSourcing(d.checked === true)} />}
      <div className="tl-actions">
        <Button appearance="primary" onClick={() => void (invalid ? undefined : run())} disabled={operation.busy || invalid || !client}>
          Design network
        </Button>
      </div>
      {!client && <Text size={200}>Sign in (Settings) to design: the design runs on the service.</Text>}
      <OperationStatus operation={operation} />
      {result && <NetworkSummary result={result} />}
    </section>
  );
}

/** Chosen against today's network per segment: cost a year and the share of demand delivered within the limit. */
function NetworkSummary({ result }: { result: NetworkDesignResult }) {
  const { chosen, current } = result;
  return (
    <>
      <Text weight="semibold">
        {result.saving === null ? `Cost ${money(chosen.totalCost)} a year` : `Saving ${money(result.saving)} a year (${pct(result.savingShare)}): ${money(current!.totalCost)} → ${money(chosen.totalCost)}`}
      </Text>
      <Text size={200}>
        Open: {chosen.open.join(", ")}
        {current ? `; today: ${current.open.join(", ")}` : ""}. {provenWords(result.solver.gap)} ({result.solver.seconds.toFixed(1)} s)
      </Text>
      <Table size="extra-small" aria-label="Cost and service per segment">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Segment</TableHeaderCell>
            <TableHeaderCell>Cost chosen</TableHeaderCell>
            <TableHeaderCell>Cost today</TableHeaderCell>
            <TableHeaderCell>Demand within limit, chosen / today</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {chosen.segments.map((s, k) => (
            <TableRow key={s.segment}>
              <TableCell>{s.segment}</TableCell>
              <TableCell>{money(s.totalCost)}</TableCell>
              <TableCell>{current ? money(current.segments[k].totalCost) : "—"}</TableCell>
              <TableCell>
                {pct(s.demandWithinLimit)} / {current ? pct(current.segments[k].demandWithinLimit) : "—"}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {current && current.overCapacity.length > 0 && <Text size={200}>Over capacity today: {current.overCapacity.join(", ")}</Text>}
    </>
  );
}

import { Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { AtpLine, AtpReport, FulfilmentPathLine, FulfilmentPathReport } from "../../../../shared/src/api";
import type { ServiceClient } from "../../api/serviceClient";
import type { Workbook } from "../../workbook/workbook";
import { goToActions } from "../ui/goToActions";
import type { Can } from "../ui/permissions";
import { OperationStatus, useOperation, type Step } from "../ui/useOperation";
import { CarrierCapacitySection } from "./fulfilment/CarrierCapacitySection";
import { count, units } from "./fulfilment/fulfilmentWords";
import { PromiseSummary } from "./fulfilment/PromiseSummary";
import { ATP_TABLE, PATHS_TABLE, pathTableData, promiseTableData } from "./fulfilment/promiseSheets";
import { RuleTablesSection } from "./fulfilment/RuleTablesSection";

/** Lines per request when writing every line to a sheet: the route's largest page. */
const PAGE = 10_000;

/** Every page of a paged route, with progress. */
async function allPages<T>(step: Step, label: string, read: (offset: number) => Promise<{ lines: T[]; total: number }>): Promise<T[]> {
  const out: T[] = [];
  let total = Infinity;
  while (out.length < total) {
    step.progress(out.length, Number.isFinite(total) ? total : 1, label);
    const page = await read(out.length);
    total = page.total;
    out.push(...page.lines);
    if (page.lines.length === 0 || step.signal.aborted) break;
  }
  return out;
}

/**
 * Order promising and fulfilment for planners: promise the open orders from
 * the stored supply by customer-segment priority, read the shortage per
 * segment in words, write every line's promise and fulfilment path to a
 * sheet; load the promised lines onto the carrier's departures; the
 * allocation and path rules round-trip through sheets.
 */
export function FulfilmentPane({ workbook, client, can }: { workbook: Workbook; client: ServiceClient | undefined; can: Can }) {
  const [report, setReport] = useState<AtpReport | undefined>();
  const [paths, setPaths] = useState<FulfilmentPathReport | undefined>();
  const operation = useOperation();

  if (!client) {
    return (
      <section aria-labelledby="fulfilment-heading" className="tl-pane">
        <h2 id="fulfilment-heading">Fulfilment</h2>
        <Text block>Sign in under Settings to promise open orders.</Text>
      </section>
    );
  }

  const promise = () =>
    operation.run("Promising the open orders", async () => {
      // The summary covers every line; the lines themselves go to the sheet.
      setReport(await client.call("readAtp", { query: { limit: 1 } }));
    });

  const writePromises = () =>
    operation.run("Writing the promises", async (step) => {
      const lines = await allPages<AtpLine>(step, "Reading the promised lines", async (offset) => client.call("readAtp", { query: { limit: PAGE, offset } }));
      step.progress(1, 1, "Writing to the sheet");
      await workbook.writeTable(promiseTableData(lines));
      return { intent: "success", title: "Promises written", text: `${count(lines.length)} lines are on the sheet ${ATP_TABLE}.`, actions: goToActions(workbook, [[ATP_TABLE, "promises"]], operation.post) };
    });

  const choosePaths = () =>
    operation.run("Choosing fulfilment paths", async () => {
      setPaths(await client.call("readFulfilmentPaths", { query: { limit: 1 } }));
    });

  const writePaths = () =>
    operation.run("Writing the paths", async (step) => {
      const lines = await allPages<FulfilmentPathLine>(step, "Reading the paths", async (offset) => client.call("readFulfilmentPaths", { query: { limit: PAGE, offset } }));
      step.progress(1, 1, "Writing to the sheet");
      await workbook.writeTable(pathTableData(lines));
      return { intent: "success", title: "Paths written", text: `${count(lines.length)} lines are on the sheet ${PATHS_TABLE}.`, actions: goToActions(workbook, [[PATHS_TABLE, "paths"]], operation.post) };
    });

  return (
    <section aria-labelledby="fulfilment-heading" className="tl-pane">
      <h2 id="fulfilment-heading">Fulfilment</h2>
      <h3>Promise open orders</h3>
      <Text block size={200}>
        Each product&apos;s stock and receipts go to its open orders by customer segment: reserves first, then priority 1, 2, …; a priority that runs short shares in proportion to what its lines ask. Dates add the
        segment policy&apos;s promised lead time.
      </Text>
      <div className="tl-actions">
        <Button appearance="primary" onClick={() => void promise()} disabled={operation.busy}>
          Promise the open orders
        </Button>
        <Button onClick={() => void writePromises()} disabled={!report || operation.busy}>
          Write promises to sheet
        </Button>
      </div>
      <OperationStatus operation={operation} />
      {report && <PromiseSummary report={report} />}
      <h3>Fulfilment paths</h3>
      <div className="tl-actions">
        <Button onClick={() => void choosePaths()} disabled={operation.busy}>
          Choose paths
        </Button>
        <Button onClick={() => void writePaths()} disabled={!paths || operation.busy}>
          Write paths to sheet
        </Button>
      </div>
      {paths && (
        <ul className="tl-rec-list" aria-label="Lines by path">
          {paths.byPath.map((p) => (
            <li key={`${p.path} ${p.mode}`}>
              <strong>
                {p.path}, {p.mode}
              </strong>
              : {count(p.lines)} line{p.lines === 1 ? "" : "s"}, {units(p.units)}
            </li>
          ))}
        </ul>
      )}
      <CarrierCapacitySection workbook={workbook} client={client} />
      <RuleTablesSection workbook={workbook} client={client} can={can} />
    </section>
  );
}

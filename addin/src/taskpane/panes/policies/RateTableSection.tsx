import { Button, MessageBar, MessageBarBody, MessageBarTitle, Text } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { rolesWith, type ActivityRateInput, type ChangeRequestSummary, type RateTable } from "../../../../../shared/src/api";
import type { ServiceClient } from "../../../api/serviceClient";
import type { Workbook } from "../../../workbook/workbook";
import { TextField } from "../../ui/fields";
import { goToActions } from "../../ui/goToActions";
import type { Can } from "../../ui/permissions";
import { OperationStatus, useOperation } from "../../ui/useOperation";
import { dayWords, diffRates, isEmptyRateDiff, RATE_TABLE, rateTableData, rateWords, ratesFromTable, rowState, type RateDiff } from "./rateSheet";

const STATE_WORDS = { "in force": "in force today", "from later": "not yet in force", superseded: "superseded by a later row" } as const;

/** Where the version in use came from, in words: an approved request or an import file. */
function provenance(table: RateTable): string {
  if (table.version === 0) return "No rate table is stored: cost-to-serve prices activities at stated example rates and the KPI report says so.";
  const when = table.createdAt ? ` on ${dayWords(table.createdAt.slice(0, 10))}` : "";
  const how = table.changeRequestId ? `approved by ${table.createdBy}${when} (“${table.note}”)` : `${table.note ?? "imported"} by ${table.createdBy}${when}`;
  return `Rate table version ${table.version}, ${how}. Cost-to-serve prices each activity at its row in force today.`;
}

function RateDiffView({ diff }: { diff: RateDiff }) {
  return (
    <div aria-label="What the rate proposal changes" role="group">
      <ul className="tl-rec-list">
        {diff.changed.map((c) => (
          <li key={`${c.activity}|${c.validFrom}`}>
            <strong>{c.activity}</strong> from {dayWords(c.validFrom)}: {c.from} → <strong>{c.to}</strong>
          </li>
        ))}
        {diff.added.map((r) => (
          <li key={`+${r.activity}|${r.validFrom}`}>
            New: <strong>{r.activity}</strong> {rateWords(r)} from {dayWords(r.validFrom)}
          </li>
        ))}
        {diff.removed.map((r) => (
          <li key={`-${r.activity}|${r.validFrom}`}>
            Removed: <strong>{r.activity}</strong> {rateWords(r)} from {dayWords(r.validFrom)}
          </li>
        ))}
      </ul>
      <Text size={200} block className="tl-rec-note">
        {diff.unchanged.toLocaleString("en-US")} rate{diff.unchanged === 1 ? "" : "s"} unchanged.
      </Text>
    </div>
  );
}

/**
 * The activity-rate table cost-to-serve prices with: the rows in force read
 * in words, the table written to a sheet for editing, and the edited sheet
 * proposed as a change request that another user approves; the approval
 * stores it as the next rate version.
 */
export function RateTableSection({ workbook, client, can }: { workbook: Workbook; client: ServiceClient; can: Can }) {
  const [table, setTable] = useState<RateTable | undefined>();
  const [pending, setPending] = useState<ChangeRequestSummary[]>([]);
  const [proposal, setProposal] = useState<{ rows: ActivityRateInput[]; diff: RateDiff } | undefined>();
  const [justification, setJustification] = useState("");
  const operation = useOperation();
  const { run: runOperation } = operation;

  const load = useCallback(
    (service: ServiceClient) =>
      runOperation("Reading the rate table", async () => {
        const [rates, requests] = await Promise.all([service.call("readActivityRates", {}), service.call("listChangeRequests", { query: { dimension: "rates", status: "pending" } })]);
        setTable(rates);
        setPending(requests.changeRequests);
      }),
    [runOperation],
  );

  useEffect(() => {
    void load(client);
  }, [client, load]);

  const writeToSheet = () =>
    operation.run("Writing the rate table", async () => {
      if (!table) return;
      await workbook.writeTable(rateTableData(table.rows));
      return {
        intent: "success",
        title: "Rate table written",
        text: `${table.rows.length} rates of version ${table.version} are on the sheet ${RATE_TABLE}. Change a rate, or add a row with a later ValidFrom to change it from that day, then press "Check the rates sheet".`,
        actions: goToActions(workbook, [[RATE_TABLE, "rate table"]], operation.post),
      };
    });

  const checkSheet = () =>
    operation.run("Checking the rates sheet", async () => {
      setProposal(undefined);
      const tables = await workbook.listTables();
      if (!tables.some((t) => t.name === RATE_TABLE)) return { intent: "warning", title: "No rates sheet yet", text: `Press "Write rates to sheet" first: the proposal is read from the table ${RATE_TABLE}.` };
      const reading = ratesFromTable(await workbook.readTable(RATE_TABLE));
      if (!reading.ok) return { intent: "error", title: "The rates sheet has problems", text: reading.problems.join("\n") };
      const diff = diffRates(table?.rows ?? [], reading.rows);
      if (isEmptyRateDiff(diff)) return { intent: "info", title: "Nothing to propose", text: `The sheet matches version ${table?.version ?? 0} of the rate table.` };
      setProposal({ rows: reading.rows, diff });
      return { intent: "info", title: "Ready to propose", text: "Check the rate changes below, say why, and propose them for approval." };
    });

  const propose = () =>
    operation.run("Proposing the rate change", async () => {
      if (!proposal) return;
      const request = await client.call("proposeActivityRates", { body: { rows: proposal.rows, justification: justification.trim() } });
      setProposal(undefined);
      setJustification("");
      await load(client);
      return {
        intent: "success",
        title: "Rate change proposed",
        text: `Request ${request.id.slice(0, 8)} waits for another user's approval (${rolesWith("decide").join(", ")} decide in the Recommendations pane). Cost-to-serve keeps version ${request.baseVersion} until then.`,
      };
    });

  const justificationProblem = justification && justification.trim().length < 3 ? "at least 3 characters" : undefined;

  return (
    <div role="group" aria-labelledby="rates-heading">
      <h3 id="rates-heading">Activity rates</h3>
      {table && <Text block>{provenance(table)}</Text>}
      {pending.map((r) => (
        <MessageBar key={r.id} intent="info" layout="multiline" className="tl-message">
          <MessageBarBody>
            <MessageBarTitle>A rate change waits for approval</MessageBarTitle>
            {r.createdBy} proposed {r.size.toLocaleString("en-US")} rates on {dayWords(r.createdAt.slice(0, 10))}: “{r.justification}”.
          </MessageBarBody>
        </MessageBar>
      ))}
      {table && table.rows.length > 0 && (
        <ul className="tl-rec-list" aria-label="Activity rates">
          {table.rows.map((r) => (
            <li key={`${r.activity}|${r.validFrom}`}>
              <strong>{r.activity}</strong>: {rateWords(r)} from {dayWords(r.validFrom)} — {STATE_WORDS[rowState(r, table.asOf)]}
            </li>
          ))}
        </ul>
      )}
      <div className="tl-actions">
        <Button onClick={() => void writeToSheet()} disabled={!table || operation.busy}>
          Write rates to sheet
        </Button>
        {can("edit-policies") && (
          <Button onClick={() => void checkSheet()} disabled={!table || operation.busy}>
            Check the rates sheet
          </Button>
        )}
      </div>
      <OperationStatus operation={operation} />
      {proposal && (
        <div className="tl-detail" role="group" aria-label="Rate proposal">
          <h4>What the rate proposal changes</h4>
          <RateDiffView diff={proposal.diff} />
          <TextField label="Why the rates change" value={justification} onChange={setJustification} hint="The approver reads this first." validation={justificationProblem} />
          <div className="tl-actions">
            <Button appearance="primary" onClick={() => void propose()} disabled={operation.busy || justification.trim().length < 3}>
              Propose rates for approval
            </Button>
            <Button onClick={() => setProposal(undefined)}>Discard</Button>
          </div>
        </div>
      )}
    </div>
  );
}

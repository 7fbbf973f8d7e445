import { Button, MessageBar, MessageBarBody, MessageBarTitle, Text } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { rolesWith, type ChangeRequestSummary } from "../../../../shared/src/api";
import { PolicyTable, type PolicyRow } from "../../../../shared/src/segmentation/policyTable";
import type { ServiceClient } from "../../api/serviceClient";
import type { Workbook } from "../../workbook/workbook";
import { TextField } from "../ui/fields";
import { goToActions } from "../ui/goToActions";
import type { Can } from "../ui/permissions";
import { OperationStatus, useOperation } from "../ui/useOperation";
import { FreezeWindowForm } from "./policies/FreezeWindowForm";
import { diffPolicies, isEmptyDiff, type PolicyDiff } from "./policies/policyDiff";
import { PolicyDiffView } from "./policies/PolicyDiffView";
import { PolicyRows } from "./policies/PolicyRows";
import { POLICY_TABLE, policyTableData, rowsFromTable } from "./policies/policySheet";
import { RateTableSection } from "./policies/RateTableSection";

const list = (roles: string[]) => roles.join(", ");

/**
 * The policy table a segment is run with, for the people who own it: read it
 * in words, write it to a sheet and edit it there as planners edit anything,
 * then propose the sheet as a change request (checked row by row here, and
 * by the service for coverage of today's segments) for an approver to decide.
 * Admins declare freeze windows here too.
 */
export function PoliciesPane({ workbook, client, can }: { workbook: Workbook; client: ServiceClient | undefined; can: Can }) {
  const [table, setTable] = useState<{ version: number; rows: PolicyRow[] } | undefined>();
  const [pending, setPending] = useState<ChangeRequestSummary[]>([]);
  const [proposal, setProposal] = useState<{ rows: PolicyRow[]; diff: PolicyDiff } | undefined>();
  const [justification, setJustification] = useState("");
  const operation = useOperation();
  const { run: runOperation } = operation;

  const load = useCallback(
    (service: ServiceClient) =>
      runOperation("Reading the policy table", async () => {
        const [policies, requests] = await Promise.all([service.call("readPolicies", {}), service.call("listChangeRequests", { query: { dimension: "policy", status: "pending" } })]);
        // The service stores validated rows; reading them through the table gives them their types.
        setTable({ version: policies.version, rows: policies.rows.length ? new PolicyTable(policies.rows).rows : [] });
        setPending(requests.changeRequests);
      }),
    [runOperation],
  );

  useEffect(() => {
    if (client) void load(client);
  }, [client, load]);

  if (!client) {
    return (
      <section aria-labelledby="policies-heading" className="tl-pane">
        <h2 id="policies-heading">Policies</h2>
        <Text block>Sign in under Settings to read and propose the policy table.</Text>
      </section>
    );
  }

  const writeToSheet = () =>
    operation.run("Writing the policy table", async () => {
      if (!table) return;
      await workbook.writeTable(policyTableData(table.rows));
      return {
        intent: "success",
        title: "Policy table written",
        text: `${table.rows.length} rows of version ${table.version} are on the sheet ${POLICY_TABLE}. Edit them there (add a row for a new segment, change a target), then come back and press "Check the sheet".`,
        actions: goToActions(workbook, [[POLICY_TABLE, "policy table"]], operation.post),
      };
    });

  const checkSheet = () =>
    operation.run("Checking the sheet", async () => {
      setProposal(undefined);
      const tables = await workbook.listTables();
      if (!tables.some((t) => t.name === POLICY_TABLE)) return { intent: "warning", title: "No policy sheet yet", text: `Press "Write to sheet" first: the proposal is read from the table ${POLICY_TABLE}.` };
      const reading = rowsFromTable(await workbook.readTable(POLICY_TABLE));
      if (!reading.ok) return { intent: "error", title: "The sheet has problems", text: reading.problems.join("\n") };
      try {
        new PolicyTable(reading.rows);
      } catch (error) {
        return { intent: "error", title: "The sheet has problems", text: error instanceof Error ? error.message : String(error) };
      }
      const diff = diffPolicies(table?.rows ?? [], reading.rows);
      if (isEmptyDiff(diff)) return { intent: "info", title: "Nothing to propose", text: `The sheet matches version ${table?.version ?? 0} of the policy table.` };
      setProposal({ rows: reading.rows, diff });
      return { intent: "info", title: "Ready to propose", text: "Check the changes below, say why, and propose them for approval." };
    });

  const propose = () =>
    operation.run("Proposing the policy change", async () => {
      if (!proposal) return;
      const request = await client.call("proposePolicies", { body: { rows: proposal.rows, justification: justification.trim() } });
      setProposal(undefined);
      setJustification("");
      await load(client);
      return {
        intent: "success",
        title: "Policy change proposed",
        text: `Request ${request.id.slice(0, 8)} waits for approval (${list(rolesWith("decide"))} decide in the Recommendations pane). The table in use stays version ${request.baseVersion} until then.`,
      };
    });

  const justificationProblem = justification && justification.trim().length < 3 ? "at least 3 characters" : undefined;

  return (
    <section aria-labelledby="policies-heading" className="tl-pane">
      <h2 id="policies-heading">Policies</h2>
      {table && (
        <Text block>
          Policy table version {table.version}: {table.rows.length} row{table.rows.length === 1 ? "" : "s"}. A segment is run with its most specific row.
        </Text>
      )}
      {pending.map((r) => (
        <MessageBar key={r.id} intent="info" layout="multiline" className="tl-message">
          <MessageBarBody>
            <MessageBarTitle>A policy change waits for approval</MessageBarTitle>
            {r.createdBy} proposed {r.size.toLocaleString("en-US")} rows on {new Date(r.createdAt).toLocaleDateString("en-GB", { day: "numeric", month: "short" })}: “{r.justification}”.
          </MessageBarBody>
        </MessageBar>
      ))}
      <div className="tl-actions">
        <Button onClick={() => void writeToSheet()} disabled={!table || operation.busy}>
          Write to sheet
        </Button>
        {can("edit-policies") && (
          <Button appearance="primary" onClick={() => void checkSheet()} disabled={!table || operation.busy}>
            Check the sheet
          </Button>
        )}
      </div>
      <OperationStatus operation={operation} />
      {proposal && (
        <div className="tl-detail" role="group" aria-label="Proposal">
          <h3>What the proposal changes</h3>
          <PolicyDiffView diff={proposal.diff} />
          <TextField label="Why" value={justification} onChange={setJustification} hint="The approver reads this first." validation={justificationProblem} />
          <div className="tl-actions">
            <Button appearance="primary" onClick={() => void propose()} disabled={operation.busy || justification.trim().length < 3}>
              Propose for approval
            </Button>
            <Button onClick={() => setProposal(undefined)}>Discard</Button>
          </div>
        </div>
      )}
      {table && (
        <>
          <h3>Rows</h3>
          <PolicyRows rows={table.rows} />
        </>
      )}
      <RateTableSection workbook={workbook} client={client} can={can} />
      {can("admin") && (
        <>
          <h3>Freeze window</h3>
          <FreezeWindowForm client={client} operation={operation} />
        </>
      )}
      <h3>Who may change what</h3>
      <ul className="tl-rec-list">
        <li>Propose a policy or rate change: {list(rolesWith("edit-policies"))}.</li>
        <li>Approve or reject it: {list(rolesWith("decide"))} (and the roles an approval rule names for a step).</li>
        <li>Declare freeze windows: {list(rolesWith("admin"))}.</li>
      </ul>
    </section>
  );
}

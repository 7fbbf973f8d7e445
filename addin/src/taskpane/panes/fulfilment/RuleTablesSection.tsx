import { Button, Text } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { FulfilmentRules } from "../../../../../shared/src/api";
import { ServiceError, type ServiceClient } from "../../../api/serviceClient";
import type { Workbook } from "../../../workbook/workbook";
import { goToActions } from "../../ui/goToActions";
import type { Can } from "../../ui/permissions";
import { OperationStatus, useOperation } from "../../ui/useOperation";
import { ALLOCATION_TABLE, PATH_RULES_TABLE, ruleTablesData, rulesFromTables, servicePath, whereIs } from "./ruleSheets";

/**
 * The allocation and path tables round-trip through two sheets, as the
 * policy table does: write them, edit them in Excel, save them back (those
 * who may edit policies), each problem named by sheet, row and column.
 */
export function RuleTablesSection({ workbook, client, can }: { workbook: Workbook; client: ServiceClient; can: Can }) {
  const [rules, setRules] = useState<FulfilmentRules | undefined>();
  // Its own messages, under its own buttons: a problem with the sheets shows where the planner pressed Save.
  const operation = useOperation();
  const { run } = operation;

  const load = useCallback(() => run("Reading the fulfilment rules", async () => setRules(await client.call("readFulfilmentRules", {}))), [client, run]);
  useEffect(() => {
    void load();
  }, [load]);

  const write = () =>
    operation.run("Writing the rules", async () => {
      if (!rules) return;
      for (const table of ruleTablesData(rules)) await workbook.writeTable(table);
      return {
        intent: "success",
        title: "Rules written",
        text: `${rules.allocation.length} allocation rows are on ${ALLOCATION_TABLE}, ${rules.paths.length} path rules on ${PATH_RULES_TABLE}. Edit them there, then press "Save the sheets' rules".`,
        actions: goToActions(
          workbook,
          [
            [ALLOCATION_TABLE, "allocation rules"],
            [PATH_RULES_TABLE, "path rules"],
          ],
          operation.post,
        ),
      };
    });

  const save = () =>
    operation.run("Saving the rules", async () => {
      const names = new Set((await workbook.listTables()).map((t) => t.name));
      if (!names.has(ALLOCATION_TABLE) || !names.has(PATH_RULES_TABLE))
        return { intent: "warning", title: "No rule sheets yet", text: `Press "Write rules to sheet" first: the rules are read from ${ALLOCATION_TABLE} and ${PATH_RULES_TABLE}.` };
      const reading = rulesFromTables(await workbook.readTable(ALLOCATION_TABLE), await workbook.readTable(PATH_RULES_TABLE));
      if (!reading.ok) return { intent: "error", title: "The rule sheets have problems", text: reading.problems.join("\n") };
      try {
        setRules(await client.call("replaceFulfilmentRules", { body: reading.rules }));
      } catch (error) {
        const fields = error instanceof ServiceError ? error.problem?.errors : undefined;
        if (!fields?.length) throw error;
        const body = reading.rules as { allocation: object[]; paths: object[] };
        return { intent: "error", title: "The service refused the rules", text: fields.map((e) => whereIs(servicePath(e.field), body, e.message)).join("\n") };
      }
      return { intent: "success", title: "Rules saved", text: `${reading.rules.allocation.length} allocation rows and ${reading.rules.paths.length} path rules are in use; promise the orders again to see their effect.` };
    });

  return (
    <>
      <h3>Rules</h3>
      <Text block size={200}>
        {rules?.updatedAt
          ? `${rules.allocation.length} allocation rows (priority, reserve share, premium) and ${rules.paths.length} path rules (first match decides), saved by ${rules.updatedBy} on ${new Date(rules.updatedAt).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" })}.`
          : "No rules are saved yet: write the empty tables to a sheet, fill them in and save them."}
      </Text>
      <div className="tl-actions">
        <Button onClick={() => void write()} disabled={!rules || operation.busy}>
          Write rules to sheet
        </Button>
        {can("edit-policies") && (
          <Button onClick={() => void save()} disabled={!rules || operation.busy}>
            Save the sheets&apos; rules
          </Button>
        )}
      </div>
      <OperationStatus operation={operation} />
    </>
  );
}

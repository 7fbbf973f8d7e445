import { Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import { can, type Schedule } from "../../../../shared/src/api";
import type { ServiceClient } from "../../api/serviceClient";
import { runTime, scheduleWords } from "../ui/scheduleWords";
import { OperationStatus, useOperation } from "../ui/useOperation";

/**
 * Reclassification schedules in plain words: every role that approves sees
 * what will raise requests and who must approve them; an admin may run one
 * now. Defining schedules stays with the API (PUT/POST /schedules) for now.
 */
export function Schedules({ client, role }: { client: ServiceClient; role: string | undefined }) {
  const [schedules, setSchedules] = useState<Schedule[] | undefined>();
  const operation = useOperation();
  const admin = can(role, "admin");
  if (!can(role, "decide-step")) return null;

  const load = () =>
    operation.run("Reading schedules", async ({ signal }) => {
      const listed = (await client.call("listSchedules", {}, { signal })).schedules;
      setSchedules(listed);
      return listed.length === 0 ? { intent: "info", title: "No schedules", text: "No reclassification runs on a schedule yet." } : undefined;
    });

  const runNow = (s: Schedule) =>
    operation.run("Starting the run", async ({ signal }) => {
      const job = await client.call("runSchedule", { params: { id: s.id } }, { signal });
      setSchedules((await client.call("listSchedules", {}, { signal })).schedules);
      return { intent: "success", title: "Started", text: `The run is queued (job ${job.id.slice(0, 8)}); its requests appear in the approval queue as it raises them.` };
    });

  return (
    <>
      <h3 id="schedules-heading">Schedules</h3>
      <Text as="p" size={200}>
        Reclassification that runs by itself and raises requests for approval.
      </Text>
      <div className="tl-actions">
        <Button disabled={operation.busy} onClick={() => void load()}>
          {schedules ? "Reload schedules" : "Show schedules"}
        </Button>
      </div>
      {schedules && schedules.length > 0 && (
        <ul className="tl-token-list" aria-labelledby="schedules-heading">
          {schedules.map((s) => (
            <li key={s.id} className="tl-token" data-schedule-id={s.id}>
              <Text as="p" size={200}>
                {scheduleWords(s)}
                {s.lastRunAt ? ` · last run ${runTime(s.lastRunAt)}` : ""}
              </Text>
              {admin && (
                <Button size="small" disabled={operation.busy} onClick={() => void runNow(s)} aria-label={`Run now: ${scheduleWords(s)}`}>
                  Run now
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <OperationStatus operation={operation} />
    </>
  );
}

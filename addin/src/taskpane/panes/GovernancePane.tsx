import { Button, Tab, TabList, Text } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState } from "react";
import { rolesWith, routes, type ActionStatus, type BreachResponse, type CorrectiveAction, type ForecastAccuracyReport, type ForecastExceptionReport, type KpiReportResponse } from "../../../../shared/src/api";
import type { ServiceClient } from "../../api/serviceClient";
import type { Workbook } from "../../workbook/workbook";
import { Choice } from "../ui/fields";
import { goToActions } from "../ui/goToActions";
import type { Can } from "../ui/permissions";
import { MessageList, OperationStatus, useOperation, type Step } from "../ui/useOperation";
import { ActionList } from "./governance/ActionList";
import type { NewAction } from "./governance/ActionForm";
import { BreachList, breachLabel } from "./governance/BreachList";
import { breachSheet, breachTableName, kpiSheet, kpiTableName } from "./governance/governanceSheets";
import { ForecastExceptions, exceptionSheet } from "./governance/ForecastExceptions";
import { ForecastReview } from "./governance/ForecastReview";
import { ForecastLevels } from "./governance/ForecastLevels";
import { SellThroughImport } from "./governance/SellThroughImport";
import { HealthCheck } from "./governance/HealthCheck";
import type { HealthReport } from "./governance/healthWords";
import { KpiTable } from "./governance/KpiTable";
import { ACTION_STATUS_WORDS } from "./governance/StatusBadge";
import { useGovernanceStyles } from "./governance/styles";
import { formatCount } from "./recommendations/format";

type Dimension = "product" | "customer";
type Section = "kpis" | "breaches" | "actions" | "health" | "forecasts" | "review";

const NOT_SIGNED_IN = "Sign in to the Tierline service first (Settings).";
const OPEN_FIRST: Record<ActionStatus, number> = { in_progress: 0, open: 1, done: 2, cancelled: 3 };

/** Open work first, soonest due first: what the committee chases. */
const byUrgency = (a: CorrectiveAction, b: CorrectiveAction) => OPEN_FIRST[a.status] - OPEN_FIRST[b.status] || a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title);

/**
 * The steering committee's pane: KPIs per segment against the policy targets,
 * the breaches with owner, escalation and root cause, corrective actions
 * linked to them with status and audit trail, and the segment health check.
 * KPIs and breaches can be written to sheets for the monthly review.
 */
export function GovernancePane({ workbook, client, can }: { workbook: Workbook; client: ServiceClient | undefined; can: Can }) {
  const styles = useGovernanceStyles();
  const [dimension, setDimension] = useState<Dimension>("product");
  const [section, setSection] = useState<Section>("kpis");
  const [kpis, setKpis] = useState<KpiReportResponse | undefined>();
  const [breaches, setBreaches] = useState<BreachResponse[] | undefined>();
  const [actions, setActions] = useState<CorrectiveAction[] | undefined>();
  const [health, setHealth] = useState<HealthReport | undefined>();
  const [exceptions, setExceptions] = useState<ForecastExceptionReport | undefined>();
  const [accuracy, setAccuracy] = useState<ForecastAccuracyReport | undefined>();
  const operation = useOperation();
  const { run } = operation;
  // The permission the action routes name, not a role list of the pane's own.
  const canAct = can(routes.createAction.permission) && can(routes.updateAction.permission);
  const whoMayAct = rolesWith(routes.createAction.permission).join(" or ");
  const noun = dimension === "product" ? "product" : "customer";

  const loadAll = useCallback(
    async ({ signal, progress }: Step, which: Dimension) => {
      if (!client) throw new Error(NOT_SIGNED_IN);
      progress(0, 3, "Reading the KPIs");
      const report = await client.call("readKpis", { query: { dimension: which } }, { signal });
      setKpis(report);
      progress(1, 3, "Reading the breaches");
      setBreaches((await client.call("readBreaches", { query: { dimension: which } }, { signal })).breaches);
      progress(2, 3, "Reading the corrective actions");
      setActions((await client.call("listActions", { query: { dimension: which } }, { signal })).actions.sort(byUrgency));
    },
    [client],
  );

  const load = useCallback(() => run("Reading KPIs", (step) => loadAll(step, dimension)), [run, loadAll, dimension]);

  useEffect(() => {
    if (client) void load();
  }, [client, load]);

  // The other dimension's figures go at once, so none is read as this one's while it loads.
  const pickDimension = (next: Dimension) => {
    if (next === dimension) return;
    setKpis(undefined);
    setBreaches(undefined);
    setActions(undefined);
    setHealth(undefined);
    setDimension(next);
  };

  const create = async (breach: BreachResponse, action: NewAction): Promise<boolean> => {
    let created = false;
    await run("Creating the action", async (step) => {
      if (!client) throw new Error(NOT_SIGNED_IN);
      const made = await client.call("createAction", { body: { ...action, dimension: breach.dimension, segment: breach.segment, kpi: breach.kpi } }, { signal: step.signal });
      created = true;
      await loadAll(step, dimension);
      return { intent: "success", title: "Action created", text: `“${made.title}” for ${breachLabel(breach)}, owner ${made.owner}, recorded by ${made.createdBy}.` };
    });
    return created;
  };

  const changeStatus = (action: CorrectiveAction, to: ActionStatus) =>
    run("Updating the action", async (step) => {
      if (!client) throw new Error(NOT_SIGNED_IN);
      const updated = await client.call("updateAction", { params: { id: action.id }, body: { expectedVersion: action.version, status: to } }, { signal: step.signal });
      await loadAll(step, dimension);
      return { intent: "success", title: "Action updated", text: `“${updated.title}” is ${ACTION_STATUS_WORDS[updated.status]} (version ${updated.version}).` };
    });

  const checkHealth = () =>
    run("Running the health check", async (step) => {
      if (!client) throw new Error(NOT_SIGNED_IN);
      setHealth(await client.call("healthCheck", { query: { dimension } }, { signal: step.signal }));
    });

  const readExceptions = useCallback(
    async (signal?: AbortSignal) => {
      if (!client) throw new Error(NOT_SIGNED_IN);
      setExceptions(await client.call("readForecastExceptions", { query: { limit: 200 } }, { signal }));
      setAccuracy(await client.call("readForecastAccuracy", { query: {} }, { signal }));
    },
    [client],
  );
  const listExceptions = () => run("Reading the forecast exceptions", (step) => readExceptions(step.signal));

  const writeExceptions = () =>
    run("Writing the forecast exceptions", async () => {
      if (!exceptions) return;
      const table = exceptionSheet(exceptions);
      await workbook.writeTable(table);
      return { intent: "success", title: "Forecast exceptions written", text: `${table.rows.length} products to ${table.name}.`, actions: goToActions(workbook, [[table.name, "the exceptions"]], operation.post) };
    });

  const writeKpis = () =>
    run("Writing the KPI table", async () => {
      if (!kpis) return;
      const table = kpiSheet(kpis);
      await workbook.writeTable(table);
      return { intent: "success", title: "KPI table written", text: `${table.rows.length} segments to ${table.name}.`, actions: goToActions(workbook, [[table.name, "the KPI table"]], operation.post) };
    });

  const writeBreaches = () =>
    run("Writing the breaches", async () => {
      if (!breaches) return;
      const table = breachSheet(dimension, breaches);
      await workbook.writeTable(table);
      return { intent: "success", title: "Breaches written", text: `${table.rows.length} breaches to ${table.name}.`, actions: goToActions(workbook, [[table.name, "the breaches"]], operation.post) };
    });

  const counts = useMemo(() => {
    const values = kpis?.segments.flatMap((s) => s.kpis) ?? [];
    return { values: values.length, breaches: values.filter((k) => k.status === "breach").length };
  }, [kpis]);
  const openActions = actions?.filter((a) => a.status === "open" || a.status === "in_progress").length ?? 0;

  return (
    <section aria-labelledby="governance-heading" className="tl-pane" data-testid="governance-pane">
      <h2 id="governance-heading">Governance</h2>
      <Text as="p" size={200} className={styles.intro}>
        KPIs per segment against the policy targets, breaches with their root causes, corrective actions and the segment health check.
      </Text>
      {!client && <MessageList messages={[{ intent: "warning", title: "Not signed in", text: "Sign in under Settings to read the KPIs." }]} />}
      <div className={styles.toolbar}>
        <div className={styles.grow}>
          <Choice
            label="Segments of"
            value={dimension}
            options={[
              { value: "product", text: "Products" },
              { value: "customer", text: "Customers" },
            ]}
            onChange={(v) => pickDimension(v === "customer" ? "customer" : "product")}
          />
        </div>
        <Button onClick={() => void load()} disabled={!client || operation.busy}>
          Reload
        </Button>
      </div>
      <TabList size="small" selectedValue={section} onTabSelect={(_, d) => setSection(d.value as Section)} aria-label="Governance sections" style={{ flexWrap: "wrap" }}>
        <Tab value="kpis">KPIs</Tab>
        {/* Counts stay in each tab's first line: with them the four tabs no longer fit one row at 350 px. */}
        <Tab value="breaches">Breaches</Tab>
        <Tab value="actions">Actions</Tab>
        <Tab value="health">Health</Tab>
        <Tab value="forecasts">Forecasts</Tab>
        <Tab value="review">Review</Tab>
      </TabList>
      <OperationStatus operation={operation} />

      {section === "kpis" && kpis && (
        <div role="tabpanel" aria-label="KPIs">
          <Text size={200} className={styles.summary} data-testid="kpi-summary">
            {`${kpis.segments.length} ${noun} segments, ${formatCount(counts.breaches)} of ${formatCount(counts.values)} KPI values in breach. Weeks ${kpis.dataWindow.fromWeek}–${kpis.dataWindow.toWeek}, policy version ${kpis.policyVersion}.`}
          </Text>
          <Text size={200} className={styles.summary}>
            Measured OTIF and fill rate show their months as a line against the target (dashed); modelled figures have no months.
          </Text>
          <KpiTable report={kpis} />
          <div className={styles.buttons}>
            <Button onClick={() => void writeKpis()} disabled={operation.busy}>
              Write KPI table to sheet
            </Button>
          </div>
          <Text size={200} className={styles.summary}>{`Writes ${kpiTableName(dimension)}: one row per segment, each KPI's value and target.`}</Text>
        </div>
      )}

      {section === "breaches" && breaches && (
        <div role="tabpanel" aria-label="Breaches">
          <Text size={200} className={styles.summary}>
            {breaches.length === 0 ? `No ${noun} segment misses a target.` : `${breaches.length} breaches, largest gap to target first. Open one for its owner, escalation path, root cause and actions.`}
          </Text>
          <BreachList breaches={breaches} canAct={canAct} whoMayAct={whoMayAct} busy={operation.busy} onCreate={create} />
          {breaches.length > 0 && (
            <>
              <div className={styles.buttons}>
                <Button onClick={() => void writeBreaches()} disabled={operation.busy}>
                  Write breaches to sheet
                </Button>
              </div>
              <Text size={200} className={styles.summary}>{`Writes ${breachTableName(dimension)}: one row per breach with owner, escalation and top causes.`}</Text>
            </>
          )}
        </div>
      )}

      {section === "actions" && actions && (
        <div role="tabpanel" aria-label="Corrective actions">
          <Text size={200} className={styles.summary}>
            {actions.length === 0
              ? `No corrective action for ${noun} segments yet.${canAct ? " Add one from a breach (Breaches tab)." : ""}`
              : `${actions.length} action${actions.length === 1 ? "" : "s"}, ${openActions} still open; open work first, soonest due first.${canAct ? " Add more from a breach." : ""}`}
          </Text>
          <ActionList client={client} actions={actions} canAct={canAct} whoMayAct={whoMayAct} busy={operation.busy} onStatus={(a, to) => void changeStatus(a, to)} />
        </div>
      )}

      {section === "health" && (
        <div role="tabpanel" aria-label="Health check">
          <Text size={200} className={styles.summary}>
            {`Are the ${noun} segments distinct and large enough? Compares each segment's members on their behaviour.`}
          </Text>
          <div className={styles.buttons}>
            <Button appearance="primary" onClick={() => void checkHealth()} disabled={!client || operation.busy}>
              Run health check
            </Button>
          </div>
          {health && health.dimension === dimension && <HealthCheck report={health} />}
        </div>
      )}

      {section === "forecasts" && (
        <div role="tabpanel" aria-label="Forecast exceptions">
          <Text size={200} className={styles.summary}>
            Products whose forecast error (WAPE) is above the ceiling their segment policy sets, or the default for their class, costliest misses first; then the error per segment at the level its policy forecasts (item
            or family).
          </Text>
          <div className={styles.buttons}>
            <Button appearance="primary" onClick={() => void listExceptions()} disabled={!client || operation.busy}>
              List forecast exceptions
            </Button>
            {exceptions && exceptions.exceptions.length > 0 && (
              <Button onClick={() => void writeExceptions()} disabled={operation.busy}>
                Write to sheet
              </Button>
            )}
          </div>
          {exceptions && <ForecastExceptions report={exceptions} />}
          {accuracy && <ForecastLevels report={accuracy} />}
          <SellThroughImport workbook={workbook} client={client} operation={operation} canImport={can(routes.importFile.permission)} canRun={can("run")} onForecast={() => readExceptions()} />
        </div>
      )}

      {section === "review" && (
        <div role="tabpanel" aria-label="Forecast review">
          <ForecastReview client={client} />
        </div>
      )}
    </section>
  );
}

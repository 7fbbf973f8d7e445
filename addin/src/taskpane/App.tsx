import { Badge, Button, Dropdown, Field, FluentProvider, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Option, Text, webLightTheme } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ServiceClient, ServiceError } from "../api/serviceClient";
import { changesWaiting, type ChangesWaiting } from "../commands/changesWaiting";
import { runRefreshCommand } from "../commands/commands";
import type { RefreshReport } from "../commands/refreshSegments";
import type { CommandReport, ReportBus } from "../commands/reportBus";
import { showChangesWaitingOnRibbon } from "../commands/ribbon";
import { clearServiceSettings, saveServiceSettings, type ServiceSettings } from "../settings/serviceSettings";
import type { DemoWorkbook } from "../workbook/demoWorkbook";
import { buildExamples } from "../workbook/examples";
import type { Workbook } from "../workbook/workbook";
import { DemoGrid } from "./DemoGrid";
import { CostToServePane } from "./panes/CostToServePane";
import { FulfilmentPane } from "./panes/FulfilmentPane";
import { GovernancePane } from "./panes/GovernancePane";
import { NetworkPane } from "./panes/NetworkPane";
import { PoliciesPane } from "./panes/PoliciesPane";
import { SuppliersPane } from "./panes/SuppliersPane";
import { WarehousePane } from "./panes/WarehousePane";
import { RecommendationsPane } from "./panes/RecommendationsPane";
import { SafetyStockPane } from "./panes/SafetyStockPane";
import { SegmentTablesPane } from "./panes/SegmentTablesPane";
import { SegmentationPane } from "./panes/SegmentationPane";
import { SettingsPane, type Identity } from "./panes/SettingsPane";
import { permissionsOf } from "./ui/permissions";
import { MessageList, type Message } from "./ui/useOperation";

export type PaneId = "segment-tables" | "segmentation" | "safety-stock" | "cost-to-serve" | "recommendations" | "governance" | "policies" | "suppliers" | "fulfilment" | "network" | "warehouse" | "settings";

const PANES: Array<{ id: PaneId; label: string }> = [
  { id: "segment-tables", label: "Segment tables" },
  { id: "segmentation", label: "Segmentation" },
  { id: "safety-stock", label: "Safety stock" },
  { id: "cost-to-serve", label: "Cost-to-serve" },
  { id: "recommendations", label: "Recommendations" },
  { id: "governance", label: "Governance" },
  { id: "policies", label: "Policies" },
  { id: "suppliers", label: "Suppliers" },
  { id: "fulfilment", label: "Fulfilment" },
  { id: "network", label: "Network design" },
  { id: "warehouse", label: "Warehouse & stock" },
  { id: "settings", label: "Settings" },
];

/** How often the pane asks whether approved changes wait: each ask is a 304 per table while nothing was approved. */
export const WAITING_CHECK_MS = 5 * 60_000;
/** Good news leaves by itself; warnings and errors stay until dismissed or their cause is gone. */
const NOTICE_LIFETIME_MS = 20_000;

/** Where the saved sign-in stands: the start-up check tells an unreachable service from a refused token. */
type Connection = { state: "signed-out" } | { state: "checking" } | { state: "signed-in" } | { state: "unreachable"; detail: string } | { state: "refused"; detail: string } | { state: "failed"; detail: string };

/** An outage (no answer, a timeout, a 5xx) says nothing about the token: it is kept. */
function isOutage(error: unknown): boolean {
  return error instanceof ServiceError && (error.status === "unreachable" || error.status === "timeout" || (typeof error.status === "number" && error.status >= 500));
}

export interface AppProps {
  workbook: Workbook;
  /** outside Excel: the in-page workbook, shown beside the panes */
  demo?: DemoWorkbook;
  initialSettings: ServiceSettings | undefined;
  defaultServiceUrl: string;
  /** the service this workbook records it belongs to (workbook settings), if any */
  workbookServiceUrl?: string;
  reports: ReportBus;
  initialPane?: PaneId;
}

/** The task pane: a pane picker, the Refresh segments command with its "changes waiting" badge, and (outside Excel) the demo workbook. */
export function App({ workbook, demo, initialSettings, defaultServiceUrl, workbookServiceUrl, reports, initialPane }: AppProps) {
  const [pane, setPane] = useState<PaneId>(initialPane ?? (initialSettings ? "segmentation" : "settings"));
  const chosePane = useRef(initialPane !== undefined);
  const [settings, setSettings] = useState<ServiceSettings | undefined>(initialSettings);
  const [identity, setIdentity] = useState<Identity | undefined>();
  const [connection, setConnection] = useState<Connection>(initialSettings ? { state: "checking" } : { state: "signed-out" });
  const [notices, setNotices] = useState<Message[]>([]);
  const [refreshing, setRefreshing] = useState(false);
  const [lastRefresh, setLastRefresh] = useState<{ report: RefreshReport; message: Message } | undefined>();
  const [waiting, setWaiting] = useState<ChangesWaiting | undefined>();
  const [recordedUrl, setRecordedUrl] = useState<string | undefined>(workbookServiceUrl);
  const client = useMemo(() => (settings && identity ? new ServiceClient(settings) : undefined), [settings, identity]);
  const can = useMemo(() => permissionsOf(identity?.role), [identity]);

  const go = useCallback((next: PaneId) => {
    chosePane.current = true;
    setPane(next);
  }, []);

  const post = useCallback((notice: Message) => {
    setNotices((n) => [...n.filter((m) => m.title !== notice.title), notice]);
    if (notice.intent === "success" || notice.intent === "info") setTimeout(() => setNotices((n) => n.filter((m) => m !== notice)), NOTICE_LIFETIME_MS);
  }, []);

  /** A refresh's outcome (from the header or the ribbon): its report replaces the last one, and nothing waits any more. */
  const showRefresh = useCallback(
    (outcome: CommandReport) => {
      const { refresh, ...message } = outcome;
      if (refresh) {
        setLastRefresh({ report: refresh, message });
        setWaiting((w) => (w ? { total: 0, tables: w.tables.map((t) => ({ ...t, waiting: 0 })) } : w));
        setNotices((n) => n.filter((m) => !m.title.startsWith("Refresh segments failed")));
        go("segment-tables");
      } else post(message);
    },
    [go, post],
  );

  useEffect(() => reports.subscribe(showRefresh), [reports, showRefresh]);

  /** The service knows the saved token. */
  const signedIn = useCallback((me: Identity) => {
    setIdentity(me);
    setConnection({ state: "signed-in" });
  }, []);
  /** It did not answer (an outage: the token is kept) or refused the token (the token goes). */
  const notSignedIn = useCallback(async (error: unknown) => {
    const detail = error instanceof Error ? error.message : String(error);
    if (isOutage(error)) return setConnection({ state: "unreachable", detail });
    if (error instanceof ServiceError && error.status === 401) {
      // Only a refusal by the service ends the saved sign-in.
      await clearServiceSettings().catch(() => undefined);
      setSettings(undefined);
      setIdentity(undefined);
      setConnection({ state: "refused", detail });
      setPane("settings");
      return;
    }
    setConnection({ state: "failed", detail });
  }, []);
  const retry = useCallback(() => {
    if (!settings) return;
    setConnection({ state: "checking" });
    new ServiceClient(settings).call("me", {}).then(signedIn, notSignedIn);
  }, [settings, signedIn, notSignedIn]);

  // The saved token is checked once at start; Retry checks it again.
  useEffect(() => {
    if (initialSettings) new ServiceClient(initialSettings).call("me", {}).then(signedIn, notSignedIn);
  }, [initialSettings, signedIn, notSignedIn]);

  // Sales ops land on their tables once the service says who they are (unless they picked a pane already).
  useEffect(() => {
    if (identity?.role === "sales" && !chosePane.current) setPane("segment-tables");
  }, [identity]);

  const checkWaiting = useCallback(() => {
    if (!client) return;
    changesWaiting(workbook, client).then(
      (next) => {
        setWaiting(next);
        void showChangesWaitingOnRibbon(next.total).catch(() => false);
      },
      // A failed check changes nothing: the next one, or a refresh, tells.
      () => undefined,
    );
  }, [workbook, client]);

  // After sign-in, every few minutes, and whenever the pane comes back into view.
  useEffect(() => {
    if (!client) return;
    checkWaiting();
    const timer = setInterval(checkWaiting, WAITING_CHECK_MS);
    const onFocus = () => checkWaiting();
    window.addEventListener("focus", onFocus);
    document.addEventListener("visibilitychange", onFocus);
    return () => {
      clearInterval(timer);
      window.removeEventListener("focus", onFocus);
      document.removeEventListener("visibilitychange", onFocus);
    };
  }, [client, checkWaiting]);

  const refresh = useCallback(async () => {
    setRefreshing(true);
    try {
      showRefresh(await runRefreshCommand(workbook, client));
      setRecordedUrl(await workbook.serviceUrl().catch(() => undefined));
    } finally {
      setRefreshing(false);
    }
  }, [workbook, client, showRefresh]);

  const total = waiting?.total ?? 0;
  // The last refresh's words stand only while nothing newer was approved.
  const refreshStatus: Message | undefined =
    total > 0
      ? {
          intent: "warning",
          title: "Approved changes waiting",
          text: `${total} approved segment change${total === 1 ? "" : "s"} since this workbook's last refresh: Refresh segments to get ${total === 1 ? "it" : "them"}.`,
        }
      : lastRefresh?.message;
  const where = settings?.url ?? initialSettings?.url ?? "the service";

  return (
    // The layout classes sit on a div of their own: Fluent copies the provider's className onto every portal
    // (drop-down lists), and a full-height flex portal would lie over the page and swallow the clicks.
    <FluentProvider theme={webLightTheme}>
      <div className={demo ? "tl-app tl-app-demo" : "tl-app"}>
        <div className="tl-panes">
          <header className="tl-header">
            <div className="tl-brand">
              <h1>Tierline</h1>
              <Text size={200} className="tl-who">
                {identity ? `${identity.name} · ${identity.role}` : connection.state === "checking" ? "signing in…" : connection.state === "unreachable" ? "service unreachable" : "not signed in"}
              </Text>
            </div>
            {can("read") && (
              <div className="tl-refresh">
                {total > 0 && (
                  <Badge appearance="filled" color="danger" data-testid="changes-waiting" aria-label={`${total} approved change${total === 1 ? "" : "s"} waiting`}>
                    {total} waiting
                  </Badge>
                )}
                <Button size="small" appearance={total > 0 ? "primary" : "secondary"} onClick={() => void refresh()} disabled={refreshing}>
                  {refreshing ? "Refreshing…" : "Refresh segments"}
                </Button>
              </div>
            )}
          </header>
          <ConnectionNotice connection={connection} where={where} onRetry={retry} onSettings={() => go("settings")} />
          <MessageList messages={notices} onDismiss={(i) => setNotices((n) => n.filter((_, k) => k !== i))} />
          <nav aria-label="Panes" className="tl-nav">
            <Field label="Pane" orientation="horizontal" className="tl-nav-field">
              <Dropdown value={PANES.find((p) => p.id === pane)?.label ?? ""} selectedOptions={[pane]} onOptionSelect={(_, d) => d.optionValue && go(d.optionValue as PaneId)} size="small" className="tl-nav-dropdown">
                {PANES.map((p) => (
                  <Option key={p.id} value={p.id}>
                    {p.label}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          </nav>
          <main>
            {pane === "segment-tables" && <SegmentTablesPane workbook={workbook} can={can} signedIn={!!identity} report={lastRefresh?.report} status={refreshStatus} waiting={waiting} onTablesChanged={checkWaiting} />}
            {pane === "segmentation" && <SegmentationPane workbook={workbook} client={client} can={can} />}
            {pane === "safety-stock" && <SafetyStockPane workbook={workbook} client={client} />}
            {pane === "cost-to-serve" && <CostToServePane workbook={workbook} client={client} />}
            {pane === "network" && <NetworkPane workbook={workbook} client={client} />}
            {pane === "recommendations" && <RecommendationsPane client={client} role={identity?.role} onMasterDataChanged={() => workbook.recalculateServiceFunctions()} />}
            {pane === "governance" && <GovernancePane workbook={workbook} client={client} can={can} />}
            {pane === "policies" && <PoliciesPane workbook={workbook} client={client} can={can} />}
            {pane === "suppliers" && <SuppliersPane workbook={workbook} client={client} />}
            {pane === "warehouse" && <WarehousePane workbook={workbook} client={client} />}
            {pane === "fulfilment" && <FulfilmentPane workbook={workbook} client={client} can={can} />}
            {pane === "settings" && (
              <SettingsPane
                settings={settings}
                defaultUrl={defaultServiceUrl}
                identity={identity}
                workbookServiceUrl={recordedUrl}
                onSignIn={async (next, me) => {
                  await saveServiceSettings(next);
                  // The workbook remembers its service, so whoever opens it next only has to sign in.
                  await workbook.setServiceUrl(next.url);
                  setRecordedUrl(next.url);
                  setSettings(next);
                  setIdentity(me);
                  setConnection({ state: "signed-in" });
                }}
                onInsertExamples={async () => {
                  const examples = buildExamples();
                  const inserted = await workbook.insertExamples(examples);
                  const tierFormulas = examples.flatMap((sheet) => sheet.formulas).filter((f) => f.formula.startsWith("TIER.")).length;
                  return {
                    intent: "success",
                    title: "Examples inserted",
                    text: `${inserted.sheets.length} sheets (${inserted.sheets.join(", ")}) with ${tierFormulas} live TIER formulas.${identity ? "" : " The Service sheet shows #N/A until you sign in."}`,
                  };
                }}
                onSignOut={async () => {
                  await clearServiceSettings();
                  setSettings(undefined);
                  setIdentity(undefined);
                  setWaiting(undefined);
                  setLastRefresh(undefined);
                  setConnection({ state: "signed-out" });
                }}
              />
            )}
          </main>
        </div>
        {demo && <DemoGrid workbook={demo} />}
      </div>
    </FluentProvider>
  );
}

/** The start-up sign-in's outcome, in words that say whose problem it is; it goes when its cause does. */
function ConnectionNotice({ connection, where, onRetry, onSettings }: { connection: Connection; where: string; onRetry: () => void; onSettings: () => void }) {
  if (connection.state === "unreachable" || connection.state === "failed") {
    return (
      <MessageBar intent={connection.state === "unreachable" ? "warning" : "error"} layout="multiline" className="tl-message" data-testid="connection">
        <MessageBarBody>
          <MessageBarTitle>{connection.state === "unreachable" ? "Service unreachable" : "Service error"}</MessageBarTitle>
          <span className="tl-message-text">
            {connection.state === "unreachable"
              ? `The Tierline service at ${where} did not answer. Your sign-in is kept: Retry when it is back. Functions and panes that compute in this browser still work.`
              : `The service at ${where} could not say who you are (${connection.detail}). Your sign-in is kept: Retry, or check the service URL under Settings.`}
          </span>
        </MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={onRetry}>
            Retry
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  if (connection.state === "refused") {
    return (
      <MessageBar intent="warning" layout="multiline" className="tl-message" data-testid="connection">
        <MessageBarBody>
          <MessageBarTitle>Token refused</MessageBarTitle>
          <span className="tl-message-text">The service at {where} refused the saved token (expired or revoked). Sign in again with a new token under Settings.</span>
        </MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={onSettings}>
            Open Settings
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  return null;
}

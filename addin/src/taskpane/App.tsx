import { Button, FluentProvider, Tab, TabList, Text, webLightTheme } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ServiceClient } from "../api/serviceClient";
import { runRefreshCommand } from "../commands/commands";
import type { ReportBus } from "../commands/reportBus";
import { clearServiceSettings, saveServiceSettings, type ServiceSettings } from "../settings/serviceSettings";
import type { DemoWorkbook } from "../workbook/demoWorkbook";
import { buildExamples } from "../workbook/examples";
import type { Workbook } from "../workbook/workbook";
import { DemoGrid } from "./DemoGrid";
import { CostToServePane } from "./panes/CostToServePane";
import { RecommendationsPane } from "./panes/RecommendationsPane";
import { SafetyStockPane } from "./panes/SafetyStockPane";
import { SegmentationPane } from "./panes/SegmentationPane";
import { SettingsPane, type Identity } from "./panes/SettingsPane";
import { MessageList, type Message } from "./ui/useOperation";

export type PaneId = "segmentation" | "safety-stock" | "cost-to-serve" | "recommendations" | "settings";

const PANES: Array<{ id: PaneId; label: string }> = [
  { id: "segmentation", label: "Segmentation" },
  { id: "safety-stock", label: "Safety stock" },
  { id: "cost-to-serve", label: "Cost-to-serve" },
  { id: "recommendations", label: "Recommendations" },
  { id: "settings", label: "Settings" },
];

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

/** The task pane: one tab per pane, the Refresh segments command, and (outside Excel) the demo workbook. */
export function App({ workbook, demo, initialSettings, defaultServiceUrl, workbookServiceUrl, reports, initialPane }: AppProps) {
  const [pane, setPane] = useState<PaneId>(initialPane ?? (initialSettings ? "segmentation" : "settings"));
  const [settings, setSettings] = useState<ServiceSettings | undefined>(initialSettings);
  const [identity, setIdentity] = useState<Identity | undefined>();
  const [notices, setNotices] = useState<Message[]>([]);
  const [refreshing, setRefreshing] = useState(false);
  const [recordedUrl, setRecordedUrl] = useState<string | undefined>(workbookServiceUrl);
  const client = useMemo(() => (settings && identity ? new ServiceClient(settings) : undefined), [settings, identity]);

  useEffect(() => reports.subscribe((report) => setNotices((n) => [...n, report])), [reports]);

  // A stored token is checked once at start: an expired or revoked one sends the planner to Settings.
  useEffect(() => {
    if (!initialSettings) return;
    new ServiceClient(initialSettings).call("me", {}).then(setIdentity, (error: unknown) => {
      setNotices((n) => [...n, { intent: "warning", title: "Not signed in", text: `The saved token was not accepted (${error instanceof Error ? error.message : String(error)}); sign in under Settings.` }]);
      setPane("settings");
    });
  }, [initialSettings]);

  const refresh = useCallback(async () => {
    setRefreshing(true);
    try {
      setNotices([await runRefreshCommand(workbook, client)]);
      setRecordedUrl(await workbook.serviceUrl().catch(() => undefined));
    } finally {
      setRefreshing(false);
    }
  }, [workbook, client]);

  return (
    // The layout classes sit on a div of their own: Fluent copies the provider's className onto every portal
    // (drop-down lists), and a full-height flex portal would lie over the page and swallow the clicks.
    <FluentProvider theme={webLightTheme}>
      <div className={demo ? "tl-app tl-app-demo" : "tl-app"}>
        <div className="tl-panes">
          <header className="tl-header">
            <h1>Tierline</h1>
            <Text size={200}>{identity ? `${identity.name} · ${identity.role}` : "not signed in"}</Text>
            <Button size="small" onClick={() => void refresh()} disabled={refreshing}>
              {refreshing ? "Refreshing…" : "Refresh segments"}
            </Button>
          </header>
          <MessageList messages={notices} onDismiss={(i) => setNotices((n) => n.filter((_, k) => k !== i))} />
          <nav aria-label="Panes">
            <TabList selectedValue={pane} onTabSelect={(_, d) => setPane(d.value as PaneId)} size="small" className="tl-tabs" style={{ flexWrap: "wrap" }}>
              {PANES.map((p) => (
                <Tab key={p.id} value={p.id}>
                  {p.label}
                </Tab>
              ))}
            </TabList>
          </nav>
          <main>
            {pane === "segmentation" && <SegmentationPane workbook={workbook} client={client} role={identity?.role} />}
            {pane === "safety-stock" && <SafetyStockPane workbook={workbook} client={client} />}
            {pane === "cost-to-serve" && <CostToServePane workbook={workbook} client={client} />}
            {pane === "recommendations" && <RecommendationsPane client={client} role={identity?.role} onMasterDataChanged={() => workbook.recalculateServiceFunctions()} />}
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

/**
 * The task pane entry (dist/taskpane.js). The page also hosts the TIER.*
 * custom functions and the ribbon commands (shared runtime), so nothing here
 * may throw at load: outside a browser page (no document) it does nothing,
 * outside Office it runs the panes on the in-page demo workbook.
 */
import { createRoot } from "react-dom/client";
import { provideMicrosoftTokens } from "../auth/microsoftAccount";
import { registerRibbonCommands } from "../commands/commands";
import { ReportBus } from "../commands/reportBus";
import { ExcelWorkbook } from "../excel/excelWorkbook";
import { defaultServiceUrl, loadServiceSettings } from "../settings/serviceSettings";
import { DemoWorkbook } from "../workbook/demoWorkbook";
import { App, type PaneId } from "./App";

/** The host Office reports, or null outside Office (office.js missing, or loaded in a plain browser). */
async function officeHost(): Promise<string | null> {
  if (typeof Office === "undefined") return null;
  const info = await Office.onReady();
  return info.host === null || info.host === undefined ? null : String(info.host);
}

async function start(root: HTMLElement): Promise<void> {
  // Before anything calls the service: a Microsoft sign-in's tokens come from this bundle's MSAL, for the functions too.
  provideMicrosoftTokens(globalThis.location.origin);
  const reports = new ReportBus();
  const host = await officeHost().catch(() => null);
  const inExcel = host === "Excel";
  const demo = inExcel ? undefined : new DemoWorkbook();
  const workbook = demo ?? new ExcelWorkbook();
  if (inExcel) registerRibbonCommands(workbook, reports);
  // A shared workbook says which service it belongs to; a workbook that cannot be read says nothing.
  const workbookServiceUrl = await workbook.serviceUrl().catch(() => undefined);
  const [settings, serviceUrl] = await Promise.all([loadServiceSettings().catch(() => undefined), defaultServiceUrl({ workbookUrl: workbookServiceUrl, origin: globalThis.location?.origin })]);
  const pane = new URLSearchParams(globalThis.location?.search ?? "").get("pane") as PaneId | null;
  createRoot(root).render(<App workbook={workbook} demo={demo} initialSettings={settings} defaultServiceUrl={serviceUrl} workbookServiceUrl={workbookServiceUrl} reports={reports} initialPane={pane ?? undefined} />);
}

const root = typeof document !== "undefined" && typeof document.getElementById === "function" ? document.getElementById("root") : null;
if (root) {
  start(root).catch((error: unknown) => {
    root.textContent = `Tierline failed to start: ${error instanceof Error ? error.message : String(error)}`;
  });
}

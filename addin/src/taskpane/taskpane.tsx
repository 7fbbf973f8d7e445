/**
 * The task pane entry (dist/taskpane.js). The page also hosts the TIER.*
 * custom functions and the ribbon commands (shared runtime), so nothing here
 * may throw at load: outside a browser page (no document) it does nothing,
 * outside Office it runs the panes on the in-page demo workbook.
 */
import { createRoot } from "react-dom/client";
import { registerRibbonCommands } from "../commands/commands";
import { ReportBus } from "../commands/reportBus";
import { ExcelWorkbook } from "../excel/excelWorkbook";
import { loadServiceSettings } from "../settings/serviceSettings";
import { DemoWorkbook } from "../workbook/demoWorkbook";
import { App, type PaneId } from "./App";

/** Where the service is when nothing is saved: the page's tierline-config.json (written by `npm start`), else the service's default port. */
async function defaultServiceUrl(): Promise<string> {
  try {
    const res = await fetch("tierline-config.json", { cache: "no-store" });
    if (res.ok) {
      const config = (await res.json()) as { serviceUrl?: unknown };
      if (typeof config.serviceUrl === "string") return config.serviceUrl;
    }
  } catch {
    // no config file beside the page: fall through to the default
  }
  return "http://127.0.0.1:3001";
}

/** The host Office reports, or null outside Office (office.js missing, or loaded in a plain browser). */
async function officeHost(): Promise<string | null> {
  if (typeof Office === "undefined") return null;
  const info = await Office.onReady();
  return info.host === null || info.host === undefined ? null : String(info.host);
}

async function start(root: HTMLElement): Promise<void> {
  const reports = new ReportBus();
  const host = await officeHost().catch(() => null);
  const inExcel = host === "Excel";
  const demo = inExcel ? undefined : new DemoWorkbook();
  const workbook = demo ?? new ExcelWorkbook();
  if (inExcel) registerRibbonCommands(workbook, reports);
  const [settings, serviceUrl] = await Promise.all([loadServiceSettings().catch(() => undefined), defaultServiceUrl()]);
  const pane = new URLSearchParams(globalThis.location?.search ?? "").get("pane") as PaneId | null;
  createRoot(root).render(<App workbook={workbook} demo={demo} initialSettings={settings} defaultServiceUrl={serviceUrl} reports={reports} initialPane={pane ?? undefined} />);
}

const root = typeof document !== "undefined" && typeof document.getElementById === "function" ? document.getElementById("root") : null;
if (root) {
  start(root).catch((error: unknown) => {
    root.textContent = `Tierline failed to start: ${error instanceof Error ? error.message : String(error)}`;
  });
}

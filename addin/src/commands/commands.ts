import { ServiceClient, ServiceError } from "../api/serviceClient";
import { loadServiceSettings } from "../settings/serviceSettings";
import type { Workbook } from "../workbook/workbook";
import { describeRefresh, refreshSegments, type RefreshReport } from "./refreshSegments";
import type { CommandReport, ReportBus } from "./reportBus";
import { showChangesWaitingOnRibbon } from "./ribbon";

/** The ribbon button's FunctionName in manifest.xml. */
export const REFRESH_SEGMENTS_ACTION = "refreshSegments";

/**
 * After master data may have changed: the service-backed cells recalculate
 * (their caches dropped first) unless every managed table answered "not
 * modified" — then nothing changed and a full recalculation would be waste.
 * With no managed table we cannot tell, so TIER.SEGMENT cells are refreshed.
 */
export function masterDataMayHaveChanged(report: RefreshReport): boolean {
  return report.tables.length === 0 || report.tables.some((t) => t.status === "updated");
}

/**
 * Runs "Refresh segments" and words the outcome, errors included (a ribbon
 * command has no console the planner sees). The workbook records which
 * service it was refreshed from, so a colleague opening it knows where to sign in.
 */
export async function runRefreshCommand(workbook: Workbook, client: ServiceClient | undefined): Promise<CommandReport> {
  if (!client) return { intent: "warning", title: "Refresh segments", text: "Sign in to the Tierline service first (Settings)." };
  try {
    const report = await refreshSegments(workbook, client);
    await workbook.setServiceUrl(client.url);
    if (masterDataMayHaveChanged(report)) await workbook.recalculateServiceFunctions();
    // Every table now holds the current version: nothing waits any more.
    await showChangesWaitingOnRibbon(0).catch(() => false);
    const changes = report.tables.reduce((n, t) => n + t.changed.length, 0);
    const updated = report.tables.some((t) => t.status === "updated");
    return { intent: changes ? "success" : "info", title: changes ? "Segments refreshed" : updated ? "Segments checked, nothing changed" : "Segments already up to date", text: describeRefresh(report), refresh: report };
  } catch (error) {
    if (error instanceof ServiceError && (error.status === "unreachable" || error.status === "timeout" || (typeof error.status === "number" && error.status >= 500))) {
      return { intent: "error", title: "Refresh segments failed: service unreachable", text: `${error.message}. The tables were left as they were; try again when the service is back.` };
    }
    const status = error instanceof ServiceError ? ` (${error.status})` : "";
    return { intent: "error", title: `Refresh segments failed${status}`, text: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Associates the ribbon command in the shared runtime. The report goes to the
 * pane, which the command opens so the planner sees what changed.
 */
export function registerRibbonCommands(workbook: Workbook, reports: ReportBus): void {
  Office.actions.associate(REFRESH_SEGMENTS_ACTION, (event: Office.AddinCommands.Event) => {
    loadServiceSettings()
      .then((settings) => runRefreshCommand(workbook, settings && new ServiceClient(settings)))
      .then((report) => {
        reports.post(report);
        return Office.addin.showAsTaskpane();
      })
      .catch((error: unknown) => reports.post({ intent: "error", title: "Refresh segments failed", text: error instanceof Error ? error.message : String(error) }))
      .finally(() => event.completed());
  });
}

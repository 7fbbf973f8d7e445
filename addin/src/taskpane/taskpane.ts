/**
 * Placeholder task pane. The page also hosts the TIER.* custom functions (shared runtime), so this
 * script must never throw: outside Office (a plain browser, office.js unreachable) `Office` is not
 * defined and the pane just says so.
 */

/** The line shown under the placeholder text, from the host reported by `Office.onReady`. */
export function statusText(host: Office.HostType | null | undefined): string {
  if (host === undefined) return "Office is not available: open Tierline from Excel.";
  if (host === null) return "Not running inside Excel: open Tierline from Excel.";
  return `Connected to ${host}.`;
}

function showStatus(text: string): void {
  const element = document.getElementById("status");
  if (element) element.textContent = text;
}

function start(): void {
  if (typeof Office === "undefined") {
    showStatus(statusText(undefined));
    return;
  }
  Office.onReady((info) => showStatus(statusText(info.host))).catch((error: unknown) => {
    showStatus(`Office failed to start: ${error instanceof Error ? error.message : String(error)}`);
  });
}

if (typeof document !== "undefined") start();

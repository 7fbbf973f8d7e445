import type { RefreshReport } from "./refreshSegments";

export interface CommandReport {
  intent: "success" | "info" | "warning" | "error";
  title: string;
  text: string;
  /** a refresh's table-by-table outcome, for the pane's "What changed" table */
  refresh?: RefreshReport;
}

/**
 * Ribbon commands run in the shared runtime with no UI of their own; they
 * post what happened here and the pane (shown by the command) displays it in
 * a MessageBar. Reports posted before the pane subscribes are kept for it.
 */
export class ReportBus {
  private readonly pending: CommandReport[] = [];
  private listener: ((report: CommandReport) => void) | undefined;

  post(report: CommandReport): void {
    if (this.listener) this.listener(report);
    else this.pending.push(report);
  }

  subscribe(listener: (report: CommandReport) => void): () => void {
    this.listener = listener;
    for (const report of this.pending.splice(0)) listener(report);
    return () => {
      if (this.listener === listener) this.listener = undefined;
    };
  }
}

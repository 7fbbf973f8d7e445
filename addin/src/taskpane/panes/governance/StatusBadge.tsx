import { Badge } from "@fluentui/react-components";
import type { ActionStatus, KpiValue } from "../../../../../shared/src/api";
import { STATUS_WORDS } from "./kpiWords";

const KPI_COLOURS: Record<KpiValue["status"], "success" | "danger" | "informative"> = { met: "success", breach: "danger", no_data: "informative", no_target: "informative" };

/** Met in green, breach in red, with the word as well: the colour is never the only sign. */
export function KpiStatusBadge({ status }: { status: KpiValue["status"] }) {
  return (
    <Badge appearance={status === "breach" ? "filled" : "tint"} color={KPI_COLOURS[status]} size="small">
      {STATUS_WORDS[status]}
    </Badge>
  );
}

export const ACTION_STATUS_WORDS: Record<ActionStatus, string> = { open: "open", in_progress: "in progress", done: "done", cancelled: "cancelled" };
const ACTION_COLOURS: Record<ActionStatus, "warning" | "brand" | "success" | "informative"> = { open: "warning", in_progress: "brand", done: "success", cancelled: "informative" };

export function ActionStatusBadge({ status }: { status: ActionStatus }) {
  return (
    <Badge appearance="tint" color={ACTION_COLOURS[status]} size="small">
      {ACTION_STATUS_WORDS[status]}
    </Badge>
  );
}

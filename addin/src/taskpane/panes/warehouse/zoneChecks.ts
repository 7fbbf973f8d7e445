import type { PlanSlottingInput } from "../../../../../shared/src/api";
import { checkNumberField } from "../../ui/fields";
import type { ZoneDraft } from "./ZonesEditor";

/** The zones as typed, checked row by row; the request's zones when every row is valid. */
export function checkZones(drafts: readonly ZoneDraft[]): { ok: boolean; problems: Array<string | undefined>; zones: PlanSlottingInput["zones"] } {
  const seen = new Set<string>();
  const zones: PlanSlottingInput["zones"] = [];
  const problems = drafts.map((d) => {
    const name = d.zone.trim();
    if (!name) return "give the zone a name";
    if (seen.has(name)) return `"${name}" is listed twice`;
    seen.add(name);
    const capacity = checkNumberField(d.capacity, "Slots", { min: 0 });
    if (!capacity.ok) return capacity.message;
    const cost = checkNumberField(d.costPerPick, "Cost a pick", { min: 0 });
    if (!cost.ok) return cost.message;
    zones.push({ zone: name, capacity: capacity.value, costPerPick: cost.value, refrigerated: d.refrigerated });
    return undefined;
  });
  return { ok: problems.every((p) => p === undefined), problems, zones };
}

import type { DesignNetworkInput, NetworkDesignResult } from "../../../../../shared/src/api";
import type { ServiceClient } from "../../../api/serviceClient";
import type { Workbook } from "../../../workbook/workbook";
import { runJob } from "../../runs/runJob";
import type { Step } from "../../ui/useOperation";

export const NETWORK_SEGMENTS_TABLE = "TierlineNetworkSegments";
export const NETWORK_ASSIGNMENTS_TABLE = "TierlineNetworkAssignments";
export const NETWORK_MAP_TABLE = "TierlineNetworkMap";
export const NETWORK_MAP_TITLE = "Network map";

/** The design runs as a job on the service: it may take minutes, and the pane shows its phases and can cancel it. */
export function designNetworkJob(client: ServiceClient, body: DesignNetworkInput, step: Step): Promise<NetworkDesignResult> {
  return runJob(client, "designNetwork", body, step);
}

/**
 * The result in the workbook: cost and service per segment for the chosen
 * and today's network, the assignment per customer, and the map (customers
 * by segment and DCs by whether the design opens them, at their coordinates;
 * rows grouped by series so each group is one block the chart can plot).
 */
export async function writeNetworkResult(workbook: Workbook, result: NetworkDesignResult): Promise<void> {
  const variants = [["Chosen", result.chosen] as const, ...(result.current ? [["Current", result.current] as const] : [])];
  await workbook.writeTable({
    name: NETWORK_SEGMENTS_TABLE,
    headers: ["Segment", "Network", "Customers", "Demand", "MaxKm", "DemandWithinLimit", "MeanKm", "TransportCost", "HandlingCost", "FixedCostShare", "TotalCost", "CostPerUnit"],
    rows: result.chosen.segments.flatMap((s, k) =>
      variants.map(([network, v]) => {
        const r = v.segments[k];
        return [s.segment, network, r.customers, r.demand, r.maxKm, r.demandWithinLimit, r.meanKm, r.transportCost, r.handlingCost, r.fixedCostShare, r.totalCost, r.costPerUnit];
      }),
    ),
  });
  await workbook.writeTable({
    name: NETWORK_ASSIGNMENTS_TABLE,
    headers: ["Customer", "Segment", "DC", "Share", "Km", "WithinLimit", "Cost", "CurrentDC"],
    rows: result.assignments.map((a) => [a.customer, a.segment, a.dc, a.share, a.km, a.withinLimit ? "yes" : "no", a.cost, a.currentDc]),
  });
  const rows: Array<[string, string, number, number]> = [];
  for (const segment of [...new Set(result.points.customers.map((c) => c.segment))]) {
    for (const c of result.points.customers) if (c.segment === segment) rows.push([c.id, `Customers ${segment}`, c.lon, c.lat]);
  }
  for (const open of [true, false]) {
    for (const d of result.points.dcs) if (d.open === open) rows.push([d.name, open ? "DC open" : "DC closed", d.lon, d.lat]);
  }
  await workbook.writeTable({ name: NETWORK_MAP_TABLE, headers: ["Name", "Kind", "Longitude", "Latitude"], rows });
  await workbook.drawChart({ kind: "scatter", title: NETWORK_MAP_TITLE, table: NETWORK_MAP_TABLE, categoryColumn: "Name", xColumn: "Longitude", yColumn: "Latitude", seriesColumn: "Kind" });
}

import type { Executor } from "./executor";
import { insertChunked } from "./insertChunked";
import type { DcCandidateTable } from "./schema";

export interface DcCandidate {
  id: string;
  name: string;
  lat: number;
  lon: number;
  fixedCost: number;
  capacity: number | null;
  current: boolean;
  handlingCostPerUnit: number;
  costPerUnitKm: number | null;
}

/** The candidate set is the file: an import replaces every row. */
export async function replaceDcCandidates(db: Executor, rows: ReadonlyArray<DcCandidate>): Promise<void> {
  await db.deleteFrom("dc_candidates").execute();
  const values: DcCandidateTable[] = rows.map((r, position) => ({
    dc_id: r.id,
    name: r.name,
    lat: r.lat,
    lon: r.lon,
    fixed_cost: r.fixedCost,
    capacity: r.capacity,
    current: r.current ? 1 : 0,
    handling_cost_per_unit: r.handlingCostPerUnit,
    cost_per_unit_km: r.costPerUnitKm,
    position,
  }));
  await insertChunked(db, "dc_candidates", values);
}

export async function listDcCandidates(db: Executor): Promise<DcCandidate[]> {
  const rows = await db.selectFrom("dc_candidates").selectAll().orderBy("position").execute();
  return rows.map((r) => ({
    id: r.dc_id,
    name: r.name,
    lat: Number(r.lat),
    lon: Number(r.lon),
    fixedCost: Number(r.fixed_cost),
    capacity: r.capacity === null ? null : Number(r.capacity),
    current: Number(r.current) === 1,
    handlingCostPerUnit: Number(r.handling_cost_per_unit),
    costPerUnitKm: r.cost_per_unit_km === null ? null : Number(r.cost_per_unit_km),
  }));
}

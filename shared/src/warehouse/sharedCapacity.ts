import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { solveLp } from "../optimisation";
import { mustBe, numberSchema, checkNumber } from "../validation";

export const capacitySegmentSchema = z.object({
  segment: z.string().trim().min(1, "a segment may not be blank"),
  /** profit per unit stored / served */
  profitPerUnit: z.number(mustBe.number).finite(),
  /** capacity one unit takes (pallet places, m³ of refrigerated space) */
  capacityPerUnit: z.number(mustBe.number).finite().gt(0, mustBe.above(0)),
  /** units the segment could use */
  demand: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)),
  /** service floor: the share of demand the segment must get, 0–1 */
  serviceFloor: numberSchema({ min: 0, max: 1 }).default(0),
});
export type CapacitySegment = z.input<typeof capacitySegmentSchema>;

const segmentsSchema = z
  .array(capacitySegmentSchema)
  .min(1, "give at least one segment")
  .superRefine((rows, ctx) => {
    const seen = new Map<string, number>();
    rows.forEach((r, i) => {
      if (seen.has(r.segment)) ctx.addIssue({ code: "custom", path: [i, "segment"], message: `duplicate segment "${r.segment}" (also in row ${seen.get(r.segment)})` });
      seen.set(r.segment, i);
    });
  });

/**
 * The linear programme of shared-capacity allocation, in CPLEX LP format:
 *
 *   max Σₛ pₛ xₛ  s.t.  Σₛ cₛ xₛ ≤ C,  fₛ dₛ ≤ xₛ ≤ dₛ,
 *
 * with xₛ the units of segment s, pₛ its profit per unit, cₛ the capacity a
 * unit takes, dₛ its demand and fₛ its service floor. Pure, so it can be
 * tested without the solver; variables are x0, x1, … in segment order.
 *
 * @throws DomainError naming `segments[i].field` or `capacity`
 */
export function sharedCapacityModel(segments: ReadonlyArray<CapacitySegment>, capacity: number): string {
  const rows = parseWith(segmentsSchema, segments, "segments");
  checkNumber(capacity, "capacity", { min: 0 });
  const term = (coefficient: number, i: number) => `${coefficient < 0 ? "-" : "+"} ${Math.abs(coefficient)} x${i}`;
  return [
    "Maximize",
    ` profit: ${rows.map((r, i) => term(r.profitPerUnit, i)).join(" ")}`,
    "Subject To",
    ` capacity: ${rows.map((r, i) => term(r.capacityPerUnit, i)).join(" ")} <= ${capacity}`,
    "Bounds",
    ...rows.map((r, i) => ` ${r.serviceFloor * r.demand} <= x${i} <= ${r.demand}`),
    "End",
  ].join("\n");
}

export interface SharedCapacityAllocation {
  segments: Array<{ segment: string; units: number; capacityUsed: number; profit: number; serviceShare: number | null }>;
  profit: number;
  capacityUsed: number;
  /** profit of one more unit of capacity (the capacity constraint's shadow price) */
  capacityShadowPrice: number;
}

/**
 * Allocate a shared capacity (refrigerated space, a fast-pick zone) across
 * segments to maximise profit while every segment gets its service floor:
 * the LP of {@link sharedCapacityModel}, solved by HiGHS. Its optimum fills
 * capacity in order of profit per unit of capacity, pₛ / cₛ, above the floors
 * (the LP is a continuous knapsack: Dantzig, "Discrete-variable extremum
 * problems", Operations Research 5(2), 1957).
 *
 * @throws DomainError (`segments`, out_of_range) when the floors alone need more than the capacity
 */
export async function allocateSharedCapacity(segments: ReadonlyArray<CapacitySegment>, capacity: number): Promise<SharedCapacityAllocation> {
  const model = sharedCapacityModel(segments, capacity);
  const rows = parseWith(segmentsSchema, segments, "segments");
  const solution = await solveLp(model);
  if (solution.Status === "Infeasible") {
    const floors = rows.reduce((a, r) => a + r.serviceFloor * r.demand * r.capacityPerUnit, 0);
    throw new DomainError("segments", `the service floors need ${floors} of capacity but only ${capacity} is available`, "out_of_range");
  }
  if (solution.Status !== "Optimal") throw new DomainError("segments", `the solver stopped with status "${solution.Status}"`, "invalid");
  const columns = solution.Columns as Record<string, { Primal: number }>;
  const out = rows.map((r, i) => {
    const units = columns[`x${i}`]?.Primal ?? 0;
    return { segment: r.segment, units, capacityUsed: units * r.capacityPerUnit, profit: units * r.profitPerUnit, serviceShare: r.demand > 0 ? units / r.demand : null };
  });
  // An LP solution's rows carry duals; the union type also covers MIP rows, which do not.
  const capacityRow = (solution.Rows as Array<{ Name?: string; Dual?: number }>).find((row) => row.Name === "capacity");
  const dual = capacityRow?.Dual ?? 0;
  return {
    segments: out,
    profit: out.reduce((a, s) => a + s.profit, 0),
    capacityUsed: out.reduce((a, s) => a + s.capacityUsed, 0),
    capacityShadowPrice: Math.abs(dual),
  };
}

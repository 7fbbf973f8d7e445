import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { solveMip, type MipModel, type MipStatus } from "../optimisation/solveMip";
import { mustBe, numberSchema } from "../validation";

const nonNegative = z.number(mustBe.number).finite().min(0, mustBe.atLeast(0));
const id = z.union([z.string().trim().min(1, "an id may not be blank"), z.number(mustBe.number)]);

export const slottingItemSchema = z.object({
  id,
  segment: z.string().trim().min(1, "a segment may not be blank"),
  /** picks per period (pick velocity) */
  picks: nonNegative,
  /** storage the item takes, in the zones' capacity unit (slots, pallet places, shelf metres) */
  space: z.number(mustBe.number).finite().gt(0, mustBe.above(0)),
  refrigerated: z.boolean().default(false),
  /** the zone the item is in today; omit for a new item */
  currentZone: z.string().trim().min(1, "a zone may not be blank").optional(),
});
export type SlottingItem = z.input<typeof slottingItemSchema>;

export const storageZoneSchema = z.object({
  zone: z.string().trim().min(1, "a zone may not be blank"),
  capacity: nonNegative,
  /** cost of one pick from the zone (travel and reach time × labour rate): lowest in the golden zone */
  costPerPick: nonNegative,
  refrigerated: z.boolean().default(false),
});
export type StorageZone = z.input<typeof storageZoneSchema>;

export const slottingOptionsSchema = z.object({
  /** weight of each segment's picks (service priority); segments not listed weigh 1 */
  segmentWeights: z.record(z.string(), z.number(mustBe.number).finite().gt(0, mustBe.above(0))).default({}),
  /** cost of moving an item out of its current zone */
  moveCost: nonNegative.default(0),
  mipRelGap: numberSchema({ min: 0, max: 1 }).default(1e-6),
  timeLimitSeconds: z.number(mustBe.number).gt(0, mustBe.above(0)).default(30),
});
export type SlottingOptions = z.input<typeof slottingOptionsSchema>;

export interface SlottingModel {
  model: MipModel;
  /** variable k places item arcItem[k] in zone arcZone[k] */
  arcItem: Int32Array;
  arcZone: Int32Array;
  arcCost: Float64Array;
}

interface ParsedSlotting {
  items: Array<z.output<typeof slottingItemSchema> & { key: string }>;
  zones: Array<z.output<typeof storageZoneSchema>>;
  options: z.output<typeof slottingOptionsSchema>;
  current: Int32Array;
}

function parseSlotting(items: ReadonlyArray<SlottingItem>, zones: ReadonlyArray<StorageZone>, options: SlottingOptions): ParsedSlotting {
  const rows = parseWith(z.array(slottingItemSchema).min(1, "give at least one item"), items, "items");
  const zs = parseWith(z.array(storageZoneSchema).min(1, "give at least one zone"), zones, "zones");
  const opts = parseWith(slottingOptionsSchema, options, "options");
  const zoneOf = new Map<string, number>();
  zs.forEach((z, k) => {
    if (zoneOf.has(z.zone)) throw new DomainError(`zones[${k}].zone`, `duplicate zone "${z.zone}" (also in row ${zoneOf.get(z.zone)})`);
    zoneOf.set(z.zone, k);
  });
  const seen = new Map<string, number>();
  const current = new Int32Array(rows.length).fill(-1);
  const parsed = rows.map((r, i) => {
    const key = String(r.id).trim();
    if (seen.has(key)) throw new DomainError(`items[${i}].id`, `duplicate id "${key}" (also at items[${seen.get(key)}])`);
    seen.set(key, i);
    if (r.currentZone !== undefined) {
      const k = zoneOf.get(r.currentZone);
      if (k === undefined) throw new DomainError(`items[${i}].currentZone`, `"${r.currentZone}" is not a zone`, "invalid");
      current[i] = k;
    }
    return { ...r, key };
  });
  return { items: parsed, zones: zs, options: opts, current };
}

/**
 * The slotting model: assign every item to one storage zone, minimising the
 * service-weighted cost of picking plus the cost of moves,
 *
 *   min Σᵢ Σₖ (wₛ₍ᵢ₎ · picksᵢ · costPerPickₖ + move · [k ≠ currentᵢ]) zᵢₖ
 *   s.t. Σₖ zᵢₖ = 1 (each item slotted once),  Σᵢ spaceᵢ zᵢₖ ≤ capacityₖ,  zᵢₖ ∈ {0, 1},
 *
 * with zᵢₖ absent when the item's temperature class differs from the
 * zone's. A generalised assignment problem (Ross & Soland, "A branch and
 * bound algorithm for the generalized assignment problem", Mathematical
 * Programming 8, 1975); with equal spaces and no move cost its optimum is
 * the cube-per-order-index ranking — fastest movers per unit of space into
 * the cheapest zone (Heskett, "Cube-per-order index — a key to warehouse
 * stock location", Transportation and Distribution Management 3, 1963;
 * Kallina & Lynn, Interfaces 7(1), 1976) — which the tests use as reference.
 * Pure: arrays only.
 *
 * @throws DomainError naming `items[i]` when no zone of its temperature class exists, or a bad field
 */
export function slottingModel(items: ReadonlyArray<SlottingItem>, zones: ReadonlyArray<StorageZone>, options: SlottingOptions = {}): SlottingModel {
  return buildSlotting(parseSlotting(items, zones, options));
}

function buildSlotting({ items, zones, options, current }: ParsedSlotting): SlottingModel {
  const n = items.length;
  const m = zones.length;
  const arcItem: number[] = [];
  const arcZone: number[] = [];
  const arcCost: number[] = [];
  items.forEach((it, i) => {
    const before = arcItem.length;
    const weight = options.segmentWeights[it.segment] ?? 1;
    zones.forEach((z, k) => {
      if (z.refrigerated !== it.refrigerated) return;
      arcItem.push(i);
      arcZone.push(k);
      arcCost.push(weight * it.picks * z.costPerPick + (current[i] >= 0 && current[i] !== k ? options.moveCost : 0));
    });
    if (arcItem.length === before) {
      throw new DomainError(`items[${i}]`, `no ${it.refrigerated ? "refrigerated" : "ambient"} zone to put item "${it.key}" in`, "missing");
    }
  });
  const arcs = arcItem.length;
  const numRows = n + m;
  // Each arc appears in its item's row and its zone's row: build the zone rows by counting first.
  const zoneCount = new Int32Array(m);
  for (const k of arcZone) zoneCount[k]++;
  const starts = new Int32Array(numRows + 1);
  for (let i = 0, p = 0; i < n; i++) {
    starts[i] = p;
    while (p < arcs && arcItem[p] === i) p++;
    starts[i + 1] = p;
  }
  for (let k = 0; k < m; k++) starts[n + k + 1] = starts[n + k] + zoneCount[k];
  const indices = new Int32Array(2 * arcs);
  const values = new Float64Array(2 * arcs);
  const fill = Int32Array.from({ length: m }, (_, k) => starts[n + k]);
  for (let a = 0; a < arcs; a++) {
    indices[a] = a;
    values[a] = 1;
    const p = fill[arcZone[a]]++;
    indices[p] = a;
    values[p] = items[arcItem[a]].space;
  }
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  for (let i = 0; i < n; i++) rowLower[i] = rowUpper[i] = 1;
  for (let k = 0; k < m; k++) {
    rowLower[n + k] = -Infinity;
    rowUpper[n + k] = zones[k].capacity;
  }
  return {
    model: {
      numCols: arcs,
      numRows,
      colCost: Float64Array.from(arcCost),
      colLower: new Float64Array(arcs),
      colUpper: new Float64Array(arcs).fill(1),
      rowLower,
      rowUpper,
      starts,
      indices,
      values,
      integer: new Int32Array(arcs).fill(1),
    },
    arcItem: Int32Array.from(arcItem),
    arcZone: Int32Array.from(arcZone),
    arcCost: Float64Array.from(arcCost),
  };
}

export interface SlottingPlan {
  /** in input order */
  items: Array<{ id: string; segment: string; zone: string; from: string | null; moved: boolean; pickCost: number }>;
  moves: Array<{ id: string; from: string; to: string }>;
  zones: Array<{ zone: string; capacity: number; used: number; items: number }>;
  /** weighted pick cost + move cost of the plan */
  cost: number;
  /** weighted pick cost of today's slotting, when every item has a current zone */
  currentCost: number | null;
  solver: { status: MipStatus; gap: number; seconds: number };
}

/**
 * Slot items into zones (golden zone, fast pick, reserve, refrigerated) by
 * pick velocity and segment service priority within zone capacities — the
 * model of {@link slottingModel} solved by HiGHS — and list the moves from
 * today's slotting.
 *
 * @throws DomainError as {@link slottingModel}, or (`zones`, out_of_range) when the items do not fit the capacities
 */
export async function planSlotting(items: ReadonlyArray<SlottingItem>, zones: ReadonlyArray<StorageZone>, options: SlottingOptions = {}): Promise<SlottingPlan> {
  const parsed = parseSlotting(items, zones, options);
  const built = buildSlotting(parsed);
  const solution = await solveMip(built.model, { mipRelGap: parsed.options.mipRelGap, timeLimitSeconds: parsed.options.timeLimitSeconds });
  if (solution.status === "infeasible") {
    throw new DomainError("zones", "the items do not fit the zones' capacities (per temperature class)", "out_of_range");
  }
  if (solution.values.length === 0) throw new DomainError("zones", `the solver found no slotting (${solution.statusText})`, "invalid");
  const zoneOfItem = new Int32Array(parsed.items.length);
  for (let a = 0; a < built.arcItem.length; a++) if (solution.values[a] > 0.5) zoneOfItem[built.arcItem[a]] = built.arcZone[a];
  const used = new Float64Array(parsed.zones.length);
  const count = new Uint32Array(parsed.zones.length);
  const weightOf = (segment: string) => parsed.options.segmentWeights[segment] ?? 1;
  let cost = 0;
  let currentCost: number | null = 0;
  const out = parsed.items.map((it, i) => {
    const k = zoneOfItem[i];
    used[k] += it.space;
    count[k]++;
    const pickCost = weightOf(it.segment) * it.picks * parsed.zones[k].costPerPick;
    const from = parsed.current[i] >= 0 ? parsed.zones[parsed.current[i]].zone : null;
    const moved = from !== null && parsed.current[i] !== k;
    cost += pickCost + (moved ? parsed.options.moveCost : 0);
    if (currentCost !== null) currentCost = parsed.current[i] >= 0 ? currentCost + weightOf(it.segment) * it.picks * parsed.zones[parsed.current[i]].costPerPick : null;
    return { id: it.key, segment: it.segment, zone: parsed.zones[k].zone, from, moved, pickCost };
  });
  return {
    items: out,
    moves: out.filter((x) => x.moved).map((x) => ({ id: x.id, from: x.from!, to: x.zone })),
    zones: parsed.zones.map((z, k) => ({ zone: z.zone, capacity: z.capacity, used: used[k], items: count[k] })),
    cost,
    currentCost,
    solver: { status: solution.status, gap: solution.gap, seconds: solution.seconds },
  };
}

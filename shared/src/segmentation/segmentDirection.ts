import { splitSegmentKey } from "./segmentKey";

/** A segment move seen by a planner: toward a better class, a worse one, or sideways. */
export type SegmentDirection = "upgrade" | "downgrade" | "lateral";

/** Value classes, best first: an ABC class of a product and the tier of a customer rank the same way. */
const VALUE_CLASSES: Record<string, number> = { A: 0, B: 1, C: 2, Key: 0, Core: 1, Transactional: 2 };
/** Variability classes, most predictable first. */
const VARIABILITY_CLASSES: Record<string, number> = { X: 0, Y: 1, Z: 2 };

interface Ranks {
  value?: number;
  variability?: number;
}

/** The ranked parts of a segment label: "AX", "B", "Key", "Z", or a hybrid key such as "Key|AX|North". */
function ranksOf(segment: string): Ranks {
  const ranks: Ranks = {};
  for (const piece of splitSegmentKey(segment)) {
    const compound = /^([ABC])([XYZ])$/.exec(piece);
    if (compound) {
      ranks.value ??= VALUE_CLASSES[compound[1]];
      ranks.variability ??= VARIABILITY_CLASSES[compound[2]];
    } else if (piece in VALUE_CLASSES) ranks.value ??= VALUE_CLASSES[piece];
    else if (piece in VARIABILITY_CLASSES) ranks.variability ??= VARIABILITY_CLASSES[piece];
  }
  return ranks;
}

/**
 * The direction of a move from one segment to another. The value class
 * decides (A > B > C, Key > Core > Transactional): a compound move such as
 * AX → BY is a downgrade and AZ → BX too, because what an entity is worth
 * drives its service level and attention more than how steady its demand is.
 * A move within one value class (AX → AY, Key|North → Key|South) is lateral,
 * as is any move between labels this ranking does not know (cluster names,
 * hand-made segments). Only when neither side has a value class does the
 * variability class rank (X > Y > Z: X → Z is a downgrade).
 *
 * @example segmentDirection("CX", "BX") // "upgrade"
 * @example segmentDirection("AX", "BY") // "downgrade"
 * @example segmentDirection("AX", "AZ") // "lateral"
 */
export function segmentDirection(from: string, to: string): SegmentDirection {
  const a = ranksOf(from);
  const b = ranksOf(to);
  if (a.value !== undefined || b.value !== undefined) return compare(a.value, b.value);
  return compare(a.variability, b.variability);
}

function compare(from: number | undefined, to: number | undefined): SegmentDirection {
  if (from === undefined || to === undefined || from === to) return "lateral";
  return to < from ? "upgrade" : "downgrade";
}

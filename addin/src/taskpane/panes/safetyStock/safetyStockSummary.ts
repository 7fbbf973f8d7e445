/**
 * Safety stock as a planner reads it: never below zero, with the reason when
 * the formula went below, summed per segment and in total.
 *
 * Why the formula can go negative: the fill-rate method (Silver, Pyke &
 * Thomas, 4th ed., eqs. 6.28/6.29; TIER.SAFETYSTOCKFR in
 * shared/tier-functions.md) solves σL·G(k) = (1 − β)·Q for k. When the
 * shortage a cycle may have, (1 − β)·Q, exceeds σL·G(0) = 0.3989·σL, k < 0:
 * the order quantity alone meets the fill rate. A cycle service level below
 * 50 % gives z = Φ⁻¹(CSL) < 0 likewise. Holding less than nothing is not a
 * stock a planner can keep, so what is written and shown is max(0, formula);
 * the worksheet function keeps the formula's value.
 */

export type TargetKind = "fill-rate" | "cycle-service-level";

export interface ItemSafetyStock {
  segment: string;
  kind: TargetKind;
  /** the policy's target as a share (0.9 = 90 %) */
  target: number;
  /** the engine's safety stock in units, possibly negative */
  formula: number;
  unitCost: number;
  /** order quantity in units, for the cycle stock Q/2 */
  orderQuantity: number;
}

export interface SegmentSafetyStock {
  segment: string;
  items: number;
  kind: TargetKind;
  /** the segment's policy target (the same for each of its items: the policy is looked up by segment) */
  target: number;
  /** units, each item floored at zero */
  units: number;
  /** units × unit cost, floored like the units */
  value: number;
  cycleStockValue: number;
  totalValue: number;
  /** items whose formula went below zero */
  flooredItems: number;
  /** why the floored items are at zero, in words; "" when none is */
  note: string;
}

export interface SafetyStockTotals {
  items: number;
  units: number;
  value: number;
  cycleStockValue: number;
  totalValue: number;
  flooredItems: number;
}

/** The safety stock a planner keeps: the formula's, but never below zero. */
export function flooredSafetyStock(formula: number): number {
  return formula > 0 ? formula : 0;
}

/** 0.9 → "90 %", 0.975 → "97.5 %". */
export function percent(share: number): string {
  return `${(share * 100).toLocaleString("en-US", { maximumFractionDigits: 1 })} %`;
}

/** Units with a true minus sign; one decimal below 10 so a small negative does not read "−0". */
export function units(x: number): string {
  const digits = Math.abs(x) < 10 ? 1 : 0;
  const text = Math.abs(x).toLocaleString("en-US", { maximumFractionDigits: digits });
  return x < 0 && text !== "0" ? `−${text}` : text;
}

function why(kind: TargetKind, target: number, plural: boolean): string {
  if (kind === "fill-rate") return `${plural ? "their" : "the"} order quantity alone meets the ${percent(target)} fill rate`;
  return `a ${percent(target)} cycle service level is below 50 %, so the reorder point sits under the mean lead-time demand`;
}

/** Why one item's safety stock is 0 though its formula gave less; "" when it did not. */
export function itemNote(kind: TargetKind, target: number, formula: number): string {
  if (formula >= 0) return "";
  return `0 (${why(kind, target, false)}: formula gives ${units(formula)})`;
}

/** Why a segment's floored items are at 0: the item's own note for a single item, else how many and the formulas' sum. */
export function segmentNote(kind: TargetKind, target: number, items: number, floored: number, formulaOfFloored: number): string {
  if (floored === 0) return "";
  if (items === 1) return itemNote(kind, target, formulaOfFloored);
  const which = floored === items ? `all ${items} items` : `${floored} of ${items} items`;
  return `${which} set to 0: ${why(kind, target, true)} (formula gives ${units(formulaOfFloored)} in total for them)`;
}

/** Per segment (largest safety-stock value first) and in total, each item floored at zero. */
export function summariseSafetyStock(items: readonly ItemSafetyStock[]): { segments: SegmentSafetyStock[]; totals: SafetyStockTotals } {
  const bySegment = new Map<string, SegmentSafetyStock & { formulaOfFloored: number }>();
  for (const item of items) {
    const s = bySegment.get(item.segment) ?? {
      segment: item.segment,
      items: 0,
      kind: item.kind,
      target: item.target,
      units: 0,
      value: 0,
      cycleStockValue: 0,
      totalValue: 0,
      flooredItems: 0,
      note: "",
      formulaOfFloored: 0,
    };
    const kept = flooredSafetyStock(item.formula);
    s.items++;
    s.units += kept;
    s.value += kept * item.unitCost;
    s.cycleStockValue += (item.orderQuantity / 2) * item.unitCost;
    s.totalValue = s.value + s.cycleStockValue;
    if (item.formula < 0) {
      s.flooredItems++;
      s.formulaOfFloored += item.formula;
    }
    bySegment.set(item.segment, s);
  }
  const segments = [...bySegment.values()]
    .map(({ formulaOfFloored, ...s }) => ({ ...s, note: segmentNote(s.kind, s.target, s.items, s.flooredItems, formulaOfFloored) }))
    .sort((a, b) => b.value - a.value || b.totalValue - a.totalValue || a.segment.localeCompare(b.segment));
  const totals = segments.reduce<SafetyStockTotals>(
    (t, s) => ({
      items: t.items + s.items,
      units: t.units + s.units,
      value: t.value + s.value,
      cycleStockValue: t.cycleStockValue + s.cycleStockValue,
      totalValue: t.totalValue + s.totalValue,
      flooredItems: t.flooredItems + s.flooredItems,
    }),
    { items: 0, units: 0, value: 0, cycleStockValue: 0, totalValue: 0, flooredItems: 0 },
  );
  return { segments, totals };
}

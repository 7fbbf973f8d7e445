import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { mustBe, numberSchema } from "../validation";

const money = z.number(mustBe.number).finite().min(0, mustBe.atLeast(0));

export const transferLineSchema = z.object({
  item: z.union([z.string().trim().min(1, "an id may not be blank"), z.number(mustBe.number)]),
  segment: z.string().trim().min(1, "a segment may not be blank"),
  /** the supplying division's cost per unit (variable or full, as the policy says) */
  unitCost: money,
  /** the segment's logistics cost-to-serve per unit (picking, freight, handling) */
  logisticsCostPerUnit: money,
  /** days of inventory the supplying division holds for this segment (cover, safety stock) */
  daysOfInventory: money,
  /** units the segment takes over the P&L's period; needed only to carry the prices into the segment P&L */
  quantity: money.optional(),
});
export type TransferLine = z.input<typeof transferLineSchema>;

export const transferPolicySchema = z.object({
  /** annual carrying charge r, money per money of inventory per year (capital, storage, obsolescence) */
  carryingRate: numberSchema({ min: 0, max: 2 }),
  /** markup on the cost base, e.g. 0.08 */
  markup: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)).default(0),
  /** days in the year of the carrying rate */
  daysPerYear: z.number(mustBe.number).finite().gt(0, mustBe.above(0)).default(365),
  /** the buying division's outside price per unit, per item; the suggestion is capped there (the market-based ceiling) */
  marketPrices: z.record(z.string(), money).default({}),
});
export type TransferPolicy = z.input<typeof transferPolicySchema>;

export interface TransferPrice {
  item: string;
  segment: string;
  unitCost: number;
  logisticsCostPerUnit: number;
  /** unitCost × r × days / daysPerYear */
  carryingCostPerUnit: number;
  /** unit cost + logistics + carrying */
  costBase: number;
  markupPerUnit: number;
  /** cost base × (1 + markup), capped at the market price when one is given */
  price: number;
  /** the market price cut the cost-plus price */
  cappedAtMarket: boolean;
  /** units over the P&L's period, when the line gave them */
  quantity: number | null;
}

/**
 * Cost-plus transfer prices between divisions that carry each segment's
 * own logistics cost and the cost of the inventory held for it:
 *
 *   carrying / unit = unit cost × r × days of inventory / 365,
 *   price = (unit cost + logistics / unit + carrying / unit) × (1 + markup),
 *
 * capped at the outside market price where one exists. Cost-based transfer
 * pricing and the market price as its ceiling: Horngren, Datar & Rajan,
 * *Cost Accounting: A Managerial Emphasis*, ch. "Management control systems,
 * transfer pricing, and multinational considerations" (full cost plus a
 * markup; the minimum transfer price = incremental cost + opportunity cost).
 * The carrying charge r (money per money-year) is that of Silver, Pyke &
 * Thomas, *Inventory and Production Management in Supply Chains*, 4th ed.,
 * 2017: holding one unit for a year costs r × v.
 *
 * @throws DomainError naming `lines[i].field` or `policy.field`, or a duplicate item × segment
 * @example transferPrices([{ item: "P1", segment: "A", unitCost: 100, logisticsCostPerUnit: 6, daysOfInventory: 73 }], { carryingRate: 0.2, markup: 0.1 })[0].price // 121
 */
export function transferPrices(lines: ReadonlyArray<TransferLine>, policy: TransferPolicy): TransferPrice[] {
  const rows = parseWith(z.array(transferLineSchema).min(1, "give at least one item × segment"), lines, "lines");
  const p = parseWith(transferPolicySchema, policy, "policy");
  const seen = new Map<string, number>();
  return rows.map((r, i) => {
    const item = String(r.item).trim();
    const key = `${item}|${r.segment}`;
    if (seen.has(key)) throw new DomainError(`lines[${i}]`, `duplicate item × segment "${key}" (also at lines[${seen.get(key)}])`);
    seen.set(key, i);
    const carryingCostPerUnit = (r.unitCost * p.carryingRate * r.daysOfInventory) / p.daysPerYear;
    const costBase = r.unitCost + r.logisticsCostPerUnit + carryingCostPerUnit;
    const costPlus = costBase * (1 + p.markup);
    const market = p.marketPrices[item];
    const cappedAtMarket = market !== undefined && market < costPlus;
    return {
      item,
      segment: r.segment,
      unitCost: r.unitCost,
      logisticsCostPerUnit: r.logisticsCostPerUnit,
      carryingCostPerUnit,
      costBase,
      markupPerUnit: costBase * p.markup,
      price: cappedAtMarket ? market : costPlus,
      cappedAtMarket,
      quantity: r.quantity ?? null,
    };
  });
}

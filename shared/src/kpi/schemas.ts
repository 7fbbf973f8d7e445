import { z } from "zod";
import { mustBe, numberSchema } from "../validation";

const count = z.number(mustBe.number).finite(mustBe.number).min(0, mustBe.atLeast(0));
const fraction = numberSchema({ min: 0, max: 1 });

/** One order-line row (customer × product × week) as the delivery KPIs read it. */
export const deliveryRowSchema = z.object({
  /** order lines aggregated in the row */
  lines: count,
  /** shipments that carried them: one per line plus one per back-order split */
  deliveries: count,
  /** on-time rate of the product's supplier (share of purchase orders received by the confirmed date) */
  supplierOnTimeRate: fraction,
  /** share of the customer's orders changed after entry (rush, custom labels, special packing) */
  orderChangeRate: fraction,
});
export type DeliveryRow = z.input<typeof deliveryRowSchema>;

/** One item as the modelled-turns calculation reads it; times in weeks. */
export const turnsInputSchema = z.object({
  itemId: z.string().trim().min(1, "may not be blank"),
  /** mean weekly demand d, units */
  demandMean: count,
  /** standard deviation of weekly demand σd, units */
  demandSd: count,
  unitCost: count,
  /** replenishment lead time L and its standard deviation σL, weeks */
  leadTime: count,
  leadTimeSd: count.default(0),
  /** review period R, weeks */
  reviewPeriod: count,
  cycleServiceLevel: numberSchema({ greaterThan: 0, lessThan: 1 }),
  inventoryTurnsTarget: z.number(mustBe.number).finite(mustBe.number).gt(0, mustBe.above(0)),
});
export type TurnsInput = z.input<typeof turnsInputSchema>;

export const kpiNameSchema = z.enum(["otif", "fill_rate", "inventory_turns", "cost_to_serve_pct", "forecast_wape", "days_of_supply", "stock_aging", "tracking_signal", "nps", "csat"]);
export type KpiName = z.infer<typeof kpiNameSchema>;

/** Whether a KPI is good high (service, turns) or good low (cost, error). */
export const KPI_DIRECTION: Record<KpiName, "min" | "max"> = {
  otif: "min",
  fill_rate: "min",
  inventory_turns: "min",
  cost_to_serve_pct: "max",
  forecast_wape: "max",
  days_of_supply: "max",
  stock_aging: "max",
  /** judged by magnitude: the value is |CFE / MAD|, its sign in the note */
  tracking_signal: "max",
  nps: "min",
  csat: "min",
};

export const escalationLevelSchema = z.object({
  level: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)),
  contact: z.string().trim().min(1, "may not be blank").max(200),
  /** days a breach stays open before it reaches this level */
  afterDays: z.number(mustBe.number).int(mustBe.wholeNumber).min(0, mustBe.atLeast(0)),
});
export type EscalationLevel = z.infer<typeof escalationLevelSchema>;

/** Owner function → escalation levels, in ascending level. */
export const escalationTableSchema = z.record(z.string().trim().min(1), z.array(escalationLevelSchema).min(1, "at least one level is needed"));
export type EscalationTable = z.infer<typeof escalationTableSchema>;

import { z } from "zod";
import { DomainError, describeValue, parseWith } from "../errors";
import { checkIds, checkNumber, mustBe, numberSchema } from "../validation";

export const FULFILMENT_PATHS = ["direct ship", "cross-dock", "regional DC", "store"] as const;
export const TRANSPORT_MODES = ["parcel", "LTL", "FTL"] as const;
export const LAST_MILE_OPTIONS = ["none", "scheduled", "same-day"] as const;

/** A row of the fulfilment rules table; the first row that matches a line decides it. */
export const fulfilmentRuleSchema = z
  .object({
    /** a segment, or "*" for any */
    segment: z.string().trim().min(1, "a segment may not be blank"),
    minQuantity: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)).default(0),
    maxQuantity: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)).default(Infinity),
    maxWeightKg: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)).default(Infinity),
    path: z.enum(FULFILMENT_PATHS),
    mode: z.enum(TRANSPORT_MODES),
    lastMile: z.enum(LAST_MILE_OPTIONS).default("none"),
    /** deliveries per week the segment is promised */
    deliveriesPerWeek: z.number(mustBe.number).finite().gt(0, mustBe.above(0)).optional(),
    /** delivery time window, hours of the day [from, to) */
    windowFromHour: numberSchema({ min: 0, max: 24 }).optional(),
    windowToHour: numberSchema({ min: 0, max: 24 }).optional(),
    costTargetPerUnit: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)).optional(),
    serviceTargetDays: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)).optional(),
  })
  .refine((r) => r.minQuantity <= r.maxQuantity, { message: "minQuantity must not exceed maxQuantity", path: ["maxQuantity"] })
  .refine((r) => r.windowFromHour === undefined || r.windowToHour === undefined || r.windowFromHour < r.windowToHour, {
    message: "the window must end after it starts",
    path: ["windowToHour"],
  });
export type FulfilmentRule = z.input<typeof fulfilmentRuleSchema>;
type ParsedRule = z.output<typeof fulfilmentRuleSchema>;

export interface FulfilmentLine {
  id: string | number;
  segment: string;
  quantity: number;
  weightKg?: number;
}

export interface FulfilmentDecision extends Omit<ParsedRule, "segment" | "minQuantity" | "maxQuantity" | "maxWeightKg"> {
  id: string;
  /** the rules-table row (0-based) that decided */
  rule: number;
}

/**
 * Fulfilment path, transport mode, last-mile option, delivery frequency and
 * window of each order line from a rules table keyed by segment: the first
 * row whose segment (or "*") and quantity / weight bounds match decides, the
 * "first" hit policy of decision tables (OMG, *Decision Model and Notation*
 * 1.3, 2020, §8.2.8). Premium last-mile options (scheduled, same-day) are
 * allowed only on rows of the premium segments, so a mis-typed row cannot
 * give them away; every line must be covered.
 *
 * @param premiumSegments segments allowed a last-mile option other than "none"
 * @throws DomainError naming `rules[k].field` (bad value, premium last mile for another segment), `lines[i].field`, a duplicate line id, or a line no rule covers
 */
export function chooseFulfilment(lines: ReadonlyArray<FulfilmentLine>, rules: ReadonlyArray<FulfilmentRule>, premiumSegments: ReadonlyArray<string> = []): FulfilmentDecision[] {
  const table = parseWith(z.array(fulfilmentRuleSchema).min(1, "give at least one fulfilment rule"), rules, "rules");
  const premium = new Set(premiumSegments.map((s) => s.trim()));
  table.forEach((r, k) => {
    if (r.lastMile !== "none" && (r.segment === "*" || !premium.has(r.segment))) {
      throw new DomainError(`rules[${k}].lastMile`, `"${r.lastMile}" is for premium segments only, not "${r.segment}"`, "invalid");
    }
  });
  if (!Array.isArray(lines)) throw new DomainError("lines", `expected a list of order lines, got ${describeValue(lines)}`, "missing");
  const ids = checkIds(
    lines.map((l) => l?.id),
    lines.length,
    "lines.id",
  );
  return lines.map((line, i) => {
    const segment = typeof line.segment === "string" ? line.segment.trim() : "";
    if (segment === "") throw new DomainError(`lines[${i}].segment`, `expected a segment, got ${describeValue(line.segment)}`, "missing");
    const quantity = checkNumber(line.quantity, `lines[${i}].quantity`, { greaterThan: 0 });
    const weight = line.weightKg === undefined ? 0 : checkNumber(line.weightKg, `lines[${i}].weightKg`, { min: 0 });
    const k = table.findIndex((r) => (r.segment === "*" || r.segment === segment) && quantity >= r.minQuantity && quantity <= r.maxQuantity && weight <= r.maxWeightKg);
    if (k < 0) throw new DomainError(`lines[${i}]`, `no fulfilment rule covers segment "${segment}", quantity ${quantity}, weight ${weight} kg`, "missing");
    const { segment: _s, minQuantity: _min, maxQuantity: _max, maxWeightKg: _w, ...decision } = table[k];
    return { id: ids[i], rule: k, ...decision };
  });
}

import { z } from "zod";
import { parseWith } from "../errors";
import { mustBe } from "../validation";

const driverSchema = z.object({
  id: z.string().trim().min(1, "may not be blank"),
  value: z.number(mustBe.number).finite(mustBe.number).min(0, mustBe.atLeast(0)),
});

export interface RankedDriver {
  id: string;
  value: number;
  /** value / Σ values; null when they sum to 0 */
  share: number | null;
}

/**
 * A breach's drivers: the contributions (missed lines, excess stock value,
 * absolute forecast error, activity cost…) ranked largest first with their
 * share of the total, a Pareto view (Juran's vital few) cut at `limit`. Shares
 * are of the whole total, so the listed ones may sum to less than 1. Zero
 * contributions are dropped; ties keep id order, so the ranking is stable.
 *
 * @throws DomainError naming `drivers[i].value` for a negative or non-finite value, `limit` below 1
 * @example rankDrivers([{ id: "a", value: 1 }, { id: "b", value: 3 }], 5); // [{ id: "b", value: 3, share: 0.75 }, { id: "a", value: 1, share: 0.25 }]
 */
export function rankDrivers(drivers: ReadonlyArray<{ id: string; value: number }>, limit = 5): RankedDriver[] {
  const parsed = parseWith(z.array(driverSchema), drivers, "drivers");
  const max = parseWith(z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)), limit, "limit");
  const total = parsed.reduce((s, d) => s + d.value, 0);
  return parsed
    .filter((d) => d.value > 0)
    .sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, max)
    .map((d) => ({ id: d.id, value: d.value, share: total > 0 ? d.value / total : null }));
}

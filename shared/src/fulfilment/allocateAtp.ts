import { z } from "zod";
import { DomainError, describeValue, parseWith } from "../errors";
import { checkIds, checkNumber, mustBe } from "../validation";

export interface AtpOrder {
  id: string | number;
  segment: string;
  /** units ordered (> 0) */
  quantity: number;
  /** day the customer wants it, counted from today (day 0) */
  requestedDay: number;
}

export const allocationRuleSchema = z.object({
  segment: z.string().trim().min(1, "a segment may not be blank"),
  /** 1 is served first; equal priorities share */
  priority: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)),
  /** units held back for this segment's orders (default 0) */
  reserve: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)).default(0),
  /** the reserve covers orders requested up to this day; after it the reserve expires and returns to the pool (default: never) */
  reserveHorizonDays: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)).default(Infinity),
});
export type AllocationRule = z.input<typeof allocationRuleSchema>;

export const receiptSchema = z.object({
  /** day the units become available (0 = on hand) */
  day: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)),
  quantity: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)),
});
export type Receipt = z.input<typeof receiptSchema>;

// Built once: zod schemas are costly to construct, and an order book calls allocateAtp once per product.
const rulesSchema = z.array(allocationRuleSchema).min(1, "give at least one segment rule");
const receiptsSchema = z.array(receiptSchema);

export interface AtpOptions {
  /** allocate whole units (largest-remainder rounding of fair shares); default true */
  wholeUnits?: boolean;
}

export interface AtpPromise {
  id: string;
  segment: string;
  priority: number;
  requested: number;
  /** units promised: reserve + general allocation */
  promised: number;
  /** part of `promised` taken from the segment's reserve */
  fromReserve: number;
  shortfall: number;
  /** day the last promised unit is available, never before the requested day; null when nothing is promised */
  promisedDay: number | null;
}

export interface AtpResult {
  /** in input order */
  orders: AtpPromise[];
  supply: number;
  allocated: number;
  /** reserve left unused by its segment within the horizon and returned to the pool, per segment */
  releasedReserve: Record<string, number>;
}

/**
 * Allocated available-to-promise when supply is short: reserves first, then
 * strict priority between segments, then fair share within a priority.
 *
 * 1. Each segment's reserve Rₛ (granted in priority order while supply lasts)
 *    covers its orders requested within the reserve horizon, shared in
 *    proportion to their quantities; what they do not need expires and
 *    returns to the pool.
 * 2. The pool goes to priority 1, then 2, …; the first priority whose
 *    remaining demand Dₚ exceeds what is left gets a fair share,
 *    allocᵢ = left · remainingᵢ / Dₚ (proportional rationing), and lower
 *    priorities get nothing.
 * 3. Promised dates: orders in (priority, requested day, input order)
 *    consume the receipts in day order; an order's date is the day its last
 *    promised unit arrives, and never before the day requested.
 *
 * Allocation rules as in SAP APO's "allocation" and rule-based ATP (Dickersbach,
 * *Supply Chain Management with APO*, 3rd ed., 2009, ch. 6), proportional
 * rationing as in Cachon & Lariviere (1999), "Capacity choice and allocation:
 * strategic behavior and supply chain performance", Management Science 45(8):
 * 1091–1108. Whole units: floor of the shares, the units left over to the
 * largest remainders (Hamilton's method), ties by requested day, then input order.
 *
 * @throws DomainError naming `orders[i].field`, `rules[k].field`, `receipts[k].field`, a duplicate order id, or an order whose segment has no rule
 */
export function allocateAtp(orders: ReadonlyArray<AtpOrder>, rules: ReadonlyArray<AllocationRule>, receipts: ReadonlyArray<Receipt>, options: AtpOptions = {}): AtpResult {
  const wholeUnits = options.wholeUnits ?? true;
  const ruleRows = parseWith(rulesSchema, rules, "rules");
  const ruleOf = new Map<string, number>();
  ruleRows.forEach((r, k) => {
    if (ruleOf.has(r.segment)) throw new DomainError(`rules[${k}].segment`, `duplicate segment "${r.segment}" (also in rule ${ruleOf.get(r.segment)})`);
    ruleOf.set(r.segment, k);
  });
  const supplyRows = parseWith(receiptsSchema, receipts, "receipts");
  if (wholeUnits) supplyRows.forEach((r, k) => checkWhole(r.quantity, `receipts[${k}].quantity`));

  if (!Array.isArray(orders)) throw new DomainError("orders", `expected a list of orders, got ${describeValue(orders)}`, "missing");
  const n = orders.length;
  const quantity = new Float64Array(n);
  const requestedDay = new Float64Array(n);
  const ruleIndex = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const o = orders[i];
    if (o === null || typeof o !== "object") throw new DomainError(`orders[${i}]`, `expected an order, got ${describeValue(o)}`, "missing");
    quantity[i] = checkNumber(o.quantity, `orders[${i}].quantity`, { greaterThan: 0 });
    if (wholeUnits) checkWhole(quantity[i], `orders[${i}].quantity`);
    requestedDay[i] = checkNumber(o.requestedDay, `orders[${i}].requestedDay`, { min: 0 });
    const k = typeof o.segment === "string" ? ruleOf.get(o.segment.trim()) : undefined;
    if (k === undefined) throw new DomainError(`orders[${i}].segment`, `${describeValue(o.segment)} has no allocation rule`, "missing");
    ruleIndex[i] = k;
  }
  const ids = checkIds(
    orders.map((o) => o.id),
    n,
    "orders.id",
  );

  let supply = 0;
  for (const r of supplyRows) supply += r.quantity;
  const fromReserve = new Float64Array(n);
  const general = new Float64Array(n);
  const released: Record<string, number> = {};

  // Tie order inside a priority: requested day, then input position.
  const byPriority = Array.from({ length: n }, (_, i) => i).sort((a, b) => ruleRows[ruleIndex[a]].priority - ruleRows[ruleIndex[b]].priority || requestedDay[a] - requestedDay[b] || a - b);

  // 1. Reserves, granted in priority order while supply lasts.
  let left = supply;
  const rulesByPriority = ruleRows.map((_, k) => k).sort((a, b) => ruleRows[a].priority - ruleRows[b].priority || a - b);
  for (const k of rulesByPriority) {
    const rule = ruleRows[k];
    if (rule.reserve <= 0) continue;
    const eligible = byPriority.filter((i) => ruleIndex[i] === k && requestedDay[i] <= rule.reserveHorizonDays);
    const demand = eligible.reduce((a, i) => a + quantity[i], 0);
    const granted = Math.min(rule.reserve, left);
    const used = Math.min(granted, demand);
    share(eligible, quantity, used, fromReserve, wholeUnits);
    left -= used;
    released[rule.segment] = rule.reserve - used;
  }

  // 2. Strict priority, fair share inside the priority that runs out.
  let start = 0;
  while (start < n && left > 0) {
    const p = ruleRows[ruleIndex[byPriority[start]]].priority;
    let end = start;
    let demand = 0;
    for (; end < n && ruleRows[ruleIndex[byPriority[end]]].priority === p; end++) {
      const i = byPriority[end];
      demand += quantity[i] - fromReserve[i];
    }
    const tier = byPriority.slice(start, end);
    const remaining = Float64Array.from(tier, (i) => quantity[i] - fromReserve[i]);
    const give = Math.min(left, demand);
    shareWeights(tier, remaining, give, general, wholeUnits);
    left -= give;
    start = end;
  }

  // 3. Dates: sequence promised quantities against receipts.
  const timeline = supplyRows.map((r) => ({ day: r.day, quantity: r.quantity })).sort((a, b) => a.day - b.day);
  const promisedDay = new Array<number | null>(n).fill(null);
  let r = 0;
  let inReceipt = timeline.length ? timeline[0].quantity : 0;
  for (const i of byPriority) {
    let need = fromReserve[i] + general[i];
    if (need <= 0) continue;
    let day = 0;
    while (need > 1e-9 && r < timeline.length) {
      const take = Math.min(need, inReceipt);
      need -= take;
      inReceipt -= take;
      day = timeline[r].day;
      if (inReceipt <= 1e-9 && need > 1e-9) {
        r++;
        inReceipt = r < timeline.length ? timeline[r].quantity : 0;
      }
    }
    promisedDay[i] = Math.max(day, requestedDay[i]);
  }

  let allocated = 0;
  const out: AtpPromise[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const promised = fromReserve[i] + general[i];
    allocated += promised;
    const rule = ruleRows[ruleIndex[i]];
    out[i] = {
      id: ids[i],
      segment: rule.segment,
      priority: rule.priority,
      requested: quantity[i],
      promised,
      fromReserve: fromReserve[i],
      shortfall: quantity[i] - promised,
      promisedDay: promisedDay[i],
    };
  }
  return { orders: out, supply, allocated, releasedReserve: released };
}

function checkWhole(value: number, field: string): number {
  if (!Number.isInteger(value)) throw new DomainError(field, `expected whole units, got ${value} (or set wholeUnits: false)`, "invalid");
  return value;
}

function share(members: number[], weights: Float64Array, amount: number, into: Float64Array, wholeUnits: boolean): void {
  shareWeights(
    members,
    Float64Array.from(members, (i) => weights[i]),
    amount,
    into,
    wholeUnits,
  );
}

/**
 * Add to `into[members[m]]` a share of `amount` proportional to `weights[m]`
 * (Σ weights ≥ amount, so nobody gets more than its weight). Whole units:
 * floors, then one unit each to the largest remainders, ties in member order.
 */
function shareWeights(members: readonly number[], weights: Float64Array, amount: number, into: Float64Array, wholeUnits: boolean): void {
  let total = 0;
  for (const w of weights) total += w;
  if (amount <= 0 || total <= 0) return;
  if (amount >= total) {
    members.forEach((i, m) => (into[i] += weights[m]));
    return;
  }
  if (!wholeUnits) {
    members.forEach((i, m) => (into[i] += (amount * weights[m]) / total));
    return;
  }
  const units = Math.floor(amount + 1e-9);
  const remainder = new Float64Array(members.length);
  let given = 0;
  members.forEach((i, m) => {
    const exact = (units * weights[m]) / total;
    const floor = Math.floor(exact + 1e-9);
    into[i] += floor;
    given += floor;
    remainder[m] = exact - floor;
  });
  let extra = units - given;
  if (extra <= 0) return;
  const order = Array.from(members.keys()).sort((a, b) => remainder[b] - remainder[a] || a - b);
  for (const m of order) {
    if (extra <= 0) break;
    // A member already at its weight cannot take another unit.
    if (remainder[m] <= 0) continue;
    into[members[m]] += 1;
    extra--;
  }
}

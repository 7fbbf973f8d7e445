import fc from "fast-check";
import { allocateAtp, type AtpOrder } from "../../../shared/src/fulfilment";
import { domainError } from "../../helpers/domainErrors";

const rules = [
  { segment: "Key", priority: 1 },
  { segment: "Core", priority: 2 },
  { segment: "Tail", priority: 3 },
];

describe("allocateAtp: worked examples (hand-checked)", () => {
  it("serves priority 1 in full, shares the rest of the supply in proportion within priority 2, nothing to priority 3", () => {
    // supply 100: Key 40 in full; Core demand 30 + 90 = 120 for 60 left → 15 and 45; Tail 0.
    const r = allocateAtp(
      [
        { id: "o1", segment: "Core", quantity: 30, requestedDay: 0 },
        { id: "o2", segment: "Key", quantity: 40, requestedDay: 0 },
        { id: "o3", segment: "Core", quantity: 90, requestedDay: 0 },
        { id: "o4", segment: "Tail", quantity: 10, requestedDay: 0 },
      ],
      rules,
      [{ day: 0, quantity: 100 }],
    );
    expect(r.orders.map((o) => [o.id, o.promised, o.shortfall])).toEqual([
      ["o1", 15, 15],
      ["o2", 40, 0],
      ["o3", 45, 45],
      ["o4", 0, 10],
    ]);
    expect(r.allocated).toBe(100);
    expect(r.orders[3].promisedDay).toBeNull();
  });

  it("rounds fair shares to whole units by largest remainder", () => {
    // 10 units over 1:1:1 → 3.33 each → floors 3, 3, 3; equal remainders, so the extra unit goes to c, which asked for the earliest day.
    const r = allocateAtp(
      ["a", "b", "c"].map((id, i) => ({ id, segment: "Core", quantity: 5, requestedDay: 3 - i })),
      rules,
      [{ day: 0, quantity: 10 }],
    );
    expect(r.orders.map((o) => o.promised)).toEqual([3, 3, 4]);
  });

  it("holds a segment's reserve for its orders within the horizon and releases what they do not use", () => {
    // Supply 50. Tail reserves 20 for orders up to day 5: its day-2 order of 8 takes 8; 12 go back to the pool.
    // The pool of 42 serves Key's 30 in full, then Tail's day-9 order (outside the horizon) gets the remaining 12 of its 20.
    const r = allocateAtp(
      [
        { id: "k", segment: "Key", quantity: 30, requestedDay: 0 },
        { id: "t1", segment: "Tail", quantity: 8, requestedDay: 2 },
        { id: "t2", segment: "Tail", quantity: 20, requestedDay: 9 },
      ],
      [rules[0], { segment: "Tail", priority: 3, reserve: 20, reserveHorizonDays: 5 }],
      [{ day: 0, quantity: 50 }],
    );
    expect(r.orders.map((o) => [o.id, o.promised, o.fromReserve])).toEqual([
      ["k", 30, 0],
      ["t1", 8, 8],
      ["t2", 12, 0],
    ]);
    expect(r.releasedReserve).toEqual({ Tail: 12 });
  });

  it("promises the day the last unit arrives, never before the requested day", () => {
    // Receipts: 10 on day 0, 10 on day 4. Key (first) takes 12 → day 4; Core takes 5 → day 4 (rest of the day-4 receipt); Core day-7 order → day 7.
    const r = allocateAtp(
      [
        { id: "c", segment: "Core", quantity: 5, requestedDay: 1 },
        { id: "k", segment: "Key", quantity: 12, requestedDay: 0 },
        { id: "late", segment: "Core", quantity: 3, requestedDay: 7 },
      ],
      rules,
      [
        { day: 4, quantity: 10 },
        { day: 0, quantity: 10 },
      ],
    );
    expect(r.orders.map((o) => [o.id, o.promised, o.promisedDay])).toEqual([
      ["c", 5, 4],
      ["k", 12, 4],
      ["late", 3, 7],
    ]);
  });

  it.each([
    [[{ id: "a", segment: "Core", quantity: -1, requestedDay: 0 }], "orders[0].quantity", "out_of_range"],
    [[{ id: "a", segment: "Core", quantity: 1.5, requestedDay: 0 }], "orders[0].quantity", "invalid"],
    [[{ id: "a", segment: "Gold", quantity: 1, requestedDay: 0 }], "orders[0].segment", "missing"],
    [[{ id: "a", segment: "Core", quantity: 1, requestedDay: "soon" }], "orders[0].requestedDay", "invalid"],
    [
      [
        { id: "a", segment: "Core", quantity: 1, requestedDay: 0 },
        { id: "a", segment: "Core", quantity: 1, requestedDay: 0 },
      ],
      "orders.id[1]",
      "invalid",
    ],
  ])("refuses bad orders %#, naming %s", (orders, field, kind) => {
    const e = domainError(() => allocateAtp(orders as AtpOrder[], rules, [{ day: 0, quantity: 5 }]));
    expect([e.field, e.kind]).toEqual([field, kind]);
  });

  it("refuses a duplicate rule, a fractional priority and a negative receipt", () => {
    expect(domainError(() => allocateAtp([], [rules[0], rules[0]], [])).field).toBe("rules[1].segment");
    expect(domainError(() => allocateAtp([], [{ segment: "Key", priority: 1.5 }], [])).field).toBe("rules[0].priority");
    expect(domainError(() => allocateAtp([], rules, [{ day: 0, quantity: -4 }])).field).toBe("receipts[0].quantity");
  });
});

describe("allocateAtp: properties", () => {
  const scenario = fc.record({
    orders: fc.array(fc.record({ segment: fc.constantFrom("Key", "Core", "Tail"), quantity: fc.integer({ min: 1, max: 100 }), requestedDay: fc.integer({ min: 0, max: 20 }) }), { minLength: 1, maxLength: 40 }),
    receipts: fc.array(fc.record({ day: fc.integer({ min: 0, max: 20 }), quantity: fc.integer({ min: 0, max: 400 }) }), { minLength: 1, maxLength: 4 }),
    wholeUnits: fc.boolean(),
  });
  const withIds = (orders: Array<Omit<AtpOrder, "id">>) => orders.map((o, i) => ({ ...o, id: `o${i}` }));

  it("never allocates more than the supply nor more than an order asks", () => {
    fc.assert(
      fc.property(scenario, ({ orders, receipts, wholeUnits }) => {
        const r = allocateAtp(withIds(orders), rules, receipts, { wholeUnits });
        const supply = receipts.reduce((a, x) => a + x.quantity, 0);
        const demand = orders.reduce((a, x) => a + x.quantity, 0);
        expect(r.allocated).toBeLessThanOrEqual(supply + 1e-9);
        expect(Math.abs(r.allocated - Math.min(supply, demand))).toBeLessThan(1e-6);
        for (const o of r.orders) {
          expect(o.promised).toBeGreaterThanOrEqual(0);
          expect(o.promised).toBeLessThanOrEqual(o.requested + 1e-9);
          if (wholeUnits) expect(Number.isInteger(o.promised)).toBe(true);
        }
      }),
    );
  });

  it("a higher priority is never served less than a lower one: if a lower-priority order gets anything, every higher-priority order is full", () => {
    fc.assert(
      fc.property(scenario, ({ orders, receipts, wholeUnits }) => {
        const r = allocateAtp(withIds(orders), rules, receipts, { wholeUnits });
        for (const low of r.orders) {
          if (low.promised <= 0) continue;
          for (const high of r.orders) if (high.priority < low.priority) expect(high.shortfall).toBeLessThan(1e-9);
        }
      }),
    );
  });

  it("fair share is proportional to demand within a priority (exactly, or within one unit when rounding)", () => {
    fc.assert(
      fc.property(scenario, ({ orders, receipts, wholeUnits }) => {
        const r = allocateAtp(withIds(orders), rules, receipts, { wholeUnits });
        for (const p of [1, 2, 3]) {
          const tier = r.orders.filter((o) => o.priority === p);
          const given = tier.reduce((a, o) => a + o.promised, 0);
          const asked = tier.reduce((a, o) => a + o.requested, 0);
          if (tier.length === 0 || given === 0 || given === asked) continue;
          for (const o of tier) {
            const exact = (given * o.requested) / asked;
            expect(Math.abs(o.promised - exact)).toBeLessThan(wholeUnits ? 1 : 1e-9);
          }
        }
      }),
    );
  });

  it("promised days are never before the requested day", () => {
    fc.assert(
      fc.property(scenario, ({ orders, receipts }) => {
        for (const o of allocateAtp(withIds(orders), rules, receipts).orders) {
          if (o.promised > 0) expect(o.promisedDay!).toBeGreaterThanOrEqual(orders[Number(o.id.slice(1))].requestedDay);
          else expect(o.promisedDay).toBeNull();
        }
      }),
    );
  });
});

import fc from "fast-check";
import { prioritiseShipments } from "../../../shared/src/fulfilment";
import { DomainError } from "../../../shared/src/errors";

const priorities = [
  { segment: "Premium", priority: 1 },
  { segment: "Core", priority: 2 },
  { segment: "Tail", priority: 3 },
];

describe("prioritiseShipments: worked examples (hand-checked)", () => {
  it("ships by segment priority, then earliest promised day, loading the earliest departure with room", () => {
    // Queue: p1 (Premium, day 1), c2 (Core, day 0), c1 (Core, day 2), t1 (Tail, day 0).
    // Day 0 (10 pallets): p1 4 → 6 left; c2 5 → 1 left; c1 3 does not fit; t1 2 does not fit.
    // Day 1 (6 pallets): c1 3 → 3 left; t1 2 → 1 left.
    const plan = prioritiseShipments(
      [
        { id: "t1", segment: "Tail", promisedDay: 0, size: 2 },
        { id: "c1", segment: "Core", promisedDay: 2, size: 3 },
        { id: "p1", segment: "Premium", promisedDay: 1, size: 4 },
        { id: "c2", segment: "Core", promisedDay: 0, size: 5 },
      ],
      priorities,
      [
        { day: 0, capacity: 10 },
        { day: 1, capacity: 6 },
      ],
    );
    expect(plan.shipments.map((s) => [s.id, s.sequence, s.departureDay, s.daysLate])).toEqual([
      ["t1", 4, 1, 1],
      ["c1", 3, 1, 0],
      ["p1", 1, 0, 0],
      ["c2", 2, 0, 0],
    ]);
    expect(plan.departures.map((d) => [d.used, d.shipments])).toEqual([
      [9, 2],
      [5, 2],
    ]);
    expect(plan.segments.find((s) => s.segment === "Tail")).toMatchObject({ late: 1, onTime: 0, notShipped: 0 });
  });

  it("backfills space a larger shipment ahead does not fit, unless told not to", () => {
    // Capacity 10: p (6) loads; c (6) does not fit the 4 left; t (3) fits with backfill, waits without.
    const shipments = [
      { id: "p", segment: "Premium", promisedDay: 0, size: 6 },
      { id: "c", segment: "Core", promisedDay: 0, size: 6 },
      { id: "t", segment: "Tail", promisedDay: 0, size: 3 },
    ];
    const departures = [{ day: 0, capacity: 10 }];
    expect(prioritiseShipments(shipments, priorities, departures).shipments.map((s) => s.departureDay)).toEqual([0, null, 0]);
    expect(prioritiseShipments(shipments, priorities, departures, { backfill: false }).shipments.map((s) => s.departureDay)).toEqual([0, null, null]);
  });

  it("never ships before the ready day, and a shipment not yet ready does not block the queue", () => {
    const plan = prioritiseShipments(
      [
        { id: "p", segment: "Premium", promisedDay: 1, readyDay: 1, size: 8 },
        { id: "t", segment: "Tail", promisedDay: 3, size: 8 },
      ],
      priorities,
      [
        { day: 0, capacity: 10 },
        { day: 1, capacity: 10 },
      ],
      { backfill: false },
    );
    expect(plan.shipments.map((s) => s.departureDay)).toEqual([1, 0]);
  });
});

const arbitraryPlan = fc.record({
  shipments: fc.array(
    fc.record({
      segment: fc.constantFrom("Premium", "Core", "Tail"),
      promisedDay: fc.integer({ min: 0, max: 5 }),
      readyDay: fc.integer({ min: 0, max: 3 }),
      size: fc.integer({ min: 1, max: 12 }),
    }),
    { maxLength: 30 },
  ),
  departures: fc.array(fc.record({ day: fc.integer({ min: 0, max: 6 }), capacity: fc.integer({ min: 0, max: 30 }) }), { maxLength: 6 }),
  backfill: fc.boolean(),
});

describe("prioritiseShipments: properties", () => {
  it("no departure carries more than its capacity and nothing leaves before it is ready", () => {
    fc.assert(
      fc.property(arbitraryPlan, ({ shipments, departures, backfill }) => {
        const input = shipments.map((s, i) => ({ ...s, id: i }));
        const plan = prioritiseShipments(input, priorities, departures, { backfill });
        plan.departures.forEach((d) => expect(d.used).toBeLessThanOrEqual(d.capacity));
        plan.shipments.forEach((s, i) => {
          if (s.departureDay !== null) expect(s.departureDay).toBeGreaterThanOrEqual(input[i].readyDay);
        });
      }),
    );
  });

  it("a shipment ahead in the queue never leaves later than one behind it of equal or larger size, both ready", () => {
    // First fit in queue order: when b was loaded, a (ahead, ready) had been refused with at least as much room.
    fc.assert(
      fc.property(arbitraryPlan, ({ shipments, departures, backfill }) => {
        const input = shipments.map((s, i) => ({ ...s, id: i }));
        const plan = prioritiseShipments(input, priorities, departures, { backfill });
        const at = (d: number | null) => (d === null ? Infinity : d);
        for (const a of plan.shipments) {
          for (const b of plan.shipments) {
            if (a.sequence >= b.sequence || b.departureDay === null) continue;
            const ia = Number(a.id);
            const ib = Number(b.id);
            if (input[ia].readyDay > b.departureDay || (backfill && input[ia].size > input[ib].size)) continue;
            expect(at(a.departureDay)).toBeLessThanOrEqual(b.departureDay);
          }
        }
      }),
    );
  });

  it("higher priority is never shipped less than lower priority when everything is ready at once and equal in size", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("Premium", "Core", "Tail"), { maxLength: 30 }), fc.integer({ min: 0, max: 40 }), (segments, capacity) => {
        const plan = prioritiseShipments(
          segments.map((segment, id) => ({ id, segment, promisedDay: 0, size: 1 })),
          priorities,
          [{ day: 0, capacity }],
        );
        const shippedShare = (p: number) => {
          const xs = plan.shipments.filter((s) => s.priority === p);
          return xs.length ? xs.filter((s) => s.departureDay !== null).length / xs.length : null;
        };
        const shares = [1, 2, 3].map(shippedShare).filter((x): x is number => x !== null);
        for (let k = 1; k < shares.length; k++) expect(shares[k - 1]).toBeGreaterThanOrEqual(shares[k]);
      }),
    );
  });
});

describe("prioritiseShipments: bad input", () => {
  const bad = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof DomainError) return [e.field, e.kind];
      throw e;
    }
    throw new Error("expected a DomainError");
  };
  const ok = { id: "a", segment: "Core", promisedDay: 0, size: 1 };
  it("names the field and row", () => {
    expect(bad(() => prioritiseShipments([ok, { ...ok, id: "b", size: 0 }], priorities, []))).toEqual(["shipments[1].size", "out_of_range"]);
    expect(bad(() => prioritiseShipments([{ ...ok, promisedDay: Number.NaN }], priorities, []))).toEqual(["shipments[0].promisedDay", "invalid"]);
    expect(bad(() => prioritiseShipments([ok, ok], priorities, []))).toEqual(["shipments.id[1]", "invalid"]);
    expect(bad(() => prioritiseShipments([{ ...ok, segment: "Gold" }], priorities, []))).toEqual(["shipments[0].segment", "missing"]);
    expect(bad(() => prioritiseShipments([ok], [...priorities, { segment: "Core", priority: 4 }], []))).toEqual(["priorities[3].segment", "invalid"]);
    expect(bad(() => prioritiseShipments([ok], priorities, [{ day: 0, capacity: -1 }]))).toEqual(["departures[0].capacity", "out_of_range"]);
    expect(bad(() => prioritiseShipments([ok], [{ segment: "Core", priority: 1.5 }], []))).toEqual(["priorities[0].priority", "invalid"]);
  });
});

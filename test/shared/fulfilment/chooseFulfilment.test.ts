import fc from "fast-check";
import { chooseFulfilment, type FulfilmentRule } from "../../../shared/src/fulfilment";
import { domainError } from "../../helpers/domainErrors";

const rules: FulfilmentRule[] = [
  { segment: "Key", maxQuantity: 5, path: "store", mode: "parcel", lastMile: "same-day", deliveriesPerWeek: 5, windowFromHour: 8, windowToHour: 12 },
  { segment: "*", minQuantity: 500, path: "direct ship", mode: "FTL" },
  { segment: "*", maxWeightKg: 30, path: "regional DC", mode: "parcel" },
  { segment: "*", path: "cross-dock", mode: "LTL", deliveriesPerWeek: 1 },
];

describe("chooseFulfilment", () => {
  it("takes the first row that matches segment, quantity and weight", () => {
    const d = chooseFulfilment(
      [
        { id: "1", segment: "Key", quantity: 2, weightKg: 3 },
        { id: "2", segment: "Key", quantity: 800, weightKg: 9000 },
        { id: "3", segment: "Tail", quantity: 10, weightKg: 12 },
        { id: "4", segment: "Tail", quantity: 10, weightKg: 200 },
      ],
      rules,
      ["Key"],
    );
    expect(d.map((x) => [x.id, x.rule, x.path, x.mode, x.lastMile])).toEqual([
      ["1", 0, "store", "parcel", "same-day"],
      ["2", 1, "direct ship", "FTL", "none"],
      ["3", 2, "regional DC", "parcel", "none"],
      ["4", 3, "cross-dock", "LTL", "none"],
    ]);
    expect([d[0].deliveriesPerWeek, d[0].windowFromHour, d[0].windowToHour]).toEqual([5, 8, 12]);
  });

  it("gives premium last-mile options only to premium segments", () => {
    const e = domainError(() => chooseFulfilment([{ id: "1", segment: "Key", quantity: 1 }], rules, []));
    expect([e.field, e.kind]).toEqual(["rules[0].lastMile", "invalid"]);
  });

  it.each([
    [[{ id: "1", segment: "Key", quantity: 0 }], rules, "lines[0].quantity", "out_of_range"],
    [[{ id: "1", segment: "", quantity: 1 }], rules, "lines[0].segment", "missing"],
    [[{ id: "1", segment: "Tail", quantity: 1, weightKg: -2 }], rules, "lines[0].weightKg", "out_of_range"],
    [
      [
        { id: "1", segment: "Tail", quantity: 1 },
        { id: "1", segment: "Tail", quantity: 1 },
      ],
      rules,
      "lines.id[1]",
      "invalid",
    ],
    [[{ id: "1", segment: "Tail", quantity: 1, weightKg: 99 }], rules.slice(0, 3), "lines[0]", "missing"],
    [[{ id: "1", segment: "Tail", quantity: 1 }], [{ segment: "*", path: "drone", mode: "parcel" }], "rules[0].path", "invalid"],
    [[{ id: "1", segment: "Tail", quantity: 1 }], [{ segment: "*", minQuantity: 9, maxQuantity: 2, path: "store", mode: "parcel" }], "rules[0].maxQuantity", "invalid"],
  ])("refuses bad input %#, naming %s", (lines, table, field, kind) => {
    const e = domainError(() => chooseFulfilment(lines, table as FulfilmentRule[], ["Key"]));
    expect([e.field, e.kind]).toEqual([field, kind]);
  });

  it("property: with a catch-all last row every line is decided, by a row that matches it", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ segment: fc.constantFrom("Key", "Core", "Tail"), quantity: fc.integer({ min: 1, max: 1000 }), weightKg: fc.integer({ min: 0, max: 500 }) }), { maxLength: 30 }), (lines) => {
        const d = chooseFulfilment(
          lines.map((l, i) => ({ ...l, id: i })),
          rules,
          ["Key"],
        );
        d.forEach((x, i) => {
          const rule = rules[x.rule];
          expect(rule.segment === "*" || rule.segment === lines[i].segment).toBe(true);
          expect(lines[i].quantity).toBeLessThanOrEqual(rule.maxQuantity ?? Infinity);
          expect(lines[i].quantity).toBeGreaterThanOrEqual(rule.minQuantity ?? 0);
        });
      }),
    );
  });
});

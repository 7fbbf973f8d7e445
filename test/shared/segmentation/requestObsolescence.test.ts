/** When a pending request is obsolete, and the direction of a segment move. */
import { requestObsolescence, segmentDirection } from "../../../shared/src/segmentation";

const m = (entries: Array<[string, string | null]>) => new Map(entries);

describe("requestObsolescence", () => {
  it("retires a request whose entity is already in the proposed segment", () => {
    expect(requestObsolescence([{ entityId: "P0010", to: "B" }], m([["P0010", "A"]]), m([["P0010", "B"]]), 7)).toEqual({ reason: "Retired: P0010 is already in B (version 7); this request proposed A → B." });
  });

  it("retires a request whose from moved on", () => {
    expect(requestObsolescence([{ entityId: "P0010", to: "B" }], m([["P0010", "A"]]), m([["P0010", "C"]]), 8)).toEqual({ reason: "Retired: P0010 is now in C (version 8), no longer A; this request proposed A → B." });
    expect(requestObsolescence([{ entityId: "P0010", to: "B" }], m([]), m([["P0010", "C"]]), 8)?.reason).toBe("Retired: P0010 is now in C (version 8), no longer no segment; this request proposed no segment → B.");
  });

  it("keeps a request while one change still applies", () => {
    expect(requestObsolescence([{ entityId: "P0010", to: "B" }], m([["P0010", "A"]]), m([["P0010", "A"]]), 7)).toBeNull();
    const changes = [
      { entityId: "P1", to: "B" },
      { entityId: "P2", to: "B" },
    ];
    expect(
      requestObsolescence(
        changes,
        m([
          ["P1", "A"],
          ["P2", "A"],
        ]),
        m([
          ["P1", "B"],
          ["P2", "A"],
        ]),
        7,
      ),
    ).toBeNull();
  });

  it("spells out up to three dead changes of a larger request", () => {
    const changes = ["P1", "P2", "P3", "P4", "P5"].map((entityId) => ({ entityId, to: "B" }));
    const base = m(changes.map((c) => [c.entityId, "A"]));
    const now = m([
      ["P1", "B"],
      ["P2", "C"],
      ["P3", "B"],
      ["P4", "B"],
      ["P5", "B"],
    ]);
    expect(requestObsolescence(changes, base, now, 9)?.reason).toBe(
      "Retired: none of its 5 changes applies at version 9: P1 is already in B (proposed A → B); P2 is now in C, no longer A (proposed A → B); P3 is already in B (proposed A → B); and 2 more.",
    );
  });
});

describe("segmentDirection", () => {
  it.each([
    ["C", "B", "upgrade"],
    ["A", "B", "downgrade"],
    ["CX", "BX", "upgrade"],
    ["AX", "BY", "downgrade"],
    ["AZ", "BX", "downgrade"],
    ["CZ", "BZ", "upgrade"],
    ["AX", "AZ", "lateral"],
    ["Transactional", "Key", "upgrade"],
    ["Key", "Core", "downgrade"],
    ["Key|AX|North", "Key|AX|South", "lateral"],
    ["Core|North", "Key|North", "upgrade"],
    ["X", "Z", "downgrade"],
    ["Z", "Y", "upgrade"],
    ["ZZ1", "ZZ2", "lateral"],
    ["A", "ZZ1", "lateral"],
  ] as const)("%s → %s is %s", (from, to, expected) => {
    expect(segmentDirection(from, to)).toBe(expected);
  });
});

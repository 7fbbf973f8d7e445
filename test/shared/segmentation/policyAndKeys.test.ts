import { PolicyTable, segmentKey, type PolicyRow } from "../../../shared/src";

const base = {
  cycleServiceLevel: 0.95,
  targetFillRate: 0.98,
  promisedLeadTimeDays: 2,
  reviewPeriodDays: 7,
  forecastMethod: "auto",
  inventoryTurnsTarget: 12,
  supplyMode: "push",
  ownerFunction: "supply chain",
} as const;
const row = (segment: string, patch: Partial<PolicyRow> = {}): PolicyRow => ({ ...base, segment, ...patch });

describe("segmentKey", () => {
  it("joins dimensions in the given order", () => {
    expect(segmentKey({ tier: "Key", productClass: "AX", region: "North" }, ["tier", "productClass", "region"])).toBe("Key|AX|North");
  });

  it("refuses blank parts and reserved characters, naming the dimension", () => {
    expect(() => segmentKey({ tier: "", region: "N" }, ["tier", "region"])).toThrow("segment.tier: is blank");
    expect(() => segmentKey({ tier: "A|B" }, ["tier"])).toThrow('segment.tier: "A|B" may not contain "|" or "*"');
  });
});

describe("PolicyTable", () => {
  const table = new PolicyTable([
    row("*|*|*", { cycleServiceLevel: 0.9 }),
    row("Key|*|*", { cycleServiceLevel: 0.95 }),
    row("Key|A*|North", { cycleServiceLevel: 0.98 }),
    row("Key|AX|North", { cycleServiceLevel: 0.99 }),
    row("*|C*|*", { cycleServiceLevel: 0.85, supplyMode: "pull" }),
  ]);

  it("takes the most specific match", () => {
    expect(table.resolve("Key|AX|North").policy.cycleServiceLevel).toBe(0.99);
    expect(table.resolve("Key|AY|North").policy.cycleServiceLevel).toBe(0.98);
    expect(table.resolve("Key|BY|South").policy.cycleServiceLevel).toBe(0.95);
    expect(table.resolve("Core|BY|South")).toMatchObject({ pattern: "*|*|*", row: 0 });
    expect(table.resolve("Core|CZ|South").policy.supplyMode).toBe("pull");
  });

  it("reports two equally specific matches instead of picking by row order", () => {
    // Exact parts outrank partial wildcards: "Key|*|*" (1 exact part) beats "*|C*|*" (0).
    expect(table.resolve("Key|CZ|South").pattern).toBe("Key|*|*");
    const clash = new PolicyTable([row("Key|*|*"), row("*|*|Est")]);
    expect(() => clash.resolve("Key|CZ|Est")).toThrow('policies[1].segment: "*|*|Est" and "Key|*|*" (row 0) match "Key|CZ|Est" equally specifically');
  });

  it("applies per-item overrides by priority, field by field", () => {
    const resolved = table.resolve("Key|AX|North", "P1", [
      { itemId: "P1", priority: 1, cycleServiceLevel: 0.995, reason: "launch" },
      { itemId: "P1", priority: 5, cycleServiceLevel: 0.9 },
      { itemId: "P1", priority: 0, supplyMode: "pull" },
      { itemId: "P2", priority: 9, cycleServiceLevel: 0.5 },
    ]);
    expect(resolved.policy).toMatchObject({ cycleServiceLevel: 0.9, supplyMode: "pull", targetFillRate: 0.98 });
    expect(resolved.overridden).toEqual([
      { field: "supplyMode", priority: 0, reason: undefined },
      { field: "cycleServiceLevel", priority: 5, reason: undefined },
    ]);
  });

  it("lists every uncovered key at once", () => {
    const narrow = new PolicyTable([row("Key|*|North")]);
    expect(() => narrow.assertCovers(["Key|AX|North", "Core|AX|North", "Key|AX|South", "Core|AX|North"])).toThrow("policies: 2 segments are not covered by any row: Core|AX|North, Key|AX|South");
    expect(() => narrow.resolve("Key|AX|South")).toThrow('segment: no policy row covers "Key|AX|South"');
  });

  describe("fallback of a hybrid key to its trailing parts", () => {
    // The demo company's table (service/src/demo/loadDemo.ts).
    const demo = new PolicyTable(["*", "A*", "B*", "AZ", "BZ", "*Z", "CZ"].map((s) => row(s)));

    it("lands on the row the table names for the shorter key", () => {
      expect(demo.match("Fasteners|AX")).toEqual({ row: 1, pattern: "A*" });
      expect(demo.match("Fasteners|CZ")).toEqual({ row: 6, pattern: "CZ" });
      expect(demo.resolve("Fasteners|BZ")).toMatchObject({ key: "Fasteners|BZ", pattern: "BZ", row: 4 });
    });

    it("never lets a catch-all serve a fallback", () => {
      expect(demo.match("Fasteners|CX")).toBeUndefined();
      expect(demo.match("CX")).toEqual({ row: 0, pattern: "*" });
      expect(new PolicyTable([row("*|*"), row("AX")]).match("Key|Tools|CY")).toBeUndefined();
      expect(() => demo.assertCovers(["Fasteners|AX", "Fasteners|CX", "Tools|CY"])).toThrow("policies: 2 segments are not covered by any row: Fasteners|CX, Tools|CY");
    });

    it("drops leading parts one at a time, longest first", () => {
      const t = new PolicyTable([row("AX|North"), row("North"), row("*|*|*|*")]);
      expect(t.match("Key|AX|North")).toEqual({ row: 0, pattern: "AX|North" });
      expect(t.match("Key|BX|North")).toEqual({ row: 1, pattern: "North" });
      expect(t.match("Key|BX|South")).toBeUndefined();
      // a row of the key's own length, even a catch-all, wins before any fallback
      expect(t.match("Key|Tools|BX|North")).toEqual({ row: 2, pattern: "*|*|*|*" });
    });

    it("still reports two equally specific rows met on the way down", () => {
      expect(() => new PolicyTable([row("A*"), row("*X")]).match("Fasteners|AX")).toThrow('"*X" and "A*" (row 0) match "Fasteners|AX" equally specifically');
    });
  });

  it("carries optional forecast-governance fields", () => {
    const governed = new PolicyTable([row("*"), row("A*", { consensusCadence: "weekly", maxOverridePct: 0.3, overrideAllowedBy: ["sales"] })]);
    expect(governed.resolve("AX").policy).toMatchObject({ consensusCadence: "weekly", maxOverridePct: 0.3, overrideAllowedBy: ["sales"] });
    expect(governed.resolve("BX").policy.consensusCadence).toBeUndefined();
    expect(() => new PolicyTable([{ ...row("*"), consensusCadence: "daily" }])).toThrow("policies[0].consensusCadence");
  });

  it("validates rows, naming the row and field", () => {
    expect(() => new PolicyTable([row("A"), row("B", { cycleServiceLevel: 1.2 })])).toThrow("policies[1].cycleServiceLevel: must be > 0 and < 1, got 1.2");
    expect(() => new PolicyTable([row("A"), row("A")])).toThrow('policies[1].segment: duplicate pattern "A" (also in row 0)');
    expect(() => new PolicyTable([{ ...row("A"), forecastMethod: "magic" }])).toThrow("policies[0].forecastMethod");
    expect(() => new PolicyTable([])).toThrow("policies: the policy table is empty");
  });
});

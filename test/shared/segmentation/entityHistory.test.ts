import { entityHistory, type VersionFacts } from "../../../shared/src/segmentation";

const v = (version: number): VersionFacts => ({ version, effectiveAt: `2026-0${version}-01T00:00:00.000Z`, approvedBy: `approver ${version}`, changeRequestId: `cr-${version}`, reason: `reason ${version}` });

it("lists entering, moving, leaving and coming back; versions that keep the segment are not changes", () => {
  const segments = new Map([
    [2, "CZ"],
    [3, "CZ"],
    [4, "AX"],
    [6, "BY"],
  ]);
  const history = entityHistory([v(6), v(1), v(3), v(5), v(2), v(4)], segments);
  expect(history.map((h) => [h.version, h.from, h.to])).toEqual([
    [2, null, "CZ"],
    [4, "CZ", "AX"],
    [5, "AX", null],
    [6, null, "BY"],
  ]);
  expect(history[1]).toEqual({ ...v(4), from: "CZ", to: "AX" });
});

it("is empty for an entity no version assigns", () => {
  expect(entityHistory([v(1), v(2)], new Map())).toEqual([]);
});

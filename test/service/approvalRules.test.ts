/** Which steps a request needs: the most specific rule per segment it touches, the longest list across them. */
import type { ApprovalRule } from "../../shared/src/api";
import { stepsFor } from "../../service/src/useCases/approvalRules";

const rules: ApprovalRule[] = [
  { dimension: "customer", steps: ["approver"] },
  { dimension: "customer", segment: "Strategic", steps: ["planner", "sales", "finance"] },
  { dimension: "customer", segment: "K*", steps: ["sales"] },
  { dimension: "customer", segment: "*y", steps: ["finance", "approver"] },
  { dimension: "customer", segment: "*|North", steps: ["approver", "finance"] },
];

describe("stepsFor", () => {
  it("needs one approver when no rule covers the request", () => {
    expect(stepsFor([], ["Key"])).toEqual(["approver"]);
    expect(stepsFor(rules.slice(1), ["Core"])).toEqual(["approver"]);
    // A change no rule covers still needs its approver beside a covered one of as many steps.
    expect(stepsFor(rules.slice(2, 3), ["Core", "Kx"])).toEqual(["approver"]);
  });

  it("takes the dimension's rule without a segment for segments no pattern covers", () => {
    expect(stepsFor(rules, ["Core", "Transactional"])).toEqual(["approver"]);
  });

  it("takes the most specific pattern of a segment, even when it is shorter than the general rule", () => {
    expect(stepsFor(rules, ["Kx"])).toEqual(["sales"]);
    expect(stepsFor(rules, ["Strategic"])).toEqual(["planner", "sales", "finance"]);
  });

  it("takes the longest of equally specific patterns that match one segment", () => {
    // "K*" and "*y" each name one literal character: neither is more specific, so the longer list wins.
    expect(stepsFor(rules, ["Ky"])).toEqual(["finance", "approver"]);
  });

  it("takes the strictest across the segments a request touches, its current ones included", () => {
    expect(stepsFor(rules, ["Core", "Strategic"])).toEqual(["planner", "sales", "finance"]);
    expect(stepsFor(rules, ["Kx", "Core"])).toEqual(["sales"]);
  });

  it("matches a hybrid key part by part, and only keys with as many parts", () => {
    expect(stepsFor(rules, ["Key|North"])).toEqual(["approver", "finance"]);
    expect(stepsFor(rules, ["Key|South"])).toEqual(["approver"]);
  });
});

import type { PolicyFields } from "../segmentation/policyTable";
import type { PushPullDecision } from "./pushPull";

export interface EffectiveSupplyMode {
  supplyMode: "push" | "pull";
  /** "policy": the segment's policy fixes the mode; "derived": the policy says derive and the push/pull rule decided */
  source: "policy" | "derived";
  reason: string;
}

/**
 * The supply mode an item is run with: the policy's push or pull as set, or,
 * where the policy says "derive", the push/pull rule's decision for the item
 * (its P:D ratio and demand CoV, {@link pushPull}) with the rule's reason. A
 * fixed mode that the rule would not choose is kept — the policy is the
 * planner's decision — but the reason says what the rule would have chosen.
 */
export function effectiveSupplyMode(policyMode: PolicyFields["supplyMode"], decision: PushPullDecision): EffectiveSupplyMode {
  if (policyMode === "derive") return { supplyMode: decision.supplyMode, source: "derived", reason: `derived: ${decision.reason}` };
  const agrees = decision.supplyMode === policyMode;
  return {
    supplyMode: policyMode,
    source: "policy",
    reason: agrees ? `policy sets ${policyMode}; the push/pull rule agrees: ${decision.reason}` : `policy sets ${policyMode}; the push/pull rule would say ${decision.supplyMode}: ${decision.reason}`,
  };
}

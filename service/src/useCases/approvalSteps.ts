import { DEFAULT_APPROVAL_STEPS, type ApprovalStep } from "../../../shared/src/api";
import type { Actor } from "../auth/actor";
import { conflict, forbidden } from "../appError";
import type { ChangeRequestApprovalTable, ChangeRequestTable } from "../store/schema";

type StepRole = ApprovalStep["role"];

/** A request's steps as raised; a request raised before multi-step approval needs one approver. */
export function stepsOf(row: Pick<ChangeRequestTable, "approval_steps">): StepRole[] {
  return row.approval_steps ? (JSON.parse(row.approval_steps) as StepRole[]) : [...DEFAULT_APPROVAL_STEPS];
}

/** The wire form: each step with who approved it, and the role the next one needs while the request is pending. */
export function presentSteps(row: Pick<ChangeRequestTable, "approval_steps" | "status">, approvals: readonly ChangeRequestApprovalTable[] = []) {
  const roles = stepsOf(row);
  const byStep = new Map(approvals.map((a) => [a.step, a]));
  return {
    approvalSteps: roles.map((role, i) => ({ role, decidedBy: byStep.get(i + 1)?.decided_by ?? null, decidedAt: byStep.get(i + 1)?.decided_at ?? null })),
    nextStep: row.status === "pending" ? (roles[approvals.length] ?? null) : null,
  };
}

export interface OpenStep {
  /** 1-based */
  step: number;
  of: number;
  role: StepRole;
  /** the role after this one, if any */
  next: StepRole | undefined;
}

const article = (role: string) => (/^[aeiou]/.test(role) ? "an" : "a");

/**
 * The step this actor may approve now, or the refusal: one person approves
 * one step of a request (by subject, as four-eyes); a step needs the role it
 * names, and an admin may take any one step but never skips one (every step
 * is its own approval by its own person). A step of the actor's role that
 * someone approved just before is a 409, as for a request decided meanwhile.
 */
export function openStep(cr: Pick<ChangeRequestTable, "id" | "approval_steps">, approvals: readonly ChangeRequestApprovalTable[], actor: Actor): OpenStep {
  const roles = stepsOf(cr);
  const done = approvals.length;
  const mine = approvals.find((a) => a.decided_by_subject === actor.subject);
  const role = roles[done];
  if (mine) throw forbidden(`you approved step ${mine.step} of ${roles.length} of this request: step ${done + 1} needs another person${role ? ` (${article(role)} ${role})` : ""}`);
  if (actor.role !== role && actor.role !== "admin") {
    const earlier = approvals.filter((a) => a.role === actor.role).at(-1);
    if (earlier) throw conflict(`step ${earlier.step} of ${roles.length} (${earlier.role}) is already approved by ${earlier.decided_by}; the request now waits for step ${done + 1}: ${role}`);
    throw forbidden(`step ${done + 1} of ${roles.length} of change request ${cr.id} needs the ${role} role; you are ${article(actor.role)} ${actor.role}`);
  }
  return { step: done + 1, of: roles.length, role, next: roles[done + 1] };
}

/** Who may reject: the role of the request's next step, or an admin; a rejection at any step rejects the request. */
export function assertMayReject(cr: Pick<ChangeRequestTable, "id" | "approval_steps">, approvals: readonly ChangeRequestApprovalTable[], actor: Actor): void {
  const roles = stepsOf(cr);
  const role = roles[approvals.length];
  if (role && actor.role !== role && actor.role !== "admin")
    throw forbidden(`step ${approvals.length + 1} of ${roles.length} of change request ${cr.id} is for the ${role} role to approve or reject; you are ${article(actor.role)} ${actor.role}`);
}

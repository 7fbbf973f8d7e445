import { DEFAULT_APPROVAL_STEPS, type ApprovalRule, type ApprovalRules, type PutApprovalRules } from "../../../shared/src/api";
import { splitSegmentKey, WILDCARD } from "../../../shared/src/segmentation/segmentKey";
import type { Actor } from "../auth/actor";
import { approvalRuleRows, approvalRuleRowsOf, replaceApprovalRuleRows } from "../store/approvalRules";
import { segmentsOf } from "../store/assignments";
import type { ApprovalRuleTable } from "../store/schema";
import { appendAudit } from "./audit";
import type { Executor, ServiceContext } from "./context";

type StepRole = ApprovalRule["steps"][number];

function ruleOf(row: ApprovalRuleTable): ApprovalRule {
  return { dimension: row.dimension as ApprovalRule["dimension"], ...(row.segment !== null ? { segment: row.segment } : {}), steps: JSON.parse(row.steps) as StepRole[] };
}

export async function readApprovalRules(ctx: ServiceContext): Promise<ApprovalRules> {
  const rows = await approvalRuleRows(ctx.db);
  const last = rows.reduce<ApprovalRuleTable | undefined>((a, r) => (a && a.updated_at >= r.updated_at ? a : r), undefined);
  return { rules: rows.map(ruleOf), updatedAt: last?.updated_at ?? null, updatedBy: last?.updated_by ?? null };
}

/** Replace the whole table, audited with the table before and after. Requests already raised keep their steps. */
export async function replaceApprovalRules(ctx: ServiceContext, actor: Actor, input: PutApprovalRules): Promise<ApprovalRules> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = (await approvalRuleRows(trx)).map(ruleOf);
    const rows = input.rules.map((r, i) => ({ position: i, dimension: r.dimension, segment: r.segment ?? null, steps: JSON.stringify(r.steps), updated_at: now.toISOString(), updated_by: actor.name }));
    await replaceApprovalRuleRows(trx, rows);
    await appendAudit(trx, now, { actor: actor.name, action: "approval_rules.replaced", entityType: "approval_rules", entityId: "approval_rules", before: { rules: before }, after: { rules: input.rules } });
  });
  return readApprovalRules(ctx);
}

/** [parts without a wildcard, literal characters]: as in the policy table, higher is more specific; a rule without a segment is below every pattern. */
type Specificity = [number, number];

function matcher(pattern: string): (key: string) => Specificity | undefined {
  const parts = splitSegmentKey(pattern);
  const res = parts.map(
    (p) =>
      new RegExp(
        `^${p
          .split(WILDCARD)
          .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
          .join(".*")}$`,
      ),
  );
  const specificity: Specificity = [parts.filter((p) => !p.includes(WILDCARD)).length, parts.join("").replaceAll(WILDCARD, "").length];
  return (key) => {
    const k = splitSegmentKey(key);
    return k.length === res.length && res.every((re, i) => re.test(k[i])) ? specificity : undefined;
  };
}

const compare = (a: Specificity, b: Specificity) => a[0] - b[0] || a[1] - b[1];

/**
 * The steps of a request whose changes touch these segments (each change's
 * proposed segment and its current one). Per segment the most specific
 * matching rule counts (of equally specific ones, the longest list); across
 * the segments the longest list wins, so bundling a strategic customer with
 * routine moves cannot dodge its steps (of equally long ones, the first
 * segment's). No rule: one approver, as before.
 */
export function stepsFor(rules: readonly ApprovalRule[], segments: readonly string[]): StepRole[] {
  const general = rules.filter((r) => r.segment === undefined).reduce<StepRole[] | undefined>((a, r) => (a && a.length >= r.steps.length ? a : r.steps), undefined);
  const specific = rules.filter((r) => r.segment !== undefined).map((r) => ({ match: matcher(r.segment!), steps: r.steps }));
  // A request without segments (a policy table) takes the dimension's rule.
  let strictest: StepRole[] | undefined = segments.length ? undefined : general;
  for (const key of new Set(segments)) {
    let best: { specificity: Specificity; steps: StepRole[] } | undefined;
    for (const rule of specific) {
      const specificity = rule.match(key);
      if (!specificity) continue;
      const order = best ? compare(specificity, best.specificity) : 1;
      if (order > 0 || (order === 0 && rule.steps.length > best!.steps.length)) best = { specificity, steps: rule.steps };
    }
    const steps = best?.steps ?? general ?? DEFAULT_APPROVAL_STEPS;
    if (!strictest || steps.length > strictest.length) strictest = [...steps];
  }
  return [...(strictest ?? DEFAULT_APPROVAL_STEPS)];
}

/** The steps a new request of a dimension touching these segments must pass, from the stored rules. */
export async function stepsForRequest(db: Executor, dimension: string, segments: readonly string[]): Promise<StepRole[]> {
  return stepsFor((await approvalRuleRowsOf(db, dimension)).map(ruleOf), segments);
}

/** The steps of a new assignment request: its proposed segments and the current segments of the entities it moves. */
export async function stepsForChanges(db: Executor, dimension: string, version: number, changes: ReadonlyArray<{ entityId: string; segment: string }>): Promise<StepRole[]> {
  const rules = (await approvalRuleRowsOf(db, dimension)).map(ruleOf);
  // Only a segment pattern needs the current segments: the look-up is skipped when no rule has one.
  const from = rules.some((r) => r.segment !== undefined)
    ? [
        ...(
          await segmentsOf(
            db,
            dimension,
            version,
            changes.map((c) => c.entityId),
          )
        ).values(),
      ]
    : [];
  return stepsFor(rules, [...changes.map((c) => c.segment), ...from]);
}

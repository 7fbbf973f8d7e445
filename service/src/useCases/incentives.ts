import { NO_OWNER, incentivePlanSchema, type IncentivePlan, type IncentivePlanResponse, type IncentiveReport, type IncentiveReportQuery } from "../../../shared/src/api";
import { incentiveFigures, type IncentiveAccount } from "../../../shared/src/cost";
import { costPerLine } from "../../../shared/src/kpi";
import type { Actor } from "../auth/actor";
import { forbidden } from "../appError";
import { activityByCustomer } from "../store/activityCounts";
import { ratesInForce } from "../store/activityRates";
import { assignmentsAt } from "../store/assignments";
import { customerMargins } from "../store/customerMargins";
import { entityAttributes } from "../store/entities";
import { readIncentivePlanRow, writeIncentivePlanRow } from "../store/incentivePlan";
import { orderSumsByCustomer } from "../store/orderEntitySums";
import { orderWeekRange } from "../store/orderLines";
import { currentVersion } from "../store/versions";
import { appendAudit } from "./audit";
import type { Executor, ServiceContext } from "./context";
import { NO_SEGMENT } from "./freightAllocation";
import { customerCostBasis } from "./kpiReport";

/* Incentives on profitability after cost-to-serve: the plan finance sets, and the figures per account owner. */

/** The roles that own the plan: compensation is finance's (admin stands in). */
const PLAN_ROLES: readonly string[] = ["finance", "admin"];

export async function incentivePlan(db: Executor): Promise<IncentivePlanResponse> {
  const row = await readIncentivePlanRow(db);
  if (!row) return { plan: null, updatedBy: null, updatedAt: null };
  return { plan: incentivePlanSchema.parse(row.plan), updatedBy: row.updatedBy, updatedAt: row.updatedAt };
}

/** Replace the plan, audited with before and after; only finance (or admin) may. */
export async function replaceIncentivePlan(ctx: ServiceContext, actor: Actor, plan: IncentivePlan): Promise<IncentivePlanResponse> {
  if (!PLAN_ROLES.includes(actor.role)) throw forbidden(`role ${actor.role} may not set the incentive plan: it is finance's`);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await incentivePlan(trx);
    await writeIncentivePlanRow(trx, plan, actor.name, now.toISOString());
    await appendAudit(trx, now, { actor: actor.name, action: "incentive_plan.replaced", entityType: "incentive_plan", entityId: "incentive_plan", before: before.plan, after: plan });
  });
  return incentivePlan(ctx.db);
}

const pct = (x: number) => `${(x * 100).toLocaleString("en-US", { maximumFractionDigits: 2 })} %`;

/**
 * Per account owner and per owner × customer segment: revenue and gross
 * margin from the order history in the window, cost-to-serve as the KPI
 * report prices it (the activity counts at the rate table in force, else the
 * illustrative defaults), margin after cost-to-serve and the incentive under
 * the stored plan. The activity counts cover the whole history, so over a
 * window each customer bears its cost per order line × its lines in the window.
 */
export async function incentiveReport(db: Executor, query: IncentiveReportQuery, asOf: Date = new Date()): Promise<IncentiveReport> {
  const [customers, range, version, stored, activity, rateTable, allSums, margins] = await Promise.all([
    entityAttributes(db, "customer"),
    orderWeekRange(db),
    currentVersion(db, "customer"),
    incentivePlan(db),
    activityByCustomer(db),
    ratesInForce(db, asOf.toISOString().slice(0, 10)),
    orderSumsByCustomer(db),
    customerMargins(db, query.from, query.to),
  ]);
  const segments = new Map((await assignmentsAt(db, "customer", version)).map((a) => [a.entityId, a.segment]));
  const basis = customerCostBasis(activity, rateTable);
  const windowed = query.from !== undefined || query.to !== undefined;
  const perLine = windowed ? costPerLine(basis.customerCosts, new Map([...allSums].map(([id, s]) => [id, s.lines]))) : null;
  const accounts: IncentiveAccount[] = [...customers].map(([id, attributes]) => {
    const m = margins.get(id);
    const owner = typeof attributes.account_owner === "string" && attributes.account_owner.trim() ? attributes.account_owner : null;
    const costToServe = perLine ? (perLine.get(id)?.[0] ?? 0) * (m?.lines ?? 0) : (basis.customerCosts.get(id)?.total ?? 0);
    return { customerId: id, owner, segment: segments.get(id) ?? null, revenue: m?.revenue ?? 0, grossMargin: m?.grossMargin ?? 0, costToServe };
  });
  const figures = incentiveFigures(accounts, stored.plan, NO_OWNER, NO_SEGMENT);
  const notes = [
    stored.plan
      ? `Plan: ${pct(stored.plan.share)} of margin after cost-to-serve${stored.plan.floors.length ? `; floors ${stored.plan.floors.map((f) => `${f.segment} ${pct(f.minMarginPct)}`).join(", ")}` : "; no floors"} (set by ${stored.updatedBy} on ${stored.updatedAt!.slice(0, 10)}).`
      : "No incentive plan is set: the figures are shown without an incentive. Finance sets the plan's share and floors.",
    basis.stored ? `Cost-to-serve at the stored activity rates in force (version ${basis.rateTable!.version}).` : "Cost-to-serve at the illustrative default activity rates: no rate table is stored.",
    ...(activity.size ? [] : ["No activity counts are stored: cost-to-serve is 0 for every customer until activity_counts is imported."]),
    ...(windowed ? ["The activity counts cover the whole history: over the window each customer bears its cost-to-serve per order line × its lines in the window."] : []),
  ];
  return {
    window: { fromWeek: query.from ?? range?.first ?? 0, toWeek: query.to ?? range?.last ?? 0 },
    plan: stored.plan,
    notes,
    activityRatesSource: basis.stored ? { source: "stored", version: basis.rateTable!.version } : { source: "default", version: null },
    ...figures,
  };
}

import type { ForecastOverride, RecordForecastOverride } from "../../../shared/src/api";
import { forecastGovernanceSchema, type ForecastGovernance } from "../../../shared/src/forecasting/forecastGovernance";
import { PolicyTable } from "../../../shared/src/segmentation";
import type { Actor } from "../auth/actor";
import { forbidden, notFound, unprocessable } from "../appError";
import { segmentsOf } from "../store/assignments";
import { entityIds } from "../store/entities";
import { forecastOverrides, insertForecastOverride } from "../store/forecastOverrides";
import type { ForecastOverrideTable } from "../store/schema";
import { currentVersion } from "../store/versions";
import { appendAudit } from "./audit";
import type { ServiceContext } from "./context";
import { currentPolicies } from "./policies";

/** The governance function a role acts as when it overrides a forecast (the policy's overrideAllowedBy names functions, not roles). */
const FUNCTIONS_OF_ROLE: Record<string, readonly string[]> = {
  planner: ["demand planner", "supply chain"],
  sales: ["sales"],
  finance: ["finance"],
  admin: ["demand planner", "supply chain", "sales", "finance"],
};

const pct = (x: number) => `${(x * 100).toLocaleString("en-US", { maximumFractionDigits: 1 })} %`;

/** A segment's forecast governance as its policy resolves it (defaults where the policy is silent). */
export async function governanceOfSegments(ctx: ServiceContext, segments: Iterable<string>): Promise<Map<string, ForecastGovernance>> {
  const policies = await currentPolicies(ctx.db);
  const table = policies.rows.length ? new PolicyTable(policies.rows) : undefined;
  const out = new Map<string, ForecastGovernance>();
  for (const segment of segments) {
    const resolved = table ? table.resolve(segment).policy : undefined;
    out.set(segment, forecastGovernanceSchema.parse({ segment, overrideAllowedBy: resolved?.overrideAllowedBy, maxOverridePct: resolved?.maxOverridePct }));
  }
  return out;
}

/**
 * The override checks: the product's current segment resolves its policy;
 * the policy's `overrideAllowedBy` (default: demand planners) says whose it
 * is to change, and `maxOverridePct` how far from the statistical forecast
 * it may go. A refusal (403, 422 on `field`) names the segment and the
 * limit. Forecast reviews check sales' adjustments with the same rules.
 */
export async function checkForecastOverride(ctx: ServiceContext, actor: Actor, change: { productId: string; from: number; to: number }, field = "body.to"): Promise<{ segment: string | null; limit: number | null }> {
  if (!(await entityIds(ctx.db, "product")).has(change.productId)) throw notFound(`no product ${change.productId}`);
  const segment = (await segmentsOf(ctx.db, "product", await currentVersion(ctx.db, "product"), [change.productId])).get(change.productId) ?? null;
  const governance = segment ? (await governanceOfSegments(ctx, [segment])).get(segment)! : forecastGovernanceSchema.parse({ segment: "*" });
  const functions = FUNCTIONS_OF_ROLE[actor.role] ?? [];
  const where = segment ? `segment ${segment}` : "an unsegmented product";
  if (!governance.overrideAllowedBy.some((f) => functions.includes(f))) {
    throw forbidden(`role ${actor.role} may not override forecasts of ${where}: its policy lets ${governance.overrideAllowedBy.join(", ")} override`);
  }
  const moved = change.from > 0 ? (change.to - change.from) / change.from : null;
  const limit = governance.maxOverridePct ?? null;
  if (limit !== null && change.to !== change.from) {
    const over = moved === null || Math.abs(moved) > limit + 1e-12;
    if (over) {
      const words = moved === null ? `from 0 to ${change.to}` : `of ${moved > 0 ? "+" : "−"}${pct(Math.abs(moved))}`;
      throw unprocessable(`${field}: an override ${words} is beyond the ±${pct(limit)} the policy of ${where} allows`, [{ field, message: `beyond the limit of ±${pct(limit)}` }]);
    }
  }
  return { segment, limit };
}

/** Record an override, checked by checkForecastOverride; an accepted one is stored with who and when, and audited. */
export async function recordForecastOverride(ctx: ServiceContext, actor: Actor, input: RecordForecastOverride): Promise<ForecastOverride> {
  const { segment, limit } = await checkForecastOverride(ctx, actor, { productId: input.productId, from: input.from, to: input.to });
  const recorded: ForecastOverrideTable = { product_id: input.productId, week: input.week, from_qty: input.from, to_qty: input.to, changed_by: actor.name, changed_at: ctx.now().toISOString(), reason: input.reason };
  const row = await ctx.db.transaction().execute(async (trx) => {
    const stored = await insertForecastOverride(trx, recorded);
    await appendAudit(trx, ctx.now(), {
      actor: actor.name,
      action: "forecast_override.recorded",
      entityType: "product",
      entityId: input.productId,
      dimension: "product",
      before: { week: input.week, forecast: input.from },
      after: { week: input.week, forecast: input.to, segment, limit },
      reason: input.reason,
    });
    return stored;
  });
  return present(row, segment, limit);
}

function present(r: ForecastOverrideTable, segment: string | null, limit: number | null): ForecastOverride {
  return {
    productId: r.product_id,
    week: r.week,
    from: r.from_qty,
    to: r.to_qty,
    change: r.from_qty > 0 ? (r.to_qty - r.from_qty) / r.from_qty : null,
    segment,
    limit,
    who: r.changed_by,
    at: r.changed_at,
    reason: r.reason,
  };
}

/** Recorded overrides (imported or through the route), oldest first, with the product's current segment. */
export async function listForecastOverrides(ctx: ServiceContext, productId?: string): Promise<{ overrides: ForecastOverride[] }> {
  const rows = await forecastOverrides(ctx.db, productId);
  const segments = await segmentsOf(ctx.db, "product", await currentVersion(ctx.db, "product"), [...new Set(rows.map((r) => r.product_id))]);
  return { overrides: rows.map((r) => present(r, segments.get(r.product_id) ?? null, null)) };
}

import { randomUUID } from "node:crypto";
import type { DecideForecastReviewLine, ForecastReview, ForecastReviewLine, ForecastReviewSummary, ForecastValueAddedReport, PublishForecastReview } from "../../../shared/src/api";
import { forecastValueAdded } from "../../../shared/src/forecasting";
import { PolicyTable } from "../../../shared/src/segmentation";
import type { Actor } from "../auth/actor";
import { AppError, conflict, forbidden, notFound } from "../appError";
import { segmentsOf } from "../store/assignments";
import { findForecastRun, forecastRowsOf, latestSucceededRun } from "../store/forecasts";
import {
  closeForecastReviewRow,
  decideForecastReviewLineAt,
  findForecastReview,
  findForecastReviewLine,
  forecastReviewCounts,
  forecastReviewLines,
  insertForecastReview,
  latestClosedForecastReview,
  listForecastReviewRows,
  openForecastReview,
  productNames,
  unitsInWeeks,
  type ForecastReviewLineRow,
  type ForecastReviewRow,
} from "../store/forecastReviews";
import { orderWeekRange } from "../store/orderLines";
import type { ForecastReviewLineTable } from "../store/schema";
import { currentVersion } from "../store/versions";
import { appendAudit } from "./audit";
import type { Executor, ServiceContext } from "./context";
import { checkForecastOverride, governanceOfSegments } from "./forecastOverrides";
import { currentPolicies } from "./policies";

/* Forecast review with sales: publish, accept or adjust within the override limits, close, and the value the review added. */

/** Who answers a review line: sales (admin stands in). Planners publish and close. */
const REVIEWER_ROLES: readonly string[] = ["sales", "admin"];
const PAGE = 10_000;

const weeks = (r: { first_week: number; last_week: number }) => (r.first_week === r.last_week ? `week ${r.first_week}` : `weeks ${r.first_week}–${r.last_week}`);

/** The product segments whose policy sets forecastReview. */
async function reviewedSegments(db: Executor, segments: Iterable<string>): Promise<Set<string>> {
  const policies = await currentPolicies(db);
  if (!policies.rows.length) throw conflict("no policy table is approved yet: a forecast review follows the segments whose policy sets forecastReview");
  const table = new PolicyTable(policies.rows);
  return new Set([...segments].filter((s) => table.match(s) && table.resolve(s).policy.forecastReview === true));
}

/**
 * Publish the next `periods` weeks of a finished run (the newest, or the one
 * named) for the products whose current segment's policy sets
 * forecastReview: one pending line per product and week, the run's
 * statistical figure, audited. Product segments rather than customer ones:
 * forecasts, and the override limits that bound an adjustment, are per
 * product (a customer-segment review would need forecasts per customer).
 */
export async function publishForecastReview(ctx: ServiceContext, actor: Actor, input: PublishForecastReview): Promise<ForecastReview> {
  const run = input.runId ? await findForecastRun(ctx.db, input.runId) : await latestSucceededRun(ctx.db);
  if (!run) throw input.runId ? notFound(`no forecast run ${input.runId}`) : conflict("no forecast run has finished yet: run the forecast first, then publish its review");
  if (run.status !== "succeeded") throw conflict(`forecast run ${run.version} is ${run.status}: only a finished run can be reviewed`);
  if (run.last_week === null) throw conflict(`forecast run ${run.version} read no order history: there is nothing to review`);
  const horizon = Number(run.horizon);
  if (input.periods > horizon)
    throw new AppError(422, "Unprocessable content", `body.periods: forecast run ${run.version} forecasts ${horizon} weeks ahead: review at most ${horizon}`, [{ field: "body.periods", message: `at most ${horizon}` }]);
  const open = await openForecastReview(ctx.db);
  if (open) throw conflict(`forecast review ${open.id} (${weeks(open)}) is still open: close it before publishing another`);

  const rows = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await forecastRowsOf(ctx.db, run.id, { limit: PAGE, offset });
    rows.push(...page.rows);
    if (page.rows.length < PAGE) break;
  }
  const current = await segmentsOf(
    ctx.db,
    "product",
    await currentVersion(ctx.db, "product"),
    rows.map((r) => r.product_id),
  );
  const segmentOf = (productId: string, stored: string | null) => current.get(productId) ?? stored;
  const reviewed = await reviewedSegments(ctx.db, new Set(rows.map((r) => segmentOf(r.product_id, r.segment)).filter((s): s is string => s !== null)));
  if (!reviewed.size) throw conflict(`no product segment of forecast run ${run.version} has a policy that sets forecastReview: set it (Policies) on the segments sales should review`);

  const id = randomUUID();
  const at = ctx.now().toISOString();
  const first = Number(run.last_week) + 1;
  const lines: ForecastReviewLineTable[] = [];
  for (const r of rows) {
    const segment = segmentOf(r.product_id, r.segment);
    if (segment === null || !reviewed.has(segment)) continue;
    const forecast = JSON.parse(r.forecast) as number[];
    for (let k = 0; k < input.periods && k < forecast.length; k++) {
      // A model can dip below zero; nobody orders a negative quantity.
      lines.push({
        review_id: id,
        product_id: r.product_id,
        week: first + k,
        segment,
        statistical: Math.max(0, forecast[k]),
        status: "pending",
        quantity: null,
        assumption: null,
        decided_by: null,
        decided_at: null,
        version: 0,
      });
    }
  }
  if (!lines.length) throw conflict(`forecast run ${run.version} holds no forecast for the products of ${[...reviewed].join(", ")}`);
  const review: ForecastReviewRow = {
    id,
    run_id: run.id,
    run_version: Number(run.version),
    first_week: first,
    last_week: first + input.periods - 1,
    status: "open",
    created_by: actor.name,
    created_at: at,
    closed_by: null,
    closed_at: null,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertForecastReview(trx, review, lines);
      await appendAudit(trx, ctx.now(), {
        actor: actor.name,
        action: "forecast_review.published",
        entityType: "forecast_review",
        entityId: id,
        dimension: "product",
        after: { runVersion: review.run_version, firstWeek: review.first_week, lastWeek: review.last_week, segments: [...reviewed].sort(), lines: lines.length },
      });
    });
  } catch (error) {
    // The one-open-review index: another planner published first.
    if (/unique|duplicate/i.test(error instanceof Error ? error.message : "")) throw conflict("another forecast review was published meanwhile and is open: close it before publishing another");
    throw error;
  }
  return readForecastReview(ctx, id);
}

function summary(r: ForecastReviewRow, counts: Record<string, number>, segments: string[]): ForecastReviewSummary {
  const accepted = counts.accepted ?? 0;
  const adjusted = counts.adjusted ?? 0;
  const pending = counts.pending ?? 0;
  return {
    id: r.id,
    runId: r.run_id,
    runVersion: Number(r.run_version),
    firstWeek: Number(r.first_week),
    lastWeek: Number(r.last_week),
    status: r.status as ForecastReviewSummary["status"],
    segments,
    lines: accepted + adjusted + pending,
    accepted,
    adjusted,
    pending,
    createdBy: r.created_by,
    createdAt: r.created_at,
    closedBy: r.closed_by,
    closedAt: r.closed_at,
  };
}

function presentLine(l: ForecastReviewLineRow, name: string | undefined): ForecastReviewLine {
  const adjusted = l.status === "adjusted" && l.quantity !== null;
  return {
    productId: l.product_id,
    productName: name ?? null,
    segment: l.segment,
    week: Number(l.week),
    statistical: l.statistical,
    status: l.status as ForecastReviewLine["status"],
    quantity: l.quantity,
    assumption: l.assumption,
    outcome: adjusted ? l.quantity! : l.statistical,
    change: adjusted && l.statistical > 0 ? (l.quantity! - l.statistical) / l.statistical : null,
    decidedBy: l.decided_by,
    decidedAt: l.decided_at,
    version: Number(l.version),
  };
}

export async function readForecastReview(ctx: ServiceContext, id: string): Promise<ForecastReview> {
  const review = await findForecastReview(ctx.db, id);
  if (!review) throw notFound(`no forecast review ${id}`);
  const lines = await forecastReviewLines(ctx.db, id);
  const names = await productNames(ctx.db, [...new Set(lines.map((l) => l.product_id))]);
  const counts: Record<string, number> = {};
  for (const l of lines) counts[l.status] = (counts[l.status] ?? 0) + 1;
  const segments = [...new Set(lines.map((l) => l.segment))].sort();
  const governance = await governanceOfSegments(ctx, segments);
  return {
    ...summary(review, counts, segments),
    limits: segments.map((s) => ({ segment: s, overrideAllowedBy: governance.get(s)!.overrideAllowedBy, maxOverridePct: governance.get(s)!.maxOverridePct ?? null })),
    items: lines.map((l) => presentLine(l, names.get(l.product_id))),
  };
}

export async function listForecastReviews(db: Executor): Promise<{ reviews: ForecastReviewSummary[] }> {
  const [rows, counts] = await Promise.all([listForecastReviewRows(db), forecastReviewCounts(db)]);
  const segments = new Map<string, string[]>();
  for (const r of rows) {
    const lines = await forecastReviewLines(db, r.id);
    segments.set(r.id, [...new Set(lines.map((l) => l.segment))].sort());
  }
  return { reviews: rows.map((r) => summary(r, counts.get(r.id) ?? {}, segments.get(r.id) ?? [])) };
}

/** Re-throw a refusal of the override checks with the line named first. */
function naming(label: string, error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  return new AppError(
    error.status,
    error.title,
    `${label}: ${error.detail}`,
    error.errors.map((e) => ({ ...e, message: `${label}: ${e.message}` })),
    error.headers,
  );
}

/**
 * Sales accept a line or adjust it. An adjustment passes the forecast
 * override checks (who may, how far) as an override from the statistical
 * figure to sales' quantity would; a refusal names the line. The decision
 * lands only at the version the person saw (409 otherwise) and is audited in
 * the same transaction.
 */
export async function decideForecastReviewLine(ctx: ServiceContext, actor: Actor, key: { id: string; productId: string; week: number }, input: DecideForecastReviewLine): Promise<ForecastReview> {
  if (!REVIEWER_ROLES.includes(actor.role)) throw forbidden(`role ${actor.role} may not answer a forecast review: accepting or adjusting the reviewed forecast is for sales`);
  const review = await findForecastReview(ctx.db, key.id);
  if (!review) throw notFound(`no forecast review ${key.id}`);
  const label = `line ${key.productId} week ${key.week}`;
  if (review.status !== "open") throw conflict(`${label}: forecast review ${key.id} is closed, its lines no longer change`);
  const line = await findForecastReviewLine(ctx.db, key.id, key.productId, key.week);
  if (!line) throw notFound(`forecast review ${key.id} has no line for product ${key.productId} in week ${key.week}`);
  const stale = (l: ForecastReviewLineRow) => conflict(`${label} is at version ${l.version}, not ${input.expectedVersion}: ${l.decided_by ?? "someone"} ${l.status} it meanwhile; reload the review and decide again`);
  if (Number(line.version) !== input.expectedVersion) throw stale(line);
  if (input.action === "adjust") {
    try {
      await checkForecastOverride(ctx, actor, { productId: key.productId, from: line.statistical, to: input.quantity }, "body.quantity");
    } catch (error) {
      throw naming(label, error);
    }
  }
  const at = ctx.now();
  const decision = {
    status: input.action === "adjust" ? ("adjusted" as const) : ("accepted" as const),
    quantity: input.action === "adjust" ? input.quantity : null,
    assumption: input.action === "adjust" ? input.assumption : null,
    decidedBy: actor.name,
    decidedAt: at.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await decideForecastReviewLineAt(trx, { reviewId: key.id, productId: key.productId, week: key.week, expectedVersion: input.expectedVersion }, decision))) {
      const now = await findForecastReviewLine(trx, key.id, key.productId, key.week);
      const still = await findForecastReview(trx, key.id);
      if (still?.status !== "open") throw conflict(`${label}: forecast review ${key.id} was closed meanwhile, its lines no longer change`);
      throw stale(now ?? line);
    }
    await appendAudit(trx, at, {
      actor: actor.name,
      action: `forecast_review.${decision.status}`,
      entityType: "product",
      entityId: key.productId,
      dimension: "product",
      before: { review: key.id, week: key.week, status: line.status, forecast: presentLine(line, undefined).outcome },
      after: { review: key.id, week: key.week, status: decision.status, statistical: line.statistical, forecast: decision.quantity ?? line.statistical, segment: line.segment },
      reason: decision.assumption ?? "accepted the statistical forecast",
    });
  });
  return readForecastReview(ctx, key.id);
}

/** Close a review (again: as it is): its outcome is the forecast stock-risk reads from now on. Audited. */
export async function closeForecastReview(ctx: ServiceContext, actor: Actor, id: string): Promise<ForecastReview> {
  const review = await findForecastReview(ctx.db, id);
  if (!review) throw notFound(`no forecast review ${id}`);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await closeForecastReviewRow(trx, id, actor.name, ctx.now().toISOString()))) return;
    const counts: Record<string, number> = {};
    for (const l of await forecastReviewLines(trx, id)) counts[l.status] = (counts[l.status] ?? 0) + 1;
    await appendAudit(trx, ctx.now(), {
      actor: actor.name,
      action: "forecast_review.closed",
      entityType: "forecast_review",
      entityId: id,
      dimension: "product",
      before: { status: "open" },
      after: { status: "closed", ...counts },
    });
  });
  return readForecastReview(ctx, id);
}

const pctPoints = (x: number) => `${(x * 100).toLocaleString("en-US", { maximumFractionDigits: 1 })} points`;

/**
 * Forecast value added per segment (shared/src/forecasting/forecastValueAdded:
 * Gilliland 2010): over the reviewed weeks the order history covers, each
 * line's actual units against its statistical figure and the review's outcome.
 */
export async function readForecastValueAdded(ctx: ServiceContext, id: string): Promise<ForecastValueAddedReport> {
  const review = await findForecastReview(ctx.db, id);
  if (!review) throw notFound(`no forecast review ${id}`);
  const [lines, range] = await Promise.all([forecastReviewLines(ctx.db, id), orderWeekRange(ctx.db)]);
  const first = Number(review.first_week);
  const last = Math.min(Number(review.last_week), range?.last ?? 0);
  const measured = last >= first ? { from: first, to: last } : null;
  const actuals = measured ? await unitsInWeeks(ctx.db, [...new Set(lines.map((l) => l.product_id))], measured.from, measured.to) : new Map<string, number>();
  const inWindow = measured ? lines.filter((l) => Number(l.week) <= measured.to) : [];
  const fva = forecastValueAdded(
    inWindow.map((l) => {
      const shown = presentLine(l, undefined);
      return { segment: l.segment, statistical: l.statistical, reviewed: shown.outcome, actual: actuals.get(`${l.product_id}|${Number(l.week)}`) ?? 0, adjusted: l.status === "adjusted" };
    }),
  );
  const notes: string[] = [];
  if (!measured)
    notes.push(`No actuals yet: the order history ends ${range ? `in week ${range.last}` : "before any week"}, the review covers ${weeks(review)}. Forecast value added is measured once the history reaches them.`);
  else if (measured.to < Number(review.last_week)) notes.push(`Weeks ${measured.from}–${measured.to} of ${weeks(review)} have actuals so far.`);
  if (review.status === "open") notes.push("The review is still open: the reviewed forecast may change until it is closed.");
  if (measured && fva.total.fvaWape !== null)
    notes.push(
      `Over all reviewed lines the review ${fva.total.fvaWape > 0 ? "improved" : fva.total.fvaWape < 0 ? "worsened" : "did not change"} WAPE by ${pctPoints(Math.abs(fva.total.fvaWape))} (FVA = statistical error − reviewed error; Gilliland 2010).`,
    );
  return { reviewId: id, status: review.status as ForecastValueAddedReport["status"], measuredWeeks: measured, segments: fva.segments, total: fva.total, notes };
}

/**
 * The forecast per week the newest closed review settled on, per product,
 * while its weeks lie ahead of the order history (a review whose weeks have
 * all passed forecasts nothing any more). Stock-risk prefers it to the
 * history's mean.
 */
export async function reviewedWeeklyDemand(db: Executor): Promise<{ reviewId: string; weeks: string; mean: Map<string, number> } | null> {
  const review = await latestClosedForecastReview(db);
  if (!review) return null;
  const range = await orderWeekRange(db);
  const from = Math.max(Number(review.first_week), (range?.last ?? 0) + 1);
  if (from > Number(review.last_week)) return null;
  const sums = new Map<string, { total: number; n: number }>();
  for (const l of await forecastReviewLines(db, review.id)) {
    if (Number(l.week) < from) continue;
    const s = sums.get(l.product_id) ?? { total: 0, n: 0 };
    s.total += presentLine(l, undefined).outcome;
    s.n += 1;
    sums.set(l.product_id, s);
  }
  return { reviewId: review.id, weeks: from === Number(review.last_week) ? `week ${from}` : `weeks ${from}–${review.last_week}`, mean: new Map([...sums].map(([id, s]) => [id, s.total / s.n])) };
}

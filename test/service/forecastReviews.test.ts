/**
 * Forecast review with sales on the small demo company, on SQLite and
 * PostgreSQL. The policy asks two product segments for a review: one lets
 * sales override by ±30 %, the other names no one but demand planners. A
 * planner publishes the next weeks of a finished forecast run; sales accept
 * lines and adjust others with an assumption; an adjustment beyond the limit,
 * or in the segment whose policy does not name sales, is refused naming the
 * line (the forecast-override checks); each decision is audited; two sales
 * users adjusting one line at once get one 200 and one 409. Closed, the
 * review's outcome is the weekly demand the slow-mover reorder points use;
 * once actuals arrive, forecast value added per segment is the statistical
 * forecast's error minus the reviewed one's (Gilliland 2010), checked here
 * against the MAE and WAPE worked out from the lines.
 */
import { issueToken } from "../../service/src/auth/tokens";
import { DEMO_POLICIES } from "../../service/src/demo/loadDemo";
import { decideForecastReviewLineAt } from "../../service/src/store/forecastReviews";
import { appendOrderLines } from "../../service/src/store/orderLines";
import { runForecastJob, STORES, startTestService, type TestService } from "./harness";

jest.setTimeout(120_000);

interface Line {
  productId: string;
  segment: string;
  week: number;
  statistical: number;
  status: string;
  quantity: number | null;
  outcome: number;
  version: number;
}

describe.each(STORES)("forecast review with sales on %s", (store) => {
  let t: TestService;
  let governed: string;
  let plannersOnly: string;
  let reviewId: string;
  let lines: Line[];
  let secondSales: string;
  const decide = (token: string, line: Pick<Line, "productId" | "week">, body: unknown) => t.api("POST", `/api/v1/forecast-reviews/${reviewId}/lines/${line.productId}/${line.week}`, { token, body });

  beforeAll(async () => {
    t = await startTestService(store);
    secondSales = (await issueToken(t.service.ctx.db, "test-sales-2", "sales")).token;
    // The reviewed segments: the one of an intermittent product (so the slow-mover reorder points can show the review) and one other.
    const slow = (await t.api("GET", "/api/v1/inventory/slow-movers")).body.items as Array<{ segment: string }>;
    expect(slow.length).toBeGreaterThan(0);
    governed = slow[0].segment;
    const assignments = (await t.api("GET", "/api/v1/segments?dimension=product")).body.assignments as Array<{ segment: string }>;
    plannersOnly = assignments.map((a) => a.segment).find((s) => s !== governed)!;
    const policies = (await t.api("GET", "/api/v1/policies")).body;
    const rows = [
      ...policies.rows.filter((r: { segment: string }) => r.segment !== governed && r.segment !== plannersOnly),
      { ...DEMO_POLICIES[0], segment: governed, forecastReview: true, overrideAllowedBy: ["demand planner", "sales"], maxOverridePct: 0.3 },
      { ...DEMO_POLICIES[0], segment: plannersOnly, forecastReview: true },
    ];
    const put = await t.api("PUT", "/api/v1/policies", { token: t.tokens.planner, body: { rows, justification: "sales review the forecast of two segments" } });
    expect(put.status).toBe(201);
    expect((await t.api("POST", `/api/v1/change-requests/${put.body.id}/approve`, { token: t.tokens.approver, body: { reason: "agreed by S&OP", expectedVersion: policies.version } })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("publishes the next weeks of the newest finished run for the products of the reviewed segments", async () => {
    const early = await t.api("POST", "/api/v1/forecast-reviews", { token: t.tokens.planner, body: { periods: 3 } });
    expect([early.status, early.body.detail]).toEqual([409, "no forecast run has finished yet: run the forecast first, then publish its review"]);
    await runForecastJob(t, { horizon: 4 });
    const run = (await t.api("GET", "/api/v1/forecast-runs")).body.runs[0];

    expect((await t.api("POST", "/api/v1/forecast-reviews", { token: t.tokens.sales, body: { periods: 3 } })).status).toBe(403);
    const tooFar = await t.api("POST", "/api/v1/forecast-reviews", { token: t.tokens.planner, body: { periods: 5 } });
    expect([tooFar.status, tooFar.body.detail]).toEqual([422, `body.periods: forecast run ${run.version} forecasts 4 weeks ahead: review at most 4`]);

    const r = await t.api("POST", "/api/v1/forecast-reviews", { token: t.tokens.planner, body: { periods: 3 } });
    expect([r.status, r.body.detail]).toEqual([201, undefined]);
    reviewId = r.body.id;
    expect(r.body).toMatchObject({ runId: run.id, firstWeek: run.lastWeek + 1, lastWeek: run.lastWeek + 3, status: "open", segments: [governed, plannersOnly].sort(), accepted: 0, adjusted: 0 });
    expect(r.body.limits).toEqual(
      [
        { segment: governed, overrideAllowedBy: ["demand planner", "sales"], maxOverridePct: 0.3 },
        { segment: plannersOnly, overrideAllowedBy: ["demand planner"], maxOverridePct: null },
      ].sort((a, b) => a.segment.localeCompare(b.segment)),
    );
    // Each line is the run's statistical figure for its product and week.
    const forecasts = (await t.api("GET", `/api/v1/forecast-runs/${run.id}/forecasts?limit=1000`)).body.forecasts as Array<{ productId: string; segment: string; forecast: number[] }>;
    const reviewed = forecasts.filter((f) => f.segment === governed || f.segment === plannersOnly);
    lines = r.body.items;
    expect(lines).toHaveLength(reviewed.length * 3);
    expect(r.body.pending).toBe(lines.length);
    for (const l of lines) {
      const f = reviewed.find((x) => x.productId === l.productId)!;
      expect(l.statistical).toBeCloseTo(Math.max(0, f.forecast[l.week - run.lastWeek - 1]), 9);
      expect(l).toMatchObject({ segment: f.segment, status: "pending", outcome: l.statistical, version: 0 });
    }
    const again = await t.api("POST", "/api/v1/forecast-reviews", { token: t.tokens.planner, body: { periods: 2 } });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(new RegExp(`^forecast review ${reviewId} \\(weeks \\d+–\\d+\\) is still open`));
  });

  it("lets sales accept or adjust within the segment's limits, refusing the rest naming the line, and audits each decision", async () => {
    const mine = lines.filter((l) => l.segment === governed && l.statistical > 1);
    expect(mine.length).toBeGreaterThanOrEqual(3);
    const [accepted, adjusted, refused] = mine;
    expect((await decide(t.tokens.planner, accepted, { action: "accept", expectedVersion: 0 })).status).toBe(403);
    const a = await decide(t.tokens.sales, accepted, { action: "accept", expectedVersion: 0 });
    expect([a.status, a.body.detail]).toEqual([200, undefined]);
    expect(a.body.items.find((l: Line) => l.productId === accepted.productId && l.week === accepted.week)).toMatchObject({ status: "accepted", outcome: accepted.statistical, decidedBy: "test-sales", version: 1 });

    const up = adjusted.statistical * 1.25;
    const b = await decide(t.tokens.sales, adjusted, { action: "adjust", quantity: up, assumption: "promotion in the key account", expectedVersion: 0 });
    expect([b.status, b.body.detail]).toEqual([200, undefined]);
    const stored = b.body.items.find((l: Line) => l.productId === adjusted.productId && l.week === adjusted.week);
    expect(stored).toMatchObject({ status: "adjusted", quantity: up, outcome: up, assumption: "promotion in the key account", version: 1 });
    expect(stored.change).toBeCloseTo(0.25, 9);

    const over = await decide(t.tokens.sales, refused, { action: "adjust", quantity: refused.statistical * 1.5, assumption: "tender we may win", expectedVersion: 0 });
    expect(over.status).toBe(422);
    expect(over.body.detail).toBe(`line ${refused.productId} week ${refused.week}: body.quantity: an override of +50 % is beyond the ±30 % the policy of segment ${governed} allows`);
    expect(over.body.errors).toEqual([{ field: "body.quantity", message: `line ${refused.productId} week ${refused.week}: beyond the limit of ±30 %` }]);
    const other = lines.find((l) => l.segment === plannersOnly)!;
    const notSales = await decide(t.tokens.sales, other, { action: "adjust", quantity: other.statistical + 1, assumption: "new listing", expectedVersion: 0 });
    expect([notSales.status, notSales.body.detail]).toEqual([403, `line ${other.productId} week ${other.week}: role sales may not override forecasts of segment ${plannersOnly}: its policy lets demand planner override`]);
    expect((await decide(t.tokens.sales, other, { action: "accept", expectedVersion: 0 })).status).toBe(200);
    const noAssumption = await decide(t.tokens.sales, refused, { action: "adjust", quantity: refused.statistical, expectedVersion: 0 });
    expect(noAssumption.status).toBe(400);
    expect(noAssumption.body.errors.map((e: { field: string }) => e.field)).toEqual(["body.assumption"]);
    const stale = await decide(t.tokens.sales, accepted, { action: "accept", expectedVersion: 0 });
    expect([stale.status, stale.body.detail]).toEqual([409, `line ${accepted.productId} week ${accepted.week} is at version 1, not 0: test-sales accepted it meanwhile; reload the review and decide again`]);

    const review = (await t.api("GET", `/api/v1/forecast-reviews/${reviewId}`, { token: t.tokens.viewer })).body;
    expect(review).toMatchObject({ accepted: 2, adjusted: 1, pending: lines.length - 3 });
    const audit = (await t.api("GET", "/api/v1/audit?action=forecast_review.adjusted")).body.entries;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: "test-sales", entityId: adjusted.productId, reason: "promotion in the key account" });
    expect(audit[0].after).toMatchObject({ review: reviewId, week: adjusted.week, status: "adjusted", forecast: up, statistical: adjusted.statistical });
    expect((await t.api("GET", "/api/v1/audit?action=forecast_review.accepted")).body.entries).toHaveLength(2);
  });

  it("keeps one of two sales users' adjustments of the same line made at once and answers the other 409", async () => {
    const line = lines.filter((l) => l.segment === governed && l.statistical > 1)[3] ?? lines.find((l) => l.segment === governed && l.status === "pending")!;
    const [x, y] = await Promise.all([
      decide(t.tokens.sales, line, { action: "adjust", quantity: line.statistical * 1.1, assumption: "first user: store openings", expectedVersion: 0 }),
      decide(secondSales, line, { action: "adjust", quantity: line.statistical * 0.9, assumption: "second user: a delisting", expectedVersion: 0 }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const winner = x.status === 200 ? { who: "test-sales", quantity: line.statistical * 1.1 } : { who: "test-sales-2", quantity: line.statistical * 0.9 };
    const loser = x.status === 200 ? y : x;
    expect(loser.body.detail).toBe(`line ${line.productId} week ${line.week} is at version 1, not 0: ${winner.who} adjusted it meanwhile; reload the review and decide again`);
    const stored = (await t.api("GET", `/api/v1/forecast-reviews/${reviewId}`)).body.items.find((l: Line) => l.productId === line.productId && l.week === line.week);
    expect(stored).toMatchObject({ status: "adjusted", decidedBy: winner.who, version: 1 });
    expect(stored.quantity).toBeCloseTo(winner.quantity, 9);
    const audited = (await t.api("GET", `/api/v1/audit?action=forecast_review.adjusted&entityId=${line.productId}`)).body.entries.filter((e: { after: { week: number } }) => e.after.week === line.week);
    expect(audited.map((e: { actor: string }) => e.actor)).toEqual([winner.who]);

    // The lock itself, whatever the timing of the requests: two conditional updates at one version, one applies.
    const key = { reviewId, productId: line.productId, week: line.week, expectedVersion: 1 };
    const decision = (who: string) => ({ status: "accepted" as const, quantity: null, assumption: null, decidedBy: who, decidedAt: new Date().toISOString() });
    const applied = await Promise.all([decideForecastReviewLineAt(t.service.ctx.db, key, decision("a")), decideForecastReviewLineAt(t.service.ctx.db, key, decision("b"))]);
    expect(applied.filter(Boolean)).toHaveLength(1);
    expect((await t.api("GET", `/api/v1/forecast-reviews/${reviewId}`)).body.items.find((l: Line) => l.productId === line.productId && l.week === line.week)).toMatchObject({ status: "accepted", version: 2 });
  });

  it("once closed, its outcome is the weekly demand of the slow-mover reorder points, and no line changes", async () => {
    const before = (await t.api("GET", "/api/v1/inventory/slow-movers?limit=5000")).body.items as Array<{ productId: string; demandSource: string; weeklyMean: number }>;
    expect(before.every((i) => i.demandSource === "order history")).toBe(true);
    expect((await t.api("POST", `/api/v1/forecast-reviews/${reviewId}/close`, { token: t.tokens.sales })).status).toBe(403);
    const closed = await t.api("POST", `/api/v1/forecast-reviews/${reviewId}/close`, { token: t.tokens.planner });
    expect(closed.body).toMatchObject({ status: "closed", closedBy: "test-planner" });
    lines = closed.body.items;
    const late = await decide(t.tokens.sales, lines[0], { action: "accept", expectedVersion: lines[0].version });
    expect([late.status, late.body.detail]).toEqual([409, `line ${lines[0].productId} week ${lines[0].week}: forecast review ${reviewId} is closed, its lines no longer change`]);
    expect((await t.api("GET", `/api/v1/audit?action=forecast_review.closed`)).body.entries).toHaveLength(1);

    const after = (await t.api("GET", "/api/v1/inventory/slow-movers?limit=5000")).body.items as Array<{ productId: string; demandSource: string; forecastReviewId: string | null; weeklyMean: number; reason: string }>;
    const reviewedIds = new Set(lines.map((l) => l.productId));
    const fromReview = after.filter((i) => reviewedIds.has(i.productId));
    expect(fromReview.length).toBeGreaterThan(0);
    for (const item of after) {
      if (!reviewedIds.has(item.productId)) {
        expect(item).toMatchObject({ demandSource: "order history", forecastReviewId: null });
        continue;
      }
      const mine = lines.filter((l) => l.productId === item.productId);
      expect(item).toMatchObject({ demandSource: "forecast review", forecastReviewId: reviewId });
      expect(item.weeklyMean).toBeCloseTo(mine.reduce((s, l) => s + l.outcome, 0) / mine.length, 9);
      expect(item.reason).toContain("as the forecast review with sales settled weeks");
    }
  });

  it("measures forecast value added per segment once the order history reaches the reviewed weeks", async () => {
    const waiting = (await t.api("GET", `/api/v1/forecast-reviews/${reviewId}/value-added`, { token: t.tokens.viewer })).body;
    expect(waiting).toMatchObject({ measuredWeeks: null, total: { lines: 0 } });
    expect(waiting.notes[0]).toMatch(/^No actuals yet: the order history ends in week \d+, the review covers weeks/);

    // Actuals for the first two reviewed weeks: a deterministic spread around each line's statistical figure.
    const first = lines[0].week === Math.min(...lines.map((l) => l.week)) ? lines[0].week : Math.min(...lines.map((l) => l.week));
    const customer = (await t.api("GET", "/api/v1/segments?dimension=customer")).body.assignments[0].entityId as string;
    const actual = (l: Line) => Math.round(l.statistical * (0.8 + (0.4 * ((l.productId.charCodeAt(l.productId.length - 1) + l.week) % 5)) / 4));
    const measured = lines.filter((l) => l.week <= first + 1);
    await appendOrderLines(
      t.service.ctx.db,
      measured.filter((l) => actual(l) > 0).map((l) => ({ customer_id: customer, product_id: l.productId, week: l.week, qty: actual(l), price: 10, cost: 7, lines: 1, deliveries: 1, returns: 0 })),
    );
    const r = await t.api("GET", `/api/v1/forecast-reviews/${reviewId}/value-added`, { token: t.tokens.viewer });
    expect(r.status).toBe(200);
    expect(r.body.measuredWeeks).toEqual({ from: first, to: first + 1 });
    for (const segment of [governed, plannersOnly]) {
      const mine = measured.filter((l) => l.segment === segment);
      const sum = (f: (l: Line) => number) => mine.reduce((s, l) => s + f(l), 0);
      const statError = sum((l) => Math.abs(actual(l) - l.statistical));
      const reviewedError = sum((l) => Math.abs(actual(l) - l.outcome));
      const row = r.body.segments.find((s: { segment: string }) => s.segment === segment);
      expect(row).toMatchObject({ lines: mine.length, adjusted: mine.filter((l) => l.status === "adjusted").length });
      expect(row.statisticalMae).toBeCloseTo(statError / mine.length, 9);
      expect(row.fvaMae).toBeCloseTo((statError - reviewedError) / mine.length, 9);
      expect(row.fvaWape).toBeCloseTo((statError - reviewedError) / sum(actual), 9);
    }
    expect(r.body.notes[0]).toMatch(/^Weeks \d+–\d+ of weeks \d+–\d+ have actuals so far\.$/);
    expect(r.body.notes[1]).toMatch(/^Over all reviewed lines the review (improved|worsened|did not change) WAPE by [\d.]+ points/);
  });
});

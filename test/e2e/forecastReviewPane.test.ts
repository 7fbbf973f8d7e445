/**
 * The Governance pane's Review section in a real browser at 350 px (issue
 * 23) on the demo company. The policy of its largest A segment asks for a
 * forecast review, sales may adjust it by ±30 %. A planner publishes the
 * next two weeks of the newest forecast run from the pane; signed in as
 * sales, one line is accepted, an adjustment of +50 % is refused by the
 * service naming the line, one of +20 % with its assumption is saved; once
 * the review is closed and the order history reaches the reviewed weeks, the
 * pane shows the value the review added per segment, as the service measures
 * it. Screenshots land in test/artifacts/. Uses the build of `npm test` (dist/).
 */
import type { Page } from "playwright-core";
import { DEMO_POLICIES } from "../../service/src/demo/loadDemo";
import { appendOrderLines } from "../../service/src/store/orderLines";
import { runForecastJob, type TestService } from "../service/harness";
import { PaneBrowser } from "./paneBrowser";

jest.setTimeout(240_000);

let service: TestService;
let browser: PaneBrowser;
let page: Page;
let segment: string;

interface Line {
  productId: string;
  week: number;
  statistical: number;
  status: string;
  quantity: number | null;
  outcome: number;
}

beforeAll(async () => {
  browser = await PaneBrowser.start(async (s) => {
    // What a planner sets up on the demo company: the review on the strategic segment, and a forecast run.
    const assignments = (await s.api("GET", "/api/v1/segments?dimension=product")).body.assignments as Array<{ segment: string }>;
    const sizes = new Map<string, number>();
    for (const a of assignments) if (a.segment.startsWith("A")) sizes.set(a.segment, (sizes.get(a.segment) ?? 0) + 1);
    segment = [...sizes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    const policies = (await s.api("GET", "/api/v1/policies")).body;
    const rows = [...policies.rows.filter((r: { segment: string }) => r.segment !== segment), { ...DEMO_POLICIES[1], segment, forecastReview: true, overrideAllowedBy: ["demand planner", "sales"], maxOverridePct: 0.3 }];
    const put = await s.api("PUT", "/api/v1/policies", { token: s.tokens.planner, body: { rows, justification: "sales review the strategic segment's forecast" } });
    expect((await s.api("POST", `/api/v1/change-requests/${put.body.id}/approve`, { token: s.tokens.approver, body: { reason: "agreed by S&OP", expectedVersion: policies.version } })).status).toBe(200);
    await runForecastJob(s, { horizon: 4 });
  });
  ({ page, service } = browser);
  await page.setViewportSize({ width: 350, height: 900 });
});

afterAll(async () => {
  await browser?.close();
});

const pane = () => page.getByRole("tabpanel", { name: "Forecast review" });

async function openReview(token: string, role: string) {
  await browser.signIn(token, role);
  await browser.openPane("Governance");
  await page.getByRole("tab", { name: "Review" }).click();
  await pane().waitFor();
}

const currentReview = async () => {
  const list = (await service.api("GET", "/api/v1/forecast-reviews")).body.reviews;
  return (await service.api("GET", `/api/v1/forecast-reviews/${list[0].id}`)).body as { id: string; firstWeek: number; lastWeek: number; items: Line[] };
};

test("sales accept and adjust the review's lines within the limit, and see the value the review added", async () => {
  await openReview(service.tokens.planner, "planner");
  await pane().getByText("No forecast review yet", { exact: false }).waitFor();
  await pane().getByLabel("Weeks to review").fill("9");
  await pane().getByRole("button", { name: "Publish review" }).click();
  await page.getByText("forecast run 1 forecasts 4 weeks ahead: review at most 4", { exact: false }).waitFor();
  await pane().getByLabel("Weeks to review").fill("2");
  await pane().getByRole("button", { name: "Publish review" }).click();
  await browser.success("Review published");
  const review = await currentReview();
  expect(review.lastWeek - review.firstWeek).toBe(1);

  await openReview(service.tokens.sales, "sales");
  await expect(pane().getByTestId("review-summary").innerText()).resolves.toContain(
    `Open review of weeks ${review.firstWeek}–${review.lastWeek} (forecast run 1), ${segment}: ${review.items.length} lines, 0 accepted, 0 adjusted, ${review.items.length} to answer.`,
  );
  await expect(pane().getByRole("button", { name: "Publish review" }).count()).resolves.toBe(0);
  await browser.screenshot("forecast-review-open-350");

  const [first, second] = review.items.filter((l) => l.statistical >= 5);
  await pane()
    .getByRole("button", { name: `Accept ${first.productId} week ${first.week}` })
    .click();
  await browser.success("Line accepted");

  // +50 % is beyond the segment's ±30 %: the service refuses it and names the line.
  await pane()
    .getByRole("button", { name: `Adjust ${second.productId} week ${second.week}` })
    .click();
  await pane().getByText(`Within ±30% of`, { exact: false }).waitFor();
  await pane()
    .getByLabel("Quantity")
    .fill(String(Math.round(second.statistical * 1.5 * 10) / 10));
  await pane().getByLabel("Assumption").fill("Tender we may win");
  await pane().getByRole("button", { name: "Save adjustment" }).click();
  await browser.success("Adjustment refused");
  await expect(page.locator(".tl-message").first().innerText()).resolves.toMatch(
    new RegExp(`line ${second.productId} week ${second.week}: an override of \\+\\d+(\\.\\d)? % is beyond the ±30 % the policy of segment ${segment} allows`),
  );
  await expect(page.locator(".tl-message").first().innerText()).resolves.not.toContain("body.");
  await browser.screenshot("forecast-review-refused-350");

  const quantity = Math.round(second.statistical * 1.2 * 10) / 10;
  await pane().getByLabel("Quantity").fill(String(quantity));
  await pane().getByLabel("Assumption").fill("");
  await pane().getByText("Say what the adjustment assumes", { exact: false }).waitFor();
  await expect(pane().getByRole("button", { name: "Save adjustment" }).isDisabled()).resolves.toBe(true);
  await pane().getByLabel("Assumption").fill("Promotion at the key account in these weeks");
  await pane().getByRole("button", { name: "Save adjustment" }).click();
  await browser.success("Adjustment saved");
  const stored = (await currentReview()).items.find((l) => l.productId === second.productId && l.week === second.week)!;
  expect(stored).toMatchObject({ status: "adjusted", quantity, outcome: quantity });
  const audit = (await service.api("GET", "/api/v1/audit?action=forecast_review.adjusted")).body.entries;
  expect(audit[0]).toMatchObject({ actor: "test-sales", entityId: second.productId, reason: "Promotion at the key account in these weeks" });

  await pane().getByRole("button", { name: "Show all lines" }).click();
  const lines = pane().getByRole("list", { name: "Review lines" });
  await expect(lines.innerText()).resolves.toMatch(new RegExp(`statistical [\\d,.]+ → [\\d,.]+ \\(\\+20(\\.0)?%\\) by test-sales: “Promotion at the key account in these weeks”`));
  await expect(lines.innerText()).resolves.not.toMatch(/\d\.\d{3,}/);
  await browser.screenshot("forecast-review-answered-350");

  // Before actuals: the pane says FVA waits for them.
  await pane().getByRole("button", { name: "Measure value added" }).click();
  await pane().getByText("No actuals yet", { exact: false }).waitFor();

  // The planner closes it; weeks later the order history covers the reviewed weeks (a quarter-ago pattern stands in for the actuals).
  expect((await service.api("POST", `/api/v1/forecast-reviews/${review.id}/close`, { token: service.tokens.planner })).status).toBe(200);
  const history = (await service.api("GET", "/api/v1/segments?dimension=customer")).body.assignments[0].entityId as string;
  const actual = (l: Line) => Math.max(0, Math.round(l.statistical * (0.7 + ((l.productId.charCodeAt(l.productId.length - 1) + l.week) % 7) / 10)));
  await appendOrderLines(
    service.service.ctx.db,
    review.items.filter((l) => actual(l) > 0).map((l) => ({ customer_id: history, product_id: l.productId, week: l.week, qty: actual(l), price: 10, cost: 7, lines: 1, deliveries: 1, returns: 0 })),
  );
  await pane().getByRole("button", { name: "Measure value added" }).click();
  const table = pane().getByRole("table", { name: "Forecast value added by segment" });
  await table.waitFor();
  // Closed: the summary says so, and no line offers Accept any more.
  await expect(pane().getByTestId("review-summary").innerText()).resolves.toMatch(/^Closed review of .* Closed by test-planner; its outcome is the forecast the slow-mover reorder points use\.$/);
  await expect(
    pane()
      .getByRole("button", { name: /^Accept / })
      .count(),
  ).resolves.toBe(0);
  const fva = (await service.api("GET", `/api/v1/forecast-reviews/${review.id}/value-added`)).body;
  expect(fva.measuredWeeks).toEqual({ from: review.firstWeek, to: review.lastWeek });
  const cells = await table.locator("tbody tr").first().locator("td").allTextContents();
  expect(cells[0]).toBe(`${segment} (1 of ${review.items.length} adjusted)`);
  const points = Number(cells[3].replace("\u2212", "-").replace(/[^\d.-]/g, ""));
  expect(points).toBeCloseTo(fva.segments[0].fvaWape * 100, 1);
  await pane().getByText("Over all reviewed lines the review", { exact: false }).waitFor();
  await browser.screenshot("forecast-review-value-added-350");
  expect(await browser.layoutProblems()).toEqual([]);
  await browser.expectAccessible("forecast review, 350 px");
  expect(browser.pageErrors).toEqual([]);
});

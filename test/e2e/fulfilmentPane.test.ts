/**
 * The Fulfilment pane in a real browser at 350 px (issue 19): a planner
 * promises the demo company's open orders, short on a surging product, reads
 * the shortage per segment, writes every line's promise and path to sheets,
 * then edits the rule tables on their sheets: a premium last mile for a
 * segment that is not premium is refused by sheet, row and column, a new
 * reserve share is saved and drives the next promise.
 * Screenshots land in test/artifacts/. Uses the build of `npm test` (dist/, or TIERLINE_DIST).
 */
import type { Page } from "playwright-core";
import type { AtpReport, ShipmentPlan } from "../../shared/src/api";
import type { TestService } from "../service/harness";
import { COUNT_FORMAT, SHARE_FORMAT, columnFormat } from "../../addin/src/workbook/resultFormats";
import { PaneBrowser } from "./paneBrowser";

jest.setTimeout(240_000);

let service: TestService;
let browser: PaneBrowser;
let page: Page;

beforeAll(async () => {
  browser = await PaneBrowser.startOn("Fulfilment");
  ({ page, service } = browser);
});

afterAll(async () => {
  await browser?.close();
});

const n = (x: number) => x.toLocaleString("en-US");

test("a planner promises a short order set and reads the shortage per segment, then writes promises and paths to sheets", async () => {
  const expected = (await service.api("GET", "/api/v1/fulfilment/atp?limit=1")).body as AtpReport;
  expect(expected.totals.shortfall).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Promise the open orders" }).click();
  await page
    .getByText(`${n(expected.totals.shortfall)} units short on ${n(expected.totals.linesShort)} line`, { exact: false })
    .first()
    .waitFor();
  const segments = page.getByRole("list", { name: "Segments" });
  await expect(segments.locator("li").allTextContents()).resolves.toHaveLength(expected.segments.length);
  const shortSegment = expected.segments.find((s) => s.shortfall > 0)!;
  await segments.getByText(`${n(shortSegment.promised)} of ${n(shortSegment.requested)} units promised`, { exact: false }).waitFor();
  await page
    .getByRole("list", { name: "Products short" })
    .getByText(`${expected.shortProducts[0].productId}: ${n(expected.shortProducts[0].requested)} ordered`)
    .waitFor();
  await browser.screenshot("fulfilment-promise");
  await browser.expectAccessible("fulfilment");
  expect(await browser.layoutProblems()).toEqual([]);

  await page.getByRole("button", { name: "Write promises to sheet" }).click();
  await browser.success("Promises written");
  await expect(browser.gridColumn("TierlinePromises", "OrderId")).resolves.toHaveLength(expected.totals.lines);
  const shortfall = (await browser.gridColumn("TierlinePromises", "Shortfall")).reduce((a, v) => a + Number(v), 0);
  expect(shortfall).toBe(expected.totals.shortfall);
  expect(["Requested", "Promised", "Shortfall", "ReservePct"].map((h) => columnFormat(h, []))).toEqual([COUNT_FORMAT, COUNT_FORMAT, COUNT_FORMAT, SHARE_FORMAT]);

  await browser.openPane("Fulfilment");
  await page.getByRole("button", { name: "Choose paths" }).click();
  const byPath = page.getByRole("list", { name: "Lines by path" });
  await byPath.locator("li").first().waitFor();
  await page.getByRole("button", { name: "Write paths to sheet" }).click();
  await browser.success("Paths written");
  const paths = await browser.gridColumn("TierlineFulfilmentPaths", "Path");
  expect(paths).toHaveLength(expected.totals.lines);
  expect(new Set(paths).size).toBeGreaterThan(1);
  await browser.screenshot("fulfilment-paths-sheet");
});

test("the rule tables round-trip through sheets: a bad cell is named by sheet, row and column; a new reserve is saved and used", async () => {
  await browser.openPane("Fulfilment");
  await page.getByRole("button", { name: "Write rules to sheet" }).click();
  await browser.success("Rules written");
  const segments = await browser.gridColumn("TierlinePathRules", "Segment");
  const keyRow = segments.indexOf("Key");
  expect(keyRow).toBeGreaterThanOrEqual(0);
  await browser.typeInto("TierlinePathRules", "LastMile", keyRow, "same-day");
  await browser.openPane("Fulfilment");
  await page.getByRole("button", { name: "Save the sheets' rules" }).click();
  await browser.success("The rule sheets have problems");
  await page.getByText(`TierlinePathRules row ${keyRow + 2}, LastMile: "same-day" is for premium segments only`, { exact: false }).waitFor();
  await browser.screenshot("fulfilment-rules-problem");

  await browser.typeInto("TierlinePathRules", "LastMile", keyRow, "none");
  const strategic = (await browser.gridColumn("TierlineAllocationRules", "Segment")).indexOf("Strategic");
  await browser.typeInto("TierlineAllocationRules", "ReservePct", strategic, "30%");
  await browser.openPane("Fulfilment");
  await page.getByRole("button", { name: "Save the sheets' rules" }).click();
  await browser.success("Rules saved");
  const stored = (await service.api("GET", "/api/v1/fulfilment/rules")).body as { allocation: Array<{ segment: string; reservePct: number }>; updatedBy: string };
  expect(stored.allocation.find((r) => r.segment === "Strategic")!.reservePct).toBeCloseTo(0.3, 9);
  expect(stored.updatedBy).toBe("test-planner");
  const audit = (await service.api("GET", "/api/v1/audit?action=fulfilment_rules.replaced")).body.entries as Array<{ actor: string }>;
  expect(audit.at(-1)?.actor ?? audit[0].actor).toBe("test-planner");
  await browser.screenshot("fulfilment-rules-saved");
});

test("a planner loads the promised lines onto the carrier's departures and reads per segment what leaves on time, late or not at all", async () => {
  await browser.openPane("Fulfilment");
  const today = ((await service.api("GET", "/api/v1/fulfilment/atp?limit=1")).body as AtpReport).today;
  const day = (k: number) => new Date(Date.parse(`${today}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10);
  // Four trucks with room for half the weight of the lines due out on their days: short enough that priority decides.
  const days = [1, 2, 3, 4].map(day);
  const roomy = (await service.api("POST", "/api/v1/fulfilment/shipment-plan", { body: { departures: days.map((date) => ({ date, capacity: 1e9 })) } })).body as ShipmentPlan;
  const room = Math.round(roomy.departures.reduce((a, d) => a + d.used, 0) / 8);
  const departures = days.map((date) => ({ date, capacity: room }));
  const expected = (await service.api("POST", "/api/v1/fulfilment/shipment-plan", { body: { departures } })).body as ShipmentPlan;
  const beyond = expected.exceptions.filter((e) => e.departure === null && e.shipBy > days[3]);
  const short = expected.exceptions.filter((e) => !beyond.includes(e));
  expect(short.length).toBeGreaterThan(0);
  // Priority 1 goes first: it misses no more, as a share of its lines, than the last priority.
  const first = expected.segments[0];
  const last = expected.segments.at(-1)!;
  expect(first.onTime / first.shipments).toBeGreaterThanOrEqual(last.onTime / last.shipments);

  await expect(page.getByLabel("Departure 1 date").inputValue()).resolves.toBe(day(1));
  await page.getByRole("button", { name: "Add departure" }).click();
  await page.getByLabel("Departure 1 room").fill("lots");
  await page.getByText("Departure 1: Room", { exact: false }).waitFor();
  await expect(page.getByRole("button", { name: "Plan shipments" }).isDisabled()).resolves.toBe(true);
  for (const [i, d] of departures.entries()) {
    await page.getByLabel(`Departure ${i + 1} date`).fill(d.date);
    await page.getByLabel(`Departure ${i + 1} room`).fill(n(d.capacity));
  }
  await page.getByRole("button", { name: "Plan shipments" }).click();
  await browser.success("Shipments planned");
  const segments = page.getByRole("list", { name: "Segments on time" });
  await expect(segments.locator("li").allTextContents()).resolves.toHaveLength(expected.segments.length);
  const missing = expected.segments.find((s) => s.onTime < s.shipments)!;
  await segments.getByText(`${missing.segment} (priority ${missing.priority}): ${n(missing.onTime)} of ${n(missing.shipments)} lines on time`, { exact: false }).waitFor();
  if (beyond.length) await page.getByText(`${n(beyond.length)} line${beyond.length === 1 ? " is" : "s are"} due out after the last departure`, { exact: false }).waitFor();
  await page.getByRole("list", { name: "Lines that miss" }).getByText(`${short[0].orderId} line ${short[0].line} (${short[0].segment},`, { exact: false }).waitFor();
  await page.getByRole("region", { name: "Carrier capacity" }).screenshot({ path: "test/artifacts/fulfilment-carrier-capacity.png" });
  expect(await browser.layoutProblems()).toEqual([]);
  await browser.expectAccessible("fulfilment-carrier");

  await expect(browser.gridColumn("TierlineShipmentPlan", "NotShipped")).resolves.toEqual(expected.segments.map((s) => n(s.notShipped)));
  await expect(browser.gridColumn("TierlineShipmentMisses", "OrderId")).resolves.toEqual(expected.exceptions.map((e) => e.orderId));
  expect(["OnTime", "Late", "NotShipped"].map((h) => columnFormat(h, []))).toEqual([COUNT_FORMAT, COUNT_FORMAT, COUNT_FORMAT]);
  await browser.screenshot("fulfilment-shipment-sheet");
});

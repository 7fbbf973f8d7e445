/**
 * Investment cases in the Cost-to-serve pane, in a real browser at 350 px
 * on the demo company (issue 23): a planner signed in automates 60 % of the
 * stored "order handling" volume of two segments and reads NPV, payback and
 * the ±20 % rows in the pane and on TierlineInvestmentCase, checked by hand
 * from GET /cost-to-serve/drivers; then runs a network design and builds the
 * case of that change from the sheet it wrote. Screenshots land in test/artifacts/.
 * Uses the build of `npm test` (dist/, or TIERLINE_DIST). No request leaves localhost.
 */
import type { Page } from "playwright-core";
import type { CostDrivers } from "../../shared/src/api";
import type { TestService } from "../service/harness";
import { PaneBrowser } from "./paneBrowser";

jest.setTimeout(240_000);

let service: TestService;
let browser: PaneBrowser;
let page: Page;

beforeAll(async () => {
  browser = await PaneBrowser.startOn("Cost-to-serve");
  ({ page, service } = browser);
});

afterAll(async () => {
  await browser?.close();
});

const cents = (x: number) => Math.round(x * 100) / 100;
/** NPV of a one-off outlay and the same net saving at the end of each year (Brealey, Myers & Allen, ch. 5). */
const npvByHand = (oneOff: number, net: number, rate: number, years: number) => Array.from({ length: years }, (_, t) => net / (1 + rate) ** (t + 1)).reduce((a, x) => a + x, -oneOff);

test("automating 60 % of order handling for two segments: savings by segment, NPV, payback and ±20 % volume", async () => {
  const drivers = (await service.api("GET", "/api/v1/cost-to-serve/drivers")).body as CostDrivers;
  const rate = drivers.activities.find((a) => a.activity === "order handling")!.rate;
  const ranked = [...drivers.segments].sort((a, b) => b.yearlyVolumes["order handling"] - a.yearlyVolumes["order handling"]);
  const chosen = ranked.slice(0, 2);
  const dropped = ranked.slice(2).map((s) => s.segment);

  await page.getByRole("heading", { name: "Investment case" }).scrollIntoViewIfNeeded();
  await browser.choose("Activity", "order handling");
  await page.getByText(`${rate} a unit of orders (stored rate)`).waitFor();
  if (dropped.length) await browser.chooseMany("Segments", dropped);
  await page.getByLabel("Share of the volume removed", { exact: true }).fill("60%");
  await page.getByLabel("One-off cost", { exact: true }).fill("40,000");
  await page.getByLabel("Running cost a year", { exact: true }).fill("1,500");
  await page.getByLabel("Discount rate", { exact: true }).fill("8%");
  await page.getByLabel("Horizon (years)", { exact: true }).fill("5");
  await page.getByRole("button", { name: "Build investment case" }).click();
  await browser.success("Investment case written");
  const table = page.getByRole("table", { name: "Investment case by volume" });
  await expect(table.locator("tbody tr").allTextContents()).resolves.toHaveLength(3);
  await table.scrollIntoViewIfNeeded();
  await browser.screenshot("investment-case-automation-350");
  await browser.expectAccessible("investment case");
  expect(await browser.layoutProblems()).toEqual([]);

  // By hand from the stored drivers: saving = yearly orders × 60 % × rate per segment, less the running cost.
  const savings = new Map(chosen.map((s) => [s.segment, s.yearlyVolumes["order handling"] * 0.6 * rate]));
  const gross = [...savings.values()].reduce((a, x) => a + x, 0);
  const col = (h: string) => browser.gridColumn("TierlineInvestmentCase", h);
  const [lines, segments, saving, npv, payback, year0, year5] = await Promise.all(["Line", "Segment", "YearlySaving", "Npv", "PaybackYears", "Year0", "Year5"].map(col));
  const rowOf = (line: string) => lines.indexOf(line);
  const savingRows = lines.map((l, i) => (l === "Saving" ? i : -1)).filter((i) => i >= 0);
  // in the order the service lists segments
  expect(savingRows.map((i) => [segments[i], Number(saving[i])])).toEqual(drivers.segments.filter((s) => savings.has(s.segment)).map((s) => [s.segment, cents(savings.get(s.segment)!)]));
  for (const [label, factor] of [
    ["Volume −20 %", 0.8],
    ["Net cash flow", 1],
    ["Volume +20 %", 1.2],
  ] as const) {
    const i = rowOf(label);
    const net = gross * factor - 1500;
    expect({ label, net: Number(saving[i]), npv: Number(npv[i]), payback: Number(payback[i]), year0: Number(year0[i]), year5: Number(year5[i]) }).toEqual({
      label,
      net: cents(net),
      npv: expect.closeTo(npvByHand(40_000, net, 0.08, 5), 1),
      payback: cents(40_000 / net),
      year0: -40_000,
      year5: cents(net),
    });
  }
  await expect(col("Line")).resolves.toContain("Automating 60 % of order handling at 12 a unit; discount rate 8.0 % over 5 years");
  await browser.screenshot("investment-case-automation-sheet-350");
});

test("a network change from the last design run: each segment saves today's cost less the chosen network's", async () => {
  await browser.openPane("Network design");
  const network = page.getByRole("region", { name: "Network design" });
  await network.getByLabel("Transport cost per unit-km").fill("0.05");
  await network.getByLabel("Longest delivery (km)").fill("300");
  await network.getByRole("button", { name: "Design network" }).click();
  await network.getByText(/^Open \d+ of 9 DCs$/).waitFor({ timeout: 90_000 });

  await browser.openPane("Cost-to-serve");
  await page.getByRole("heading", { name: "Investment case" }).scrollIntoViewIfNeeded();
  await browser.choose("Proposal", "From the last network design run");
  await page.getByLabel("One-off cost", { exact: true }).fill("150000");
  await page.getByLabel("Discount rate", { exact: true }).fill("10%");
  await page.getByRole("button", { name: "Build investment case" }).click();
  await browser.success("Investment case written");
  await page.getByRole("table", { name: "Investment case by volume" }).scrollIntoViewIfNeeded();
  await browser.screenshot("investment-case-network-350");

  // By hand from the network sheet: (transport + handling + fixed share) today − chosen, per segment.
  const net = (h: string) => browser.gridColumn("TierlineNetworkSegments", h);
  const [seg, variant, transport, handling, fixed] = await Promise.all(["Segment", "Network", "TransportCost", "HandlingCost", "FixedCostShare"].map(net));
  const expected = new Map<string, number>();
  seg.forEach((s, i) => expected.set(s, (expected.get(s) ?? 0) + (variant[i] === "Current" ? 1 : -1) * (Number(transport[i]) + Number(handling[i]) + Number(fixed[i]))));
  const col = (h: string) => browser.gridColumn("TierlineInvestmentCase", h);
  const [lines, segments, saving] = await Promise.all(["Line", "Segment", "YearlySaving"].map(col));
  const rows = lines.map((l, i) => (l === "Saving" ? [segments[i], Number(saving[i])] : null)).filter((r) => r !== null);
  expect(rows.map(([s]) => s)).toEqual([...expected.keys()]);
  rows.forEach(([s, v]) => expect({ s, v }).toEqual({ s, v: expect.closeTo(expected.get(s as string)!, 1) }));
  await expect(col("Line")).resolves.toContain("Network change from the last design: transport and handling scale with volume, DC fixed cost does not; discount rate 10.0 % over 5 years");
  await browser.screenshot("investment-case-network-sheet-350");
});

/**
 * The Warehouse & stock pane in a real browser at 350 px (issue 19): a
 * planner lays out the zones, plans slotting over the small demo company,
 * reads the plan per zone and finds it on the sheets; then aging actions
 * and push or pull. Screenshots land in test/artifacts/.
 * Uses the build of `npm test` (dist/, or TIERLINE_DIST). No request leaves localhost.
 */
import type { Page } from "playwright-core";
import type { TestService } from "../service/harness";
import { NUMBER_FORMAT, QUANTITY_FORMAT, SHARE_FORMAT, columnFormat } from "../../addin/src/workbook/resultFormats";
import { PaneBrowser } from "./paneBrowser";

jest.setTimeout(240_000);

let service: TestService;
let browser: PaneBrowser;
let page: Page;

beforeAll(async () => {
  browser = await PaneBrowser.startOn("Warehouse & stock");
  ({ page, service } = browser);
});

afterAll(async () => {
  await browser?.close();
});

test("a planner plans slotting into the zones laid out in the pane and reads the plan per zone", async () => {
  // Golden shrinks to 5 slots: the service's answer for the same zones is what the pane must show.
  await page.getByLabel("Golden slots").fill("5");
  await page.getByLabel("Zone 4 name").fill("");
  await page.getByText("Zone row 4: give the zone a name").waitFor();
  await expect(page.getByRole("button", { name: "Plan slotting" }).isDisabled()).resolves.toBe(true);
  await page.getByRole("button", { name: "Remove zone 4" }).click();
  const zones = [
    { zone: "Golden", capacity: 5, costPerPick: 0.2, refrigerated: false },
    { zone: "Fast pick", capacity: 30, costPerPick: 0.35, refrigerated: false },
    { zone: "Reserve", capacity: 3000, costPerPick: 0.6, refrigerated: false },
  ];
  const expected = (await service.api("POST", "/api/v1/warehouse/slotting", { body: { zones, weeks: 13 } })).body as {
    zones: Array<{ zone: string; products: number; picksPerWeek: number; reason: string }>;
    products: Array<{ productId: string; zone: string }>;
  };
  expect(expected.zones[0].products).toBe(5);

  await page.getByRole("button", { name: "Plan slotting" }).click();
  await browser.success("Slotting planned");
  const golden = page.getByRole("region", { name: "Zone Golden" });
  await golden.getByText("Golden: 5 of 5 slots (100 %)").waitFor();
  await golden.getByText(`5 products · ${expected.zones[0].picksPerWeek.toLocaleString("en-US", { maximumFractionDigits: 1 })} picks a week`, { exact: false }).waitFor();
  await golden.getByText("The cheapest to pick from, so the fastest movers per slot", { exact: false }).waitFor();
  await browser.screenshot("warehouse-slotting");
  await page.getByRole("group", { name: "Slotting per zone" }).screenshot({ path: "test/artifacts/warehouse-slotting-zones.png" });
  await browser.expectAccessible("warehouse");

  await expect(browser.gridColumn("TierlineSlotting", "Product")).resolves.toEqual(expected.products.map((p) => p.productId));
  await expect(browser.gridColumn("TierlineSlotting", "Zone")).resolves.toEqual(expected.products.map((p) => p.zone));
  await expect(browser.gridColumn("TierlineSlottingZones", "Zone")).resolves.toEqual(["Golden", "Fast pick", "Reserve"]);
  expect(["Utilisation", "PicksPerWeek"].map((h) => columnFormat(h, []))).toEqual([SHARE_FORMAT, QUANTITY_FORMAT]);
  await browser.screenshot("warehouse-slotting-sheet");
});

test("aging actions and push or pull from the stored stock and demand", async () => {
  await browser.openPane("Warehouse & stock");
  const aging = (await service.api("GET", "/api/v1/inventory/aging?monthsOfSupply=12&noDemandWeeks=26&limit=5000")).body as { total: number; withActions: number };
  await page.getByRole("button", { name: "Find aging stock" }).click();
  await page.getByText(`${aging.withActions} of ${aging.total} stocked products need action`, { exact: false }).waitFor();
  await page.getByRole("list", { name: "Aging actions" }).screenshot({ path: "test/artifacts/warehouse-aging-list.png" });
  await page.getByRole("button", { name: "Decide push or pull" }).click();
  await browser.success("Push or pull written");
  const pushPull = (await service.api("GET", "/api/v1/inventory/push-pull?limit=5000")).body as { total: number; items: Array<{ productId: string; supplyMode: string }> };
  await page.getByRole("list", { name: "Push or pull per product" }).screenshot({ path: "test/artifacts/warehouse-push-pull-list.png" });
  await expect(browser.gridColumn("TierlinePushPull", "SupplyMode")).resolves.toEqual(pushPull.items.map((i) => i.supplyMode));
  await browser.openPane("Warehouse & stock");
  await browser.screenshot("warehouse-stock-risk");
});

test("a planner shares a capacity between segments and reads each segment's share and what more capacity is worth", async () => {
  await browser.openPane("Warehouse & stock");
  // Half of what every segment asks a week: tight enough that the margin ranking decides.
  const all = (await service.api("POST", "/api/v1/warehouse/shared-capacity", { body: { capacity: 1e9 } })).body as { capacityUsed: number };
  const capacity = Math.round(all.capacityUsed / 2);
  const expected = (await service.api("POST", "/api/v1/warehouse/shared-capacity", { body: { capacity, defaultServiceFloor: 0.25 } })).body as {
    segments: Array<{ segment: string; units: number; unitsPerWeek: number; serviceShare: number; margin: number; marginPerUnit: number; capacityPerUnit: number }>;
    capacityShadowPrice: number;
    margin: number;
  };
  expect(expected.capacityShadowPrice).toBeGreaterThan(0);
  const n = (x: number, digits = 1) => x.toLocaleString("en-US", { maximumFractionDigits: digits });
  const money = (x: number) => x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  await page.getByLabel("Capacity a week").fill(capacity.toLocaleString("en-US"));
  await page.getByLabel("Service floor").fill("-5%");
  await expect(page.getByRole("button", { name: "Share the capacity" }).isDisabled()).resolves.toBe(true);
  await page.getByLabel("Service floor").fill("25%");
  await page.getByRole("button", { name: "Share the capacity" }).click();
  await browser.success("Capacity shared");
  await page.getByText(`One more unit of capacity would earn ${money(expected.capacityShadowPrice)} a week`, { exact: false }).waitFor();
  await page.getByText(`earn ${money(expected.margin)} margin a week`, { exact: false }).waitFor();
  // A row per segment, highest margin per unit of capacity first (the order it is handed out in).
  const rows = [...expected.segments]
    .sort((a, b) => b.marginPerUnit / b.capacityPerUnit - a.marginPerUnit / a.capacityPerUnit)
    .map((s) => `${s.segment}${n(s.units)} of ${n(s.unitsPerWeek)}${n(s.serviceShare * 100, 0)} %${money(s.margin)}`);
  await expect(page.getByRole("table", { name: "Capacity per segment" }).locator("tbody tr").allTextContents()).resolves.toEqual(rows);
  await page.getByRole("region", { name: "Shared capacity between segments" }).screenshot({ path: "test/artifacts/warehouse-shared-capacity.png" });
  expect(await browser.layoutProblems()).toEqual([]);

  await expect(browser.gridColumn("TierlineSharedCapacity", "Segment")).resolves.toEqual(expected.segments.map((s) => s.segment));
  expect(["ServiceShare", "MarginPerWeek", "UnitsAllocated"].map((h) => columnFormat(h, []))).toEqual([SHARE_FORMAT, NUMBER_FORMAT, QUANTITY_FORMAT]);
});

test("a planner releases the demo workbook's day of orders into waves; a bad arrival time is named by row and column", async () => {
  const arrival = (await browser.gridColumn("DayOrders", "Arrival"))[2];
  await browser.typeInto("DayOrders", "Arrival", 2, "9h");
  await browser.openPane("Warehouse & stock");
  await page.getByRole("button", { name: "Release waves" }).click();
  await browser.success("The order sheets have problems");
  await page.getByText(`DayOrders row 4, Arrival: expected a time of day such as 09:40, got "9h"`, { exact: false }).waitFor();
  await browser.typeInto("DayOrders", "Arrival", 2, arrival);

  // The same orders and rules sent straight to the service: the pane must show and write its answer.
  const ids = await browser.gridColumn("DayOrders", "OrderId");
  const segments = await browser.gridColumn("DayOrders", "Segment");
  const arrivals = await browser.gridColumn("DayOrders", "Arrival");
  const lines = (await browser.gridColumn("DayOrders", "Lines")).map(Number);
  const minute = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  const body = {
    orders: ids.map((id, i) => ({ id, segment: segments[i], arrivalMinute: minute(arrivals[i]), lines: lines[i] })),
    waves: [
      { wave: "Morning", releaseMinute: 540 },
      { wave: "Midday", releaseMinute: 750 },
      { wave: "Evening", releaseMinute: 960 },
    ],
    rules: [
      { segment: "Strategic", cutoffMinutes: 30 },
      { segment: "Key", waves: ["Morning", "Midday"], cutoffMinutes: 45 },
      { segment: "Core", waves: ["Evening"], cutoffMinutes: 60 },
    ],
  };
  const expected = (await service.api("POST", "/api/v1/warehouse/wave-release", { body })).body as {
    orders: Array<{ wave: string | null }>;
    waves: Array<{ wave: string; orders: number; lines: number }>;
    carriedOver: { orders: number; lines: number };
  };
  // Hand-checked: D001 (Strategic, 06:00) makes the 09:00 wave; Core orders only ever go in the evening.
  expect(expected.orders[0].wave).toBe("Morning");
  expect(new Set(expected.orders.filter((_, i) => segments[i] === "Core").map((o) => o.wave ?? "next day"))).toEqual(new Set(["Evening", "next day"]));
  expect(expected.carriedOver.orders).toBeGreaterThan(0);

  await browser.openPane("Warehouse & stock");
  await page.getByRole("button", { name: "Release waves" }).click();
  await browser.success("Waves released");
  const waves = page.getByRole("list", { name: "Orders per wave" });
  for (const w of expected.waves)
    await waves
      .getByText(`: ${w.orders} order${w.orders === 1 ? "" : "s"}, ${w.lines} line${w.lines === 1 ? "" : "s"}`, { exact: false })
      .first()
      .waitFor();
  await page.getByText(`${expected.carriedOver.orders} order${expected.carriedOver.orders === 1 ? "" : "s"} (${expected.carriedOver.lines} lines) miss every cut-off`, { exact: false }).waitFor();
  await page.getByRole("region", { name: "Wave release" }).screenshot({ path: "test/artifacts/warehouse-wave-release.png" });
  expect(await browser.layoutProblems()).toEqual([]);
  await browser.expectAccessible("warehouse-waves");

  await expect(browser.gridColumn("TierlineWaves", "Wave")).resolves.toEqual(["Morning", "Midday", "Evening", "Next day"]);
  await expect(browser.gridColumn("TierlineWaves", "Orders")).resolves.toEqual([...expected.waves.map((w) => String(w.orders)), String(expected.carriedOver.orders)]);
  await expect(browser.gridColumn("TierlineWaveOrders", "Wave")).resolves.toEqual(expected.orders.map((o) => o.wave ?? "next day"));
  await browser.screenshot("warehouse-waves-sheet");
});

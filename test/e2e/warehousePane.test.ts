/**
 * The Warehouse & stock pane in a real browser at 350 px (issue 19): a
 * planner lays out the zones, plans slotting over the small demo company,
 * reads the plan per zone and finds it on the sheets; then aging actions
 * and push or pull. Screenshots land in test/artifacts/.
 * Uses the build of `npm test` (dist/, or TIERLINE_DIST). No request leaves localhost.
 */
import type { Page } from "playwright-core";
import type { TestService } from "../service/harness";
import { QUANTITY_FORMAT, SHARE_FORMAT, columnFormat } from "../../addin/src/workbook/resultFormats";
import { PaneBrowser } from "./paneBrowser";

jest.setTimeout(240_000);

let service: TestService;
let browser: PaneBrowser;
let page: Page;

beforeAll(async () => {
  browser = await PaneBrowser.start();
  ({ page, service } = browser);
  await page.setViewportSize({ width: 350, height: 900 });
  await browser.signIn(service.tokens.planner, "planner");
  await browser.openPane("Warehouse & stock");
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

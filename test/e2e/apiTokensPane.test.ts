/**
 * API tokens in the Settings pane, in a real browser against a live service:
 * an admin issues a token (shown once), sees it listed with its owner, expiry
 * and last use at 350 px, and revokes it; the revoked token stops working at
 * once; a planner sees only the tokens they own. axe-core stays clean.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import type { TestService } from "../service/harness";
import { PaneBrowser, artifacts } from "./paneBrowser";

jest.setTimeout(180_000);

let service: TestService;
let browser: PaneBrowser;
let page: Page;

beforeAll(async () => {
  browser = await PaneBrowser.start();
  ({ page, service } = browser);
});

afterAll(async () => {
  await browser?.close();
});

test("an admin issues a token, reads the list at 350 px and revokes it; it stops working at once", async () => {
  await browser.signIn(service.tokens.admin, "admin");
  await browser.openPane("Settings");
  await page.getByRole("button", { name: "Show API tokens" }).click();
  await page.getByText("You see everyone's tokens.").waitFor();
  await page.getByLabel("What it is for").fill("nightly ERP export");
  await page.getByLabel("Owner").fill("svc-erp");
  await browser.choose("Role", "viewer");
  await page.getByLabel("Valid for (days)").fill("30");
  await page.getByRole("button", { name: "Issue token" }).click();
  await browser.success("Issued");
  const token = (await page.getByTestId("issued-token").locator("code").textContent()) ?? "";
  expect(token).toMatch(/^tl_/);
  expect((await service.api("GET", "/api/v1/me", { token })).body).toMatchObject({ subject: "svc-erp", role: "viewer" });

  const line = page.locator("li.tl-token", { hasText: "nightly ERP export" });
  await line.getByText(/ · last used never$/).waitFor();
  await page.getByRole("button", { name: "Reload tokens" }).click();
  await line.getByText(/^viewer · owner svc-erp · expires \d{1,2} \w{3} \d{4} · last used \d{1,2} \w{3} \d{4}$/).waitFor();
  await page.setViewportSize({ width: 350, height: 900 });
  try {
    expect({ pane: "Settings", problems: await browser.layoutProblems() }).toEqual({ pane: "Settings", problems: [] });
    await page.screenshot({ path: path.join(artifacts, "settings-api-tokens-350.png"), fullPage: true });
    await browser.expectAccessible("API tokens at 350 px");
  } finally {
    await page.setViewportSize({ width: 1400, height: 900 });
  }

  await line.getByRole("button", { name: "Revoke nightly ERP export" }).click();
  await browser.success("Revoked");
  await line.getByText("revoked", { exact: true }).waitFor();
  expect((await service.api("GET", "/api/v1/me", { token })).status).toBe(401);
});

test("a planner sees only the tokens they own and cannot issue", async () => {
  await browser.signIn(service.tokens.planner, "planner");
  await browser.openPane("Settings");
  await page.getByRole("button", { name: /API tokens$/ }).click();
  await page.getByText("You see the tokens you own.").waitFor();
  await page.locator("li.tl-token", { hasText: "test-planner" }).waitFor();
  expect(await page.locator("li.tl-token").count()).toBe(1);
  expect(await page.getByRole("button", { name: "Issue token" }).count()).toBe(0);
});

/**
 * Signing in with a Microsoft account, in a real browser, end to end: the Settings pane asks the
 * service how to sign in (GET /sign-in), MSAL.js (createNestablePublicClientApplication; outside an
 * Office host it falls back to the standard popup flow, the same code NAA takes inside Excel) opens
 * the provider's login page, the authorization code comes back through auth-redirect.html, and the
 * access token it obtains is what the service verifies against the provider's discovery document
 * and keys. The provider is a real oidc-provider over https on this machine (MSAL refuses an http
 * authority), trusted by the service through OIDC_CA_FILE; no tenant is needed.
 *
 * Uses the build of `npm test` (dist/, or TIERLINE_DIST). No request leaves localhost.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { devCertificates } from "../../scripts/lib/paneServer";
import { signingKey, startLocalOidcProvider, type LocalOidcProvider } from "../helpers/localOidcProvider";
import { PaneBrowser } from "./paneBrowser";

jest.setTimeout(180_000);

const AUDIENCE = "api://tierline-service-test";
const CLIENT_ID = "tierline-addin-test";
const ACCOUNTS = {
  "pat.planner": { oid: "oid-pat", name: "Pat Planner", roles: ["Tierline.Planner"] },
  "nora.norole": { oid: "oid-nora", name: "Nora No-Role" },
};

let idp: LocalOidcProvider;
let browser: PaneBrowser;
let page: Page;
let caFile: string;
const consoleLines: string[] = [];

beforeAll(async () => {
  const tls = await devCertificates(path.resolve(__dirname, "../.."), () => undefined);
  if (!tls?.ca) throw new Error("no development certificate for https://localhost (office-addin-dev-certs install failed)");
  caFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tierline-ca-")), "ca.pem");
  fs.writeFileSync(caFile, tls.ca);
  browser = await PaneBrowser.start(undefined, {
    serviceEnv: async (panes) => {
      idp = await startLocalOidcProvider({
        audience: AUDIENCE,
        keys: [await signingKey("e2e-1")],
        users: {},
        spa: { clientId: CLIENT_ID, redirectUris: [`${panes.origin}/auth-redirect.html`], accounts: ACCOUNTS },
        tls: { key: tls.key.toString(), cert: tls.cert.toString() },
      });
      return {
        OIDC_ISSUER: idp.issuer,
        OIDC_AUDIENCE: AUDIENCE,
        OIDC_REQUIRED_SCOPE: "access_as_user",
        OIDC_ADDIN_CLIENT_ID: CLIENT_ID,
        OIDC_ADDIN_SCOPES: "access_as_user",
        OIDC_CA_FILE: caFile,
      };
    },
  });
  page = browser.page;
  page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
});

afterAll(async () => {
  await browser?.close();
  await idp?.stop();
  if (caFile) fs.rmSync(path.dirname(caFile), { recursive: true, force: true });
});

/** Presses "Sign in with Microsoft" and signs in as `login` on the provider's page in the popup. */
async function signInAs(login: string): Promise<void> {
  const button = page.getByRole("button", { name: "Sign in with Microsoft" });
  await button.waitFor();
  const [popup] = await Promise.all([page.context().waitForEvent("page"), button.click()]);
  await popup.locator('input[name="login"]').waitFor();
  await popup.locator('input[name="login"]').fill(login);
  await popup.locator('input[name="password"]').fill("any password");
  await Promise.all([popup.waitForEvent("close"), popup.locator('button[type="submit"]').click()]);
}

it("offers Microsoft sign-in, signs a planner in through the provider and calls the service with the token", async () => {
  await page.setViewportSize({ width: 350, height: 800 });
  await browser.openPane("Settings");
  await browser.screenshot("microsoft-sign-in-offered-350");

  await signInAs("pat.planner");
  // "Signed in as" comes from GET /me, called with the access token MSAL obtained: the service verified it and mapped the app role.
  const identity = page.getByTestId("identity");
  // Generous: the code exchange, discovery and key fetch are slow only on a loaded machine.
  await identity.waitFor({ timeout: 90_000 }).catch(async (error: unknown) => {
    await browser.screenshot("microsoft-sign-in-failed-350");
    throw new Error(`not signed in: ${String(error)}; the pane says: ${await page.locator("main").innerText()}; console: ${consoleLines.join("\n")}`);
  });
  expect(await identity.textContent()).toMatch(/Signed in as Pat Planner, role planner, at .* with your Microsoft account\./);
  await browser.screenshot("microsoft-signed-in-350");

  // The token lives in MSAL's cache, never in the add-in's settings.
  const stored = await page.evaluate(() => ({ token: localStorage.getItem("tierline.token"), signIn: localStorage.getItem("tierline.signIn") }));
  expect(stored).toEqual({ token: null, signIn: "microsoft" });

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByText("Your Microsoft sign-in was removed from this computer.").waitFor();
  expect(await page.evaluate(() => localStorage.getItem("tierline.signIn"))).toBeNull();
  expect(browser.pageErrors).toEqual([]);
});

it("tells a person without a Tierline role that their directory gives them none", async () => {
  // Another person at this computer: the provider's own session (single sign-on) would otherwise sign Pat in again.
  await page.context().clearCookies();
  await signInAs("nora.norole");
  const alert = page.getByText(/no Tierline role|no role/i).first();
  await alert.waitFor({ timeout: 30_000 });
  expect(await page.getByTestId("identity").count()).toBe(0);
  await browser.screenshot("microsoft-sign-in-no-role-350");
});

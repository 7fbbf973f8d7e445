/**
 * The browser side of the pane tests: Debian's chromium (playwright-core)
 * on the built panes, served locally against a live test service, with every
 * non-localhost request aborted, plus the page helpers the tests share.
 * The built pages load office.js from the Office CDN; the browser gets it from
 * node_modules/@microsoft/office-js/dist instead (interceptOfficeCdn).
 *
 * Uses the build of `npm test` (dist/, or TIERLINE_DIST).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { startPaneServer, type PaneServer } from "../../scripts/lib/paneServer";
import { SMALL_DEMO, startTestService, type TestService } from "../service/harness";

const repoRoot = path.resolve(__dirname, "../..");
const distDir = process.env.TIERLINE_DIST ? path.resolve(process.env.TIERLINE_DIST) : path.join(repoRoot, "dist");
export const artifacts = path.join(repoRoot, "test/artifacts");
const CHROMIUM = "/usr/bin/chromium";
export const OFFICE_CDN_PREFIX = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const officeJsDist = path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist");

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export function requireChromium(): void {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: bash scripts/ensure-test-tools.sh installs it (apt-get install -y chromium fonts-dejavu-core)`);
}

export async function launchChromium(profile: string, options: { viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  requireChromium();
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: options.viewport ?? { width: 1400, height: 900 },
    args: CHROMIUM_ARGS,
  });
}

/**
 * Serves the Office CDN folder (office.js, o15apptofilemappingtable.js and whatever else office.js
 * asks for beside itself) from the npm package, and aborts every other request that would leave the
 * machine (office.js opens a telemetry frame). Returns the CDN paths requested and the requests aborted.
 */
export async function interceptOfficeCdn(context: BrowserContext): Promise<{ cdnRequests: string[]; outsideRequests: string[] }> {
  const cdnRequests: string[] = [];
  const outsideRequests: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    const { hostname } = new URL(url);
    if (hostname === "localhost" || hostname === "127.0.0.1") return route.continue();
    if (url.startsWith(OFFICE_CDN_PREFIX)) {
      const relative = decodeURIComponent(new URL(url).pathname.slice(new URL(OFFICE_CDN_PREFIX).pathname.length));
      const file = path.resolve(officeJsDist, relative);
      if (file.startsWith(officeJsDist + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        cdnRequests.push(relative);
        return route.fulfill({ path: file, contentType: file.endsWith(".js") ? "text/javascript" : undefined, headers: { "Access-Control-Allow-Origin": "*" } });
      }
    }
    outsideRequests.push(url);
    return route.abort();
  });
  return { cdnRequests, outsideRequests };
}

export class PaneBrowser {
  /** requests the page tried to send off the machine (aborted) */
  outsideRequests: string[] = [];
  /** files of the Office CDN folder the page loaded (served from node_modules/@microsoft/office-js/dist) */
  cdnRequests: string[] = [];
  /** uncaught errors in the page */
  readonly pageErrors: string[] = [];

  private constructor(
    readonly panes: PaneServer,
    readonly service: TestService,
    private readonly context: BrowserContext,
    readonly page: Page,
    private readonly profile: string,
  ) {}

  /** `prepare` runs on the service before the browser opens the panes (e.g. to plant data); `serviceEnv` adds to the service's environment, knowing where the panes are served. */
  static async start(prepare?: (service: TestService) => Promise<void>, options: { serviceEnv?: (panes: PaneServer) => Promise<Record<string, string>>; demoCompany?: typeof SMALL_DEMO } = {}): Promise<PaneBrowser> {
    requireChromium();
    const panes = await startPaneServer({ distDir, port: 0 });
    const service = await startTestService("sqlite", { env: { ADDIN_ORIGINS: panes.origin, ...(await options.serviceEnv?.(panes)) }, demoCompany: options.demoCompany });
    panes.config.serviceUrl = service.url;
    await prepare?.(service);
    fs.mkdirSync(artifacts, { recursive: true });
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "tierline-chromium-"));
    const context = await launchChromium(profile);
    const page = context.pages()[0] ?? (await context.newPage());
    const browser = new PaneBrowser(panes, service, context, page, profile);
    // office.js comes from the (intercepted) CDN; nothing else may leave the machine.
    const requests = await interceptOfficeCdn(context);
    browser.outsideRequests = requests.outsideRequests;
    browser.cdnRequests = requests.cdnRequests;
    page.on("pageerror", (error) => browser.pageErrors.push(error.message));
    await page.goto(panes.url);
    return browser;
  }

  async close(): Promise<void> {
    await this.context.close();
    await this.panes.close();
    await this.service.close();
    fs.rmSync(this.profile, { recursive: true, force: true });
  }

  /** Switches panes through the header's pane picker (a labelled drop-down: one row at 350 px). */
  /**
   * A browser on a live service as most pane tests begin: the pane's width, signed in with a role's token, on a pane.
   * (Tests that prepare the service or watch requests first call start and do it themselves.)
   */
  static async startOn(pane: string, options: { role?: "planner" | "viewer" | "approver" | "admin" | "sales" | "finance"; width?: number; height?: number } = {}): Promise<PaneBrowser> {
    const browser = await PaneBrowser.start();
    const role = options.role ?? "planner";
    await browser.page.setViewportSize({ width: options.width ?? 350, height: options.height ?? 900 });
    await browser.signIn(browser.service.tokens[role], role);
    await browser.openPane(pane);
    return browser;
  }

  /** Double-clicks a cell of a demo-workbook table and types into it, as into an Excel cell. */
  async typeInto(table: string, header: string, row: number, text: string) {
    await this.page.getByRole("tab", { name: table, exact: true }).click();
    const grid = this.page.getByRole("table", { name: table, exact: true });
    await grid.locator("tbody tr").nth(row).locator(`td[data-column="${header}"]`).dblclick();
    const input = grid.getByRole("textbox", { name: `${header}, row ${row + 1}` });
    await input.fill(text);
    await input.press("Enter");
  }

  async openPane(name: string) {
    await this.page.getByRole("combobox", { name: "Pane", exact: true }).click();
    await this.page.getByRole("option", { name, exact: true }).click();
    await this.page.getByRole("heading", { level: 2, name, exact: true }).waitFor();
  }

  /**
   * axe-core on the whole page: no serious or critical violation. One known
   * false positive is set aside: Fluent v9's focus manager (tabster) adds
   * `<i tabindex="0" aria-hidden="true" data-tabster-dummy>` sentinels that
   * only pass focus on; axe's aria-hidden-focus flags them (microsoft/fluentui#27517,
   * closed "By Design"; Accessibility Insights suppresses exactly these nodes,
   * microsoft/accessibility-insights-web#7605). Any other node of that rule still fails.
   */
  async expectAccessible(label: string) {
    await this.page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
    const violations = await this.page.evaluate(async () => {
      type Node = { target: string[]; html: string };
      const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Node[] }> }> } }).axe;
      const result = await axe.run(document, { resultTypes: ["violations"] });
      // Judged on the node as axe saw it (its outer HTML at scan time): tabster re-inserts its sentinels as focus
      // moves, so looking the selector up again afterwards can miss one (a CI run found "i:nth-child(14)" gone).
      const tabsterSentinel = (n: Node) => n.target.length === 1 && /^<i\b[^>]*\bdata-tabster-dummy\b/.test(n.html);
      return result.violations
        .map((v) => ({ ...v, nodes: v.id === "aria-hidden-focus" ? v.nodes.filter((n) => !tabsterSentinel(n)) : v.nodes }))
        .filter((v) => v.nodes.length > 0)
        .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
    });
    const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect({ pane: label, serious }).toEqual({ pane: label, serious: [] });
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
  }

  /** A column of a table in the demo grid, by header. */
  async gridColumn(table: string, header: string): Promise<string[]> {
    await this.page.getByRole("tab", { name: table, exact: true }).click();
    const grid = this.page.getByRole("table", { name: table, exact: true });
    await grid.waitFor();
    return grid.locator(`td[data-column="${header}"]`).allTextContents();
  }

  async signIn(token: string, expectedRole: string) {
    await this.openPane("Settings");
    await this.page.getByLabel("Service URL").fill(this.service.url);
    await this.page.getByLabel("Token", { exact: true }).fill(token);
    await this.page.getByRole("button", { name: "Sign in" }).click();
    await this.page
      .getByTestId("identity")
      .filter({ hasText: `role ${expectedRole}` })
      .waitFor();
  }

  /** Waits for a MessageBar title; on failure, says what the MessageBars said instead. */
  async success(title: string) {
    try {
      await this.page.getByText(title, { exact: true }).first().waitFor({ timeout: 30_000 });
    } catch (error) {
      const bars = await this.page.locator(".tl-message").allTextContents();
      throw new Error(`no "${title}" message; the page says: ${JSON.stringify(bars)}`, { cause: error });
    }
  }

  /** Picks an option of a labelled Fluent drop-down. */
  async choose(label: string, option: string) {
    await this.page.getByRole("combobox", { name: label, exact: true }).click();
    await this.page.getByRole("option", { name: option, exact: true }).click();
  }

  /** Picks options of a labelled multi-select drop-down in this order, then closes it. */
  async chooseMany(label: string, options: string[]) {
    const page = this.page;
    await page.getByRole("combobox", { name: label, exact: true }).click();
    for (const option of options) {
      // Fluent gives a multi-select's options the role menuitemcheckbox.
      await page
        .getByRole("menuitemcheckbox", { name: option, exact: true })
        .click({ timeout: 10_000 })
        .catch(async (error: unknown) => {
          throw new Error(`no option "${option}" in ${label}; the options are ${JSON.stringify(await page.getByRole("menuitemcheckbox").allTextContents())}`, { cause: error });
        });
    }
    await page.keyboard.press("Escape");
  }

  /**
   * What sticks out of the pane column: elements whose right edge passes the
   * pane's (clipped by its overflow-x: hidden, so unreadable), and table cells
   * whose content is wider than the cell (it runs into the next column).
   */
  async layoutProblems(): Promise<string[]> {
    return this.page.evaluate(() => {
      const pane = document.querySelector(".tl-panes")!;
      const right = pane.getBoundingClientRect().right;
      const name = (el: Element) =>
        `${el.tagName.toLowerCase()}${
          el.className && typeof el.className === "string"
            ? `.${el.className
                .split(" ")
                .filter((c) => c.startsWith("fui-") || c.startsWith("tl-"))
                .join(".")}`
            : ""
        } "${(el.textContent ?? "").slice(0, 40)}"`;
      const problems: string[] = [];
      for (const el of Array.from(pane.querySelectorAll("*"))) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0 && r.right > right + 0.5 && !el.hasAttribute("data-tabster-dummy")) problems.push(`past the pane edge by ${Math.round(r.right - right)} px: ${name(el)}`);
      }
      for (const cell of Array.from(pane.querySelectorAll("td, th"))) if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`wider than its column: ${name(cell)}`);
      return problems;
    });
  }
}

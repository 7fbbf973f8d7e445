/**
 * The Segmentation pane's results as a planner reads them, in a real browser
 * at Excel's 350 px pane width on the demo workbook: the ABC table with
 * totals, the ABC-XYZ matrix (a click filters the table on that segment,
 * "Show all rows" brings them back), k-means clusters from the live test
 * service with the silhouette's verdict, the selection read as its own table,
 * and a result that goes away when an input changes. Screenshots go to
 * test/artifacts/segmentation-*-350.png.
 *
 * Uses the build of `npm test` (dist/, or TIERLINE_DIST). No request leaves localhost.
 */
import type { Page } from "playwright-core";
import { PaneBrowser, artifacts } from "./paneBrowser";
import path from "node:path";

jest.setTimeout(240_000);

let browser: PaneBrowser;
let page: Page;

beforeAll(async () => {
  browser = await PaneBrowser.startOn("Segmentation");
  ({ page } = browser);
});

afterAll(async () => {
  await browser?.close();
});

const pane = () => page.locator("section[aria-labelledby=segmentation-heading]");
const shot = (name: string) => pane().screenshot({ path: path.join(artifacts, `${name}.png`) });

async function noLayoutProblems(label: string) {
  expect({ label, problems: await browser.layoutProblems() }).toEqual({ label, problems: [] });
}

test("ABC: items, % items, the criterion's value and % value per class, with a totals row", async () => {
  await browser.choose("Method", "ABC (Pareto on one criterion)");
  await page.getByRole("button", { name: "Run segmentation" }).click();
  await browser.success("Segmentation written");
  const table = page.getByRole("table", { name: "ABC classes" });
  await table.waitFor();
  const rows = await table.locator("tr").allInnerTexts();
  expect(rows[0].split(/\t|\n/).filter(Boolean)).toEqual(["Class", "Items", "% items", "Revenue", "% value"]);
  expect(rows.at(-1)).toMatch(/^Total\s+[\d,]+\s+100\.0 %\s+[\d,]+\s+100\.0 %$/);
  await table.scrollIntoViewIfNeeded();
  await shot("segmentation-abc-350");
  await noLayoutProblems("ABC");
});

test("a changed input takes the result away", async () => {
  await page.getByLabel("ABC cut-offs").fill("0.7, 0.9");
  await expect(page.getByRole("table", { name: "ABC classes" }).count()).resolves.toBe(0);
  await page.getByLabel("ABC cut-offs").fill("0.8, 0.95");
});

test("ABC-XYZ: a matrix coloured by value share; a click filters the table on that segment and Show all rows clears it", async () => {
  await browser.choose("Method", "ABC-XYZ (value × variability)");
  await page.getByRole("button", { name: "Run segmentation" }).click();
  await browser.success("Segmentation written");
  const matrix = page.getByRole("table", { name: "ABC-XYZ matrix" });
  await matrix.waitFor();
  await matrix.scrollIntoViewIfNeeded();
  await shot("segmentation-matrix-350");
  await noLayoutProblems("matrix");
  await browser.expectAccessible("segmentation matrix");
  const segments = await browser.gridColumn("Products", "Segment");
  const ax = page.getByRole("button", { name: /^AX: \d+ items, / });
  await ax.click();
  await page.getByTestId("grid-filter").waitFor();
  const shown = await page.getByRole("table", { name: "Products", exact: true }).locator('td[data-column="Segment"]').allTextContents();
  expect(shown.length).toBe(segments.filter((s) => s === "AX").length);
  expect(new Set(shown)).toEqual(new Set(["AX"]));
  await page.getByTestId("grid-filter").scrollIntoViewIfNeeded();
  await browser.screenshot("segmentation-matrix-filtered-350");
  await page.getByRole("button", { name: /^Show all rows/ }).click();
  await expect(page.getByTestId("grid-filter").waitFor({ state: "detached" })).resolves.toBeUndefined();
});

test("k-means: the clusters with this table's member counts, features in words and the silhouette's verdict", async () => {
  await browser.choose("Table", "Customers");
  await browser.choose("Method", "k-means clusters (on the service)");
  await page.getByLabel("Number of clusters").fill("3");
  await page.getByRole("button", { name: "Run segmentation" }).click();
  await browser.success("Segmentation written");
  await page.getByTestId("silhouette-verdict").waitFor();
  expect(await page.getByTestId("silhouette-verdict").textContent()).toMatch(/^Silhouette -?\d\.\d\d: (strong|reasonable|weak|no substantial) structure/);
  await expect(
    pane()
      .getByText(/ of your 24 rows$/)
      .count(),
  ).resolves.toBe(3);
  await pane().getByText("Demand variability (CoV)").first().waitFor();
  await page.getByTestId("silhouette-verdict").scrollIntoViewIfNeeded();
  await shot("segmentation-kmeans-350");
  await noLayoutProblems("k-means");
  await browser.expectAccessible("segmentation k-means");
});

test("the current selection is read as its own table: its headers feed the pickers", async () => {
  await page.getByRole("tab", { name: "ActivityPools", exact: true }).click();
  await page.getByRole("radio", { name: "The current selection" }).check();
  await page.getByTestId("selection-summary").filter({ hasText: "ActivityPools: 3 columns" }).waitFor();
  await expect(page.getByRole("combobox", { name: "Id column", exact: true }).textContent()).resolves.toContain("Activity");
  await page.getByRole("tab", { name: "Products", exact: true }).click();
  await page.getByRole("button", { name: "Read the selection again" }).click();
  await page
    .getByTestId("selection-summary")
    .filter({ hasText: /^Products: / })
    .waitFor();
  await expect(page.getByRole("combobox", { name: "Id column", exact: true }).textContent()).resolves.toContain("ProductId");
  await browser.choose("Method", "ABC (Pareto on one criterion)");
  await page.getByRole("button", { name: "Run segmentation" }).click();
  await browser.success("Segmentation written");
  await page.getByTestId("selection-summary").scrollIntoViewIfNeeded();
  await shot("segmentation-selection-350");
  await noLayoutProblems("selection");
});

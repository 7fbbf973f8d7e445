/**
 * The build's helpers for the function reference: section anchors derived from the doc's headings
 * (so a renamed function, e.g. TIER.RQ → TIER.RQPOLICY, moves its anchor with it) and the rewrite
 * of the functions' helpUrls from the dev origin to the add-in's origin. The rendered page itself
 * is checked on the real build (bundle.test.ts, e2e/officeCdn.test.ts).
 */
import { addinOrigin, anchorsOf, functionAnchor, githubSlug, rewriteHelpUrls } from "../../scripts/lib/functionsPage";

describe("function anchors", () => {
  test("a TIER.X heading gives tier-<lowercase name>", () => {
    expect(functionAnchor("TIER.ABC(values, [cutoffs], [labels], [mode])")).toBe("tier-abc");
    expect(functionAnchor("TIER.RQPOLICY(demand_rate, demand_sd)")).toBe("tier-rqpolicy");
    expect(functionAnchor("TIER.* worksheet functions: the reference")).toBeUndefined();
    expect(functionAnchor("Loading the add-in")).toBeUndefined();
  });

  test("other headings get GitHub's slugs, which the doc's own links use", () => {
    expect(githubSlug("Conventions and errors")).toBe("conventions-and-errors");
    expect(githubSlug("Cost and suppliers")).toBe("cost-and-suppliers");
  });

  test("anchorsOf reads quoted and minified ids", () => {
    expect([...anchorsOf('<h3 id="tier-abc">x</h3><h2 id=segmentation>y</h2><p class="id=no">')]).toEqual(["tier-abc", "segmentation"]);
  });
});

describe("helpUrl rewrite", () => {
  const metadata = JSON.stringify({
    functions: [
      { id: "ABC", name: "ABC", helpUrl: "https://localhost:3000/functions.html#tier-abc" },
      { id: "XYZ", name: "XYZ" },
      { id: "EXT", name: "EXT", helpUrl: "https://docs.example.org/ext" },
      { id: "LOOK", name: "LOOK", helpUrl: "https://localhost:30000/functions.html" },
    ],
  });

  test("moves dev-origin helpUrls to the add-in origin and leaves the rest alone", () => {
    const out = JSON.parse(rewriteHelpUrls(metadata, "https://tierline.example.com"));
    expect(out.functions.map((f: { helpUrl?: string }) => f.helpUrl)).toEqual([
      "https://tierline.example.com/functions.html#tier-abc",
      undefined,
      "https://docs.example.org/ext",
      "https://localhost:30000/functions.html",
    ]);
  });

  test("the default origin is the dev server, and the origin must be https without a path", () => {
    expect(addinOrigin(undefined)).toBe("https://localhost:3000");
    expect(addinOrigin("https://Tierline.Example.com/")).toBe("https://tierline.example.com");
    expect(() => addinOrigin("http://tierline.example.com")).toThrow(/HTTPS/);
    expect(() => addinOrigin("https://tierline.example.com/addin")).toThrow(/without a path/);
  });
});

// The function-reference page the add-in serves (dist/functions.html), rendered from
// docs/functions.md at build time, and the helpUrl rewrite of functions.json.
// CommonJS so webpack.config.js can use it; `marked` is ESM-only, so it is passed in.

/** The origin the functions' JSDoc `@helpurl`s are written against (the dev server). */
const DEV_ORIGIN = "https://localhost:3000";

/** `TIER.ABC(values, …)` → `tier-abc`: the anchor of a worksheet function's section, or undefined. */
function functionAnchor(headingText) {
  const match = /^TIER\.([A-Za-z][A-Za-z0-9_.]*)/.exec(headingText.trim());
  return match ? `tier-${match[1].toLowerCase()}` : undefined;
}

/** GitHub's heading slug (what the doc's own `#loading-the-add-in` links use). */
function githubSlug(text) {
  return text
    .trim()
    .toLowerCase()
    .replace(/<[^>]*>/g, "")
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

const STYLE = `
  :root { color-scheme: light; }
  body { margin: 0; font-family: "Segoe UI", system-ui, sans-serif; font-size: 14px; line-height: 1.5; color: #242424; background: #fff; }
  main { box-sizing: border-box; max-width: 860px; margin: 0 auto; padding: 12px 16px 48px; }
  h1 { font-size: 20px; margin: 8px 0 12px; }
  h2 { font-size: 17px; margin: 28px 0 8px; padding-top: 8px; border-top: 1px solid #e0e0e0; }
  h3 { font-size: 15px; margin: 24px 0 6px; overflow-wrap: anywhere; }
  h3:target { background: #fff4ce; }
  p, li { overflow-wrap: anywhere; }
  ul { padding-left: 20px; }
  code { font-family: Consolas, "Courier New", monospace; font-size: 13px; background: #f5f5f5; border-radius: 3px; padding: 0 2px; overflow-wrap: anywhere; }
  pre { background: #f5f5f5; padding: 8px; overflow-x: auto; max-width: 100%; }
  pre code { background: none; padding: 0; overflow-wrap: normal; }
  .tl-table { overflow-x: auto; max-width: 100%; }
  table { border-collapse: collapse; font-size: 13px; }
  th, td { border: 1px solid #e0e0e0; padding: 4px 6px; vertical-align: top; text-align: left; }
  td { overflow-wrap: anywhere; min-width: 6em; }
  a { color: #0f6cbd; }
  @media (max-width: 480px) { main { padding: 8px 10px 32px; } h1 { font-size: 18px; } }
`;

/**
 * docs/functions.md → a standalone HTML page. Each `### TIER.X(…)` section heading gets the id
 * `tier-x` (the target of the functions' helpUrl); other headings get GitHub's slugs, so the
 * doc's own links keep working. `Marked` is the `marked` package's class.
 */
function renderFunctionsPage(markdown, Marked) {
  const used = new Set();
  const unique = (id) => {
    let candidate = id;
    for (let n = 1; used.has(candidate); n++) candidate = `${id}-${n}`;
    used.add(candidate);
    return candidate;
  };
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading({ tokens, depth, text }) {
        const inner = this.parser.parseInline(tokens);
        const plain = text.replace(/`/g, "");
        const id = unique(functionAnchor(plain) ?? githubSlug(plain));
        return `<h${depth} id="${escapeHtml(id)}">${inner}</h${depth}>\n`;
      },
    },
  });
  // Wide tables scroll inside their own box instead of widening a 350 px pane.
  const body = marked
    .parse(markdown)
    .replace(/<table>/g, '<div class="tl-table"><table>')
    .replace(/<\/table>/g, "</table></div>");
  const title = /^#\s+(.+)$/m.exec(markdown)?.[1]?.replace(/`/g, "") ?? "Tierline functions";
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="UTF-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    "<main>",
    body,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** Every element id in a page (quoted or, after minification, bare). */
function anchorsOf(html) {
  return new Set([...html.matchAll(/\sid=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)].map((m) => m[1] ?? m[2] ?? m[3]));
}

/**
 * functions.json with every helpUrl on the dev origin moved to `origin` (the add-in's origin in
 * production, TIERLINE_ADDIN_URL). Other helpUrls are left as written.
 */
function rewriteHelpUrls(metadataJson, origin) {
  const target = origin.replace(/\/+$/, "");
  const metadata = JSON.parse(metadataJson);
  for (const fn of metadata.functions ?? []) {
    if (typeof fn.helpUrl === "string" && (fn.helpUrl === DEV_ORIGIN || fn.helpUrl.startsWith(`${DEV_ORIGIN}/`))) {
      fn.helpUrl = target + fn.helpUrl.slice(DEV_ORIGIN.length);
    }
  }
  return JSON.stringify(metadata, null, 4);
}

/** The add-in's origin from TIERLINE_ADDIN_URL (default the dev server), checked: https, no path. */
function addinOrigin(value) {
  if (value === undefined || value.trim() === "") return DEV_ORIGIN;
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`TIERLINE_ADDIN_URL: "${value}" is not a URL (expected e.g. https://tierline.example.com)`);
  }
  if (url.protocol !== "https:") throw new Error(`TIERLINE_ADDIN_URL: Office loads add-ins over HTTPS only, got ${url.protocol}`);
  if (url.pathname !== "/" || url.search || url.hash) throw new Error(`TIERLINE_ADDIN_URL: expected an origin without a path, got "${value}"`);
  return url.origin;
}

module.exports = { DEV_ORIGIN, functionAnchor, githubSlug, renderFunctionsPage, anchorsOf, rewriteHelpUrls, addinOrigin };

// Types of functionsPage.js (CommonJS, so webpack.config.js can require it).
export const DEV_ORIGIN: string;
export function functionAnchor(headingText: string): string | undefined;
export function githubSlug(text: string): string;
export function renderFunctionsPage(markdown: string, Marked: new (options?: object) => { parse(markdown: string): string | Promise<string> }): string;
export function anchorsOf(html: string): Set<string>;
export function rewriteHelpUrls(metadataJson: string, origin: string): string;
export function addinOrigin(value: string | undefined): string;

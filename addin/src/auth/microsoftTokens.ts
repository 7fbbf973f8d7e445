/*
 * Where a Microsoft access token comes from, without importing MSAL: the custom functions (functions.js)
 * and the pane (taskpane.js) are separate bundles sharing one runtime and one `globalThis`. Only the
 * pane's bundle carries MSAL (≈290 KB); it registers its token source here at start-up, and the
 * functions' service calls find it through the shared global.
 */

/** Only a person can go on: sign in again (no account yet, consent or MFA needed, the service offers no Microsoft sign-in). */
export class SignInNeeded extends Error {}

/** The service could not be asked how it signs people in: it is down or not the Tierline service. */
export class SignInOptionsUnavailable extends Error {}

/** A current access token for the service at `serviceUrl`; `interactive`: a person just pressed a button, so a popup may open. */
export type MicrosoftTokenSource = (serviceUrl: string, interactive: boolean) => Promise<string>;

const KEY = Symbol.for("tierline.microsoftTokens");

export function registerMicrosoftTokens(source: MicrosoftTokenSource): void {
  (globalThis as Record<symbol, unknown>)[KEY] = source;
}

export function microsoftToken(serviceUrl: string, interactive: boolean): Promise<string> {
  const source = (globalThis as Record<symbol, MicrosoftTokenSource | undefined>)[KEY];
  if (!source) return Promise.reject(new SignInNeeded("open the Tierline pane to finish signing in with Microsoft"));
  return source(serviceUrl, interactive);
}

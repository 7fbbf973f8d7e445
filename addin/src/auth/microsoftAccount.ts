import { createNestablePublicClientApplication, InteractionRequiredAuthError, type IPublicClientApplication } from "@azure/msal-browser";
import type { MicrosoftSignIn } from "../../../shared/src/api/signIn";
import { registerMicrosoftTokens, SignInNeeded, SignInOptionsUnavailable } from "./microsoftTokens";

/*
 * Signing in with a Microsoft account, as Microsoft recommends for Office add-ins: MSAL.js with nested
 * app authentication (NAA). Inside an Office host that supports NAA, MSAL asks the host, which already
 * knows the user (single sign-on, no prompt); elsewhere createNestablePublicClientApplication falls back
 * to the standard browser flow (a popup). The cache is localStorage so the custom functions, another
 * bundle in the same shared runtime, find the pane's sign-in and can get tokens silently.
 */

/** The page MSAL's popup returns to; it only hands the answer back to the pane (addin/src/auth/redirectBridge.ts). */
export const REDIRECT_PAGE = "auth-redirect.html";

export class MicrosoftAccount {
  private constructor(
    private readonly app: IPublicClientApplication,
    /** how the service signs people in (GET /sign-in), as this account was opened with */
    readonly options: MicrosoftSignIn,
  ) {}

  static async open(options: MicrosoftSignIn, origin: string): Promise<MicrosoftAccount> {
    const app = await createNestablePublicClientApplication({
      auth: {
        clientId: options.clientId,
        authority: options.authority,
        redirectUri: `${origin}/${REDIRECT_PAGE}`,
        // An OpenID provider other than Entra ID is trusted by its authority being named here.
        knownAuthorities: options.protocol === "OIDC" ? [new URL(options.authority).host] : undefined,
      },
      cache: { cacheLocation: "localStorage" },
      system: { protocolMode: options.protocol },
    });
    return new MicrosoftAccount(app, options);
  }

  /** The signed-in account's name, once signed in. */
  get accountName(): string | undefined {
    const account = this.app.getActiveAccount() ?? this.app.getAllAccounts()[0];
    return account?.name ?? account?.username;
  }

  /**
   * A current access token for the service: from the cache or the host without a prompt where it can,
   * else (only when `interactive`, i.e. the person just pressed a button) a popup.
   */
  async token(interactive: boolean): Promise<string> {
    const account = this.app.getActiveAccount() ?? this.app.getAllAccounts()[0] ?? undefined;
    try {
      const answer = await this.app.acquireTokenSilent({ scopes: this.options.scopes, account });
      this.app.setActiveAccount(answer.account);
      return answer.accessToken;
    } catch (error) {
      // Without an account, MSAL's standard controller fails before asking anyone; either way only a person can go on.
      if (!interactive) throw new SignInNeeded(`sign in with Microsoft again in the Tierline pane, Settings (${error instanceof Error ? error.message : String(error)})`);
      if (account && !(error instanceof InteractionRequiredAuthError)) throw error;
      const answer = await this.app.acquireTokenPopup({ scopes: this.options.scopes, account });
      this.app.setActiveAccount(answer.account);
      return answer.accessToken;
    }
  }

  /** Forgets the account on this computer (the tokens in the cache go with it). */
  async signOut(): Promise<void> {
    await this.app.clearCache();
  }
}

const accounts = new Map<string, Promise<MicrosoftAccount>>();

/** One MSAL application per service and bundle: asks the service how it signs people in, once. */
export function microsoftAccountFor(serviceUrl: string, origin: string, fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<MicrosoftAccount> {
  let account = accounts.get(serviceUrl);
  if (!account) {
    account = signInOptions(serviceUrl, fetchImpl).then((options) => {
      if (!options) throw new SignInNeeded(`the Tierline service at ${serviceUrl} does not offer Microsoft sign-in; sign in with an API token`);
      return MicrosoftAccount.open(options, origin);
    });
    account.catch(() => accounts.delete(serviceUrl));
    accounts.set(serviceUrl, account);
  }
  return account;
}

/** The service's public sign-in options (GET /api/v1/sign-in); null when it trusts no OpenID provider. */
export async function signInOptions(serviceUrl: string, fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<MicrosoftSignIn | null> {
  let res: Response;
  try {
    res = await fetchImpl(`${serviceUrl}/api/v1/sign-in`);
  } catch (error) {
    throw new SignInOptionsUnavailable(`Tierline service unreachable at ${serviceUrl}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const answer = res.ok ? ((await res.json().catch(() => undefined)) as { microsoft?: MicrosoftSignIn | null } | undefined) : undefined;
  if (!answer) throw new SignInOptionsUnavailable(`the service at ${serviceUrl} did not say how to sign in (HTTP ${res.status}); is the URL the Tierline service?`);
  return answer.microsoft ?? null;
}

/** Makes this bundle's MSAL the token source of every service call in the runtime (see microsoftTokens.ts). */
export function provideMicrosoftTokens(origin: string): void {
  registerMicrosoftTokens(async (serviceUrl, interactive) => (await microsoftAccountFor(serviceUrl, origin)).token(interactive));
}

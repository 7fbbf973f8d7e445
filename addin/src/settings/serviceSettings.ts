/**
 * Where the service is and who we are to it. Stored in the shared runtime's
 * OfficeRuntime.storage (so custom functions and panes see the same values);
 * outside Office, in the browser's localStorage.
 */
export type ServiceSettings =
  /** an API token (automation, or a service without Microsoft sign-in) */
  | { url: string; token: string; signIn?: undefined }
  /** a Microsoft account: tokens come from MSAL (addin/src/auth/microsoftAccount.ts), never stored here */
  | { url: string; signIn: "microsoft"; token?: undefined };

/** The event on the shared global that tells the service-backed functions to drop their caches (see serviceFunctions.ts). */
export const SERVICE_CACHES_EVENT = "tierline:clear-service-caches";

/** Asks the TIER.SEGMENT / TIER.POLICY adapters (another bundle in this runtime) to forget cached answers. */
export function clearServiceFunctionCaches(): void {
  const g = globalThis as { dispatchEvent?: (event: Event) => boolean };
  g.dispatchEvent?.(new Event(SERVICE_CACHES_EVENT));
}

const URL_KEY = "tierline.serviceUrl";
const TOKEN_KEY = "tierline.token";
const SIGN_IN_KEY = "tierline.signIn";

interface KeyValueStore {
  getItem(key: string): Promise<string | null> | string | null;
  setItem(key: string, value: string): Promise<void> | void;
  removeItem(key: string): Promise<void> | void;
}

function store(): KeyValueStore | undefined {
  const g = globalThis as { OfficeRuntime?: { storage?: KeyValueStore }; localStorage?: KeyValueStore };
  return g.OfficeRuntime?.storage ?? g.localStorage;
}

export async function loadServiceSettings(): Promise<ServiceSettings | undefined> {
  const s = store();
  if (!s) return undefined;
  const [url, token, signIn] = await Promise.all([s.getItem(URL_KEY), s.getItem(TOKEN_KEY), s.getItem(SIGN_IN_KEY)]);
  if (!url) return undefined;
  if (signIn === "microsoft") return { url: url.replace(/\/+$/, ""), signIn };
  return token ? { url: url.replace(/\/+$/, ""), token } : undefined;
}

export async function saveServiceSettings(settings: ServiceSettings): Promise<void> {
  const s = store();
  if (!s) throw new Error("no settings storage is available here");
  await s.setItem(URL_KEY, settings.url.replace(/\/+$/, ""));
  if (settings.signIn === "microsoft") {
    await s.setItem(SIGN_IN_KEY, "microsoft");
    await s.removeItem(TOKEN_KEY);
  } else {
    await s.setItem(TOKEN_KEY, settings.token);
    await s.removeItem(SIGN_IN_KEY);
  }
}

/** Signs out: forgets the token or the Microsoft sign-in (the URL stays, for the next sign-in). */
export async function clearServiceSettings(): Promise<void> {
  const s = store();
  if (!s) return;
  await s.removeItem(TOKEN_KEY);
  await s.removeItem(SIGN_IN_KEY);
}

/** Where the service listens when nothing else says: its default port on this machine. */
export const FALLBACK_SERVICE_URL = "http://127.0.0.1:3001";

/**
 * The service URL to offer when the planner has saved none, most specific first:
 * the URL this workbook records (a colleague's shared workbook), the page's
 * tierline-config.json (written by `npm start`), the page's own origin when
 * the service serves the pane itself (its /healthz answers {"status":"ok"}),
 * else the service's default port.
 */
export async function defaultServiceUrl(options: { workbookUrl?: string; origin?: string; fetchImpl?: typeof fetch } = {}): Promise<string> {
  if (options.workbookUrl) return options.workbookUrl;
  const get = options.fetchImpl ?? globalThis.fetch?.bind(globalThis);
  if (!get) return FALLBACK_SERVICE_URL;
  try {
    const res = await get("tierline-config.json", { cache: "no-store" });
    if (res.ok) {
      const config = (await res.json()) as { serviceUrl?: unknown };
      if (typeof config.serviceUrl === "string" && config.serviceUrl) return config.serviceUrl.replace(/\/+$/, "");
    }
  } catch {
    // no config file beside the page
  }
  if (options.origin && /^https?:/.test(options.origin)) {
    try {
      const res = await get(`${options.origin}/healthz`, { cache: "no-store" });
      const body = res.ok ? ((await res.json()) as { status?: unknown }) : undefined;
      if (body?.status === "ok") return options.origin;
    } catch {
      // not served by the service
    }
  }
  return FALLBACK_SERVICE_URL;
}

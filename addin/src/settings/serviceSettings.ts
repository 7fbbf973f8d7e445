/**
 * Where the service is and who we are to it. Stored in the shared runtime's
 * OfficeRuntime.storage (so custom functions and panes see the same values);
 * outside Office, in the browser's localStorage.
 */
export interface ServiceSettings {
  url: string;
  token: string;
}

/** The event on the shared global that tells the service-backed functions to drop their caches (see serviceFunctions.ts). */
export const SERVICE_CACHES_EVENT = "tierline:clear-service-caches";

/** Asks the TIER.SEGMENT / TIER.POLICY adapters (another bundle in this runtime) to forget cached answers. */
export function clearServiceFunctionCaches(): void {
  const g = globalThis as { dispatchEvent?: (event: Event) => boolean };
  g.dispatchEvent?.(new Event(SERVICE_CACHES_EVENT));
}

const URL_KEY = "tierline.serviceUrl";
const TOKEN_KEY = "tierline.token";

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
  const [url, token] = await Promise.all([s.getItem(URL_KEY), s.getItem(TOKEN_KEY)]);
  return url && token ? { url: url.replace(/\/+$/, ""), token } : undefined;
}

export async function saveServiceSettings(settings: ServiceSettings): Promise<void> {
  const s = store();
  if (!s) throw new Error("no settings storage is available here");
  await s.setItem(URL_KEY, settings.url.replace(/\/+$/, ""));
  await s.setItem(TOKEN_KEY, settings.token);
}

/** Signs out: forgets the token (the URL stays, for the next sign-in). */
export async function clearServiceSettings(): Promise<void> {
  const s = store();
  if (!s) return;
  await s.removeItem(TOKEN_KEY);
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

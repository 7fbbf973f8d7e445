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

/**
 * Where the pane looks for the service when the planner saved none, and the
 * hook that makes the service-backed functions forget their cached answers.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { clearServiceFunctionCaches, defaultServiceUrl, FALLBACK_SERVICE_URL, SERVICE_CACHES_EVENT } from "../../addin/src/settings/serviceSettings";

function fakeFetch(routes: Record<string, unknown>): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = String(input);
    if (!(url in routes)) return new Response("not found", { status: 404 });
    return new Response(JSON.stringify(routes[url]), { status: 200, headers: { "Content-Type": "application/json" } });
  }) as typeof fetch;
}

describe("defaultServiceUrl", () => {
  test("the URL the workbook records comes first: a colleague's shared workbook names its service", async () => {
    const fetchImpl = fakeFetch({ "tierline-config.json": { serviceUrl: "http://127.0.0.1:4000" } });
    await expect(defaultServiceUrl({ workbookUrl: "https://tierline.example.com", fetchImpl })).resolves.toBe("https://tierline.example.com");
  });

  test("then the page's tierline-config.json (npm start)", async () => {
    const fetchImpl = fakeFetch({ "tierline-config.json": { serviceUrl: "http://127.0.0.1:4000/" }, "https://svc.example.com/healthz": { status: "ok" } });
    await expect(defaultServiceUrl({ origin: "https://svc.example.com", fetchImpl })).resolves.toBe("http://127.0.0.1:4000");
  });

  test("then the page's own origin when the service serves the pane (its /healthz answers ok)", async () => {
    await expect(defaultServiceUrl({ origin: "https://svc.example.com", fetchImpl: fakeFetch({ "https://svc.example.com/healthz": { status: "ok" } }) })).resolves.toBe("https://svc.example.com");
    // A static file server (no /healthz) is not the service.
    await expect(defaultServiceUrl({ origin: "https://files.example.com", fetchImpl: fakeFetch({}) })).resolves.toBe(FALLBACK_SERVICE_URL);
  });
});

describe("the service functions' cache hook", () => {
  let server: http.Server;
  let url: string;
  const policyRequests: Array<string | undefined> = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url?.startsWith("/api/v1/policies")) {
        const tag = req.headers["if-none-match"];
        policyRequests.push(tag);
        if (tag === '"policy-v7"') {
          res.writeHead(304).end();
          return;
        }
        res.writeHead(200, { "Content-Type": "application/json", ETag: '"policy-v7"' }).end(
          JSON.stringify({
            version: 7,
            rows: [
              {
                segment: "*",
                cycleServiceLevel: 0.9,
                targetFillRate: 0.95,
                promisedLeadTimeDays: 5,
                reviewPeriodDays: 7,
                forecastMethod: "auto",
                inventoryTurnsTarget: 6,
                supplyMode: "pull",
                ownerFunction: "supply chain",
              },
            ],
          }),
        );
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("the pane's event reaches the functions (another bundle in the same runtime) and the next call asks the service afresh", async () => {
    const target = new EventTarget();
    const g = globalThis as unknown as Record<string, unknown>;
    g.addEventListener = target.addEventListener.bind(target);
    g.dispatchEvent = target.dispatchEvent.bind(target);
    const store = new Map<string, string>([
      ["tierline.serviceUrl", url],
      ["tierline.token", "t"],
    ]);
    g.localStorage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
    try {
      let policy!: typeof import("../../addin/src/functions/serviceFunctions").policy;
      await jest.isolateModulesAsync(async () => {
        ({ policy } = await import("../../addin/src/functions/serviceFunctions"));
      });
      const invocation = {} as CustomFunctions.CancelableInvocation;
      await expect(policy("AX", "cycleServiceLevel", invocation)).resolves.toEqual([[0.9]]);
      await expect(policy("AX", "cycleServiceLevel", invocation)).resolves.toEqual([[0.9]]);
      // The second call revalidated its cached table by version tag.
      expect(policyRequests).toEqual([undefined, '"policy-v7"']);
      clearServiceFunctionCaches();
      await policy("AX", "reviewPeriodDays", invocation);
      expect(policyRequests).toEqual([undefined, '"policy-v7"', undefined]);
      expect(SERVICE_CACHES_EVENT).toMatch(/tierline/);
    } finally {
      delete g.addEventListener;
      delete g.dispatchEvent;
      delete g.localStorage;
    }
  });
});

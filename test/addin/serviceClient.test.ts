/**
 * The add-in's client over the route table: paths, queries and bodies built
 * from the contract, a timeout and cancellation on every call, retries only
 * where the route is idempotent, and problems worded for the pane or the cell.
 */
import { ServiceClient, ServiceError } from "../../addin/src/api/serviceClient";
import { registerMicrosoftTokens, type MicrosoftTokenSource } from "../../addin/src/auth/microsoftTokens";

type Sent = { method: string; url: string; body: unknown; headers: Record<string, string> };

function fake(answers: Array<(sent: Sent, signal: AbortSignal) => Promise<Response> | Response>) {
  const sent: Sent[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    const s = { method: String(init.method), url, body: init.body ? JSON.parse(String(init.body)) : undefined, headers: init.headers as Record<string, string> };
    sent.push(s);
    const next = answers[Math.min(sent.length - 1, answers.length - 1)];
    return next(s, init.signal as AbortSignal);
  }) as unknown as typeof fetch;
  return { client: new ServiceClient({ url: "https://svc.test", token: "tl_x" }, fetchImpl), sent };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
const never = (_s: Sent, signal: AbortSignal) => new Promise<Response>((_resolve, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
const refused = () => Promise.reject(new TypeError("fetch failed"));

it("builds the path, query and body from the route table, with the token", async () => {
  const { client, sent } = fake([() => json({ id: "x" })]);
  await client.call("approveChangeRequest", { params: { id: "a b/c" }, body: { reason: "agreed", expectedVersion: 3 } });
  await client.call("listChangeRequests", { query: { status: "pending", source: undefined } });
  expect(sent[0]).toMatchObject({ method: "POST", url: "https://svc.test/api/v1/change-requests/a%20b%2Fc/approve", body: { reason: "agreed", expectedVersion: 3 } });
  expect(sent[0].headers.Authorization).toBe("Bearer tl_x");
  expect(sent[1]).toMatchObject({ method: "GET", url: "https://svc.test/api/v1/change-requests?status=pending", body: undefined });
});

it("refuses to build a path without its parameter", async () => {
  const { client } = fake([() => json({})]);
  await expect(client.call("readChangeRequest", { params: { id: "" } })).rejects.toThrow("id: a value is needed for the path /change-requests/:id");
});

it("gives up after the timeout with a ServiceError the pane can show", async () => {
  const { client } = fake([never]);
  const error = await client.call("me", {}, { timeoutMs: 50 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ServiceError);
  expect((error as ServiceError).status).toBe("timeout");
  expect((error as Error).message).toMatch(/did not answer within 50 ms/);
});

it("lets the caller cancel: the abort reaches fetch and is not reported as an unreachable service", async () => {
  const { client } = fake([never]);
  const controller = new AbortController();
  const call = client.call("listVersions", { query: { dimension: "product" } }, { signal: controller.signal });
  controller.abort(new Error("closed the pane"));
  await expect(call).rejects.toThrow("closed the pane");
});

it("retries an idempotent read after a network failure or a gateway error", async () => {
  const { client, sent } = fake([refused, () => json({}, 502), () => json({ name: "Ada", role: "planner" })]);
  expect(await client.call("me", {})).toEqual({ name: "Ada", role: "planner" });
  expect(sent).toHaveLength(3);
});

it("never retries a request that changes something", async () => {
  const { client, sent } = fake([refused, () => json({})]);
  const error = await client.call("rejectChangeRequest", { params: { id: "r1" }, body: { reason: "no" } }).catch((e: unknown) => e);
  expect((error as ServiceError).status).toBe("unreachable");
  expect(sent).toHaveLength(1);
});

it("does not retry an answer from the service itself (a 4xx, or a 503 from the compute budget)", async () => {
  const { client, sent } = fake([() => json({ detail: "the work ran past its time budget" }, 503), () => json({})]);
  await expect(client.call("me", {})).rejects.toThrow("the work ran past its time budget");
  expect(sent).toHaveLength(1);
});

it("words problems for the pane: 401, 403 with the service's detail, a field error, and a non-JSON page", async () => {
  const cases: Array<[Response, string | RegExp]> = [
    [json({ detail: "nope" }, 401), "the token was not accepted; sign in again in Settings"],
    [json({ detail: "role viewer may not approve" }, 403), "no permission: role viewer may not approve"],
    [json({ detail: "body.reason: give a reason", errors: [{ field: "body.reason", message: "give a reason" }] }, 400), "body.reason: give a reason"],
    [new Response("<html>proxy</html>", { status: 200 }), /answered HTTP 200 with something that is not JSON/],
  ];
  for (const [response, message] of cases) {
    const { client } = fake([() => response]);
    await expect(client.call("rejectChangeRequest", { params: { id: "r1" }, body: { reason: "why not" } })).rejects.toThrow(message);
  }
});

it("revalidates a conditional read: the entity tag goes out, a 304 comes back as not modified", async () => {
  const { client, sent } = fake([() => json({ version: 4, rows: [] }, 200, { ETag: '"policy-v4"' }), () => new Response(null, { status: 304 })]);
  const first = await client.conditional("readPolicies", {}, null);
  expect(first).toEqual({ notModified: false, data: { version: 4, rows: [] }, etag: '"policy-v4"' });
  const second = await client.conditional("readPolicies", {}, first.notModified ? null : first.etag);
  expect(second).toEqual({ notModified: true });
  expect(sent[1].headers["If-None-Match"]).toBe('"policy-v4"');
  expect(sent[0].headers["If-None-Match"]).toBeUndefined();
});

describe("signed in with a Microsoft account", () => {
  const microsoftClient = (fetchImpl: typeof fetch) => new ServiceClient({ url: "https://svc.test", signIn: "microsoft" }, fetchImpl);

  afterEach(() => registerMicrosoftTokens(undefined as unknown as MicrosoftTokenSource));

  it("sends the token the pane's MSAL gives for this service, asked afresh on every call", async () => {
    const asked: string[] = [];
    registerMicrosoftTokens(async (url, interactive) => (asked.push(`${url} ${interactive}`), `eyJ.${asked.length}`));
    const headers: string[] = [];
    const client = microsoftClient(
      (async (_url: string, init: RequestInit) => (headers.push((init.headers as Record<string, string>).Authorization), json({ name: "Pat", subject: "oid-pat", role: "planner" }))) as unknown as typeof fetch,
    );
    await client.call("me", {});
    await client.call("me", {});
    expect(headers).toEqual(["Bearer eyJ.1", "Bearer eyJ.2"]);
    expect(asked).toEqual(["https://svc.test false", "https://svc.test false"]);
  });

  it("without the pane's token source (a function before the pane loaded), says a person must sign in: 401, nothing sent", async () => {
    registerMicrosoftTokens(undefined as unknown as MicrosoftTokenSource);
    const fetchImpl = jest.fn();
    const error = await microsoftClient(fetchImpl as unknown as typeof fetch)
      .call("me", {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ status: 401, message: "open the Tierline pane to finish signing in with Microsoft" });
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it("words a refused Microsoft token for the person, not as a bad API token", async () => {
    registerMicrosoftTokens(async () => "eyJ.expired");
    const client = microsoftClient((async () => json({ detail: "token expired" }, 401)) as unknown as typeof fetch);
    await expect(client.call("me", {})).rejects.toThrow("the service did not accept your Microsoft sign-in (token expired); sign in again in Settings");
  });
});

/**
 * Sign-in through the service itself: the IdP's access token on the API's
 * Authorization header becomes an actor with the IdP's user id as subject,
 * so four-eyes holds between people, not display names; a token with no
 * Tierline role is a 403 that says so, a forged one a 401 that counts
 * against the address. Opaque API tokens keep working beside it.
 */
import { signingKey, startLocalOidcProvider, type LocalOidcProvider, type TestUser } from "../helpers/localOidcProvider";
import { startTestService, STORES, type TestService } from "./harness";

jest.setTimeout(120_000);

const AUDIENCE = "api://tierline-service-test";
const USERS: Record<string, TestUser> = {
  alice: { claims: { oid: "oid-alice", name: "Alex", roles: ["Tierline.Planner"] } },
  // Another person with the same display name: four-eyes must tell them apart.
  bob: { claims: { oid: "oid-bob", name: "Alex", roles: ["Tierline.Approver"] } },
  // The planner again, also holding the approver role: still the same person.
  aliceBoth: { claims: { oid: "oid-alice", name: "Alex (second device)", roles: ["Tierline.Approver", "Tierline.Planner"] } },
  nora: { claims: { oid: "oid-nora", name: "Nora" } },
};

let idp: LocalOidcProvider;
beforeAll(async () => {
  idp = await startLocalOidcProvider({ audience: AUDIENCE, keys: [await signingKey("svc-1")], users: USERS });
});
afterAll(async () => {
  await idp?.stop();
});

describe.each(STORES)("the service signs users in with the IdP's tokens (%s)", (store) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(store, { env: { OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: AUDIENCE } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers how to sign in without a token: no Microsoft sign-in until the add-in's app registration is configured", async () => {
    const options = await t.api("GET", "/api/v1/sign-in", { token: null });
    expect(options.status).toBe(200);
    expect(options.body).toEqual({ microsoft: null });
  });

  it("maps the token to the user's id, name and role", async () => {
    const me = await t.api("GET", "/api/v1/me", { token: await idp.token("alice") });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ name: "Alex", subject: "oid-alice", role: "planner" });
  });

  it("says why a signed-in user without a Tierline role may not continue (403), and refuses a forged token (401)", async () => {
    const none = await t.api("GET", "/api/v1/me", { token: await idp.token("nora") });
    expect(none.status).toBe(403);
    expect(none.body.detail).toMatch(/Tierline role/);
    const real = await idp.token("alice");
    const [header, payload] = real.split(".");
    const forged = `${header}.${payload.slice(0, -2)}AA.${real.split(".")[2]}`;
    expect((await t.api("GET", "/api/v1/me", { token: forged })).status).toBe(401);
    expect((await t.api("GET", "/api/v1/me", { token: t.tokens.viewer })).status).toBe(200);
  });

  it("four-eyes compares the IdP's user id: the same person on another device may not approve, another Alex may", async () => {
    const version = async () => (await t.api("GET", "/api/v1/versions?dimension=product")).body.current as number;
    const raised = await t.api("POST", "/api/v1/change-requests", {
      token: await idp.token("alice"),
      body: { dimension: "product", changes: [{ entityId: "P0003", segment: "ENTRA" }], justification: "signed in with Entra" },
    });
    expect(raised.status).toBe(201);
    expect(raised.body.createdBy).toBe("Alex");
    const self = await t.api("POST", `/api/v1/change-requests/${raised.body.id}/approve`, { token: await idp.token("aliceBoth"), body: { reason: "my own", expectedVersion: await version() } });
    expect(self.status).toBe(403);
    const other = await t.api("POST", `/api/v1/change-requests/${raised.body.id}/approve`, { token: await idp.token("bob"), body: { reason: "second pair of eyes", expectedVersion: await version() } });
    expect(other.status).toBe(200);
  });
});

/**
 * Sign-in with an OpenID provider, against a real one: oidc-provider in a child process issues JWT
 * access tokens for the service's audience, signed with its own keys, which the verifier finds only
 * through the discovery document and jwks_uri, as it would with Entra ID. Covers the identity and role
 * a valid token yields, and every way a token must be refused: expired, another issuer, another
 * audience, a key the provider does not publish, a forged payload, `alg: none`, an HMAC secret; and
 * the provider rotating its signing key, or being down for a while.
 */
import { createPublicKey } from "node:crypto";
import { SignJWT, base64url, decodeJwt, decodeProtectedHeader, generateKeyPair, importJWK, type JWK } from "jose";
import { createOidcVerifier, ROLE_PRECEDENCE, type OidcOutcome } from "../../service/src/auth/oidc";
import { loadOidcSettings } from "../../service/src/auth/oidcConfig";
import { ROLES } from "../../shared/src/api/roles";
import { signingKey, startLocalOidcProvider, type LocalOidcProvider, type TestUser } from "../helpers/localOidcProvider";

jest.setTimeout(60_000);

const AUDIENCE = "api://tierline-test";
const GROUP = "0f5d2c1e-9a8b-4c7d-8e6f-5a4b3c2d1e0f";

const USERS: Record<string, TestUser> = {
  alice: { claims: { oid: "oid-alice", name: "Alice Planner", preferred_username: "alice@contoso.test", roles: ["Tierline.Planner"] } },
  pat: { claims: { oid: "oid-pat", name: "Pat", roles: ["Tierline.Planner", "Tierline.Approver"] } },
  tap: { claims: { oid: "oid-tap", name: "Tap", roles: ["Tierline.Approver", "Tierline.Planner"] } },
  root: { claims: { oid: "oid-root", name: "Root", roles: ["Tierline.Viewer", "Other.App.Role", "Tierline.Admin"] } },
  erin: { claims: { oid: "oid-erin", preferred_username: "erin@contoso.test", roles: ["Tierline.Sales"] } },
  // no oid, no name: the subject falls back to `sub` (here the client id), the name to the subject
  daemon: { claims: { roles: ["Tierline.Viewer"] } },
  carol: { claims: { oid: "oid-carol", name: "Carol", roles: ["Payroll.Reader", "__proto__", "constructor", "tierline.admin"] } },
  nora: { claims: { oid: "oid-nora", name: "Nora" } },
  dave: { claims: { oid: "oid-dave", name: "Dave", groups: [GROUP, "a-group-of-no-interest"] } },
  flash: { claims: { oid: "oid-flash", name: "Flash", roles: ["Tierline.Viewer"] }, ttl: 1 },
};

let main: LocalOidcProvider;
let other: LocalOidcProvider;
let mainKey: JWK;
beforeAll(async () => {
  mainKey = await signingKey("main-1");
  [main, other] = await Promise.all([startLocalOidcProvider({ audience: AUDIENCE, keys: [mainKey], users: USERS }), startLocalOidcProvider({ audience: AUDIENCE, keys: [await signingKey("other-1")], users: USERS })]);
});
afterAll(async () => {
  await Promise.all([main?.stop(), other?.stop()]);
});

const verifierFor = (issuer: string, env: Record<string, string> = {}) => createOidcVerifier(loadOidcSettings({ OIDC_ISSUER: issuer, OIDC_AUDIENCE: AUDIENCE, ...env })!);

const signedIn = (outcome: OidcOutcome) => {
  if (outcome.kind !== "signed-in") throw new Error(`expected a sign-in, got ${JSON.stringify(outcome)}`);
  return outcome.identity;
};

const b64 = (value: unknown) => base64url.encode(JSON.stringify(value));
const claimsFor = (issuer: string) => ({ iss: issuer, aud: AUDIENCE, oid: "oid-mallory", name: "Mallory", roles: ["Tierline.Admin"], iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 300 });

describe("a valid token from the configured provider", () => {
  test("yields the user's stable id, display name and role", async () => {
    const verify = verifierFor(main.issuer);
    const token = await main.token("alice");
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "RS256", kid: "main-1" });
    expect(await verify(token)).toEqual({ kind: "signed-in", identity: { subject: "oid-alice", name: "Alice Planner", role: "planner" } });
  });

  test("several mapped roles: the highest in ROLE_PRECEDENCE wins, whatever the claim's order; unmapped values are ignored", async () => {
    const verify = verifierFor(main.issuer);
    expect(signedIn(await verify(await main.token("pat"))).role).toBe("approver");
    expect(signedIn(await verify(await main.token("tap"))).role).toBe("approver");
    expect(signedIn(await verify(await main.token("root"))).role).toBe("admin");
  });

  test("ROLE_PRECEDENCE ranks every Tierline role once", () => {
    expect([...ROLE_PRECEDENCE].sort()).toEqual([...ROLES].sort());
  });

  test("falls back to preferred_username for the name, and to sub for the subject", async () => {
    const verify = verifierFor(main.issuer);
    expect(signedIn(await verify(await main.token("erin")))).toEqual({ subject: "oid-erin", name: "erin@contoso.test", role: "sales" });
    expect(signedIn(await verify(await main.token("daemon")))).toEqual({ subject: "daemon", name: "daemon", role: "viewer" });
  });

  test("configured claims are the only ones read", async () => {
    const verify = verifierFor(main.issuer, { OIDC_SUBJECT_CLAIM: "sub", OIDC_NAME_CLAIM: "preferred_username" });
    expect(signedIn(await verify(await main.token("alice")))).toEqual({ subject: "alice", name: "alice@contoso.test", role: "planner" });
    const byOid = verifierFor(main.issuer, { OIDC_SUBJECT_CLAIM: "oid" });
    expect(await byOid(await main.token("daemon"))).toEqual({ kind: "refused", reason: "names no user (oid)" });
  });

  test("no Tierline role: valid, but the answer names the user and the roles to ask for (exact, case-sensitive values; no prototype keys)", async () => {
    const verify = verifierFor(main.issuer);
    const message = "ask your admin to assign one of Tierline.Viewer, Tierline.Planner, Tierline.Sales, Tierline.Finance, Tierline.Approver, Tierline.Admin";
    expect(await verify(await main.token("carol"))).toEqual({ kind: "no-role", subject: "oid-carol", name: "Carol", message: `signed in as Carol but no Tierline role: ${message}` });
    expect(await verify(await main.token("nora"))).toMatchObject({ kind: "no-role", subject: "oid-nora", message: expect.stringMatching(/^signed in as Nora but no Tierline role/) });
  });

  test("a role map on another claim: an Entra group id → approver", async () => {
    const byGroup = verifierFor(main.issuer, { OIDC_ROLE_CLAIM: "groups", OIDC_ROLE_MAP: `${GROUP}=approver` });
    expect(signedIn(await byGroup(await main.token("dave")))).toEqual({ subject: "oid-dave", name: "Dave", role: "approver" });
    // the map replaces the default: app roles no longer count
    expect(await byGroup(await main.token("alice"))).toMatchObject({ kind: "no-role", message: expect.stringContaining(`assign one of ${GROUP}`) });
    // and the default map does not read groups
    expect(await verifierFor(main.issuer)(await main.token("dave"))).toMatchObject({ kind: "no-role" });
  });

  test("a required scope refuses tokens without it (app-only tokens carry roles but no user scope)", async () => {
    const verify = verifierFor(main.issuer, { OIDC_REQUIRED_SCOPE: "access_as_user" });
    expect(signedIn(await verify(await main.token("alice", { scope: "access_as_user" }))).role).toBe("planner");
    expect(await verify(await main.token("alice"))).toEqual({ kind: "refused", reason: "lacks the scope access_as_user" });
  });

  test("any one of several configured audiences", async () => {
    const verify = verifierFor(main.issuer, { OIDC_AUDIENCE: `6e3c0f5a-0000-4000-8000-000000000001,${AUDIENCE}` });
    expect(signedIn(await verify(await main.token("alice"))).role).toBe("planner");
  });
});

describe("refused tokens", () => {
  test("expired: refused with no clock tolerance, accepted within it", async () => {
    const token = await main.token("flash");
    const { exp } = decodeJwt(token);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp! * 1000 - Date.now()) + 50));
    expect(await verifierFor(main.issuer, { OIDC_CLOCK_TOLERANCE_S: "0" })(token)).toEqual({ kind: "refused", reason: "expired (exp)" });
    expect(signedIn(await verifierFor(main.issuer, { OIDC_CLOCK_TOLERANCE_S: "60" })(token)).subject).toBe("oid-flash");
  });

  test("issued by another provider, though for the same audience and user", async () => {
    const token = await other.token("alice");
    expect(signedIn(await verifierFor(other.issuer)(token)).subject).toBe("oid-alice");
    expect(await verifierFor(main.issuer)(token)).toEqual({ kind: "refused", reason: "issued by another provider (iss)" });
  });

  test("meant for another audience", async () => {
    const verify = verifierFor(main.issuer, { OIDC_AUDIENCE: "api://another-service" });
    expect(await verify(await main.token("alice"))).toEqual({ kind: "refused", reason: "meant for another audience (aud)" });
  });

  test("signed with a key the provider does not publish, under a new key id or under the provider's own", async () => {
    const verify = verifierFor(main.issuer);
    const { privateKey } = await generateKeyPair("RS256");
    const forge = (kid: string) => new SignJWT(claimsFor(main.issuer)).setProtectedHeader({ alg: "RS256", kid }).sign(privateKey);
    expect(await verify(await forge("rogue"))).toEqual({ kind: "refused", reason: "signed with a key the provider does not publish" });
    expect(await verify(await forge("main-1"))).toEqual({ kind: "refused", reason: "signature does not verify" });
  });

  test("signed with the provider's own key but without an expiry, or not valid yet", async () => {
    const verify = verifierFor(main.issuer);
    const providerKey = await importJWK(mainKey, "RS256");
    const { exp: _exp, ...noExpiry } = claimsFor(main.issuer);
    const sign = (claims: object) => new SignJWT({ ...claims }).setProtectedHeader({ alg: "RS256", kid: "main-1" }).sign(providerKey);
    expect(signedIn(await verify(await sign(claimsFor(main.issuer)))).role).toBe("admin");
    expect(await verify(await sign(noExpiry))).toEqual({ kind: "refused", reason: "has no valid expiry (exp)" });
    expect(await verify(await sign({ ...claimsFor(main.issuer), nbf: Math.floor(Date.now() / 1000) + 3600 }))).toEqual({ kind: "refused", reason: "not yet valid (nbf)" });
  });

  test("a genuine token whose payload was altered", async () => {
    const verify = verifierFor(main.issuer);
    const [header, payload, signature] = (await main.token("alice")).split(".");
    const promoted = { ...(JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as object), roles: ["Tierline.Admin"] };
    expect(await verify(`${header}.${b64(promoted)}.${signature}`)).toEqual({ kind: "refused", reason: "signature does not verify" });
  });

  test("alg: none, crafted by hand", async () => {
    const verify = verifierFor(main.issuer);
    const unsigned = `${b64({ alg: "none", typ: "JWT" })}.${b64(claimsFor(main.issuer))}.`;
    expect(await verify(unsigned)).toEqual({ kind: "refused", reason: "signing algorithm not allowed" });
    expect(await verify(`${b64({ alg: "none", kid: "main-1" })}.${b64(claimsFor(main.issuer))}.c2ln`)).toEqual({ kind: "refused", reason: "signing algorithm not allowed" });
  });

  test("HS256 with a guessable secret, and with the provider's public key as the secret (algorithm confusion)", async () => {
    const verify = verifierFor(main.issuer);
    const hs = (secret: Uint8Array) => new SignJWT(claimsFor(main.issuer)).setProtectedHeader({ alg: "HS256", kid: "main-1" }).sign(secret);
    expect(await verify(await hs(new TextEncoder().encode("secret")))).toEqual({ kind: "refused", reason: "signing algorithm not allowed" });
    const publicPem = createPublicKey({ key: { ...mainKey }, format: "jwk" }).export({ type: "spki", format: "pem" });
    expect(await verify(await hs(new TextEncoder().encode(publicPem.toString())))).toEqual({ kind: "refused", reason: "signing algorithm not allowed" });
  });

  test("an algorithm left out of OIDC_ALGORITHMS, though the provider's key signed it", async () => {
    expect(await verifierFor(main.issuer, { OIDC_ALGORITHMS: "ES256" })(await main.token("alice"))).toEqual({ kind: "refused", reason: "signing algorithm not allowed" });
  });

  test.each(["", "Bearer", "tl_notajwt", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.e30", "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d"])("not a signed JWT: %j, refused without asking any provider", async (garbage) => {
    // port 9 (discard) on loopback: nothing answers, so a refusal here cannot have come from the provider
    const verify = verifierFor("http://127.0.0.1:9");
    expect(await verify(garbage)).toMatchObject({ kind: "refused" });
  });

  test("reasons carry no token content", async () => {
    const verify = verifierFor(main.issuer, { OIDC_AUDIENCE: "api://another-service" });
    const token = await main.token("alice");
    const outcome = await verify(token);
    expect(outcome.kind).toBe("refused");
    const reason = (outcome as { reason: string }).reason;
    for (const fragment of [...token.split("."), "oid-alice", "Alice", AUDIENCE, "Tierline.Planner"]) expect(reason).not.toContain(fragment);
  });
});

describe("the provider's keys change or go away", () => {
  let rotating: LocalOidcProvider | undefined;
  afterAll(async () => {
    await rotating?.stop();
  });

  test("rotation: a token signed with a new key is accepted after the key set is fetched again; an outage is 'unavailable', then recovers", async () => {
    const first = await signingKey("rot-1");
    const second = await signingKey("rot-2");
    rotating = await startLocalOidcProvider({ audience: AUDIENCE, keys: [first], users: USERS });
    const { issuer, port } = rotating;
    const prompt = verifierFor(issuer, { OIDC_JWKS_COOLDOWN_MS: "0" });
    const cooling = verifierFor(issuer, { OIDC_JWKS_COOLDOWN_MS: "60000" });
    const beforeRotation = await rotating.token("alice");
    expect(signedIn(await prompt(beforeRotation)).role).toBe("planner");
    expect(signedIn(await cooling(beforeRotation)).role).toBe("planner");

    await rotating.stop();
    const late = verifierFor(issuer);
    expect(await late(beforeRotation)).toMatchObject({ kind: "unavailable", reason: expect.stringContaining(`discovery document ${issuer}/.well-known/openid-configuration`) });
    // keys already fetched keep verifying while the provider is down
    expect(signedIn(await prompt(beforeRotation)).role).toBe("planner");
    // but a key id it has not seen cannot be looked up: that is the provider's outage, not the token's fault
    const unseen = await new SignJWT(claimsFor(issuer)).setProtectedHeader({ alg: "RS256", kid: "rot-unseen" }).sign((await generateKeyPair("RS256")).privateKey);
    expect(await prompt(unseen)).toMatchObject({ kind: "unavailable", reason: expect.stringMatching(/^the provider's key set could not be fetched/) });
    // and such a token does not cost the others the keys already fetched
    expect(signedIn(await prompt(beforeRotation)).role).toBe("planner");

    // the same issuer comes back signing with a new key, still publishing the old one
    rotating = await startLocalOidcProvider({ port, audience: AUDIENCE, keys: [second, first], users: USERS });
    expect(rotating.issuer).toBe(issuer);
    const afterRotation = await rotating.token("alice");
    expect(decodeProtectedHeader(afterRotation)).toMatchObject({ alg: "RS256", kid: "rot-2" });

    // the cached key set lacks rot-2: the prompt verifier fetches it again and accepts
    expect(signedIn(await prompt(afterRotation)).role).toBe("planner");
    expect(signedIn(await prompt(beforeRotation)).role).toBe("planner");
    // within the cooldown an unknown key id does not refetch: key ids cannot be used to hammer the provider
    expect(await cooling(afterRotation)).toEqual({ kind: "refused", reason: "signed with a key the provider does not publish" });
    // the verifier whose discovery failed asks again
    expect(signedIn(await late(afterRotation)).role).toBe("planner");
  });
});

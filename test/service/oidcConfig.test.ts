/**
 * The OIDC settings as the environment gives them: off unless an issuer is set, the Entra defaults,
 * the role map in both of its written forms, and the values refused because they would weaken
 * sign-in (an unsigned or HMAC algorithm, a plain-http provider, an issuer without an audience).
 */
import { DomainError } from "../../shared/src/errors";
import { ROLES } from "../../shared/src/api/roles";
import { addinSignIn, DEFAULT_ROLE_MAP, loadOidcSettings, oidcConfigSchema } from "../../service/src/auth/oidcConfig";
import { addinContentSecurityPolicy } from "../../service/src/http/addinStatic";

const ISSUER = "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0";
const load = (env: Record<string, string>) => loadOidcSettings({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: "api://tierline", ...env });
const refusal = (env: Record<string, string>) => {
  try {
    load(env);
  } catch (err) {
    if (err instanceof DomainError) return err.message;
    throw err;
  }
  throw new Error("accepted");
};

describe("OIDC settings from the environment", () => {
  test("off without an issuer, including an empty one", () => {
    expect(loadOidcSettings({})).toBeUndefined();
    expect(loadOidcSettings({ OIDC_ISSUER: "", OIDC_AUDIENCE: "api://tierline" })).toBeUndefined();
  });

  test("Entra defaults: app roles Tierline.<Role>, oid before sub, name before preferred_username, RS256/ES256", () => {
    const s = load({})!;
    expect(s).toMatchObject({
      issuer: ISSUER,
      audience: ["api://tierline"],
      roleClaim: "roles",
      subjectClaims: ["oid", "sub"],
      nameClaims: ["name", "preferred_username"],
      algorithms: ["RS256", "ES256"],
      clockToleranceS: 60,
      jwksCooldownMs: 30_000,
      requiredScope: undefined,
    });
    expect([...s.roleMap]).toEqual([
      ["Tierline.Viewer", "viewer"],
      ["Tierline.Planner", "planner"],
      ["Tierline.Sales", "sales"],
      ["Tierline.Finance", "finance"],
      ["Tierline.Approver", "approver"],
      ["Tierline.Admin", "admin"],
    ]);
    expect(new Set(DEFAULT_ROLE_MAP.values())).toEqual(new Set(ROLES));
  });

  test("several audiences: an API's client id (v2 tokens) and its app ID URI (v1 tokens)", () => {
    expect(load({ OIDC_AUDIENCE: " 6e3c0f5a-0000-4000-8000-000000000001 , api://tierline " })!.audience).toEqual(["6e3c0f5a-0000-4000-8000-000000000001", "api://tierline"]);
  });

  test("the role map as value=role pairs or as JSON; it replaces the default", () => {
    const group = "0f5d2c1e-9a8b-4c7d-8e6f-5a4b3c2d1e0f";
    expect([...load({ OIDC_ROLE_CLAIM: "groups", OIDC_ROLE_MAP: `${group}=approver, Tierline.Planner = planner` })!.roleMap]).toEqual([
      [group, "approver"],
      ["Tierline.Planner", "planner"],
    ]);
    expect([...load({ OIDC_ROLE_MAP: '{"Supply.Admins":"admin","Supply.Readers":"viewer"}' })!.roleMap]).toEqual([
      ["Supply.Admins", "admin"],
      ["Supply.Readers", "viewer"],
    ]);
  });

  test.each([
    ["Tierline.Boss=boss", /OIDC_ROLE_MAP.*"Tierline.Boss" must map to one of viewer, planner, sales, finance, approver, admin/],
    ["Tierline.Planner", /OIDC_ROLE_MAP.*"Tierline.Planner" must map/],
    ["=planner", /OIDC_ROLE_MAP/],
    ['{"Tierline.Planner":"root"}', /OIDC_ROLE_MAP.*must map to one of/],
    ["{not json", /OIDC_ROLE_MAP.*not a JSON object/],
    ['["planner"]', /OIDC_ROLE_MAP.*not a JSON object/],
  ])("refuses the role map %s", (map, message) => {
    expect(refusal({ OIDC_ROLE_MAP: map })).toMatch(message);
  });

  test.each(["none", "HS256", "RS256,HS512", "rs256", ""])("refuses the algorithm list %j: only asymmetric algorithms from the provider's keys", (algs) => {
    // an empty variable counts as unset (the default), so ask for an explicitly empty list
    const env = algs === "" ? { OIDC_ALGORITHMS: " , " } : { OIDC_ALGORITHMS: algs };
    expect(refusal(env)).toMatch(/OIDC_ALGORITHMS/);
  });

  test("accepts asymmetric algorithms", () => {
    expect(load({ OIDC_ALGORITHMS: "PS256, ES384,EdDSA" })!.algorithms).toEqual(["PS256", "ES384", "EdDSA"]);
  });

  test("a plain-http issuer only on loopback", () => {
    expect(refusal({ OIDC_ISSUER: "http://login.example.com/tenant" })).toMatch(/OIDC_ISSUER: must be https/);
    expect(load({ OIDC_ISSUER: "http://127.0.0.1:4321" })!.issuer).toBe("http://127.0.0.1:4321");
    expect(refusal({ OIDC_ISSUER: "not a url" })).toMatch(/OIDC_ISSUER/);
  });

  test("an issuer needs an audience", () => {
    expect(() => loadOidcSettings({ OIDC_ISSUER: ISSUER })).toThrow(/OIDC_AUDIENCE.*needs OIDC_AUDIENCE/);
    expect(() => loadOidcSettings({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: " , " })).toThrow(/OIDC_AUDIENCE/);
  });

  test("claim lists, required scope and durations", () => {
    const s = load({ OIDC_SUBJECT_CLAIM: "sub", OIDC_NAME_CLAIM: "upn, email", OIDC_REQUIRED_SCOPE: "access_as_user", OIDC_CLOCK_TOLERANCE_S: "0", OIDC_JWKS_COOLDOWN_MS: "500" })!;
    expect(s).toMatchObject({ subjectClaims: ["sub"], nameClaims: ["upn", "email"], requiredScope: "access_as_user", clockToleranceS: 0, jwksCooldownMs: 500 });
    expect(refusal({ OIDC_CLOCK_TOLERANCE_S: "-5" })).toMatch(/OIDC_CLOCK_TOLERANCE_S/);
    expect(refusal({ OIDC_SUBJECT_CLAIM: "first name" })).toMatch(/OIDC_SUBJECT_CLAIM/);
  });
});

describe("the add-in's Microsoft sign-in, as the service offers it (GET /sign-in)", () => {
  const parse = (env: Record<string, string>) => oidcConfigSchema.parse({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: "api://tierline", ...env });

  test("offered only when the add-in's app registration is named", () => {
    expect(addinSignIn(parse({}))).toBeUndefined();
    expect(addinSignIn(parse({ OIDC_ADDIN_CLIENT_ID: "addin-id", OIDC_ADDIN_SCOPES: "api://tierline/access_as_user" }))).toEqual({
      clientId: "addin-id",
      // Entra's v2.0 issuer names the tenant's authority with the suffix MSAL does not want.
      authority: "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555",
      scopes: ["api://tierline/access_as_user"],
      protocol: "AAD",
    });
  });

  test("another OpenID provider is signed in to with MSAL's OIDC protocol, at the issuer or the authority given", () => {
    const keycloak = oidcConfigSchema.parse({ OIDC_ISSUER: "https://id.example.com/realms/supply", OIDC_AUDIENCE: "tierline", OIDC_ADDIN_CLIENT_ID: "addin", OIDC_ADDIN_SCOPES: "tierline/access" });
    expect(addinSignIn(keycloak)).toMatchObject({ authority: "https://id.example.com/realms/supply", protocol: "OIDC" });
    expect(addinSignIn({ ...keycloak, OIDC_AUTHORITY: "https://login.example.com/tenant/" })).toMatchObject({ authority: "https://login.example.com/tenant", protocol: "OIDC" });
  });

  test("a client id without scopes, or without a trusted issuer, is refused naming the variable", () => {
    expect(refusal({ OIDC_ADDIN_CLIENT_ID: "addin-id" })).toMatch(/OIDC_ADDIN_SCOPES/);
    expect(() => oidcConfigSchema.parse({ OIDC_ADDIN_CLIENT_ID: "addin-id", OIDC_ADDIN_SCOPES: "x" })).toThrow(/OIDC_ISSUER/);
  });

  test("the pane's CSP lets MSAL reach the authority, and only that origin beside Office's", () => {
    const csp = addinContentSecurityPolicy(["'self'"], "https://login.microsoftonline.com/tenant-id");
    expect(csp).toMatch(/connect-src [^;]*https:\/\/login\.microsoftonline\.com(;| )/);
    expect(addinContentSecurityPolicy(["'self'"])).not.toMatch(/login\.microsoftonline/);
  });
});

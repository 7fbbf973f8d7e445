import http from "node:http";
import https from "node:https";
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import type { Role } from "../../../shared/src/api/roles";
import type { OidcSettings } from "./oidcConfig";

/** Who a verified token names, and the Tierline role its roles map to. */
export interface OidcIdentity {
  /** the stable user id (Entra: `oid`), what audit and ownership should key on */
  subject: string;
  /** the display name, for people to read; not unique */
  name: string;
  role: Role;
}

/**
 * What a bearer JWT amounts to. The caller answers `no-role` with 403 and `message`, `refused` with
 * 401, `unavailable` with 503 (signing in again would not help while the provider cannot be reached).
 * `reason` is for the log: it never carries token content.
 */
export type OidcOutcome =
  { kind: "signed-in"; identity: OidcIdentity } | { kind: "no-role"; subject: string; name: string; message: string } | { kind: "refused"; reason: string } | { kind: "unavailable"; reason: string };

export type OidcVerifier = (jwt: string) => Promise<OidcOutcome>;

/**
 * When a token's roles map to several Tierline roles, the first of these wins. A role whose permissions
 * include another's ranks above it: admin above all, planner above finance, sales and viewer. Planner and
 * approver are kept apart on purpose (one raises change requests, the other decides them) so neither
 * includes the other; approver ranks first because it is the grant an admin gives deliberately and to few,
 * whereas planner is the everyday role. Finance and sales hold the same permissions; their order only makes
 * the answer independent of the order of the claim's values.
 */
export const ROLE_PRECEDENCE: readonly Role[] = ["admin", "approver", "planner", "finance", "sales", "viewer"];

const refused = (reason: string): OidcOutcome => ({ kind: "refused", reason });
const unavailable = (reason: string): OidcOutcome => ({ kind: "unavailable", reason });

/** The provider could not be asked: discovery or keys unreachable, malformed or inconsistent. */
class ProviderUnavailable extends Error {}

/** The verifier of bearer JWTs from the configured provider; keys and discovery are fetched on first use. */
export function createOidcVerifier(settings: OidcSettings): OidcVerifier {
  const allowed = new Set<string>(settings.algorithms);
  const discoveryUrl = `${settings.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  let keys: Promise<JWTVerifyGetKey> | undefined;

  /** One discovery for all requests; a failed one is forgotten so the next request asks again. */
  function keySet(): Promise<JWTVerifyGetKey> {
    keys ??= discover(settings, discoveryUrl).catch((err: unknown) => {
      keys = undefined;
      throw err;
    });
    return keys;
  }

  return async (jwt) => {
    const early = precheck(jwt, settings.issuer, allowed);
    if (early) return early;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(jwt, await keySet(), {
        issuer: settings.issuer,
        audience: [...settings.audience],
        algorithms: [...settings.algorithms],
        clockTolerance: settings.clockToleranceS,
        requiredClaims: ["exp"],
      }));
    } catch (err) {
      // a failed key fetch keeps the discovered key set: it still holds the keys fetched before, which
      // verify the usual tokens through an outage; rediscovering would drop them
      return classify(err);
    }
    return identify(payload, settings);
  };
}

/**
 * Refuses what needs no key to refuse, before asking the provider anything: a string that is no JWS,
 * an algorithm outside the allowed list (`none`, HS256…), a token from another issuer (whose unknown key
 * id would otherwise make the key set be fetched again). The token's unverified content is only ever
 * used to refuse here; acceptance is jwtVerify's alone.
 */
function precheck(jwt: string, issuer: string, allowed: ReadonlySet<string>): OidcOutcome | undefined {
  let alg: string | undefined;
  let iss: string | undefined;
  try {
    alg = decodeProtectedHeader(jwt).alg;
    iss = decodeJwt(jwt).iss;
  } catch {
    return refused("not a signed JWT");
  }
  if (alg === undefined || !allowed.has(alg)) return refused("signing algorithm not allowed");
  if (iss !== issuer) return refused("issued by another provider (iss)");
  return undefined;
}

async function discover(settings: OidcSettings, url: string): Promise<JWTVerifyGetKey> {
  // A provider behind a private certificate authority (an in-house Keycloak or ADFS) is trusted through OIDC_CA_FILE, for discovery and keys alike.
  const agent = settings.caCertificates ? new https.Agent({ ca: settings.caCertificates }) : undefined;
  let doc: unknown;
  try {
    doc = await getJson(url, settings.httpTimeoutMs, agent);
  } catch (err) {
    throw new ProviderUnavailable(`discovery document ${url}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const { issuer, jwks_uri: jwksUri } = (doc ?? {}) as { issuer?: unknown; jwks_uri?: unknown };
  // OpenID Connect Discovery 1.0 §4.3: a document naming another issuer must not be used
  if (issuer !== settings.issuer) throw new ProviderUnavailable(`discovery document ${url} names another issuer than OIDC_ISSUER`);
  if (typeof jwksUri !== "string" || !URL.canParse(jwksUri)) throw new ProviderUnavailable(`discovery document ${url} has no jwks_uri`);
  const jwks = new URL(jwksUri);
  if (jwks.protocol !== "https:" && new URL(settings.issuer).protocol === "https:") throw new ProviderUnavailable(`jwks_uri of ${url} is not https`);
  return createRemoteJWKSet(jwks, { cooldownDuration: settings.jwksCooldownMs, timeoutDuration: settings.httpTimeoutMs, agent: jwks.protocol === "https:" ? agent : undefined });
}

/** GET a JSON document; a redirect is a failure (the discovery document's address is the issuer's own). node:https rather than fetch, so a private CA can be trusted per provider. */
function getJson(url: string, timeoutMs: number, agent: https.Agent | undefined): Promise<unknown> {
  const target = new URL(url);
  const get = target.protocol === "https:" ? https.get : http.get;
  return new Promise((resolve, reject) => {
    const req = get(target, { agent: target.protocol === "https:" ? agent : undefined, headers: { accept: "application/json" }, timeout: timeoutMs }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`HTTP ${res.statusCode}`));
        return;
      }
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => {
        try {
          resolve(JSON.parse(body));
        } catch {
          reject(new Error("not JSON"));
        }
      });
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
  });
}

/** Fixed reasons keyed by jose's error codes: its messages are safe today, but a reason must stay free of token content whatever a library version says. */
function classify(err: unknown): OidcOutcome {
  if (err instanceof ProviderUnavailable) return unavailable(err.message);
  if (err instanceof errors.JWTExpired) return refused("expired (exp)");
  if (err instanceof errors.JWTClaimValidationFailed) {
    switch (err.claim) {
      case "iss":
        return refused("issued by another provider (iss)");
      case "aud":
        return refused("meant for another audience (aud)");
      case "nbf":
        return refused("not yet valid (nbf)");
      case "exp":
        return refused("has no valid expiry (exp)");
      default:
        return refused(`claim check failed (${err.claim})`);
    }
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return refused("signing algorithm not allowed");
  if (err instanceof errors.JWSSignatureVerificationFailed) return refused("signature does not verify");
  if (err instanceof errors.JWKSNoMatchingKey) return refused("signed with a key the provider does not publish");
  if (err instanceof errors.JWKSMultipleMatchingKeys) return refused("names no key id (kid) and the provider publishes several keys that could match");
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return refused("malformed JWT");
  if (err instanceof errors.JOSENotSupported) return refused("unsupported algorithm or key");
  if (err instanceof errors.JWKSTimeout) return unavailable("the provider's key set did not answer in time");
  if (err instanceof errors.JWKSInvalid || err instanceof errors.JWKInvalid) return unavailable("the provider's key set is malformed");
  // what is left comes from fetching the key set: a network error, a non-200 answer, a body that is no JSON
  return unavailable(`the provider's key set could not be fetched: ${err instanceof Error ? err.message : String(err)}`);
}

function firstString(payload: JWTPayload, claims: readonly string[]): string | undefined {
  for (const claim of claims) {
    const value = payload[claim];
    if (typeof value === "string" && value.trim() !== "") return value;
  }
  return undefined;
}

/** A claim holding several values: a JSON array (Entra's roles and groups) or one space-separated string (OAuth's scope). */
function values(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((v): v is string => typeof v === "string");
  if (typeof claim === "string") return claim.split(" ").filter(Boolean);
  return [];
}

function identify(payload: JWTPayload, settings: OidcSettings): OidcOutcome {
  const subject = firstString(payload, settings.subjectClaims);
  if (subject === undefined) return refused(`names no user (${settings.subjectClaims.join(", ")})`);
  // Entra puts delegated scopes in `scp`, RFC 9068 tokens in `scope`
  if (settings.requiredScope !== undefined && ![...values(payload.scp), ...values(payload.scope)].includes(settings.requiredScope)) {
    return refused(`lacks the scope ${settings.requiredScope}`);
  }
  const name = firstString(payload, settings.nameClaims) ?? subject;
  const mapped = new Set(values(payload[settings.roleClaim]).flatMap((v) => settings.roleMap.get(v) ?? []));
  const role = ROLE_PRECEDENCE.find((r) => mapped.has(r));
  if (role === undefined) {
    const assignable = [...settings.roleMap.keys()].join(", ");
    return { kind: "no-role", subject, name, message: `signed in as ${name} but no Tierline role: ask your admin to assign one of ${assignable}` };
  }
  return { kind: "signed-in", identity: { subject, name, role } };
}

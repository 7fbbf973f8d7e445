import fs from "node:fs";
import { z } from "zod";
import { parseWith } from "../../../shared/src/errors";
import { ROLES, roleSchema, type Role } from "../../../shared/src/api/roles";
import type { MicrosoftSignIn } from "../../../shared/src/api/signIn";

/*
 * Sign-in with an OpenID provider (Microsoft Entra ID for Office add-ins): the environment variables,
 * and the settings the verifier (./oidc.ts) runs on. OIDC is off unless OIDC_ISSUER is set.
 */

/** Asymmetric algorithms only: the key then comes from the provider's published key set. An HMAC algorithm would let anyone holding the secret mint tokens, and `none` is no signature at all. */
export const SIGNING_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/** Entra ID app roles `Tierline.<Role>`, one per Tierline role. */
export const DEFAULT_ROLE_MAP: ReadonlyMap<string, Role> = new Map(ROLES.map((role) => [`Tierline.${role[0].toUpperCase()}${role.slice(1)}`, role]));

const list = (s: string) =>
  s
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

/** A comma-separated list whose every item passes `valid`; the issue names the offending item (the raw text is what parseWith shows). */
const listOf = <T extends string>(fallback: string, valid: (item: string) => item is T, expected: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx): T[] => {
      const items = list(text);
      const bad = items.find((item) => !valid(item));
      if (items.length === 0 || bad !== undefined) {
        ctx.addIssue({ code: "custom", message: `${bad === undefined ? "an empty list" : `"${bad}" is not allowed`}: ${expected}` });
        return z.NEVER;
      }
      return items as T[];
    });

const isClaimName = (item: string): item is string => !/\s/.test(item);
const isSigningAlgorithm = (item: string): item is SigningAlgorithm => (SIGNING_ALGORITHMS as readonly string[]).includes(item);

/** Loopback is the only place a plain-http provider is acceptable: the tests' local provider. Anywhere else the keys would travel unprotected. */
function isSecureOrLoopback(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const u = new URL(url);
  return u.protocol === "https:" || (u.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname));
}

const roleMapText = z
  .string()
  .trim()
  .min(1)
  .transform((text, ctx): Array<[string, unknown]> => {
    if (/^[[{]/.test(text)) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) return Object.entries(parsed);
      } catch {
        // reported below with the expected forms
      }
      ctx.addIssue({ code: "custom", message: 'not a JSON object of claim value → role, e.g. {"Tierline.Planner":"planner"}' });
      return z.NEVER;
    }
    return list(text).map((pair) => {
      const at = pair.lastIndexOf("=");
      return at > 0 ? [pair.slice(0, at).trim(), pair.slice(at + 1).trim()] : [pair, undefined];
    });
  })
  .transform((pairs, ctx): ReadonlyMap<string, Role> => {
    const map = new Map<string, Role>();
    for (const [value, role] of pairs) {
      const parsed = roleSchema.safeParse(role);
      if (!value || !parsed.success) {
        ctx.addIssue({ code: "custom", message: `"${value}" must map to one of ${ROLES.join(", ")} (value=role, comma-separated, or a JSON object)` });
        return z.NEVER;
      }
      map.set(value, parsed.data);
    }
    return map;
  });

/** The OIDC variables, shaped to be spread into the service's config object (loadConfig reads the keys of its shape). */
export const oidcConfigShape = {
  /** the provider's issuer exactly as its tokens' `iss` carries it, e.g. https://login.microsoftonline.com/<tenant id>/v2.0; unset: OIDC sign-in is off */
  OIDC_ISSUER: z.string().trim().url().refine(isSecureOrLoopback, "must be https (plain http only on loopback)").optional(),
  /** the audiences the service accepts (`aud`), comma-separated: its API app's client id (v2 tokens) and/or app ID URI (v1 tokens) */
  OIDC_AUDIENCE: z.string().transform(list).optional(),
  /** the claim listing the user's roles or groups */
  OIDC_ROLE_CLAIM: z.string().trim().min(1).default("roles"),
  /** claim value → Tierline role: `Tierline.Planner=planner,<group id>=approver` or a JSON object; default: the app roles Tierline.Viewer … Tierline.Admin */
  OIDC_ROLE_MAP: roleMapText.optional(),
  /** the claims naming the user, first present wins: Entra's `oid` is stable across the user's apps and never reassigned */
  OIDC_SUBJECT_CLAIM: listOf("oid,sub", isClaimName, "claim names, comma-separated"),
  /** the claims giving the user's display name, first present wins (the subject when none is) */
  OIDC_NAME_CLAIM: listOf("name,preferred_username", isClaimName, "claim names, comma-separated"),
  /** a scope the token must carry (`scp`, or `scope`), e.g. access_as_user: refuses app-only tokens, which carry roles but no user */
  OIDC_REQUIRED_SCOPE: z.string().trim().min(1).optional(),
  /** the add-in's app registration (single-page application) in the provider: set, the panes offer "Sign in with Microsoft" */
  OIDC_ADDIN_CLIENT_ID: z.string().trim().min(1).optional(),
  /** the scopes the add-in asks for, comma-separated, e.g. api://<service app id>/access_as_user */
  OIDC_ADDIN_SCOPES: z.string().transform(list).optional(),
  /** where the add-in signs in; default: the issuer without Entra's /v2.0 suffix (https://login.microsoftonline.com/<tenant id>) */
  OIDC_AUTHORITY: z.string().trim().url().refine(isSecureOrLoopback, "must be https (plain http only on loopback)").optional(),
  /** a PEM file of certificate authorities to trust for the provider's discovery document and keys (a provider behind a private CA); default: the system's */
  OIDC_CA_FILE: z.string().trim().min(1).optional(),
  /** seconds of clock skew allowed on exp / nbf */
  OIDC_CLOCK_TOLERANCE_S: z.coerce.number<unknown>().int().min(0).max(600).default(60),
  /** the signing algorithms accepted, comma-separated; never none or HS* */
  OIDC_ALGORITHMS: listOf("RS256,ES256", isSigningAlgorithm, `use ${SIGNING_ALGORITHMS.join(", ")} (none and HS* are refused: only the provider's published public keys may sign)`),
  /** after fetching the provider's keys, a token naming an unknown key refetches them no sooner than this, ms: random key ids cannot make the service hammer the provider */
  OIDC_JWKS_COOLDOWN_MS: z.coerce.number<unknown>().int().min(0).default(30_000),
  /** time budget of fetching the discovery document or the key set, ms */
  OIDC_HTTP_TIMEOUT_MS: z.coerce.number<unknown>().int().min(100).default(5_000),
};

/** An issuer without an audience would accept any token the provider issues for any application. */
export function checkOidcConfig(config: { OIDC_ISSUER?: string; OIDC_AUDIENCE?: string[]; OIDC_ADDIN_CLIENT_ID?: string; OIDC_ADDIN_SCOPES?: string[] }, ctx: z.RefinementCtx): void {
  if (config.OIDC_ISSUER !== undefined && !config.OIDC_AUDIENCE?.length) {
    ctx.addIssue({ code: "custom", path: ["OIDC_AUDIENCE"], message: "OIDC_ISSUER needs OIDC_AUDIENCE: the service's API app id URI or client id" });
  }
  if (config.OIDC_ADDIN_CLIENT_ID !== undefined && config.OIDC_ISSUER === undefined) {
    ctx.addIssue({ code: "custom", path: ["OIDC_ADDIN_CLIENT_ID"], message: "the add-in can only sign in where the service trusts the provider: set OIDC_ISSUER and OIDC_AUDIENCE too" });
  }
  if (config.OIDC_ADDIN_CLIENT_ID !== undefined && !config.OIDC_ADDIN_SCOPES?.length) {
    ctx.addIssue({ code: "custom", path: ["OIDC_ADDIN_SCOPES"], message: "OIDC_ADDIN_CLIENT_ID needs OIDC_ADDIN_SCOPES: the service API's scope the add-in asks for, e.g. api://<service app id>/access_as_user" });
  }
}

/** Microsoft's sign-in hosts (public and national clouds): MSAL's own protocol there, standard OpenID Connect elsewhere. */
const MICROSOFT_LOGIN_HOSTS = new Set(["login.microsoftonline.com", "login.microsoftonline.us", "login.partner.microsoftonline.cn"]);

/** What the panes need to sign a person in with MSAL; undefined when no add-in app is registered. */
export function addinSignIn(config: Pick<OidcConfig, "OIDC_ISSUER" | "OIDC_ADDIN_CLIENT_ID" | "OIDC_ADDIN_SCOPES" | "OIDC_AUTHORITY">): MicrosoftSignIn | undefined {
  if (config.OIDC_ISSUER === undefined || config.OIDC_ADDIN_CLIENT_ID === undefined) return undefined;
  const authority = (config.OIDC_AUTHORITY ?? config.OIDC_ISSUER.replace(/\/v2\.0\/?$/, "")).replace(/\/+$/, "");
  return {
    clientId: config.OIDC_ADDIN_CLIENT_ID,
    authority,
    scopes: config.OIDC_ADDIN_SCOPES ?? [],
    protocol: MICROSOFT_LOGIN_HOSTS.has(new URL(authority).hostname) ? "AAD" : "OIDC",
  };
}

export const oidcConfigSchema = z.object(oidcConfigShape).superRefine(checkOidcConfig);
export type OidcConfig = z.infer<typeof oidcConfigSchema>;

/** What the verifier runs on. */
export interface OidcSettings {
  issuer: string;
  audience: readonly string[];
  roleClaim: string;
  /** a Map, not an object: a claim value such as `__proto__` or `constructor` must not find a role */
  roleMap: ReadonlyMap<string, Role>;
  subjectClaims: readonly string[];
  nameClaims: readonly string[];
  requiredScope?: string;
  clockToleranceS: number;
  algorithms: readonly SigningAlgorithm[];
  jwksCooldownMs: number;
  httpTimeoutMs: number;
  /** PEM certificates trusted for the provider's TLS, instead of the system's */
  caCertificates?: string;
}

function readCaFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`OIDC_CA_FILE: cannot read ${file} (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** The settings of a parsed config; undefined when OIDC is off. */
export function oidcSettings(config: OidcConfig): OidcSettings | undefined {
  if (config.OIDC_ISSUER === undefined) return undefined;
  return {
    issuer: config.OIDC_ISSUER,
    audience: config.OIDC_AUDIENCE ?? [],
    roleClaim: config.OIDC_ROLE_CLAIM,
    roleMap: config.OIDC_ROLE_MAP ?? DEFAULT_ROLE_MAP,
    subjectClaims: config.OIDC_SUBJECT_CLAIM,
    nameClaims: config.OIDC_NAME_CLAIM,
    requiredScope: config.OIDC_REQUIRED_SCOPE,
    clockToleranceS: config.OIDC_CLOCK_TOLERANCE_S,
    algorithms: config.OIDC_ALGORITHMS,
    jwksCooldownMs: config.OIDC_JWKS_COOLDOWN_MS,
    httpTimeoutMs: config.OIDC_HTTP_TIMEOUT_MS,
    caCertificates: config.OIDC_CA_FILE === undefined ? undefined : readCaFile(config.OIDC_CA_FILE),
  };
}

/** Reads the OIDC variables (an empty one counts as unset, as in loadConfig); undefined when OIDC is off. */
export function loadOidcSettings(env: Record<string, string | undefined> = process.env): OidcSettings | undefined {
  const known = Object.fromEntries(
    Object.keys(oidcConfigShape)
      .filter((k) => env[k] !== undefined && env[k] !== "")
      .map((k) => [k, env[k]]),
  );
  return oidcSettings(parseWith(oidcConfigSchema, known, "env"));
}

/**
 * Starts test/helpers/oidcProvider.mjs (a real oidc-provider) as a child process and obtains access
 * tokens from it over HTTP, the way a client would: no tenant, no browser, tokens signed by the
 * provider's own keys and verifiable only through its discovery document and jwks_uri.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { exportJWK, generateKeyPair, type JWK } from "jose";

/** A test client standing in for a signed-in user: `claims` go into every token it obtains; `ttl` in seconds. */
export interface TestUser {
  claims: Record<string, unknown>;
  ttl?: number;
}

export interface LocalOidcProviderOptions {
  /** 0 or absent: a free port; a port: listen there (a restart keeps the issuer) */
  port?: number;
  audience: string;
  /** private JWKs with kid and alg; the first signs, all are published */
  keys: JWK[];
  users: Record<string, TestUser>;
  /** people who sign in through the browser (authorization code + PKCE): the add-in's public client */
  spa?: { clientId: string; redirectUris: string[]; accounts: Record<string, Record<string, unknown>> };
  /** serve https with these PEM files' contents (MSAL only accepts an https authority) */
  tls?: { key: string; cert: string };
}

export interface LocalOidcProvider {
  issuer: string;
  port: number;
  /** an access token for the audience, obtained with the client_credentials grant */
  token(user: string, request?: { scope?: string }): Promise<string>;
  stop(): Promise<void>;
}

const SCRIPT = path.join(__dirname, "oidcProvider.mjs");

/** A private signing JWK, as the provider's keystore takes it. */
export async function signingKey(kid: string, alg: "RS256" | "ES256" = "RS256"): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg, use: "sig" };
}

export function startLocalOidcProvider(options: LocalOidcProviderOptions): Promise<LocalOidcProvider> {
  const clients = Object.fromEntries(Object.entries(options.users).map(([id, u]) => [id, { secret: `secret-of-${id}`, claims: u.claims, ttl: u.ttl }]));
  const child = spawn(process.execPath, [SCRIPT], {
    env: { ...process.env, OIDC_TEST_PROVIDER: JSON.stringify({ port: options.port ?? 0, audience: options.audience, keys: options.keys, clients, spa: options.spa, tls: options.tls }) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the OpenID provider did not start within 20 s: ${output.slice(-2000)}`));
    }, 20_000);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the OpenID provider exited (${code ?? signal}) before it was ready: ${output.slice(-2000)}`));
    });
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /ready (\S+)/.exec(output);
      if (!ready) return;
      clearTimeout(timer);
      const issuer = ready[1];
      resolve({
        issuer,
        port: Number(new URL(issuer).port),
        async token(user, request = {}) {
          const body = new URLSearchParams({ grant_type: "client_credentials", client_id: user, client_secret: `secret-of-${user}`, resource: options.audience });
          if (request.scope) body.set("scope", request.scope);
          const res = await fetch(`${issuer}/token`, { method: "POST", body });
          const answer = (await res.json()) as { access_token?: string };
          if (!res.ok || !answer.access_token) throw new Error(`token request for ${user} failed: ${res.status} ${JSON.stringify(answer)}`);
          return answer.access_token;
        },
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    });
  });
}

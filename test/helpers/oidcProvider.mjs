/**
 * A real OpenID provider (oidc-provider, ESM-only, hence a child process rather than an import into jest)
 * for the sign-in tests. It issues JWT access tokens for one resource (the service's audience) with the
 * client_credentials grant: each test client stands in for a signed-in user, and its `claims` (oid, name,
 * roles…) are added to every token it obtains, the way Entra ID adds a user's object id and app roles.
 * Tokens are signed with the first of `keys`, and all of them are published at the jwks_uri.
 *
 * With `spa`, it also signs people in the way Entra ID signs in an add-in: a public client (no secret,
 * PKCE) using the authorization code flow, its login page being oidc-provider's own development form
 * (any password; the login names an account of `spa.accounts`, whose claims go into the access token),
 * consent granted in advance as an administrator would. With `tls` it serves https (MSAL only talks
 * to an https authority) on https://localhost.
 *
 * Configuration is JSON in the environment variable OIDC_TEST_PROVIDER:
 *   { port, audience, keys: [private JWK with kid and alg], clients: { [client_id]: { secret, claims, ttl } },
 *     spa?: { clientId, redirectUris: [...], accounts: { [login]: claims } }, tls?: { key, cert } (PEM) }
 * Prints `ready <issuer>` once it listens.
 */
import { createServer } from "node:http";
import { createServer as createTlsServer } from "node:https";
import Provider from "oidc-provider";

const { port = 0, audience, keys, clients, spa, tls } = JSON.parse(process.env.OIDC_TEST_PROVIDER ?? "{}");
if (!audience || !Array.isArray(keys) || keys.length === 0 || !clients) {
  console.error("OIDC_TEST_PROVIDER needs audience, keys and clients");
  process.exit(2);
}

const SCOPE = "access_as_user";

function configuration() {
  return {
    jwks: { keys },
    clients: [
      ...Object.entries(clients).map(([clientId, c]) => ({
        client_id: clientId,
        client_secret: c.secret,
        grant_types: ["client_credentials"],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: "client_secret_post",
      })),
      ...(spa ? [{ client_id: spa.clientId, grant_types: ["authorization_code", "refresh_token"], response_types: ["code"], redirect_uris: spa.redirectUris, token_endpoint_auth_method: "none" }] : []),
    ],
    findAccount: (_ctx, id) => (spa?.accounts[id] ? { accountId: id, claims: () => ({ sub: id, ...spa.accounts[id] }) } : undefined),
    claims: { openid: ["sub"], profile: ["name", "preferred_username"] },
    // An administrator's consent, given in advance: the sign-in asks only who you are.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      if (!spa || ctx.oidc.client.clientId !== spa.clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: spa.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid profile offline_access");
      grant.addResourceScope(audience, SCOPE);
      await grant.save();
      return grant;
    },
    features: {
      devInteractions: { enabled: Boolean(spa) },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource, client) => {
          if (resource !== audience) throw new Provider.errors.InvalidTarget();
          // A person's token lives an hour, as Entra's do: MSAL renews any token within 5 minutes of expiry, so a shorter one would never be served from its cache.
          return { scope: SCOPE, audience, accessTokenFormat: "jwt", accessTokenTTL: client.clientId === spa?.clientId ? 3600 : (clients[client.clientId]?.ttl ?? 300) };
        },
      },
    },
    // A person's token carries their account's claims; a test client's, the claims it stands in with.
    extraTokenClaims: (_ctx, token) => (token.accountId ? spa?.accounts[token.accountId] : clients[token.clientId]?.claims),
  };
}

// The issuer's port is only known once listening, and the issuer is fixed at construction: reserve the port first.
const server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }) : createServer();
await new Promise((resolve, reject) => {
  server.once("error", reject);
  server.listen(port, "127.0.0.1", resolve);
});
// The development certificate names localhost, not 127.0.0.1.
const issuer = `${tls ? "https://localhost" : "http://127.0.0.1"}:${server.address().port}`;
const provider = new Provider(issuer, configuration());
server.on("request", provider.callback());
console.log(`ready ${issuer}`);

// Exit at once: a restart on the same port (key rotation) must not wait for clients' idle keep-alive connections.
process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));

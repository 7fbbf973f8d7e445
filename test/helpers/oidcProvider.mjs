/**
 * A real OpenID provider (oidc-provider, ESM-only, hence a child process rather than an import into jest)
 * for the sign-in tests. It issues JWT access tokens for one resource (the service's audience) with the
 * client_credentials grant: each test client stands in for a signed-in user, and its `claims` (oid, name,
 * roles…) are added to every token it obtains, the way Entra ID adds a user's object id and app roles.
 * Tokens are signed with the first of `keys`, and all of them are published at the jwks_uri.
 *
 * Configuration is JSON in the environment variable OIDC_TEST_PROVIDER:
 *   { port, audience, keys: [private JWK with kid and alg], clients: { [client_id]: { secret, claims, ttl } } }
 * Prints `ready <issuer>` once it listens.
 */
import { createServer } from "node:http";
import Provider from "oidc-provider";

const { port = 0, audience, keys, clients } = JSON.parse(process.env.OIDC_TEST_PROVIDER ?? "{}");
if (!audience || !Array.isArray(keys) || keys.length === 0 || !clients) {
  console.error("OIDC_TEST_PROVIDER needs audience, keys and clients");
  process.exit(2);
}

const SCOPE = "access_as_user";

function configuration() {
  return {
    jwks: { keys },
    clients: Object.entries(clients).map(([clientId, c]) => ({
      client_id: clientId,
      client_secret: c.secret,
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: "client_secret_post",
    })),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource, client) => {
          if (resource !== audience) throw new Provider.errors.InvalidTarget();
          return { scope: SCOPE, audience, accessTokenFormat: "jwt", accessTokenTTL: clients[client.clientId]?.ttl ?? 300 };
        },
      },
    },
    extraTokenClaims: (_ctx, token) => clients[token.clientId]?.claims,
  };
}

// The issuer's port is only known once listening, and the issuer is fixed at construction: reserve the port first.
const server = createServer();
await new Promise((resolve, reject) => {
  server.once("error", reject);
  server.listen(port, "127.0.0.1", resolve);
});
const issuer = `http://127.0.0.1:${server.address().port}`;
const provider = new Provider(issuer, configuration());
server.on("request", provider.callback());
console.log(`ready ${issuer}`);

// Exit at once: a restart on the same port (key rotation) must not wait for clients' idle keep-alive connections.
process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));

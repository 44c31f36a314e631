// The Okta half for the verify tests: the real `oidc-provider` (an OpenID Certified provider, not a
// mock), one Provider per authorization server, mounted on one https server on 127.0.0.1 at
// Okta-shaped paths: issuer https://127.0.0.1:<port>/oauth2/<server id>, endpoints /v1/authorize,
// /v1/token, /v1/keys, ... Each has one client: this program's web app (its redirect URI, the code
// and refresh-token grants) and a scope per custom scope.
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import type { TestCa } from "./tls";

export interface AuthServer {
  /** The path id, e.g. "ausdev". */
  id: string;
  clientId: string;
  redirectUris: string[];
  /** Custom scopes (openid, profile, email and offline_access are always there). */
  customScopes: string[];
}

export interface OktaServer {
  origin: string;
  issuer(id: string): string;
  /** Mounts one more authorization server (its client's redirect URI may be known only now). */
  add(s: AuthServer): void;
  /** Every request's headers, for the no-credentials assertion. */
  requests: Array<{ url: string; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

const ROUTES = {
  authorization: "/v1/authorize",
  token: "/v1/token",
  jwks: "/v1/keys",
  userinfo: "/v1/userinfo",
  end_session: "/v1/logout",
  introspection: "/v1/introspect",
  revocation: "/v1/revoke",
};

export async function startOktaServer(ca: TestCa): Promise<OktaServer> {
  // oidc-provider is ESM-only; Node >= 20.19 loads it with require().
  // It ships no types; the two members used here:
  const { default: Provider } = require("oidc-provider") as {
    default: new (
      issuer: string,
      config: Record<string, unknown>,
    ) => { callback(): (req: unknown, res: unknown) => void };
  };
  const requests: OktaServer["requests"] = [];
  const mounted = new Map<string, (req: unknown, res: unknown) => void>();
  const server = https.createServer({ cert: ca.cert, key: ca.key }, (req, res) => {
    requests.push({ url: req.url ?? "", headers: { ...req.headers } });
    const m = (req.url ?? "").match(/^\/oauth2\/([^/?]+)/);
    const handler = m ? mounted.get(m[1]) : undefined;
    if (!m || !handler) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"errorCode":"E0000022"}');
      return;
    }
    // Mounted under a prefix: oidc-provider reads the prefix from originalUrl.
    Object.assign(req, { originalUrl: req.url });
    req.url = req.url!.slice(m[0].length) || "/";
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const add = (s: AuthServer) => {
    const provider = new Provider(`${origin}/oauth2/${s.id}`, {
      clients: [
        {
          client_id: s.clientId,
          // Never read by the checker: the tests assert it never leaves this process.
          client_secret: "SECRET-verify-client-secret-3b9f2c1d7e6a5b4c",
          redirect_uris: s.redirectUris,
          grant_types: ["authorization_code", "refresh_token"],
          response_types: ["code"],
        },
      ],
      scopes: ["openid", "offline_access", "profile", "email", ...s.customScopes],
      claims: {
        email: ["email", "email_verified"],
        profile: ["name"],
        ...Object.fromEntries(s.customScopes.map((c) => [c, ["groups"]])),
      },
      routes: ROUTES,
      cookies: { keys: ["verify-test-cookie-key"] },
      ttl: { Interaction: 60 },
    });
    mounted.set(s.id, provider.callback());
  };
  return {
    origin,
    add,
    issuer: (id) => `${origin}/oauth2/${id}`,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

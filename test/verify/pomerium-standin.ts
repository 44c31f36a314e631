// A STAND-IN for Pomerium v0.33 on loopback, not Pomerium: it answers what Pomerium's source says
// an unauthenticated visitor gets (read from pomerium/pomerium at v0.33.1):
//  - on every host, /.well-known/pomerium (internal/handlers/well_known_pomerium.go: issuer, the
//    authenticate host's /oauth2/callback, jwks_uri, frontchannel_logout_uri) and /healthz, /ping
//    (internal/handlers/health_check.go: 200 text/plain "OK\n");
//  - on a route host, a request that accepts text/html most gets 302 to
//    <authenticate>/.pomerium/sign_in?pomerium_redirect_uri=…&pomerium_idp_id=…, HMAC-signed
//    (authorize/check_response.go requireLoginResponse, internal/authenticateflow/stateful.go,
//    internal/urlutil/signed.go); JSON requests get 401 {"error":"Unauthenticated"};
//  - on the authenticate host, /.pomerium/sign_in without a session gets 302 to the issuer's
//    authorization_endpoint, read from the issuer's discovery document as go-oidc reads it, with
//    client_id, redirect_uri, response_type=code, scope (idp_scopes), state and, when the document
//    advertises S256, PKCE (authenticate/handlers.go reauthenticateOrFail, authenticate/pkce.go,
//    pkg/identity/oidc/oidc.go SignIn).
import { createHash, createHmac, randomBytes } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import type { TestCa } from "./tls";

export interface StandInConfig {
  /** idp_provider_url. */
  issuer: string;
  /** idp_client_id. */
  clientId: string;
  /** idp_scopes. */
  scopes: string[];
  /** How many route hosts. */
  routes: number;
  /** A route with allow_public_unauthenticated_access: it proxies without sign-in. */
  publicRoutes?: boolean;
}

export interface StandIn {
  authenticateUrl: string;
  redirectUri: string;
  routeUrls: string[];
  requests: Array<{ url: string; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

const SHARED_KEY = randomBytes(32);

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, {
    "content-type": "application/json",
    "x-content-type-options": "nosniff",
  });
  res.end(`${JSON.stringify(body)}\n`);
}

/** Pomerium's signed URL: pomerium_issued/expiry, then an HMAC of the URL (internal/urlutil). */
function signed(url: URL): string {
  const issued = Math.floor(Date.now() / 1000);
  url.searchParams.set("pomerium_issued", String(issued));
  url.searchParams.set("pomerium_expiry", String(issued + 300));
  url.searchParams.sort();
  const mac = createHmac("sha256", SHARED_KEY).update(`${url.href}${issued}${issued + 300}`);
  url.searchParams.set("pomerium_signature", mac.digest("base64url"));
  return url.href;
}

async function discovery(issuer: string, ca: string): Promise<Record<string, any>> {
  const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve(JSON.parse(body)));
      })
      .on("error", reject);
  });
}

async function listen(ca: TestCa, handler: RequestListener) {
  const server = https.createServer({ cert: ca.cert, key: ca.key }, handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function startStandIn(ca: TestCa, cfg: StandInConfig): Promise<StandIn> {
  // Read on first use, as Pomerium's oidc provider does (GetProvider).
  let doc: Record<string, any> | undefined;
  const requests: StandIn["requests"] = [];
  let authenticateUrl = "";
  const common = (origin: string, req: IncomingMessage, res: ServerResponse) => {
    requests.push({ url: `${origin}${req.url}`, headers: { ...req.headers } });
    const path = new URL(req.url ?? "/", origin).pathname;
    if (path === "/.well-known/pomerium") {
      json(res, 200, {
        issuer: `${origin}/`,
        authentication_callback_endpoint: `${authenticateUrl}/oauth2/callback`,
        jwks_uri: `${origin}/.well-known/pomerium/jwks.json`,
        frontchannel_logout_uri: `${origin}/.pomerium/sign_out`,
      });
      return true;
    }
    if (path === "/healthz" || path === "/ping") {
      res.writeHead(200, { "content-type": "text/plain" }).end("OK\n");
      return true;
    }
    return false;
  };
  const auth = await listen(ca, (req, res) => void signIn(req, res));
  async function signIn(req: IncomingMessage, res: ServerResponse) {
    if (common(auth.origin, req, res)) return;
    doc ??= await discovery(cfg.issuer, ca.caPem);
    const url = new URL(req.url ?? "/", auth.origin);
    if (url.pathname !== "/.pomerium/sign_in") {
      res.writeHead(302, { location: "/.pomerium/" }).end();
      return;
    }
    const q = new URLSearchParams({
      client_id: cfg.clientId,
      redirect_uri: `${authenticateUrl}/oauth2/callback`,
      response_type: "code",
      scope: cfg.scopes.join(" "),
      state: randomBytes(48).toString("base64url"),
    });
    if ((doc.code_challenge_methods_supported ?? []).includes("S256")) {
      const verifier = randomBytes(32).toString("base64url");
      q.set("code_challenge", createHash("sha256").update(verifier).digest("base64url"));
      q.set("code_challenge_method", "S256");
    }
    res.writeHead(302, { location: `${doc.authorization_endpoint}?${q.toString()}` }).end();
  }
  authenticateUrl = auth.origin;
  const routes = await Promise.all(
    Array.from({ length: cfg.routes }, async () => {
      const route = await listen(ca, (req, res) => {
        if (common(route.origin, req, res)) return;
        if (cfg.publicRoutes) {
          res.writeHead(200, { "content-type": "text/html" }).end("<h1>upstream</h1>");
          return;
        }
        if (!/text\/html/.test(String(req.headers.accept ?? ""))) {
          json(res, 401, { error: "Unauthenticated", request_id: randomBytes(8).toString("hex") });
          return;
        }
        const signIn = new URL("/.pomerium/sign_in", authenticateUrl);
        signIn.searchParams.set("pomerium_redirect_uri", `${route.origin}${req.url}`);
        signIn.searchParams.set("pomerium_idp_id", "okta");
        res.writeHead(302, { location: signed(signIn), "content-type": "text/html" }).end();
      });
      return route;
    }),
  );
  const servers = [auth.server, ...routes.map((r) => r.server)];
  return {
    authenticateUrl,
    redirectUri: `${authenticateUrl}/oauth2/callback`,
    routeUrls: routes.map((r) => r.origin),
    requests,
    close: async () => {
      await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
}

/**
 * The Pomerium half: `/.well-known/pomerium` and `/healthz` on the authenticate host, and for each
 * route an unauthenticated browser-like request followed through Pomerium's redirects (never into
 * the issuer's sign-in form) to the issuer's authorize endpoint. What Pomerium answers is read
 * from its source (v0.33: internal/handlers/well_known_pomerium.go, authorize/check_response.go,
 * internal/authenticateflow/stateful.go, pkg/identity/oidc/oidc.go).
 */
import { Answer, Client } from "./http";
import { Discovery, sendsPkce } from "./okta-checks";
import { CheckResult, fail, guarded, jsonObject, pageText, pass, shown } from "./result";
import { Target } from "./outputs";

/** Pomerium redirects a request to sign-in only when text/html is what it accepts most. */
export const BROWSER = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "user-agent": "Mozilla/5.0 (compatible; okta-pomerium-verify)",
};
const MAX_HOPS = 5;

export function judgeWellKnown(t: Target, a: Answer): CheckResult {
  const check = "pomerium endpoints";
  const expected = `${t.authenticateUrl}/.well-known/pomerium: authentication_callback_endpoint ${t.redirectUri}`;
  const doc = a.status === 200 ? jsonObject(a) : undefined;
  if (!doc) {
    const seen = a.status === 200 ? `not JSON: ${pageText(a.body, 80)}` : `HTTP ${a.status}`;
    return fail(
      check,
      expected,
      seen,
      "authenticateUrl must reach Pomerium (check the ingress host and its backend)",
    );
  }
  const cb = doc.authentication_callback_endpoint;
  if (cb !== t.redirectUri) {
    return fail(
      check,
      expected,
      `authentication_callback_endpoint ${JSON.stringify(cb)}`,
      "Pomerium's authenticate_service_url and the app's redirect URI must both come from authenticateUrl: run pulumi up, and check nothing in front rewrites the host",
    );
  }
  return pass(check, expected, `authentication_callback_endpoint ${cb}`);
}

export async function checkPomerium(c: Client, t: Target): Promise<CheckResult[]> {
  const wk = `${t.authenticateUrl}/.well-known/pomerium`;
  const what = `the authenticate host ${new URL(t.authenticateUrl).host}`;
  const wellKnown = guarded("pomerium endpoints", wk, what, async () =>
    judgeWellKnown(t, await c.get(wk, { headers: { accept: "application/json" } })),
  );
  const hz = `${t.authenticateUrl}/healthz`;
  const health = guarded("pomerium health", `${hz} answers 200`, what, async () => {
    const a = await c.get(hz);
    if (a.status === 200)
      return pass("pomerium health", `${hz} answers 200`, `HTTP 200 ${a.body.trim()}`);
    return fail(
      "pomerium health",
      `${hz} answers 200`,
      `HTTP ${a.status}`,
      "check the pods are ready (kubectl rollout status) and the ingress routes the authenticate host to them",
    );
  });
  return Promise.all([wellKnown, health]);
}

/** Judges the sign-in redirect that left Pomerium for the authorize endpoint. */
export function judgeSignIn(check: string, t: Target, location: URL, hops: string[]): CheckResult {
  const expected = expectedSignIn(t);
  const q = location.searchParams;
  const wrong: string[] = [];
  if (q.get("client_id") !== t.clientId) wrong.push(`client_id ${q.get("client_id")}`);
  if (q.get("redirect_uri") !== t.redirectUri) wrong.push(`redirect_uri ${q.get("redirect_uri")}`);
  if (q.get("response_type") !== "code") wrong.push(`response_type ${q.get("response_type")}`);
  const sent = (q.get("scope") ?? "").split(" ").filter(Boolean);
  const missing = t.scopes.filter((s) => !sent.includes(s));
  const extra = sent.filter((s) => !t.scopes.includes(s));
  if (missing.length + extra.length > 0) {
    wrong.push(
      `scope "${sent.join(" ")}" (missing: ${missing.join(" ") || "none"}; extra: ${extra.join(" ") || "none"})`,
    );
  }
  if (
    sendsPkce(t.pomeriumVersion) &&
    (q.get("code_challenge_method") !== "S256" || !q.get("code_challenge"))
  ) {
    wrong.push(`code_challenge_method ${q.get("code_challenge_method")}`);
  }
  const chain = hops.join(" -> ");
  if (wrong.length > 0) {
    return fail(
      check,
      expected,
      `${chain}: ${wrong.join(", ")}`,
      "Pomerium's idp_client_id, idp_scopes and authenticate_service_url come from the stack: run pulumi up and let the pods roll",
    );
  }
  return pass(check, expected, chain);
}

const expectedSignIn = (t: Target) =>
  `redirects through Pomerium to the issuer's authorize endpoint with client_id ${t.clientId}, redirect_uri ${t.redirectUri}, scope "${t.scopes.join(" ")}"${sendsPkce(t.pomeriumVersion) ? ", PKCE S256" : ""}`;

/** Follows one route's redirects while they stay on Pomerium's hosts. */
export async function checkRoute(c: Client, t: Target, routeUrl: string, doc: Discovery) {
  const check = `route ${new URL(routeUrl).host}`;
  const expected = expectedSignIn(t);
  const pomeriumHosts = new Set([new URL(routeUrl).origin, new URL(t.authenticateUrl).origin]);
  const authorize = shown(doc.authorization_endpoint);
  return guarded(check, expected, new URL(routeUrl).host, async () => {
    let url = routeUrl;
    const hops: string[] = [];
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const a = await c.get(url, { headers: BROWSER });
      const location = a.headers.location ? new URL(a.headers.location, url) : undefined;
      hops.push(`${a.status} ${shown(url)}`);
      if (!location || a.status < 300 || a.status >= 400) {
        const seen = `${hops.join(" -> ")} (no redirect to sign-in)`;
        const fix =
          hop === 0
            ? "an unauthenticated request must be sent to sign-in: check the route is behind Pomerium (DNS, ingress) and not public (allow_public_unauthenticated_access)"
            : "Pomerium's authenticate service should send the browser to the issuer: check its logs";
        return fail(check, expected, seen, fix);
      }
      if (`${location.origin}${location.pathname}` === authorize) {
        return judgeSignIn(check, t, location, [...hops, shown(location.href)]);
      }
      if (!pomeriumHosts.has(location.origin)) {
        const seen = `${hops.join(" -> ")} -> ${shown(location.href)}: outside Pomerium, not the issuer's authorize endpoint`;
        const fix = location.pathname.endsWith("/authorize")
          ? "Pomerium signs in with another issuer: its idp_provider_url must be the issuer output (run pulumi up)"
          : "the route must reach Pomerium, and Pomerium's authenticate_service_url must be authenticateUrl";
        return fail(check, expected, seen, fix);
      }
      url = location.href;
    }
    return fail(
      check,
      expected,
      `${hops.join(" -> ")}: more than ${MAX_HOPS} redirects`,
      "a redirect loop between Pomerium's hosts: check authenticate_service_url and cookie settings",
    );
  });
}

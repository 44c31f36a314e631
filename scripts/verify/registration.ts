/**
 * The app's registration: an unauthenticated authorize request, as Pomerium would send it, that
 * Okta answers 400 before any sign-in page when the client id or the redirect URI is wrong.
 */
import { idpFixes } from "./idp";
import { createHash, randomBytes } from "node:crypto";
import { Answer, Client } from "./http";
import { Discovery, sendsPkce } from "./okta-checks";
import { Target } from "./outputs";
import { CheckResult, fail, guarded, pageText, pass, shown } from "./result";

/** The authorize request Pomerium would send, with fresh state and PKCE values. */
export function authorizeUrl(t: Target, doc: Discovery): string {
  const q = new URLSearchParams({
    client_id: t.clientId,
    redirect_uri: t.redirectUri,
    response_type: "code",
    scope: t.scopes.join(" "),
    state: randomBytes(16).toString("hex"),
  });
  if (sendsPkce(t.pomeriumVersion)) {
    const verifier = randomBytes(32).toString("base64url");
    q.set("code_challenge", createHash("sha256").update(verifier).digest("base64url"));
    q.set("code_challenge_method", "S256");
  }
  return `${doc.authorization_endpoint}?${q.toString()}`;
}

const REGISTRATION = "app registration";

export function judgeRegistration(t: Target, a: Answer): CheckResult {
  const expected = `the authorize endpoint takes client ${t.clientId} with redirect URI ${t.redirectUri} (no 400)`;
  const location = a.headers.location ? new URL(a.headers.location, a.url) : undefined;
  if (a.status === 400) {
    const text = pageText(a.body);
    if (/invalid_client|client_id/i.test(text)) {
      return fail(
        REGISTRATION,
        expected,
        `400, the client id is refused: ${text}`,
        idpFixes(t.issuer).clientId,
      );
    }
    if (/redirect_uri/i.test(text)) {
      return fail(
        REGISTRATION,
        expected,
        `400, the redirect URI is refused: ${text}`,
        idpFixes(t.issuer).redirectUri(t.redirectUri),
      );
    }
    return fail(REGISTRATION, expected, `400: ${text}`, idpFixes(t.issuer).readError);
  }
  if (
    location &&
    `${location.origin}${location.pathname}` === t.redirectUri &&
    location.searchParams.has("error")
  ) {
    const err = `${location.searchParams.get("error")}: ${location.searchParams.get("error_description") ?? ""}`;
    return fail(
      REGISTRATION,
      expected,
      `sent back to the redirect URI with ${err}`,
      idpFixes(t.issuer).policy,
    );
  }
  if (a.status === 200 || (a.status >= 300 && a.status < 400)) {
    const where = location ? ` to ${shown(location.href)}` : " (a sign-in page)";
    return pass(REGISTRATION, expected, `HTTP ${a.status}${where}`);
  }
  return fail(
    REGISTRATION,
    expected,
    `HTTP ${a.status}: ${pageText(a.body, 120)}`,
    "the issuer's authorize endpoint should answer a sign-in page",
  );
}

export function checkRegistration(c: Client, t: Target, doc: Discovery): Promise<CheckResult> {
  const expected = `the authorize endpoint takes client ${t.clientId} with redirect URI ${t.redirectUri}`;
  return guarded(REGISTRATION, expected, "the issuer's authorize endpoint", async () =>
    judgeRegistration(t, await c.get(authorizeUrl(t, doc), { headers: { accept: "text/html" } })),
  );
}

/**
 * The Okta half: the issuer's discovery document (as Pomerium's go-oidc reads it), its keys, the
 * scopes and PKCE method it advertises (the app's registration: registration.ts).
 */
import { idpFixes } from "./idp";
import { Answer, Client } from "./http";
import { CheckResult, fail, guarded, jsonObject, pageText, pass, skip } from "./result";
import { Target } from "./outputs";

/** From this version Pomerium sends PKCE S256 when the issuer advertises it (authenticate/pkce.go). */
const PKCE_FROM: readonly [number, number, number] = [0, 33, 0];

export function sendsPkce(v: readonly [number, number, number]): boolean {
  for (let i = 0; i < 3; i++) if (v[i] !== PKCE_FROM[i]) return v[i] > PKCE_FROM[i];
  return true;
}

/** The parts of a discovery document the checks use. */
export interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  scopes_supported?: unknown;
  code_challenge_methods_supported?: unknown;
}

/** go-oidc: `strings.TrimSuffix(issuer, "/") + "/.well-known/openid-configuration"`. */
export const discoveryUrl = (issuer: string) =>
  `${issuer.endsWith("/") ? issuer.slice(0, -1) : issuer}/.well-known/openid-configuration`;

// Okta's metadata can lag right after a server is created: a 404 there is worth a retry.
const lagging = (a: Answer) => a.status >= 500 || a.status === 429 || a.status === 404;

const ISSUER = "issuer discovery";

/** Judges a discovery answer; `doc` only when Pomerium would accept it. */
export function judgeDiscovery(t: Target, a: Answer): { result: CheckResult; doc?: Discovery } {
  const expected = `${discoveryUrl(t.issuer)}: issuer "${t.issuer}", authorization_endpoint, token_endpoint, jwks_uri`;
  const fixUrl = "the issuer output must be the authorization server's issuer as Okta reports it";
  if (a.status !== 200) return { result: fail(ISSUER, expected, `HTTP ${a.status}`, fixUrl) };
  const d = jsonObject(a);
  if (!d) {
    const seen = `HTTP 200 but not a JSON object: ${pageText(a.body, 80)}`;
    return {
      result: fail(
        ISSUER,
        expected,
        seen,
        `${fixUrl}; this URL serves no OpenID discovery document`,
      ),
    };
  }
  const missing = ["issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"].filter(
    (k) => typeof d[k] !== "string" || d[k] === "",
  );
  if (missing.length > 0) {
    const seen = `malformed discovery document: no ${missing.join(", ")}`;
    return {
      result: fail(ISSUER, expected, seen, `${fixUrl}; Pomerium cannot sign in with this document`),
    };
  }
  const doc = d as unknown as Discovery;
  if (doc.issuer !== t.issuer) {
    const slash = t.issuer === `${doc.issuer}/`;
    const seen = `the document's issuer is "${doc.issuer}"${slash ? " (the output has a trailing slash)" : ""}`;
    const fix = slash
      ? "drop the trailing slash from the issuer (authorizationServer.orgUrl in org mode): go-oidc, and so Pomerium, compares issuers exactly"
      : `${fixUrl}: Pomerium refuses a document whose issuer differs from idp_provider_url`;
    return { result: fail(ISSUER, expected, seen, fix) };
  }
  const insecure = (["authorization_endpoint", "token_endpoint", "jwks_uri"] as const).filter(
    (k) => !doc[k].startsWith("https://"),
  );
  if (insecure.length > 0) {
    const seen = `not https: ${insecure.map((k) => `${k} ${doc[k]}`).join(", ")}`;
    return {
      result: fail(ISSUER, expected, seen, "an OpenID provider on the internet serves https only"),
    };
  }
  return { result: pass(ISSUER, expected, `issuer "${doc.issuer}", endpoints present`), doc };
}

export async function discover(c: Client, t: Target) {
  const expected = `the discovery document at ${discoveryUrl(t.issuer)}`;
  let doc: Discovery | undefined;
  const result = await guarded(ISSUER, expected, `the issuer's host`, async () => {
    const judged = judgeDiscovery(t, await c.get(discoveryUrl(t.issuer), { transient: lagging }));
    doc = judged.doc;
    return judged.result;
  });
  return { result, doc };
}

export async function checkJwks(c: Client, doc: Discovery): Promise<CheckResult> {
  const check = "issuer keys";
  const expected = `${doc.jwks_uri} serves at least one key`;
  return guarded(check, expected, "the issuer's key endpoint", async () => {
    const a = await c.get(doc.jwks_uri, { transient: lagging });
    const keys = jsonObject(a)?.keys;
    if (a.status === 200 && Array.isArray(keys) && keys.length > 0) {
      return pass(check, expected, `${keys.length} key(s)`);
    }
    const seen = a.status !== 200 ? `HTTP ${a.status}` : "no keys in the key set";
    return fail(check, expected, seen, idpFixes(doc.issuer).inactiveServer);
  });
}

export function judgeScopes(t: Target, doc: Discovery): CheckResult {
  const check = "issuer scopes";
  const expected = `scopes_supported lists ${t.scopes.join(" ")}`;
  if (t.mode === "org") return skip(check, expected, "not checked: the org authorization server");
  const supported = Array.isArray(doc.scopes_supported) ? doc.scopes_supported : [];
  const missing = t.scopes.filter((s) => !supported.includes(s));
  if (missing.length === 0) return pass(check, expected, "all listed");
  return fail(
    check,
    expected,
    `missing: ${missing.join(" ")} (listed: ${supported.join(" ") || "none"})`,
    idpFixes(t.issuer).scopes,
  );
}

export function judgePkce(t: Target, doc: Discovery): CheckResult {
  const check = "issuer PKCE";
  const v = `v${t.pomeriumVersion.join(".")}`;
  const expected = "code_challenge_methods_supported includes S256";
  if (!sendsPkce(t.pomeriumVersion))
    return skip(check, expected, `not checked: Pomerium ${v} sends no PKCE`);
  const methods = Array.isArray(doc.code_challenge_methods_supported)
    ? doc.code_challenge_methods_supported
    : [];
  if (methods.includes("S256")) return pass(check, expected, `S256 (Pomerium ${v} sends it)`);
  return fail(
    check,
    expected,
    `methods: ${methods.join(" ") || "none"}`,
    `Pomerium ${v} sends PKCE only when S256 is advertised, and the app requires PKCE: sign-in would fail`,
  );
}

// The checker's pure parts, without servers: how each answer is judged, how the outputs and the
// arguments are read. The loopback tests run the same code against real servers.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseArgs } from "../../scripts/verify/cli";
import type { Answer } from "../../scripts/verify/http";
import {
  Discovery,
  discoveryUrl,
  judgeDiscovery,
  judgePkce,
  judgeScopes,
  sendsPkce,
} from "../../scripts/verify/okta-checks";
import { authorizeUrl, judgeRegistration } from "../../scripts/verify/registration";
import { readTarget, Target } from "../../scripts/verify/outputs";
import { judgeSignIn, judgeWellKnown } from "../../scripts/verify/pomerium-checks";

const ISSUER = "https://dev-1.okta.com/oauth2/aus1";
const T: Target = {
  issuer: ISSUER,
  clientId: "0oa1",
  redirectUri: "https://authenticate.dev.example.com/oauth2/callback",
  authenticateUrl: "https://authenticate.dev.example.com",
  scopes: ["openid", "profile", "email", "offline_access", "pomerium"],
  routeUrls: ["https://verify.dev.example.com"],
  pomeriumVersion: [0, 33, 1],
  mode: "custom",
};
const DOC: Discovery = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/v1/authorize`,
  token_endpoint: `${ISSUER}/v1/token`,
  jwks_uri: `${ISSUER}/v1/keys`,
  scopes_supported: ["openid", "profile", "email", "offline_access", "pomerium"],
  code_challenge_methods_supported: ["S256"],
};
const answer = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({
  url: `${ISSUER}/v1/authorize`,
  status,
  headers,
  body: typeof body === "string" ? body : JSON.stringify(body),
});

describe("issuer discovery", () => {
  test("the URL is go-oidc's: one trailing slash trimmed", () => {
    assert.equal(discoveryUrl(`${ISSUER}/`), `${ISSUER}/.well-known/openid-configuration`);
    assert.equal(discoveryUrl(ISSUER), `${ISSUER}/.well-known/openid-configuration`);
  });
  test("passes on a document with the exact issuer and the three endpoints", () => {
    const j = judgeDiscovery(T, answer(200, DOC));
    assert.equal(j.result.status, "pass");
    assert.deepEqual(j.doc, DOC);
  });
  const seenFor = (t: Target, a: Answer) => {
    const j = judgeDiscovery(t, a);
    assert.equal(j.result.status, "fail");
    assert.equal(j.doc, undefined);
    return j.result.seen;
  };
  test("fails when the status is not 200, the body is not JSON, or a field is missing", () => {
    assert.equal(seenFor(T, answer(404, "")), "HTTP 404");
    assert.match(
      seenFor(T, answer(200, "<html>sign in</html>")),
      /^HTTP 200 but not a JSON object: sign in/,
    );
    assert.match(seenFor(T, answer(200, [DOC])), /not a JSON object/);
    const { jwks_uri: _j, ...noKeys } = DOC;
    assert.equal(seenFor(T, answer(200, noKeys)), "malformed discovery document: no jwks_uri");
  });
  test("fails when the issuer differs (any difference, not only a slash)", () => {
    assert.equal(
      seenFor(T, answer(200, { ...DOC, issuer: `${ISSUER}x` })),
      `the document's issuer is "${ISSUER}x"`,
    );
    const slash = seenFor({ ...T, issuer: `${ISSUER}/` }, answer(200, DOC));
    assert.match(slash, /trailing slash/);
  });
  test("fails when an endpoint is not https", () => {
    const doc = { ...DOC, token_endpoint: "http://dev-1.okta.com/oauth2/aus1/v1/token" };
    assert.match(seenFor(T, answer(200, doc)), /^not https: token_endpoint http:/);
  });
});

describe("scopes and PKCE", () => {
  test("scopes: every requested scope listed, or the missing ones named; org mode not checked", () => {
    assert.equal(judgeScopes(T, DOC).status, "pass");
    const r = judgeScopes(T, { ...DOC, scopes_supported: ["openid", "profile", "email"] });
    assert.equal(r.status, "fail");
    assert.equal(r.seen, "missing: offline_access pomerium (listed: openid profile email)");
    assert.equal(
      judgeScopes({ ...T, mode: "org" }, { ...DOC, scopes_supported: [] }).status,
      "skip",
    );
  });
  test("PKCE from v0.33.0 exactly: S256 required then, not before", () => {
    assert.equal(sendsPkce([0, 33, 0]), true);
    assert.equal(sendsPkce([0, 32, 9]), false);
    assert.equal(sendsPkce([1, 0, 0]), true);
    const none = { ...DOC, code_challenge_methods_supported: ["plain"] };
    assert.equal(judgePkce(T, none).status, "fail");
    assert.equal(judgePkce(T, none).seen, "methods: plain");
    assert.equal(judgePkce({ ...T, pomeriumVersion: [0, 32, 9] }, none).status, "skip");
  });
  test("the authorize request carries the app, the scopes and PKCE S256 when the version sends it", () => {
    const q = new URL(authorizeUrl(T, DOC)).searchParams;
    assert.equal(q.get("client_id"), "0oa1");
    assert.equal(q.get("redirect_uri"), T.redirectUri);
    assert.equal(q.get("scope"), "openid profile email offline_access pomerium");
    assert.equal(q.get("code_challenge_method"), "S256");
    assert.match(q.get("code_challenge") ?? "", /^[A-Za-z0-9_-]{43}$/);
    const old = new URL(authorizeUrl({ ...T, pomeriumVersion: [0, 30, 0] }, DOC)).searchParams;
    assert.equal(old.has("code_challenge"), false);
  });
});

describe("app registration", () => {
  test("Okta's own 400 texts tell a bad client id from a bad redirect URI", () => {
    const client = judgeRegistration(
      T,
      answer(400, "<p>Invalid value for 'client_id' parameter.</p>"),
    );
    assert.match(client.seen, /^400, the client id is refused/);
    const redirect = judgeRegistration(
      T,
      answer(
        400,
        "<p>The &#39;redirect_uri&#39; parameter must be a Login redirect URI in the client app settings</p>",
      ),
    );
    assert.match(redirect.seen, /^400, the redirect URI is refused: The 'redirect_uri' parameter/);
    assert.equal(judgeRegistration(T, answer(400, "<p>Bad request</p>")).seen, "400: Bad request");
  });
  test("an error sent back to the redirect URI fails with Okta's error; a sign-in page passes", () => {
    const back = `${T.redirectUri}?error=invalid_scope&error_description=nope&state=x`;
    const r = judgeRegistration(T, answer(302, "", { location: back }));
    assert.equal(r.status, "fail");
    assert.equal(r.seen, "sent back to the redirect URI with invalid_scope: nope");
    assert.equal(judgeRegistration(T, answer(200, "<html>")).status, "pass");
    const login = judgeRegistration(
      T,
      answer(302, "", { location: "https://dev-1.okta.com/login/login.htm?fromURI=secret" }),
    );
    assert.equal(login.seen, "HTTP 302 to https://dev-1.okta.com/login/login.htm");
    assert.equal(judgeRegistration(T, answer(500, "oops")).status, "fail");
  });
});

describe("Pomerium", () => {
  test("/.well-known/pomerium: the callback endpoint must be the redirect URI", () => {
    const ok = { issuer: `${T.authenticateUrl}/`, authentication_callback_endpoint: T.redirectUri };
    assert.equal(judgeWellKnown(T, answer(200, ok)).status, "pass");
    const other = {
      ...ok,
      authentication_callback_endpoint: "https://authenticate.pomerium.app/oauth2/callback",
    };
    assert.equal(
      judgeWellKnown(T, answer(200, other)).seen,
      'authentication_callback_endpoint "https://authenticate.pomerium.app/oauth2/callback"',
    );
    assert.equal(judgeWellKnown(T, answer(404, "")).seen, "HTTP 404");
    assert.match(judgeWellKnown(T, answer(200, "<html>")).seen, /^not JSON/);
  });
  const signIn = (params: Record<string, string>) => {
    const u = new URL(DOC.authorization_endpoint);
    const base = {
      client_id: "0oa1",
      redirect_uri: T.redirectUri,
      response_type: "code",
      scope: T.scopes.join(" "),
      code_challenge: "c",
      code_challenge_method: "S256",
    };
    for (const [k, v] of Object.entries({ ...base, ...params })) if (v) u.searchParams.set(k, v);
    return judgeSignIn("route x", T, u, ["302 https://x/"]);
  };
  test("the sign-in redirect: each wrong parameter is named", () => {
    assert.equal(signIn({}).status, "pass");
    assert.match(signIn({ client_id: "0oa2" }).seen, /client_id 0oa2/);
    assert.match(signIn({ redirect_uri: "https://a/cb" }).seen, /redirect_uri https:\/\/a\/cb/);
    assert.match(signIn({ response_type: "token" }).seen, /response_type token/);
    assert.match(
      signIn({ scope: "openid profile email offline_access groups" }).seen,
      /\(missing: pomerium; extra: groups\)/,
    );
    assert.match(
      signIn({ scope: `${T.scopes.join(" ")} groups` }).seen,
      /\(missing: none; extra: groups\)/,
    );
    assert.match(signIn({ code_challenge_method: "" }).seen, /code_challenge_method null/);
    assert.match(signIn({ code_challenge: "" }).seen, /code_challenge_method S256/);
  });
});

describe("outputs and arguments", () => {
  const outputs = {
    issuer: ISSUER,
    clientId: "0oa1",
    clientSecret: "[secret]",
    scopes: T.scopes,
    authenticateUrl: T.authenticateUrl,
    redirectUri: T.redirectUri,
    routeUrls: ["https://verify.dev.example.com", "https://grafana.dev.example.com"],
    pomeriumVersion: "v0.33.1",
    authorizationServerMode: "custom",
  };
  test("reads the outputs into the target", () => {
    const { target, problems } = readTarget(outputs);
    assert.deepEqual(problems, []);
    assert.deepEqual(target, { ...T, routeUrls: outputs.routeUrls });
  });
  test("names every bad output, and --route keeps only known hosts", () => {
    const { problems } = readTarget({
      ...outputs,
      clientId: "[secret]",
      routeUrls: ["http://a.example.com"],
      pomeriumVersion: undefined,
      authorizationServerMode: "x",
    });
    assert.deepEqual(
      problems.map((p) => `${p.output}: ${p.seen}`),
      [
        'routeUrls[0]: "http://a.example.com"',
        'clientId: "[secret]"',
        "pomeriumVersion: missing",
        'authorizationServerMode: "x"',
      ],
    );
    const picked = readTarget(outputs, ["grafana.dev.example.com"]);
    assert.deepEqual(picked.target.routeUrls, ["https://grafana.dev.example.com"]);
    const unknown = readTarget(outputs, ["nope.example.com"]).problems[0];
    assert.equal(
      unknown.fix,
      "name a route host of this stack: verify.dev.example.com, grafana.dev.example.com",
    );
  });
  test("arguments: defaults, every option, and errors that name the option and the fix", () => {
    assert.deepEqual(parseArgs(["dev"]), {
      stack: "dev",
      json: false,
      timeoutSeconds: 60,
      routes: [],
    });
    assert.deepEqual(
      parseArgs([
        "dev",
        "--outputs",
        "o.json",
        "--json",
        "--timeout",
        "5",
        "--route",
        "a",
        "--route",
        "b",
      ]),
      { stack: "dev", outputs: "o.json", json: true, timeoutSeconds: 5, routes: ["a", "b"] },
    );
    assert.throws(
      () => parseArgs(["dev", "--timeout", "soon"]),
      /^Error: --timeout soon: give the seconds the whole run may take, from 0.1 to 3600/,
    );
    assert.throws(() => parseArgs(["dev", "--timeout", "0"]), /--timeout 0:/);
    assert.throws(() => parseArgs(["dev", "--timeout", "3601"]), /--timeout 3601:/);
    assert.doesNotThrow(() => parseArgs(["dev", "--timeout", "3600"]));
    assert.throws(() => parseArgs(["dev", "--outputs"]), /--outputs needs a value/);
    assert.throws(() => parseArgs(["dev", "--verbose"]), /unknown option --verbose/);
    assert.throws(() => parseArgs([]), /no stack given/);
    assert.throws(() => parseArgs(["dev", "prod"]), /one stack at a time/);
  });
});

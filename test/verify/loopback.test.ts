// verify against real servers on 127.0.0.1, over https with a throwaway CA: the real oidc-provider
// at Okta-shaped paths for the Okta half, and a STAND-IN for Pomerium v0.33 (pomerium-standin.ts,
// which answers what Pomerium's source says; it is not Pomerium) for the other half. The checker
// runs as CI runs it: a child process, outputs from a file, the CA through NODE_EXTRA_CA_CERTS.
// Every case runs at once (the slow ones wait out a short --timeout), then each test reads its run.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  closedPort,
  httpServer,
  laggingIssuer,
  runVerify,
  Run,
  slowServer,
  staticServer,
} from "./harness";
import { startOktaServer } from "./okta-server";
import { startStandIn, StandIn, StandInConfig } from "./pomerium-standin";
import { makeTestCa } from "./tls";

const SCOPES = ["openid", "profile", "email", "offline_access", "pomerium"];
const SECRET = "SECRET-verify-client-secret-3b9f2c1d7e6a5b4c";
const FAST = 1; // --timeout of the cases that wait for an answer that never comes

/** The dev stack's outputs, shaped as `pulumi stack output --json` prints them. */
function outputsOf(d: StandIn, issuer: string, over: Record<string, unknown> = {}) {
  return {
    issuer,
    clientId: "0oadevclient",
    clientSecret: "[secret]",
    scopes: SCOPES,
    namespace: "pomerium-dev",
    serviceName: "pomerium-dev",
    authenticateUrl: d.authenticateUrl,
    redirectUri: d.redirectUri,
    routeUrls: d.routeUrls,
    pomeriumVersion: "v0.33.1",
    authorizationServerMode: "custom",
    ...over,
  };
}

const runs: Record<string, Run> = {};
const closers: Array<() => Promise<void>> = [];
const seen: Array<{ url: string; headers: Record<string, unknown> }>[] = [];
let plainHttpRequests = -1;
let laggingDiscoveries = -1;

before(async () => {
  const t0 = performance.now();
  const debug = (what: string) =>
    process.env.VERIFY_TEST_DEBUG && console.error(what, Math.round(performance.now() - t0));
  const ca = await makeTestCa();
  debug("ca");
  const okta = await startOktaServer(ca);
  closers.push(okta.close);
  seen.push(okta.requests);
  /** An authorization server and a Pomerium stand-in wired to it. */
  const deployment = async (
    id: string,
    server: { customScopes?: string[]; registerRedirect?: boolean } = {},
    pom: Partial<StandInConfig> = {},
  ) => {
    const issuer = okta.issuer(id);
    const d = await startStandIn(ca, {
      issuer,
      clientId: "0oadevclient",
      scopes: SCOPES,
      routes: 2,
      ...pom,
    });
    closers.push(d.close);
    seen.push(d.requests);
    const redirectUris =
      server.registerRedirect === false
        ? ["https://elsewhere.example.com/oauth2/callback"]
        : [d.redirectUri];
    okta.add({
      id,
      clientId: "0oadevclient",
      redirectUris,
      customScopes: server.customScopes ?? ["pomerium"],
    });
    return { d, issuer };
  };
  const good = await deployment("ausdev");
  const noRedirect = await deployment("ausnoredirect", { registerRedirect: false });
  const noScope = await deployment("ausnoscope", { customScopes: [] });
  const open = await deployment("auspublic", {}, { publicRoutes: true });
  const slow = await slowServer(ca);
  const malformed = await staticServer(ca, (origin) =>
    JSON.stringify({ issuer: `${origin}/oauth2/ausbroken` }),
  );
  const plain = await httpServer();
  const lagging = await laggingIssuer(ca, 2);
  closers.push(slow.close, malformed.close, plain.close, lagging.close);
  const refused = `https://127.0.0.1:${await closedPort()}`;
  debug("servers");

  const cases: Record<string, Promise<Run>> = {
    passing: runVerify(ca, outputsOf(good.d, good.issuer, { clientSecret: SECRET }), 10),
    oneRoute: runVerify(ca, outputsOf(good.d, good.issuer), 10, [
      "--route",
      new URL(good.d.routeUrls[1]).host,
    ]),
    trailingSlash: runVerify(ca, outputsOf(good.d, `${good.issuer}/`), 10),
    wrongClient: runVerify(ca, outputsOf(good.d, good.issuer, { clientId: "0oawrongclient" }), 10),
    noRedirect: runVerify(ca, outputsOf(noRedirect.d, noRedirect.issuer), 10),
    noScope: runVerify(ca, outputsOf(noScope.d, noScope.issuer), 10),
    publicRoute: runVerify(ca, outputsOf(open.d, open.issuer), 10),
    unresolvable: runVerify(
      ca,
      outputsOf(good.d, good.issuer, {
        authenticateUrl: "https://nowhere.invalid",
        redirectUri: "https://nowhere.invalid/oauth2/callback",
      }),
      FAST,
    ),
    refused: runVerify(ca, outputsOf(good.d, `${refused}/oauth2/ausdev`), FAST),
    slow: runVerify(ca, outputsOf(good.d, `${slow.origin}/oauth2/ausslow`), FAST),
    malformed: runVerify(ca, outputsOf(good.d, `${malformed.origin}/oauth2/ausbroken`), 10),
    lagging: runVerify(ca, outputsOf(good.d, `${lagging.origin}/oauth2/auslag`), 10),
    httpIssuer: runVerify(ca, outputsOf(good.d, `${plain.origin}/oauth2/ausdev`), 10),
  };
  for (const [name, p] of Object.entries(cases)) {
    runs[name] = await p;
    debug(`${name} ${runs[name].stderr.trim().split("\n").pop()}`);
  }
  plainHttpRequests = plain.requests;
  laggingDiscoveries = lagging.discoveries();
});

after(async () => {
  await Promise.all(closers.map((c) => c()));
});

const failed = (r: Run) => r.results.filter((x) => x.status === "fail").map((x) => x.check);

describe("verify: a passing deployment", () => {
  test("every check passes, in order, and the exit code is 0", () => {
    const r = runs.passing;
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const routes = r.results.filter((x) => x.check.startsWith("route ")).length;
    assert.deepEqual(
      r.results.map((x) => [x.check.replace(/^route .*/, "route"), x.status]),
      [
        ["issuer discovery", "pass"],
        ["issuer keys", "pass"],
        ["issuer scopes", "pass"],
        ["issuer PKCE", "pass"],
        ["app registration", "pass"],
        ["pomerium endpoints", "pass"],
        ["pomerium health", "pass"],
        ...Array.from({ length: routes }, () => ["route", "pass"]),
      ],
    );
    assert.equal(routes, 2);
    assert.match(
      r.byCheck.get("app registration")!.seen,
      /^HTTP 303 to https:\/\/127\.0\.0\.1:\d+\/oauth2\/ausdev\/interaction\//,
    );
    assert.match(r.stderr, /test: verified: 9 passed, 0 failed, 0 skipped/);
  });

  test("a route's chain goes through the authenticate host's sign_in to the issuer's authorize endpoint", () => {
    const route = runs.passing.results.find((x) => x.check.startsWith("route "))!;
    assert.match(
      route.seen,
      /^302 https:\/\/127\.0\.0\.1:\d+\/ -> 302 https:\/\/127\.0\.0\.1:\d+\/\.pomerium\/sign_in -> https:\/\/127\.0\.0\.1:\d+\/oauth2\/ausdev\/v1\/authorize$/,
    );
    assert.match(
      route.expected,
      /client_id 0oadevclient, .*scope "openid profile email offline_access pomerium", PKCE S256$/,
    );
  });

  test("--route checks only the routes named", () => {
    const r = runs.oneRoute;
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.results.filter((x) => x.check.startsWith("route ")).length, 1);
  });

  test("no request carried credentials or cookies, and no secret was printed", () => {
    for (const list of seen) {
      for (const req of list) {
        for (const h of ["authorization", "cookie", "proxy-authorization"]) {
          assert.equal(req.headers[h], undefined, `${h} sent to ${req.url}`);
        }
      }
    }
    assert.ok(seen.flat().length > 10, "the servers saw the checker's requests");
    for (const r of Object.values(runs)) assert.ok(!(r.stdout + r.stderr).includes(SECRET));
  });
});

test("transient failures are retried with backoff: a discovery document that 404s twice (Okta's lag) passes", () => {
  const r = runs.lagging;
  assert.equal(r.byCheck.get("issuer discovery")?.status, "pass", r.stdout);
  assert.equal(laggingDiscoveries, 3);
});

describe("verify: each broken deployment fails with its own message", () => {
  const expectFail = (name: string, check: string, pattern: RegExp) => {
    const r = runs[name];
    assert.equal(r.code, 1, r.stdout);
    const res = r.byCheck.get(check);
    assert.equal(res?.status, "fail", `${check} in ${r.stdout}`);
    assert.match(`${res.seen} | ${res.fix}`, pattern);
  };

  test("fails when the issuer has a trailing slash", () => {
    expectFail(
      "trailingSlash",
      "issuer discovery",
      /\(the output has a trailing slash\) \| drop the trailing slash/,
    );
    assert.equal(runs.trailingSlash.byCheck.get("app registration")?.status, "skip");
  });

  test("fails when the client id is wrong", () => {
    expectFail(
      "wrongClient",
      "app registration",
      /^400, the client id is refused: .*invalid_client/,
    );
    assert.deepEqual(
      failed(runs.wrongClient).filter((c) => !c.startsWith("route ")),
      ["app registration"],
    );
  });

  test("fails when the redirect URI is not registered", () => {
    expectFail(
      "noRedirect",
      "app registration",
      /^400, the redirect URI is refused: .*invalid_redirect_uri.* \| add https:\/\/127\.0\.0\.1:\d+\/oauth2\/callback to the app's redirect URIs at the issuer/,
    );
    assert.deepEqual(failed(runs.noRedirect), ["app registration"]);
  });

  test("fails when a scope is missing from the issuer", () => {
    expectFail(
      "noScope",
      "issuer scopes",
      /^missing: pomerium \(listed: openid offline_access profile email\)/,
    );
  });

  test("fails when a route does not redirect to sign-in", () => {
    const r = runs.publicRoute;
    assert.equal(failed(r).length, 2, r.stdout);
    for (const c of failed(r)) {
      expectFail(
        "publicRoute",
        c,
        /^200 https:\/\/127\.0\.0\.1:\d+\/ \(no redirect to sign-in\) \| .*allow_public_unauthenticated_access/,
      );
    }
  });

  test("fails when a host does not resolve", () => {
    expectFail(
      "unresolvable",
      "pomerium endpoints",
      /^nowhere\.invalid does not resolve \((ENOTFOUND|EAI_AGAIN)\).* \| create the DNS record of the authenticate host nowhere\.invalid/,
    );
  });

  test("fails when a host refuses connections (retried until --timeout)", () => {
    expectFail(
      "refused",
      "issuer discovery",
      /^127\.0\.0\.1:\d+ refuses connections \(ECONNREFUSED\).* \| nothing listens on the issuer's host/,
    );
  });

  test("fails when a server is too slow (--timeout)", () => {
    expectFail("slow", "issuer discovery", /sent no answer within \d\.\d s \| .*raise --timeout/);
  });

  test("fails when the discovery document is malformed", () => {
    expectFail(
      "malformed",
      "issuer discovery",
      /^malformed discovery document: no authorization_endpoint, token_endpoint, jwks_uri/,
    );
  });

  test("fails when the issuer output is plain http, and sends it nothing", () => {
    expectFail(
      "httpIssuer",
      "output issuer",
      /^"http:\/\/127\.0\.0\.1:\d+\/oauth2\/ausdev" \| an https URL/,
    );
    assert.equal(runs.httpIssuer.results.length, 1);
    assert.equal(plainHttpRequests, 0);
  });
});

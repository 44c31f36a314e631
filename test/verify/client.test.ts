// The checker's https client and route walk in this process, against loopback servers (the test
// CA trusted through https.globalAgent): retries until the deadline, the limit per host, https
// only, no credentials, and a route whose redirect leaves Pomerium.
import assert from "node:assert/strict";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { Client, PER_HOST, RequestFailed } from "../../scripts/verify/http";
import type { Target } from "../../scripts/verify/outputs";
import { checkRoute } from "../../scripts/verify/pomerium-checks";
import { closedPort } from "./harness";
import { makeTestCa, TestCa } from "./tls";

let ca: TestCa;
let server: https.Server;
let origin = "";
let inFlight = 0;
let maxInFlight = 0;

before(async () => {
  ca = await makeTestCa();
  https.globalAgent.options.ca = ca.caPem;
  server = https.createServer({ cert: ca.cert, key: ca.key }, (req, res) => {
    if (req.url === "/hold") {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => (inFlight--, res.end("ok")), 50);
    } else if (req.url === "/") {
      res.writeHead(302, { location: "https://elsewhere.example.com/login" }).end();
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

describe("the client", () => {
  test("a refused connection is retried with backoff until the deadline, then reported", async () => {
    const port = await closedPort();
    const t0 = Date.now();
    const c = new Client(t0 + 1200);
    const e = await c.get(`https://127.0.0.1:${port}/`).catch((x: unknown) => x);
    assert.ok(e instanceof RequestFailed);
    assert.equal(e.kind, "refused");
    // Backoff 200, 400 ms: three attempts fit in 1.2 s with room for a fourth's minimum window.
    assert.ok(e.attempts >= 3 && e.attempts <= 4, `attempts ${e.attempts}`);
    assert.ok(Date.now() - t0 >= 600, "it waited between attempts");
  });

  test(`at most ${PER_HOST} requests in flight to one host`, async () => {
    const c = new Client(Date.now() + 5000);
    const answers = await Promise.all(Array.from({ length: 10 }, () => c.get(`${origin}/hold`)));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
    assert.equal(maxInFlight, PER_HOST);
  });

  test("never plain http, never credentials", async () => {
    const c = new Client(Date.now() + 1000);
    const e = await c.get("http://127.0.0.1:1/").catch((x: unknown) => x);
    assert.ok(e instanceof RequestFailed && e.kind === "not-https" && e.attempts === 0);
    await assert.rejects(
      c.get(`${origin}/x`, { headers: { Authorization: "Bearer x" } }),
      /never sends Authorization/,
    );
    await assert.rejects(
      c.get(`${origin}/x`, { headers: { cookie: "a=b" } }),
      /never sends cookie/,
    );
  });

  test("a 404 is final unless the caller marks it transient", async () => {
    const c = new Client(Date.now() + 1000);
    assert.equal((await c.get(`${origin}/missing`)).status, 404);
  });
});

test("a route redirected outside Pomerium and the issuer fails, and the redirect is not followed", async () => {
  const t: Target = {
    issuer: "https://issuer.example.com/oauth2/aus1",
    clientId: "0oa1",
    redirectUri: "https://authenticate.example.com/oauth2/callback",
    authenticateUrl: "https://authenticate.example.com",
    scopes: ["openid"],
    routeUrls: [origin],
    pomeriumVersion: [0, 33, 1],
    mode: "custom",
  };
  const doc = {
    issuer: t.issuer,
    authorization_endpoint: `${t.issuer}/v1/authorize`,
    token_endpoint: `${t.issuer}/v1/token`,
    jwks_uri: `${t.issuer}/v1/keys`,
  };
  const r = await checkRoute(new Client(Date.now() + 2000), t, origin, doc);
  assert.equal(r.status, "fail");
  assert.match(
    r.seen,
    /^302 https:\/\/127\.0\.0\.1:\d+\/ -> https:\/\/elsewhere\.example\.com\/login: outside Pomerium/,
  );
  assert.match(r.fix, /the route must reach Pomerium/);
});

// The settings contract, key by key, without mocks (parseSettings is pure): documented defaults,
// the refusals of single keys, "did you mean", and the one error that lists every problem.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseSettings } from "../../stack/settings";
import { baseConfig, failsAt, problemsOf, refused, SECRET_VALUES } from "../mocks";

describe("settings: defaults", () => {
  const s = parseSettings(baseConfig(), "test");

  test("defaults that name the stack", () => {
    assert.equal(s.authorizationServer.audience, "api://okta-pomerium-test");
    assert.equal(s.authorizationServer.name, "okta-pomerium-test");
    assert.equal(s.pomerium.namespace, "pomerium-test");
    assert.equal(s.pomerium.name, "pomerium-test");
  });

  test("documented defaults apply", () => {
    assert.deepEqual(s.authorizationServer, {
      mode: "custom",
      name: "okta-pomerium-test",
      audience: "api://okta-pomerium-test",
      scope: "pomerium",
      issuerMode: "ORG_URL",
      accessTokenLifetimeMinutes: 60,
      refreshTokenLifetimeMinutes: 0,
      refreshTokenWindowMinutes: 10080,
      allowEveryone: false,
    });
    assert.deepEqual(s.groupsClaim, {
      name: "groups",
      filterType: "REGEX",
      filter: "^(?:Everyone Engineering|test-admins)$",
    });
    assert.equal(s.pomerium.replicas, 1);
    assert.equal(s.pomerium.databroker.storage, "memory");
    assert.equal(s.pomerium.image, "pomerium/pomerium:nonroot-v0.33.1");
    assert.equal(s.pomerium.mode, "all-in-one");
    assert.equal(s.pomerium.xffNumTrustedHops, undefined); // 1 with an Ingress or gateway, else 0
    assert.deepEqual(s.pomerium.networkPolicy.metricsNamespaces, []);
    assert.equal(s.pomerium.gateway, undefined);
    assert.deepEqual(s.pomerium.controller, {
      pomeriumName: "global",
      ingressClassName: "pomerium",
      fieldManager: "okta-pomerium-test",
      annotations: {},
    });
    assert.deepEqual(s.pomeriumVersion, [0, 33, 1]);
    assert.equal(s.protect, false);
    assert.equal(s.okta.auth, "apiToken");
  });

  test("the settings object is deeply frozen", () => {
    assert.ok(Object.isFrozen(s) && Object.isFrozen(s.pomerium) && Object.isFrozen(s.routes[0]));
  });

  test("a trailing slash on authenticateUrl is dropped", () => {
    const t = parseSettings(
      baseConfig({ "okta-pomerium:authenticateUrl": "https://auth.test.example.com/" }),
      "test",
    );
    assert.equal(t.authenticateUrl, "https://auth.test.example.com");
  });

  test("okta:scopes may be comma-separated, as the provider's env var", () => {
    const t = parseSettings(
      baseConfig({
        "okta:apiToken": undefined,
        "okta:clientId": "0oa1svc",
        "okta:privateKey": "k",
        "okta:scopes": "okta.apps.manage, okta.groups.read",
      }),
      "test",
    );
    assert.deepEqual(t.okta.scopes, ["okta.apps.manage", "okta.groups.read"]);
    assert.equal(t.okta.auth, "serviceApp");
  });

  test("accepts an image from a registry with a port", () => {
    const t = parseSettings(
      baseConfig({
        "okta-pomerium:pomerium": { image: "registry.example.com:5000/pomerium/pomerium:v0.33.1" },
      }),
      "test",
    );
    assert.deepEqual(t.pomeriumVersion, [0, 33, 1]);
  });
});

describe("settings: single keys refused", () => {
  test("fails when there is no group", () =>
    failsAt(
      baseConfig({ "okta-pomerium:groups": [] }),
      "okta-pomerium:groups",
      /at least one group/,
    ));
  test("fails when groups is missing", () =>
    failsAt(
      baseConfig({ "okta-pomerium:groups": undefined }),
      "okta-pomerium:groups",
      /is required/,
    ));
  test("fails when there is no route", () =>
    failsAt(
      baseConfig({ "okta-pomerium:routes": [] }),
      "okta-pomerium:routes",
      /at least one route/,
    ));
  test("fails when authenticateUrl has a path", () =>
    failsAt(
      baseConfig({ "okta-pomerium:authenticateUrl": "https://auth.example.com/oauth2" }),
      "okta-pomerium:authenticateUrl",
      /origin only/,
    ));
  for (const url of [
    "https://auth.example.com/?x=1",
    "https://auth.example.com/#top",
    "https://u:p@auth.example.com",
  ]) {
    test(`fails when authenticateUrl is not an origin only: ${url}`, () =>
      assert.deepEqual(problemsOf(baseConfig({ "okta-pomerium:authenticateUrl": url })), [
        {
          path: "okta-pomerium:authenticateUrl",
          message: `must be an origin only, like https://authenticate.example.com (got "${url}"); Okta's redirect URI is derived from it as <authenticateUrl>/oauth2/callback`,
        },
      ]));
  }
  test("fails when authenticateUrl is not https", () =>
    failsAt(
      baseConfig({ "okta-pomerium:authenticateUrl": "http://auth.example.com" }),
      "okta-pomerium:authenticateUrl",
      /https:\/\//,
    ));
  test("fails when authenticateUrl is missing", () =>
    failsAt(
      baseConfig({ "okta-pomerium:authenticateUrl": undefined }),
      "okta-pomerium:authenticateUrl",
      /is required/,
    ));
  test("fails when the namespace is not a DNS-1123 label", () =>
    failsAt(
      baseConfig({ "okta-pomerium:pomerium": { namespace: "Pomerium_Dev" } }),
      "okta-pomerium:pomerium.namespace",
      /DNS-1123 label.*\(got "Pomerium_Dev"\)/,
    ));
  test("fails when the image uses latest", () =>
    failsAt(
      baseConfig({ "okta-pomerium:pomerium": { image: "pomerium/pomerium:latest" } }),
      "okta-pomerium:pomerium.image",
      /latest/,
    ));
  test("fails when the image version cannot be told", () =>
    failsAt(
      baseConfig({ "okta-pomerium:pomerium": { image: "registry.example.com/pomerium:stable" } }),
      "okta-pomerium:pomerium.version",
      /set pomerium.version/,
    ));
  test("fails when a group is both created and given by id", () =>
    failsAt(
      baseConfig({
        "okta-pomerium:groups": [{ name: "test-admins", create: true, id: "00g1a2b3c4d5e6f7g8h9" }],
      }),
      "okta-pomerium:groups[0]",
      /either `create: true`.*or `id`/,
    ));
  test("fails when okta:orgName is a URL", () =>
    failsAt(
      baseConfig({ "okta:orgName": "https://dev-1.okta.com" }),
      "okta:orgName",
      /subdomain only/,
    ));
  test("fails when a nested key is misspelt, naming the intended one", () =>
    failsAt(
      baseConfig({ "okta-pomerium:pomerium": { replcas: 2 } }),
      "okta-pomerium:pomerium.replcas",
      /unknown key "replcas"; did you mean "replicas"\?/,
    ));
  test("fails when a top-level key is misspelt, naming the intended one", () =>
    failsAt(
      baseConfig({ "okta-pomerium:route": [] }),
      "okta-pomerium:route",
      /did you mean "routes"\?/,
    ));
  test("fails when an okta: key is misspelt, naming the intended one", () =>
    failsAt(baseConfig({ "okta:orgname": "x" }), "okta:orgname", /did you mean "orgName"\?/));
  test("fails when a deeply nested key is misspelt", () =>
    failsAt(
      baseConfig({ "okta-pomerium:pomerium": { databroker: { storag: "memory" } } }),
      "okta-pomerium:pomerium.databroker.storag",
      /did you mean "storage"/,
    ));
});

describe("settings: the one error", () => {
  test("lists every problem at once, each on its own line", () => {
    const err = refused(
      baseConfig({
        "okta-pomerium:authenticateUrl": "http://auth.example.com",
        "okta-pomerium:pomerium": { replcas: 2 },
        "okta-pomerium:groupsClaim": { filter: "([" },
        "okta:orgname": "x",
      }),
    );
    assert.deepEqual(err.problems.map((p) => p.path).sort(), [
      "okta-pomerium:authenticateUrl",
      "okta-pomerium:groupsClaim.filter",
      "okta-pomerium:pomerium.replcas",
      "okta:orgname",
    ]);
    assert.match(
      err.message,
      /^Invalid settings for stack "test" \(4 problems; nothing was registered\):\n/,
    );
  });

  test("never prints a secret value, even when its setting is wrong", () => {
    const err = refused({
      ...baseConfig({
        "okta:clientId": "0oa1svc",
        "okta-pomerium:pomerium": { image: "nope:latest" },
      }),
      "okta:privateKey": SECRET_VALUES["okta:privateKey"],
      "okta-pomerium:directoryApiToken": SECRET_VALUES["okta-pomerium:directoryApiToken"],
      "okta-pomerium:databrokerConnectionString":
        SECRET_VALUES["okta-pomerium:databrokerConnectionString"],
    });
    assert.ok(err.problems.length >= 2);
    for (const v of Object.values(SECRET_VALUES))
      assert.ok(!err.message.includes(v), `secret leaked: ${v}`);
  });

  test("fails when an okta-pomerium setting that is not a secret is stored secure:, but never for okta:* keys", () => {
    const err = refused(baseConfig(), "test", [
      "okta-pomerium:routes",
      "okta:httpProxy",
      "okta:apiToken",
    ]);
    assert.deepEqual(
      err.problems.map((p) => p.path),
      ["okta-pomerium:routes"],
    );
    assert.match(err.problems[0].message, /is stored as a secret, but it is not a secret setting/);
    // The four secret settings may (and should) be stored secure:.
    parseSettings(baseConfig({ "okta-pomerium:groupsClaim": { filter: "test-.*" } }), "test", [
      "okta:apiToken",
      "okta-pomerium:directoryApiToken",
      "okta-pomerium:databrokerConnectionString",
    ]);
  });

  test("has no stack trace in its message and is a Pulumi RunError (printed without one)", () => {
    const err = refused(baseConfig({ "okta-pomerium:routes": [] }));
    assert.ok(!/\n\s+at /.test(err.message));
    assert.equal((err as any).__pulumiRunError, true);
  });
});

// The settings contract, without mocks: parseSettings is pure.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseSettings } from "../components/settings";
import { kubernetesProviderArgs, oktaProviderArgs } from "../components/providers";
import { SettingsError } from "../components/settings/error";
import { baseConfig, ROUTES, SECRET_VALUES } from "./mocks";

/** Parses and returns the SettingsError (fails the test when the settings are accepted). */
function refused(
  config: Record<string, string>,
  stack = "test",
  storedSecret: string[] = [],
): SettingsError {
  try {
    parseSettings(config, stack, storedSecret);
  } catch (e) {
    assert.ok(e instanceof SettingsError, `expected SettingsError, got ${e}`);
    return e;
  }
  assert.fail("settings were accepted");
}

/** Asserts the settings are refused with exactly one problem at `path` whose message matches. */
function failsAt(
  config: Record<string, string>,
  path: string,
  message: RegExp,
  stack = "test",
): void {
  const err = refused(config, stack);
  const at = err.problems.filter((p) => p.path === path);
  assert.equal(at.length, 1, `expected one problem at ${path}, got:\n${err.message}`);
  assert.match(at[0].message, message);
  assert.ok(err.message.includes(`${path}: `), "the message names the key path");
}

const route = (over: Record<string, unknown>) => ({ ...ROUTES[0], ...over });

describe("settings: defaults", () => {
  const s = parseSettings(baseConfig(), "test");

  test("defaults that name the stack", () => {
    assert.equal(s.authorizationServer.audience, "api://okta-pomerium-test");
    assert.equal(s.authorizationServer.name, "okta-pomerium-test");
    assert.equal(s.pomerium.namespace, "pomerium-test");
    assert.equal(s.pomerium.name, "pomerium-test");
  });

  test("documented defaults apply", () => {
    assert.equal(s.authorizationServer.scope, "pomerium");
    assert.equal(s.authorizationServer.issuerMode, "ORG_URL");
    assert.deepEqual(s.groupsClaim, { name: "groups", filterType: "REGEX", filter: ".*" });
    assert.equal(s.pomerium.replicas, 1);
    assert.equal(s.pomerium.databroker.storage, "memory");
    assert.equal(s.pomerium.image, "pomerium/pomerium:v0.33.1");
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

  test("a groups claim that matches everything is a warning, not an error", () => {
    assert.match(s.warnings.join("\n"), /oversized Pomerium cookies/);
    const narrow = parseSettings(
      baseConfig({ "okta-pomerium:groupsClaim": { filter: "test-.*" } }),
      "test",
    );
    assert.deepEqual(narrow.warnings, []);
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

  test("Okta provider gets CI-friendly rate-limit defaults, overridable", () => {
    const args = oktaProviderArgs(s, {});
    assert.equal(args.maxApiCapacity, 50);
    assert.equal(args.backoff, true);
    assert.equal(args.maxRetries, 5);
    assert.ok(!("parallelism" in args), "absent keys stay absent");
    const tuned = parseSettings(
      baseConfig({ "okta:maxApiCapacity": "20", "okta:parallelism": "2" }),
      "test",
    );
    assert.equal(oktaProviderArgs(tuned, {}).maxApiCapacity, 20);
    assert.equal(oktaProviderArgs(tuned, {}).parallelism, 2);
  });

  test("Kubernetes provider updates ConfigMaps and Secrets in place, with the kubeconfig settings", () => {
    assert.deepEqual(kubernetesProviderArgs(s), {
      enableConfigMapMutable: true,
      enableSecretMutable: true,
    });
    const k = { context: "prod-cluster", kubeconfigPath: "/etc/kube/config" };
    const withKube = parseSettings(baseConfig({ "okta-pomerium:kubernetes": k }), "test");
    assert.deepEqual(kubernetesProviderArgs(withKube), {
      context: "prod-cluster",
      kubeconfig: "/etc/kube/config",
      enableConfigMapMutable: true,
      enableSecretMutable: true,
    });
  });
});

describe("settings: refused", () => {
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
  test("fails when the routes make Pomerium's config file larger than a ConfigMap holds", () => {
    const routes = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        route({ from: `https://app${i}.test.example.com`, allowEmails: [`user${i}@example.com`] }),
      );
    // About 460 bytes a route here: 2,000 routes fit, 10,000 do not.
    assert.doesNotThrow(() =>
      parseSettings(baseConfig({ "okta-pomerium:routes": routes(2000) }), "test"),
    );
    failsAt(
      baseConfig({ "okta-pomerium:routes": routes(10000) }),
      "okta-pomerium:routes",
      /has 10000 routes, which make Pomerium's config file about \d+ KiB; a Kubernetes ConfigMap holds at most 1024 KiB\. Split the routes across stacks/,
    );
  });
  test("fails when an allowGroups name is not one of groups", () =>
    failsAt(
      baseConfig({ "okta-pomerium:routes": [route({ allowGroups: ["nope"] })] }),
      "okta-pomerium:routes[0].allowGroups[0]",
      /"nope" is not one of okta-pomerium:groups/,
    ));
  test("fails when a route's from is not https", () =>
    failsAt(
      baseConfig({ "okta-pomerium:routes": [ROUTES[0], route({ from: "http://x.example.com" })] }),
      "okta-pomerium:routes[1].from",
      /https:\/\/ URL \(got "http:\/\/x.example.com"\)/,
    ));
  test("fails when two routes share a from", () =>
    failsAt(
      baseConfig({ "okta-pomerium:routes": [ROUTES[0], route({})] }),
      "okta-pomerium:routes[1].from",
      /same prefix\/path\/regex is also routes\[0\]/,
    ));
  test("accepts two routes on one host split by prefix", () => {
    parseSettings(
      baseConfig({ "okta-pomerium:routes": [route({ prefix: "/a" }), route({ prefix: "/b" })] }),
      "test",
    );
  });
  test("fails when a route's from has a path (Pomerium refuses it)", () =>
    failsAt(
      baseConfig({ "okta-pomerium:routes": [route({ from: "https://a.example.com/app" })] }),
      "okta-pomerium:routes[0].from",
      /origin only.*prefix, path or regex/,
    ));
  test("fails when a route has both to and redirect", () =>
    failsAt(
      baseConfig({ "okta-pomerium:routes": [route({ redirect: { https_redirect: true } })] }),
      "okta-pomerium:routes[0]",
      /exactly one of to, redirect, response/,
    ));
  test("accepts a redirect route without to", () => {
    const { to: _to, ...noTo } = ROUTES[0];
    parseSettings(
      baseConfig({
        "okta-pomerium:routes": [{ ...noTo, redirect: { host_redirect: "example.com" } }],
      }),
      "test",
    );
  });
  test("fails when an upstream URL carries credentials", () =>
    failsAt(
      baseConfig({ "okta-pomerium:routes": [route({ to: "http://user:pw@app.internal" })] }),
      "okta-pomerium:routes[0].to",
      /must not carry credentials/,
    ));
  test("fails when a route keeps a secret-bearing option", () =>
    failsAt(
      baseConfig({ "okta-pomerium:routes": [route({ tls_client_key: "-----BEGIN" })] }),
      "okta-pomerium:routes[0].tls_client_key",
      /not supported by this program: a private key would land in the ConfigMap/,
    ));
  test("fails when a route sets a literal credential header", () =>
    failsAt(
      baseConfig({
        "okta-pomerium:routes": [
          route({ set_request_headers: { Authorization: "Bearer abc123" } }),
        ],
      }),
      "okta-pomerium:routes[0].set_request_headers.Authorization",
      /looks like a credential.*pomerium\.access_token/,
    ));
  test("accepts Pomerium's token placeholders and ordinary headers", () => {
    parseSettings(
      baseConfig({
        "okta-pomerium:routes": [
          route({
            set_request_headers: {
              Authorization: "Bearer ${pomerium.access_token}",
              "X-Team": "platform",
            },
          }),
        ],
      }),
      "test",
    );
  });
  test("accepts a public route whose policy only denies", () => {
    const { allowGroups: _g, ...open } = ROUTES[0];
    parseSettings(
      baseConfig({
        "okta-pomerium:routes": [
          {
            ...open,
            allow_public_unauthenticated_access: true,
            policy: { deny: { or: [{ source_ip: "10.0.0.0/8" }] } },
          },
        ],
      }),
      "test",
    );
  });
  test("fails when a public route also has an allow rule", () =>
    failsAt(
      baseConfig({
        "okta-pomerium:routes": [
          {
            from: "https://open.test.example.com",
            to: "http://open",
            allow_any_authenticated_user: true,
            policy: { allow: { or: [{ email: { is: "a@example.com" } }] } },
          },
        ],
      }),
      "okta-pomerium:routes[0].allow_any_authenticated_user",
      /allow rules would restrict nothing/,
    ));
  test("fails when a route is public and also names groups", () =>
    failsAt(
      baseConfig({
        "okta-pomerium:routes": [route({ allow_public_unauthenticated_access: true })],
      }),
      "okta-pomerium:routes[0].allow_public_unauthenticated_access",
      /Pomerium ORs them/,
    ));
  test("fails when a route key is a JavaScript builtin name", () =>
    failsAt(
      baseConfig({ "okta-pomerium:routes": [route({ constructor: 1 })] }),
      "okta-pomerium:routes[0].constructor",
      /unknown key "constructor"/,
    ));
  test("fails when the groups claim filter drops a group a route allows", () =>
    failsAt(
      baseConfig({
        "okta-pomerium:groupsClaim": { filterType: "STARTS_WITH", filter: "pomerium-" },
      }),
      "okta-pomerium:routes[0].allowGroups[0]",
      /never reaches the ID token/,
    ));
  test("a REGEX groups claim filter must match the whole group name, as Okta applies it", () =>
    failsAt(
      baseConfig({ "okta-pomerium:groupsClaim": { filter: "test-" } }),
      "okta-pomerium:routes[0].allowGroups[0]",
      /never reaches the ID token/,
    ));
  test("accepts an image from a registry with a port", () => {
    const s = parseSettings(
      baseConfig({
        "okta-pomerium:pomerium": { image: "registry.example.com:5000/pomerium/pomerium:v0.33.1" },
      }),
      "test",
    );
    assert.deepEqual(s.pomeriumVersion, [0, 33, 1]);
  });
  test("fails when a route has no access rule", () =>
    failsAt(
      baseConfig({ "okta-pomerium:routes": [{ from: "https://a.example.com", to: "http://a" }] }),
      "okta-pomerium:routes[0]",
      /no access rule/,
    ));
  test("fails when a route mixes a raw policy with allowGroups", () =>
    failsAt(
      baseConfig({
        "okta-pomerium:routes": [
          route({ policy: [{ allow: { or: [{ email: { is: "a@b.c" } }] } }] }),
        ],
      }),
      "okta-pomerium:routes[0].policy",
      /either the shortcuts or a raw PPL policy/,
    ));
  test("fails when a raw policy uses the groups criterion", () =>
    failsAt(
      baseConfig({
        "okta-pomerium:routes": [
          {
            from: "https://a.example.com",
            to: "http://a",
            policy: { allow: { or: [{ groups: { has: "x" } }] } },
          },
        ],
      }),
      "okta-pomerium:routes[0].policy.allow.or[0].groups",
      /never matches on Pomerium Core.*claim\/groups/,
    ));
  test("fails when a route uses the removed allowed_groups", () =>
    failsAt(
      baseConfig({ "okta-pomerium:routes": [route({ allowed_groups: ["a"] })] }),
      "okta-pomerium:routes[0].allowed_groups",
      /removed by Pomerium; use `allowGroups`/,
    ));
  test("fails when a route option is misspelt, naming the intended one", () =>
    failsAt(
      baseConfig({ "okta-pomerium:routes": [route({ passIdentityHeaders: true })] }),
      "okta-pomerium:routes[0].passIdentityHeaders",
      /did you mean "pass_identity_headers"/,
    ));
  test("fails when authenticateUrl has a path", () =>
    failsAt(
      baseConfig({ "okta-pomerium:authenticateUrl": "https://auth.example.com/oauth2" }),
      "okta-pomerium:authenticateUrl",
      /origin only/,
    ));
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
  test("fails when replicas > 1 with memory storage", () =>
    failsAt(
      baseConfig({ "okta-pomerium:pomerium": { replicas: 2 } }),
      "okta-pomerium:pomerium.replicas",
      /would not share sessions.*postgres/,
    ));
  test("fails when postgres storage has no connection string", () =>
    failsAt(
      baseConfig({ "okta-pomerium:pomerium": { databroker: { storage: "postgres" } } }),
      "okta-pomerium:databrokerConnectionString",
      /pulumi config set --secret databrokerConnectionString/,
    ));
  test("fails when a connection string is set with memory storage", () =>
    failsAt(
      baseConfig({ "okta-pomerium:databrokerConnectionString": "postgres://x" }),
      "okta-pomerium:databrokerConnectionString",
      /would be ignored/,
    ));
  test("fails when the REGEX groups claim filter does not compile", () =>
    failsAt(
      baseConfig({ "okta-pomerium:groupsClaim": { filter: "([" } }),
      "okta-pomerium:groupsClaim.filter",
      /not a valid regular expression/,
    ));
  test("fails when the access token lifetime is outside Okta's range", () =>
    failsAt(
      baseConfig({ "okta-pomerium:authorizationServer": { accessTokenLifetimeMinutes: 2 } }),
      "okta-pomerium:authorizationServer.accessTokenLifetimeMinutes",
      /at least 5 .*\(got 2\)/,
    ));
  test("fails when the refresh window is shorter than the access token lifetime", () =>
    failsAt(
      baseConfig({
        "okta-pomerium:authorizationServer": {
          accessTokenLifetimeMinutes: 120,
          refreshTokenWindowMinutes: 60,
        },
      }),
      "okta-pomerium:authorizationServer.refreshTokenWindowMinutes",
      /at least accessTokenLifetimeMinutes \(120\)/,
    ));
  test("fails when the refresh window exceeds the refresh token lifetime", () =>
    failsAt(
      baseConfig({
        "okta-pomerium:authorizationServer": {
          refreshTokenLifetimeMinutes: 1440,
          refreshTokenWindowMinutes: 10080,
        },
      }),
      "okta-pomerium:authorizationServer.refreshTokenWindowMinutes",
      /at most refreshTokenLifetimeMinutes \(1440/,
    ));
  test("fails when the namespace is not a DNS-1123 label", () =>
    failsAt(
      baseConfig({ "okta-pomerium:pomerium": { namespace: "Pomerium_Dev" } }),
      "okta-pomerium:pomerium.namespace",
      /DNS-1123 label.*\(got "Pomerium_Dev"\)/,
    ));
  test("fails when the stack name makes the default namespace an invalid DNS label", () =>
    failsAt(
      baseConfig({
        "okta-pomerium:groups": [{ name: "Prod_EU-admins", create: true }],
        "okta-pomerium:routes": [route({ allowGroups: ["Prod_EU-admins"] })],
      }),
      "okta-pomerium:pomerium.namespace",
      /"pomerium-Prod_EU" \(from the stack name "Prod_EU"\).*set pomerium.namespace explicitly/,
      "Prod_EU",
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
  test("fails when a created group does not carry the stack name", () =>
    failsAt(
      baseConfig({
        "okta-pomerium:groups": [{ name: "admins", create: true }],
        "okta-pomerium:routes": [route({ allowGroups: ["admins"] })],
      }),
      "okta-pomerium:groups[0].name",
      /carry the stack name "test".*"test-admins"/,
    ));
  test("fails when a group is both created and given by id", () =>
    failsAt(
      baseConfig({
        "okta-pomerium:groups": [{ name: "test-admins", create: true, id: "00g1a2b3c4d5e6f7g8h9" }],
      }),
      "okta-pomerium:groups[0]",
      /either `create: true`.*or `id`/,
    ));
  test("fails when directoryApiToken is set for a Pomerium without directory sync", () =>
    failsAt(
      baseConfig({ "okta-pomerium:directoryApiToken": "x" }),
      "okta-pomerium:directoryApiToken",
      /removed from Pomerium Core in v0\.20\.0.*groups claim/,
    ));
  test("fails when Okta credentials are both an API token and a service app", () =>
    failsAt(
      baseConfig({
        "okta:clientId": "0oa1svc",
        "okta:privateKey": "k",
        "okta:scopes": ["okta.apps.manage"],
      }),
      "okta:apiToken",
      /use one/,
    ));
  test("fails when there are no Okta credentials", () =>
    failsAt(baseConfig({ "okta:apiToken": undefined }), "okta:apiToken", /no Okta credentials/));
  test("fails when the service app has no scopes", () =>
    failsAt(
      baseConfig({
        "okta:apiToken": undefined,
        "okta:clientId": "0oa1svc",
        "okta:privateKey": "k",
      }),
      "okta:scopes",
      /missing: okta:scopes/,
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

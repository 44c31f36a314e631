// The pre-flight refusals render and preview share (stack/settings): credentials in plain text,
// a port in `from` per exposure, route options of the wrong type; and the controller-mode warnings.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseSettings, SECRET_KEYS } from "../../stack/settings";
import { signingKeyPem } from "../../components/pomerium/signing-key";
import { CONTROLLER_ANNOTATION_OPTIONS, ROUTE_OPTION_TYPES } from "../../components/pomerium/facts";
import {
  baseConfig,
  cloudflareConfig,
  failsAt,
  problemsOf,
  refused,
  ROUTES,
  SECRET_VALUES,
} from "../mocks";

/** A configuration that sets every secret setting (service-app credentials, postgres, Cloudflare). */
const everySecret = () =>
  cloudflareConfig(
    {},
    {
      "okta:apiToken": undefined,
      "okta:clientId": "0oaserviceapp0000001",
      "okta:scopes": ["okta.apps.manage", "okta.groups.manage"],
      "okta:privateKey": SECRET_VALUES["okta:privateKey"],
      "okta-pomerium:pomerium": {
        image: "pomerium/pomerium:v0.19.1",
        databroker: { storage: "postgres" },
      },
      "okta-pomerium:databrokerConnectionString":
        SECRET_VALUES["okta-pomerium:databrokerConnectionString"],
      "okta-pomerium:directoryApiToken": SECRET_VALUES["okta-pomerium:directoryApiToken"],
      // The pre-made Pomerium secrets, in their shapes (32 bytes; a P-256 key's PEM), base64.
      "okta-pomerium:pomeriumSharedSecret": Buffer.alloc(32, 1).toString("base64"),
      "okta-pomerium:pomeriumCookieSecret": Buffer.alloc(32, 2).toString("base64"),
      "okta-pomerium:pomeriumSigningKey": Buffer.from(signingKeyPem(Buffer.alloc(32, 7))).toString(
        "base64",
      ),
    },
  );

describe("credentials in plain text", () => {
  const all = Object.values(SECRET_KEYS);
  test("every secret setting stored secure: is accepted", () => {
    parseSettings(everySecret(), "test", all);
  });
  for (const key of all)
    test(`fails when ${key} is in the stack file in plain text`, () => {
      // okta:apiToken goes with the API-token credentials (baseConfig), the rest with a service app.
      const config = key === "okta:apiToken" ? baseConfig() : everySecret();
      const err = refused(
        config,
        "test",
        all.filter((k) => k !== key),
      );
      assert.deepEqual(
        err.problems.map((p) => p.path),
        [key],
      );
      assert.match(
        err.problems[0].message,
        key === "okta:privateKey"
          ? /in plain text .*`pulumi config set --secret okta:privateKey < key.pem`/
          : new RegExp(`in plain text .*\`pulumi config set --secret ${key} <value>\``),
      );
      // The value itself is never printed.
      assert.ok(!err.message.includes(config[key]), "the plain value leaked");
    });
  test("an empty secret counts as unset, not as plain text", () => {
    const config = { ...everySecret(), "okta:privateKey": "" };
    const others = Object.values(SECRET_KEYS).filter((k) => k !== "okta:privateKey");
    const err = refused(config, "test", others);
    assert.ok(!err.message.includes("in plain text"), err.message);
  });
});

const withRoutes = (from: string, pomerium: Record<string, unknown> = {}) =>
  baseConfig({
    "okta-pomerium:routes": [{ ...ROUTES[1], from }],
    "okta-pomerium:pomerium": pomerium,
  });
const FROM = "okta-pomerium:routes[0].from";

describe("a port in from: kept where the exposure serves it, refused where it would be dropped", () => {
  const lb = { service: { type: "LoadBalancer", port: 8443 } };
  test("kept with a LoadBalancer Service listening on that port (no Ingress, no Gateway)", () => {
    const s = parseSettings(withRoutes("https://app.test.example.com:8443", lb), "test");
    assert.equal(s.routes[0].from, "https://app.test.example.com:8443");
  });
  test("https's own port 443 is no port at all", () =>
    assert.deepEqual(
      problemsOf(withRoutes("https://app.test.example.com:443", { ingress: { enabled: true } })),
      [],
    ));
  test("fails when the LoadBalancer listens on another port", () =>
    failsAt(
      withRoutes("https://app.test.example.com:8444", lb),
      FROM,
      /has port 8444, but Pomerium's LoadBalancer Service listens on 8443, not 8444; set pomerium.service.port: 8444/,
    ));
  test("fails when the Service is ClusterIP", () =>
    failsAt(
      withRoutes("https://app.test.example.com:8443"),
      FROM,
      /Service is ClusterIP.*set pomerium.service.type: LoadBalancer and pomerium.service.port: 8443/,
    ));
  test("fails behind an Ingress (its host cannot carry a port)", () =>
    failsAt(
      withRoutes("https://app.test.example.com:8443", { ...lb, ingress: { enabled: true } }),
      FROM,
      /pomerium.ingress is enabled: an Ingress host cannot carry a port/,
    ));
  test("fails behind a Gateway (an HTTPRoute hostname cannot carry a port)", () =>
    failsAt(
      withRoutes("https://app.test.example.com:8443", {
        ...lb,
        gateway: { parentRefs: [{ name: "gw" }] },
      }),
      FROM,
      /an HTTPRoute hostname cannot carry a port/,
    ));
  test("fails in ingress-controller mode (the controller builds from without it)", () =>
    failsAt(
      withRoutes("https://app.test.example.com:8443", { mode: "ingress-controller" }),
      FROM,
      /pomerium.mode is ingress-controller: .*the port would be dropped/,
    ));
  test("fails when authenticateUrl carries a port the exposure does not serve", () =>
    failsAt(
      baseConfig({ "okta-pomerium:authenticateUrl": "https://authenticate.test.example.com:8443" }),
      "okta-pomerium:authenticateUrl",
      /has port 8443, but Pomerium's Service is ClusterIP/,
    ));
});

/** A wrong value and a right one for each kind of option this project passes through. */
const TYPED: Array<[string, unknown, unknown, RegExp]> = [
  ["pass_identity_headers", "yes", true, /must be true or false, unquoted \(got "yes"\)/],
  ["allow_websockets", 1, false, /must be true or false/],
  ["timeout", 30, "30s", /must be a duration string such as "30s".*\(got 30\)/],
  ["idle_timeout", "5 minutes", "5m", /must be a duration string/],
  ["regex_priority_order", "1", 1, /must be a whole number, unquoted/],
  ["healthy_panic_threshold", 101, 100, /from 0 to 100/],
  ["allowed_users", "a@example.com", ["a@example.com"], /must be a list of strings/],
  ["remove_request_headers", [1], ["X-Debug"], /must be a list of strings/],
  [
    "set_request_headers",
    { "X-Team": 7 },
    { "X-Team": "7" },
    /map of header names to string values/,
  ],
  ["set_response_headers", ["X"], { "X-Frame-Options": "DENY" }, /map of header names/],
  [
    "bearer_token_format",
    "jwt",
    "idp_access_token",
    /must be one of default, idp_access_token, idp_identity_token/,
  ],
  ["tls_server_name", true, "api.internal", /must be a string; quote it/],
];

describe("route options of the wrong type", () => {
  for (const mode of ["all-in-one", "ingress-controller"])
    for (const [key, bad, good, message] of TYPED.filter(
      ([k]) => mode === "all-in-one" || CONTROLLER_ANNOTATION_OPTIONS.includes(k),
    ))
      test(`fails when ${key} is ${JSON.stringify(bad)} (${mode}); ${JSON.stringify(good)} is accepted`, () => {
        const config = (v: unknown) =>
          baseConfig({
            "okta-pomerium:routes": [{ ...ROUTES[1], [key]: v }],
            "okta-pomerium:pomerium": { mode },
          });
        failsAt(config(bad), `okta-pomerium:routes[0].${key}`, message);
        assert.deepEqual(problemsOf(config(good)), []);
      });
  test("a misspelt option keeps its did-you-mean", () =>
    failsAt(
      baseConfig({ "okta-pomerium:routes": [{ ...ROUTES[1], pass_identity_header: true }] }),
      "okta-pomerium:routes[0].pass_identity_header",
      /did you mean "pass_identity_headers"\?/,
    ));
  test("every option this project passes through has a type recorded", () => {
    const kinds = new Set<string>(
      Object.values(ROUTE_OPTION_TYPES).map((t) => (typeof t === "string" ? t : "enum")),
    );
    for (const k of ["boolean", "duration", "integer", "string", "stringList", "headerMap", "enum"])
      assert.ok(kinds.has(k), k);
  });
});

describe("warnings for what ingress-controller mode cannot create", () => {
  const controller = (c: Record<string, unknown> = {}) =>
    parseSettings(
      baseConfig({
        "okta-pomerium:routes": [ROUTES[1]],
        "okta-pomerium:pomerium": { mode: "ingress-controller", controller: c },
      }),
      "test",
    ).warnings;
  test("no authenticateCertificate, TLS Secrets nothing creates, the field manager to check", () => {
    const w = controller();
    assert.equal(w.filter((x) => /authenticateCertificate is not set/.test(x)).length, 1);
    assert.ok(
      w.some((x) =>
        x.includes(
          "name TLS Secrets that this stack does not create: monitoring/pomerium-test-grafana-test-example-com-tls.",
        ),
      ),
      w.join("\n"),
    );
    assert.ok(
      w.some((x) =>
        x.includes(
          'Pomerium object "global" is shared: this stack sets .spec.authenticate, .spec.identityProvider as field manager "okta-pomerium-test", without force, and never .spec.secrets',
        ),
      ),
    );
  });
  test("what is configured is not warned about; all-in-one mode has none of these", () => {
    const w = controller({
      authenticateCertificate: "pomerium/authenticate-tls",
      annotations: { "cert-manager.io/cluster-issuer": "letsencrypt" },
    });
    assert.deepEqual(
      w.filter((x) => /authenticateCertificate|TLS Secrets/.test(x)),
      [],
    );
    assert.equal(w.filter((x) => /Pomerium object "global" is shared/.test(x)).length, 1);
    const allInOne = parseSettings(baseConfig(), "test").warnings;
    assert.deepEqual(
      allInOne.filter((x) => /authenticateCertificate|TLS Secrets|field manager|is shared/.test(x)),
      [],
    );
  });
});

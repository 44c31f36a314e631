// pomerium.mode, pomerium.gateway and the other settings of the Kubernetes side added with them:
// every refusal names the key and the fix; defaults and accepted forms.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { baseConfig, failsAt, problemsOf, SECRET_VALUES } from "../mocks";
import { settingsOf } from "../pomerium/helpers";

const P = "okta-pomerium:pomerium";
const IN_CLUSTER = [
  {
    from: "https://grafana.test.example.com",
    to: "http://grafana.monitoring.svc.cluster.local:3000",
    allowGroups: ["test-admins"],
  },
];
const controller = (pomerium: Record<string, unknown> = {}, routes: unknown[] = IN_CLUSTER) =>
  baseConfig({
    "okta-pomerium:routes": routes,
    [P]: { mode: "ingress-controller", ...pomerium },
  });

/** A value for each all-in-one-only key path (nested paths as objects), listed here on purpose. */
const SAMPLE: Record<string, Record<string, unknown>> = {
  image: { image: "pomerium/pomerium:v0.33.1" },
  replicas: { replicas: 1 },
  resources: { resources: { limits: { cpu: "2" } } },
  service: { service: { type: "ClusterIP" } },
  ingress: { ingress: { enabled: false } },
  gateway: { gateway: { parentRefs: [{ name: "edge" }] } },
  networkPolicy: { networkPolicy: { enabled: true } },
  xffNumTrustedHops: { xffNumTrustedHops: 1 },
  "databroker.postgresPort": { databroker: { postgresPort: 5432 } },
  "databroker.postgresNamespace": { databroker: { postgresNamespace: "db" } },
};

describe("pomerium.mode", () => {
  test("all-in-one by default; ingress-controller accepted with in-cluster routes", () => {
    assert.equal(settingsOf().pomerium.mode, "all-in-one");
    assert.deepEqual(problemsOf(controller()), []);
  });

  test("fails when the mode is unknown", () => {
    failsAt(
      baseConfig({ [P]: { mode: "sidecar" } }),
      `${P}.mode`,
      /all-in-one .* ingress-controller/,
    );
  });

  for (const key of Object.keys(SAMPLE))
    test(`fails when ${key} is set in ingress-controller mode, even to its default (named)`, () => {
      failsAt(
        controller(SAMPLE[key]),
        `${P}.${key}`,
        new RegExp(
          `ingress-controller.*${key.replace(".", "\\.")} only applies to the all-in-one Deployment`,
        ),
      );
    });

  test("fails when several all-in-one keys are set: one problem each", () => {
    const paths = problemsOf(controller({ image: "pomerium/pomerium:v0.33.1", replicas: 2 })).map(
      (p) => p.path,
    );
    assert.deepEqual(paths.sort(), [`${P}.image`, `${P}.replicas`]);
  });

  test("version stays allowed: an older controller's Pomerium sends no PKCE, so the app must not require it", () => {
    const s = settingsOf({
      "okta-pomerium:routes": IN_CLUSTER,
      [P]: { mode: "ingress-controller", version: "v0.32.9" },
    });
    assert.deepEqual(s.pomeriumVersion, [0, 32, 9]);
  });

  test("databroker.storage stays allowed (the controller's storage)", () => {
    assert.deepEqual(
      problemsOf({
        ...controller({ databroker: { storage: "postgres" } }),
        "okta-pomerium:databrokerConnectionString": JSON.stringify(
          SECRET_VALUES["okta-pomerium:databrokerConnectionString"],
        ),
      }),
      [],
    );
  });

  test("fails when the controller block is set in all-in-one mode", () => {
    failsAt(
      baseConfig({ [P]: { controller: { pomeriumName: "x" } } }),
      `${P}.controller`,
      /only applies with pomerium\.mode: ingress-controller/,
    );
  });

  test("a route outside the cluster is accepted (it gets an ExternalName Service); an IP is refused", () => {
    assert.deepEqual(
      problemsOf(controller({}, [{ ...IN_CLUSTER[0], to: "https://verify.pomerium.com" }])),
      [],
    );
    failsAt(
      controller({}, [{ ...IN_CLUSTER[0], to: "https://10.1.2.3:8443" }]),
      "okta-pomerium:routes[0]",
      /is an IP address: an ExternalName Service needs a DNS name/,
    );
  });

  test("fails when a route has two upstreams or none", () => {
    failsAt(
      controller({}, [{ ...IN_CLUSTER[0], to: ["http://a.x.svc", "http://b.x.svc"] }]),
      "okta-pomerium:routes[0]",
      /`to` must be exactly one http\(s\) URL without a path/,
    );
  });

  test("fails when a route has options the controller cannot read, naming each", () => {
    failsAt(
      controller({}, [{ ...IN_CLUSTER[0], regex: "^/a", tls_custom_ca: "x", timeout: "3s" }]),
      "okta-pomerium:routes[0]",
      /does not read from annotations: regex, tls_custom_ca;/,
    );
  });

  test("fails when a route's prefix or path is not a path the API server accepts for an Ingress", () => {
    for (const [key, value] of [
      ["prefix", "api"],
      ["prefix", "/a//b"],
      ["path", "/a/../b"],
      ["path", "/a%2Fb"],
      ["prefix", "/a/."],
    ])
      failsAt(
        controller({}, [{ ...IN_CLUSTER[0], [key]: value }]),
        "okta-pomerium:routes[0]",
        new RegExp(
          `\`${key}\` "${value.replace(/[.]/g, "\\.")}" is not a path the Kubernetes API accepts`,
        ),
      );
    assert.deepEqual(
      problemsOf(controller({}, [{ ...IN_CLUSTER[0], prefix: "/.well-known/x" }])),
      [],
    );
  });

  test("fails when a route sets both prefix and path", () => {
    failsAt(
      controller({}, [{ ...IN_CLUSTER[0], prefix: "/a", path: "/b" }]),
      "okta-pomerium:routes[0]",
      /both `prefix` and `path`/,
    );
  });

  test("fails when the controller's names are not Kubernetes names", () => {
    failsAt(
      controller({ controller: { ingressClassName: "Pomerium!" } }),
      `${P}.controller.ingressClassName`,
      /Kubernetes name/,
    );
    failsAt(
      controller({ controller: { authenticateCertificate: "no-slash" } }),
      `${P}.controller.authenticateCertificate`,
      /<namespace>\/<name>/,
    );
  });
});

describe("pomerium.gateway and the NetworkPolicy's namespaces", () => {
  test("accepted with parentRefs; annotations default to none", () => {
    const s = settingsOf({
      [P]: { gateway: { parentRefs: [{ name: "edge", namespace: "gateways" }] } },
    });
    assert.deepEqual(s.pomerium.gateway, {
      parentRefs: [{ name: "edge", namespace: "gateways" }],
      annotations: {},
    });
  });

  test("fails when parentRefs is empty or a ref has no name", () => {
    failsAt(
      baseConfig({ [P]: { gateway: { parentRefs: [] } } }),
      `${P}.gateway.parentRefs`,
      /at least one Gateway/,
    );
    failsAt(
      baseConfig({ [P]: { gateway: { parentRefs: [{ namespace: "gateways" }] } } }),
      `${P}.gateway.parentRefs[0].name`,
      /.+/,
    );
  });

  test("fails when xffNumTrustedHops is negative or not whole; 0 accepted", () => {
    failsAt(baseConfig({ [P]: { xffNumTrustedHops: -1 } }), `${P}.xffNumTrustedHops`, /0 or more/);
    failsAt(
      baseConfig({ [P]: { xffNumTrustedHops: 1.5 } }),
      `${P}.xffNumTrustedHops`,
      /whole number/,
    );
    assert.equal(settingsOf({ [P]: { xffNumTrustedHops: 0 } }).pomerium.xffNumTrustedHops, 0);
  });

  test("fails when a metrics namespace is not a DNS label", () => {
    failsAt(
      baseConfig({ [P]: { networkPolicy: { metricsNamespaces: ["Monitoring"] } } }),
      `${P}.networkPolicy.metricsNamespaces[0]`,
      /DNS-1123 label/,
    );
  });
});

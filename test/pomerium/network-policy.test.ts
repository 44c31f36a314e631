// The NetworkPolicy builder, without mocks (components/pomerium/network-policy.ts): where an
// upstream lives, and the whole spec for each kind of upstream, storage and ingress restriction.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Settings } from "../../stack/settings";
import { networkPolicySpec, upstreamTarget } from "../../components/pomerium/network-policy";
import { ROUTES, SECRET_VALUES, specOf } from "../mocks";
import { settingsOf as settings } from "./helpers";

/** The spec's egress rules as plain data (the builder is typed with Pulumi inputs, but returns plain values). */
const egressOf = (s: Settings) =>
  networkPolicySpec(specOf(s)).egress as Array<{ to: any[]; ports: any[] }>;

describe("upstreamTarget", () => {
  test("in-cluster services are found by namespace, with the port", () => {
    assert.deepEqual(upstreamTarget("http://grafana.monitoring.svc.cluster.local:3000", "pom"), {
      namespace: "monitoring",
      port: 3000,
    });
    assert.deepEqual(upstreamTarget("https://grafana.monitoring.svc", "pom"), {
      namespace: "monitoring",
      port: 443,
    });
    assert.deepEqual(upstreamTarget("http://dex:5556", "pom"), { namespace: "pom", port: 5556 });
    assert.deepEqual(upstreamTarget("http://dex", "pom"), { namespace: "pom", port: 80 });
  });

  test("anything else is outside the cluster (no namespace key)", () => {
    assert.deepEqual(upstreamTarget("https://verify.pomerium.com", "pom"), { port: 443 });
    assert.deepEqual(upstreamTarget("http://a.b.svc.example.com:8080", "pom"), { port: 8080 });
    assert.deepEqual(upstreamTarget("https://10.0.0.5:8443", "pom"), { port: 8443 });
  });
});

describe("networkPolicySpec", () => {
  const ANYWHERE = [{ ipBlock: { cidr: "0.0.0.0/0" } }, { ipBlock: { cidr: "::/0" } }];
  const DNS = {
    to: [{ namespaceSelector: {} }],
    ports: [
      { protocol: "UDP", port: 53 },
      { protocol: "TCP", port: 53 },
      { protocol: "UDP", port: 5353 },
      { protocol: "TCP", port: 5353 },
    ],
  };
  const tcp = (...ports: number[]) => ports.map((port) => ({ protocol: "TCP", port }));

  test("the base settings, whole: DNS, 443 anywhere (IPv4 and IPv6), the in-cluster upstream by namespace on any port", () => {
    assert.deepEqual(networkPolicySpec(specOf(settings())), {
      podSelector: {
        matchLabels: {
          "app.kubernetes.io/name": "pomerium",
          "app.kubernetes.io/instance": "pomerium-test",
        },
      },
      policyTypes: ["Ingress", "Egress"],
      // Only the proxy port; metrics are closed by default, the health port is never opened.
      ingress: [{ ports: tcp(8080) }],
      egress: [
        DNS,
        { to: ANYWHERE, ports: tcp(443) },
        // No port list: a NetworkPolicy matches the pod's port, which the Service may map from 3000.
        {
          to: [
            { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } },
          ],
        },
      ],
    });
  });

  test("an upstream in Pomerium's own namespace is reached by pod selector; external ports are merged and sorted", () => {
    const s = settings({
      "okta-pomerium:routes": [
        {
          from: "https://one.test.example.com",
          to: ["http://dex:5556", "https://ext.example.com:8443"],
          allowGroups: ["test-admins"],
        },
        {
          from: "https://two.test.example.com",
          to: "http://plain.example.com",
          allowGroups: ["test-admins"],
        },
      ],
    });
    assert.deepEqual(egressOf(s), [
      DNS,
      { to: ANYWHERE, ports: tcp(80, 443, 8443) },
      { to: [{ podSelector: {} }] },
    ]);
  });

  test("postgres storage opens the postgres port outside the cluster, and its namespace when given", () => {
    const postgres = (databroker: Record<string, unknown>) =>
      settings({
        "okta-pomerium:pomerium": { databroker: { storage: "postgres", ...databroker } },
        "okta-pomerium:databrokerConnectionString":
          SECRET_VALUES["okta-pomerium:databrokerConnectionString"],
      });
    const MONITORING = {
      to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }],
    };
    assert.deepEqual(egressOf(postgres({ postgresPort: 6543 })), [
      DNS,
      { to: ANYWHERE, ports: tcp(443, 6543) },
      MONITORING,
    ]);
    assert.deepEqual(egressOf(postgres({ postgresNamespace: "db" })), [
      DNS,
      { to: ANYWHERE, ports: tcp(443, 5432) },
      { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "db" } } }] },
      MONITORING,
    ]);
    // With memory storage no postgres port is open.
    assert.deepEqual(egressOf(settings()), [DNS, { to: ANYWHERE, ports: tcp(443) }, MONITORING]);
  });

  test("the output is stable whatever the route order", () => {
    const routes = [
      ...ROUTES,
      {
        from: "https://dex.test.example.com",
        to: "http://dex.auth.svc:5556",
        allowGroups: ["test-admins"],
      },
      {
        from: "https://ext.test.example.com",
        to: "https://ext.example.com:8443",
        allowGroups: ["test-admins"],
      },
      {
        from: "https://local.test.example.com",
        to: "http://local:8080",
        allowGroups: ["test-admins"],
      },
    ];
    const forward = networkPolicySpec(specOf(settings({ "okta-pomerium:routes": routes })));
    const backward = networkPolicySpec(
      specOf(settings({ "okta-pomerium:routes": [...routes].reverse() })),
    );
    assert.deepEqual(backward, forward);
    assert.equal(JSON.stringify(backward), JSON.stringify(forward));
    assert.equal((forward.egress as unknown[]).length, 5); // DNS, anywhere, auth, monitoring, own namespace
  });

  const ns = (name: string) => ({
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": name } },
  });
  const ingressOf = (pomerium: Record<string, unknown>) =>
    networkPolicySpec(specOf(settings({ "okta-pomerium:pomerium": pomerium }))).ingress;

  test("the proxy port from the ingress namespaces only; the health port on no version", () => {
    for (const image of ["pomerium/pomerium:v0.30.0", "pomerium/pomerium:v0.31.0"])
      assert.deepEqual(
        ingressOf({ image, networkPolicy: { ingressNamespaces: ["ingress-nginx", "gateways"] } }),
        [{ from: [ns("ingress-nginx"), ns("gateways")], ports: tcp(8080) }],
        image,
      );
  });

  test("the metrics port only from metricsNamespaces (sorted), in a rule of its own", () => {
    assert.deepEqual(
      ingressOf({
        networkPolicy: {
          ingressNamespaces: ["gateways"],
          metricsNamespaces: ["prometheus", "monitoring"],
        },
      }),
      [
        { from: [ns("gateways")], ports: tcp(8080) },
        { from: [ns("monitoring"), ns("prometheus")], ports: tcp(9090) },
      ],
    );
  });
});

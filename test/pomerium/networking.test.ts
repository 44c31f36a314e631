// The objects around the pods, through the mocks, as whole objects: the Service against the
// Deployment it fronts, the PodDisruptionBudget, the NetworkPolicy, the Ingress (off, on, with and
// without class and TLS), the ServiceAccount and the Namespace.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { ofType, one, type Run } from "../mocks";
import {
  deploymentOf,
  HA,
  inputsOf,
  kube,
  LABELS,
  meta,
  NAMESPACE,
  runAll,
  SELECTOR,
  T,
} from "./helpers";

let runs: Record<"def" | "ha" | "ingressPlain" | "noNetworkPolicy" | "lb" | "existingNs", Run>;
before(async () => {
  runs = await runAll({
    def: {},
    ha: HA,
    ingressPlain: { "okta-pomerium:pomerium": { ingress: { enabled: true } } },
    noNetworkPolicy: { "okta-pomerium:pomerium": { networkPolicy: { enabled: false } } },
    lb: {
      "okta-pomerium:pomerium": {
        service: {
          type: "LoadBalancer",
          port: 443,
          annotations: { "service.beta.kubernetes.io/aws-load-balancer-ssl-cert": "arn:cert" },
        },
      },
    },
    existingNs: { "okta-pomerium:pomerium": { createNamespace: false } },
  });
});

const HOSTS = [
  "authenticate.test.example.com",
  "verify.test.example.com",
  "grafana.test.example.com",
];
const SERVICE_PORTS = [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }];
const tcp = (...ports: number[]) => ports.map((port) => ({ protocol: "TCP", port }));
const DNS = {
  to: [{ namespaceSelector: {} }],
  ports: [53, 5353].flatMap((port) => [
    { protocol: "UDP", port },
    { protocol: "TCP", port },
  ]),
};
const ANYWHERE = [{ ipBlock: { cidr: "0.0.0.0/0" } }, { ipBlock: { cidr: "::/0" } }];
const MONITORING = {
  to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }],
};

describe("the Service", () => {
  test("selects exactly the Deployment's pods, by its selector, on the container's http port", () => {
    for (const [name, run] of Object.entries(runs)) {
      const service = inputsOf(run, T.service);
      const d = deploymentOf(run);
      assert.deepEqual(service.spec.selector, d.spec.selector.matchLabels, name);
      assert.deepEqual(service.spec.selector, SELECTOR, name);
      const podLabels = d.spec.template.metadata.labels;
      for (const [k, v] of Object.entries(service.spec.selector))
        assert.equal(podLabels[k], v, `${name}: the pods carry ${k}`);
      const ports = d.spec.template.spec.containers[0].ports.map((p: any) => p.name);
      for (const p of service.spec.ports) assert.ok(ports.includes(p.targetPort), p.targetPort);
    }
  });

  test("the default: ClusterIP on port 80, no annotations", () => {
    assert.deepEqual(inputsOf(runs.def, T.service), {
      apiVersion: "v1",
      kind: "Service",
      metadata: meta("pomerium-test"),
      spec: { type: "ClusterIP", selector: SELECTOR, ports: SERVICE_PORTS },
    });
  });

  test("a LoadBalancer on port 443 with the cloud's annotations", () => {
    const service = inputsOf(runs.lb, T.service);
    assert.deepEqual(service.metadata.annotations, {
      "service.beta.kubernetes.io/aws-load-balancer-ssl-cert": "arn:cert",
      "pulumi.com/skipAwait": "true",
    });
    assert.deepEqual(service.spec, {
      type: "LoadBalancer",
      selector: SELECTOR,
      ports: [{ ...SERVICE_PORTS[0], port: 443 }],
    });
  });
});

describe("the PodDisruptionBudget", () => {
  test("replicas 2: at most one pod down, selecting the Deployment's pods", () => {
    const pdb = inputsOf(runs.ha, T.pdb);
    assert.deepEqual(pdb.metadata, meta("pomerium-test"));
    assert.deepEqual(pdb.spec, { maxUnavailable: 1, selector: { matchLabels: SELECTOR } });
    assert.deepEqual(pdb.spec.selector, deploymentOf(runs.ha).spec.selector);
  });

  test("replicas 1: none (it would block every node drain)", () => {
    assert.equal(ofType(runs.def.recording, T.pdb).length, 0);
  });
});

describe("the NetworkPolicy", () => {
  test("the default: the proxy port in (not metrics, not health), DNS, 443 anywhere and the monitoring namespace out", () => {
    assert.deepEqual(inputsOf(runs.def, T.networkPolicy), {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: meta("pomerium-test"),
      spec: {
        podSelector: { matchLabels: SELECTOR },
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ ports: tcp(8080) }],
        egress: [DNS, { to: ANYWHERE, ports: tcp(443) }, MONITORING],
      },
    });
  });

  test("postgres storage: the postgres port opened too", () => {
    assert.deepEqual(inputsOf(runs.ha, T.networkPolicy).spec.egress, [
      DNS,
      { to: ANYWHERE, ports: tcp(443, 5432) },
      MONITORING,
    ]);
  });

  test("selects the Deployment's pods", () => {
    assert.deepEqual(
      inputsOf(runs.def, T.networkPolicy).spec.podSelector,
      deploymentOf(runs.def).spec.selector,
    );
  });

  test("absent when disabled", () => {
    assert.equal(ofType(runs.noNetworkPolicy.recording, T.networkPolicy).length, 0);
  });
});

describe("the Ingress", () => {
  const path = {
    path: "/",
    pathType: "Prefix",
    backend: { service: { name: "pomerium-test", port: { name: "http" } } },
  };
  const RULES = HOSTS.map((host) => ({ host, http: { paths: [path] } }));

  test("absent by default", () => {
    assert.equal(ofType(runs.def.recording, T.ingress).length, 0);
  });

  test("with a class and TLS: the authenticate host and every route host, to the Service's http port", () => {
    assert.deepEqual(inputsOf(runs.ha, T.ingress), {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: meta("pomerium-test", { annotations: { "pulumi.com/skipAwait": "true" } }),
      spec: {
        ingressClassName: "nginx",
        tls: [{ hosts: HOSTS, secretName: "pomerium-tls" }],
        rules: RULES,
      },
    });
    const service = inputsOf(runs.ha, T.service);
    assert.equal(path.backend.service.name, service.metadata.name);
  });

  test("without class or TLS: neither key (the cluster's default class and certificate)", () => {
    assert.deepEqual(inputsOf(runs.ingressPlain, T.ingress).spec, { rules: RULES });
  });
});

describe("the ServiceAccount and the Namespace", () => {
  test("the ServiceAccount mounts no token", () => {
    assert.deepEqual(inputsOf(runs.def, T.serviceAccount), {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: meta("pomerium-test"),
      automountServiceAccountToken: false,
    });
  });

  test("the Namespace asks the cluster to enforce, audit and warn on Pod Security restricted", () => {
    assert.deepEqual(inputsOf(runs.def, T.namespace).metadata, {
      name: NAMESPACE,
      labels: {
        ...LABELS,
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/warn": "restricted",
      },
    });
  });

  test("every namespaced object waits for the Namespace it goes into (none exists before the first up)", () => {
    const ns = one(runs.def.recording, T.namespace);
    for (const r of kube(runs.def).filter((r) => r.type !== T.namespace))
      assert.ok(r.dependencies.includes(ns.urn), `${r.type} ${r.name} does not wait for it`);
  });

  test("createNamespace false: no Namespace, the objects still go into it, and wait for nothing", () => {
    const run = runs.existingNs;
    assert.equal(ofType(run.recording, T.namespace).length, 0);
    for (const r of kube(run)) {
      assert.equal(r.inputs.metadata.namespace, NAMESPACE, `${r.type} ${r.name}`);
      assert.ok(!r.dependencies.some((d) => d.includes("Namespace")), `${r.type} ${r.name}`);
    }
  });
});

// Ingress-controller mode, an upstream outside the cluster: the program creates the ExternalName
// Service the route's Ingress sends to (asserted whole), and the same routes render in both modes.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import {
  externalServiceName,
  outsideUpstream,
  SERVICE_NAME_MAX,
} from "../../components/pomerium/controller-upstream";
import { controllerRouteProblems } from "../../components/pomerium/controller-objects";
import { ofType, Run } from "../mocks";
import { kube, LABELS, runAll, schemaProblems, T } from "./helpers";

const ROUTES = [
  {
    from: "https://ledger.test.example.com",
    to: "https://ledger.vendor.example.com",
    allowGroups: ["test-admins"],
    preserve_host_header: false,
  },
  {
    from: "https://status.test.example.com",
    to: "http://status.vendor.example.com:8080",
    allowGroups: ["test-admins"],
  },
  {
    from: "https://grafana.test.example.com",
    to: "http://grafana.monitoring.svc.cluster.local:3000",
    allowGroups: ["test-admins"],
  },
];
const controller = (routes: unknown[] = ROUTES) => ({
  "okta-pomerium:routes": routes,
  "okta-pomerium:pomerium": { mode: "ingress-controller" },
});

let runs: Record<"controller" | "allInOne" | "refused", Run>;
before(async () => {
  runs = await runAll({
    controller: controller(),
    allInOne: { "okta-pomerium:routes": ROUTES },
    refused: controller([{ ...ROUTES[0], to: "https://10.0.0.5" }]),
  });
});

describe("an upstream outside the cluster in ingress-controller mode", () => {
  test("the same routes render in both modes without edits", () => {
    assert.equal(runs.controller.error, undefined, String(runs.controller.error));
    assert.equal(runs.allInOne.error, undefined, String(runs.allInOne.error));
  });

  test("gets an ExternalName Service in its Ingress's namespace, named after the route and the stack (whole)", () => {
    const services = ofType(runs.controller.recording, T.service).map((r) => r.inputs);
    assert.deepEqual(services, [
      {
        apiVersion: "v1",
        kind: "Service",
        metadata: {
          name: "pomerium-test-ledger-test-example-com",
          namespace: "pomerium-test",
          labels: LABELS,
        },
        spec: {
          type: "ExternalName",
          externalName: "ledger.vendor.example.com",
          ports: [{ name: "https", port: 443, protocol: "TCP" }],
        },
      },
      {
        apiVersion: "v1",
        kind: "Service",
        metadata: {
          name: "pomerium-test-status-test-example-com",
          namespace: "pomerium-test",
          labels: LABELS,
        },
        spec: {
          type: "ExternalName",
          externalName: "status.vendor.example.com",
          ports: [{ name: "http", port: 8080, protocol: "TCP" }],
        },
      },
    ]);
  });

  test("the Services and Ingresses pass the Kubernetes schema", async () => {
    const objects = kube(runs.controller)
      .filter((r) => r.type === T.service || r.type === T.ingress)
      .map((r) => r.inputs as never);
    assert.equal(objects.length, 5);
    assert.deepEqual(await schemaProblems(...objects), []);
  });

  test("its Ingress sends to that Service's port, https upstreams marked secure_upstream", () => {
    const ingress = (host: string) =>
      ofType(runs.controller.recording, T.ingress).find(
        (r) => r.inputs.spec.rules[0].host === host,
      )!.inputs;
    const [ledger, status, grafana] = ["ledger", "status", "grafana"].map((h) =>
      ingress(`${h}.test.example.com`),
    );
    assert.equal(ledger.metadata.namespace, "pomerium-test");
    assert.deepEqual(ledger.spec.rules[0].http.paths[0].backend, {
      service: { name: "pomerium-test-ledger-test-example-com", port: { number: 443 } },
    });
    assert.equal(ledger.metadata.annotations["ingress.pomerium.io/secure_upstream"], "true");
    // The route's own host handling passes through as written (SNI is the upstream's name).
    assert.equal(ledger.metadata.annotations["ingress.pomerium.io/preserve_host_header"], "false");
    assert.equal("ingress.pomerium.io/tls_server_name" in ledger.metadata.annotations, false);
    assert.deepEqual(status.spec.rules[0].http.paths[0].backend, {
      service: { name: "pomerium-test-status-test-example-com", port: { number: 8080 } },
    });
    assert.equal("ingress.pomerium.io/secure_upstream" in status.metadata.annotations, false);
    assert.equal(grafana.metadata.namespace, "monitoring");
  });

  test("the Ingress is registered after its Service", () => {
    const [service] = ofType(runs.controller.recording, T.service);
    const ingress = ofType(runs.controller.recording, T.ingress).find(
      (r) => r.name === service.name,
    )!;
    assert.ok(ingress.dependencies.includes(service.urn), "dependsOn the Service");
  });

  test("fails when an outside upstream is an IP address (an ExternalName needs a DNS name)", () => {
    assert.match(
      String(runs.refused.error),
      /okta-pomerium:routes\[0\]: .*is an IP address: an ExternalName Service needs a DNS name/,
    );
    assert.equal(kube(runs.refused).length, 0);
  });
});

describe("the pure parts", () => {
  test("in-cluster names are not outside upstreams; everything else is", () => {
    assert.deepEqual(outsideUpstream("http://grafana"), {});
    assert.deepEqual(outsideUpstream("http://grafana.monitoring.svc"), {});
    assert.deepEqual(outsideUpstream("http://grafana.monitoring.svc.cluster.local:3000"), {});
    assert.deepEqual(outsideUpstream("https://api.example.com"), {
      upstream: { host: "api.example.com", port: 443, secure: true },
    });
    assert.deepEqual(outsideUpstream("http://grafana.monitoring.svc.example.com"), {
      upstream: { host: "grafana.monitoring.svc.example.com", port: 80, secure: false },
    });
  });
  test("the Service name: the Ingress name with the stack, at most 63 characters, a letter first", () => {
    assert.equal(
      externalServiceName("pomerium-prod-a-example-com", "pomerium-prod", "prod"),
      "pomerium-prod-a-example-com",
    );
    assert.equal(
      externalServiceName("edge-a-example-com", "edge", "Prod_1"),
      "edge-a-example-com-prod-1",
    );
    assert.equal(externalServiceName("1edge-a", "1edge", "s"), "x-1edge-a-s");
    const at = externalServiceName(`p-${"a".repeat(52)}`, "p", "stack"); // 54 + "-stack" = 60
    assert.equal(at, `p-${"a".repeat(52)}-stack`);
    const long = externalServiceName(`p-${"a".repeat(60)}`, "p", "stack");
    assert.equal(long.length, SERVICE_NAME_MAX);
    assert.match(long, /^p-a+-[0-9a-f]{8}$/);
    assert.notEqual(long, externalServiceName(`p-${"a".repeat(61)}`, "p", "stack"));
  });
  test("turned off (externalNameServices: false), an outside upstream is refused", () => {
    const route = { from: "https://a.example.com", to: "https://api.example.com" };
    assert.deepEqual(controllerRouteProblems(route, "ns", true), []);
    assert.match(
      controllerRouteProblems(route, "ns", false)[0],
      /ExternalName Services are turned off/,
    );
  });
});

// Gateway API exposure for all-in-one: HTTPRoutes attached to the user's Gateway, covering exactly
// the hosts Pomerium serves, backed by its Service; validated against the Gateway API's schema.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { httpRouteSpecs } from "../../components/pomerium/exposure";
import { ofType, Run, specOf } from "../mocks";
import { configOf, inputsOf, meta, runAll, schemaProblems, settingsOf, T } from "./helpers";

const GATEWAY = {
  parentRefs: [{ name: "edge", namespace: "gateways", sectionName: "https" }],
  annotations: { "example.com/team": "platform" },
};
let runs: Record<"gateway" | "port" | "none", Run>;
before(async () => {
  runs = await runAll({
    gateway: { "okta-pomerium:pomerium": { gateway: GATEWAY } },
    port: { "okta-pomerium:pomerium": { gateway: GATEWAY, service: { port: 8000 } } },
    none: {},
  });
});

/** The hosts Pomerium serves, read from its own config file (not from the code under test). */
const servedHosts = (run: Run) => {
  const config = configOf(run);
  return new Set(
    [config.authenticate_service_url, ...config.routes.map((r: any) => r.from)].map(
      (u: string) => new URL(u).hostname,
    ),
  );
};

describe("the HTTPRoute", () => {
  test("whole: attached to the Gateway, every host, everything to Pomerium's Service", () => {
    const route = inputsOf(runs.gateway, T.httpRoute);
    assert.deepEqual(route, {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: meta("pomerium-test", {
        annotations: { ...GATEWAY.annotations, "pulumi.com/skipAwait": "true" },
      }),
      spec: {
        parentRefs: [
          {
            group: "gateway.networking.k8s.io",
            kind: "Gateway",
            name: "edge",
            namespace: "gateways",
            sectionName: "https",
          },
        ],
        hostnames: [
          "authenticate.test.example.com",
          "verify.test.example.com",
          "grafana.test.example.com",
        ],
        rules: [
          {
            matches: [{ path: { type: "PathPrefix", value: "/" } }],
            backendRefs: [{ name: "pomerium-test", port: 80 }],
          },
        ],
      },
    });
  });

  test("its hostnames are exactly the hosts in Pomerium's config", () => {
    const hostnames = ofType(runs.gateway.recording, T.httpRoute).flatMap(
      (r) => r.inputs.spec.hostnames,
    );
    assert.deepEqual(new Set(hostnames), servedHosts(runs.gateway));
    assert.equal(hostnames.length, new Set(hostnames).size, "each host once");
  });

  test("the backend port is the Service's port", () => {
    const service = inputsOf(runs.port, T.service);
    const route = inputsOf(runs.port, T.httpRoute);
    assert.equal(route.spec.rules[0].backendRefs[0].port, service.spec.ports[0].port);
    assert.equal(route.spec.rules[0].backendRefs[0].port, 8000);
  });

  test("passes the Gateway API schema", async () => {
    assert.deepEqual(await schemaProblems(inputsOf(runs.gateway, T.httpRoute)), []);
  });

  test("none without pomerium.gateway", () => {
    assert.equal(ofType(runs.none.recording, T.httpRoute).length, 0);
  });
});

describe("httpRouteSpecs: more hosts than one HTTPRoute lists", () => {
  test("40 hosts: three HTTPRoutes of 16, 16 and 8 hostnames, none lost, each valid", async () => {
    const routes = Array.from({ length: 39 }, (_, i) => ({
      from: `https://app${i}.test.example.com`,
      to: "http://app.apps.svc",
      allowGroups: ["test-admins"],
    }));
    const spec = specOf(
      settingsOf({
        "okta-pomerium:routes": routes,
        "okta-pomerium:pomerium": { gateway: GATEWAY },
      }),
    );
    const hosts = ["authenticate.test.example.com", ...routes.map((r) => new URL(r.from).hostname)];
    const specs = httpRouteSpecs(spec, hosts, 80);
    assert.deepEqual(
      specs.map((s) => s.hostnames.length),
      [16, 16, 8],
    );
    assert.deepEqual(
      specs.flatMap((s) => s.hostnames),
      hosts,
    );
    for (const s of specs)
      assert.deepEqual(
        await schemaProblems({
          apiVersion: "gateway.networking.k8s.io/v1",
          kind: "HTTPRoute",
          metadata: { name: "x" },
          spec: s,
        }),
        [],
      );
  });
});

// The real tier's pure parts, in `npm test` (no Go, no cluster): binary names and cache keys of the
// build, the Pomerium CRD built from the project's model, and the helpers its tests read shapes with.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { binaryName, cacheKey, MODULES } from "../../scripts/real/build";
import { pomeriumCrd, structural } from "../../scripts/real/crds";
import { Rendered } from "../render/modes";
import { allInOneConfig, changedRoutes, ingressRoutes, namespacesOf, warnings } from "./shapes";

describe("real tier build", () => {
  test("binary names: the last element, the one before a major-version suffix, the module's", () => {
    assert.equal(binaryName("k8s.io/kubernetes/cmd/kubectl", "kube"), "kubectl");
    assert.equal(binaryName("go.etcd.io/etcd/server/v3", "kube"), "server");
    assert.equal(binaryName("./standin", "pulumi"), "standin");
    assert.equal(binaryName(".", "pomerium"), "pomerium");
    assert.equal(binaryName("example.com/v2", "x"), "example.com");
  });

  test("cache keys: stable, per Go version, per module", () => {
    const [kube, provider] = MODULES;
    assert.equal(cacheKey(kube, "go1.26.8"), cacheKey(kube, "go1.26.8"));
    assert.notEqual(cacheKey(kube, "go1.26.8"), cacheKey(kube, "go1.26.9"));
    assert.notEqual(cacheKey(kube, "go1.26.8"), cacheKey(provider, "go1.26.8"));
    assert.match(cacheKey(kube, "go1.26.8"), /^[0-9a-f]{16}$/);
  });
});

describe("the Pomerium CRD from the project's model", () => {
  test("a JSON schema becomes structural: no additionalProperties false, unknown kept", () => {
    assert.deepEqual(
      structural({
        $schema: "x",
        type: "object",
        additionalProperties: false,
        properties: {
          a: {},
          b: { type: "string" },
          c: { type: "object", additionalProperties: { type: "string" } },
        },
        required: ["b"],
      }),
      {
        type: "object",
        properties: {
          a: { "x-kubernetes-preserve-unknown-fields": true },
          b: { type: "string" },
          c: { type: "object", additionalProperties: { type: "string" } },
        },
        required: ["b"],
      },
    );
  });

  test("cluster-scoped ingress.pomerium.io/v1 Pomerium, spec.secrets required and patterned", () => {
    const crd = pomeriumCrd() as any;
    assert.equal(crd.metadata.name, "pomerium.ingress.pomerium.io");
    assert.equal(crd.spec.scope, "Cluster");
    const spec = crd.spec.versions[0].schema.openAPIV3Schema.properties.spec;
    assert.deepEqual(spec.required, ["secrets"]);
    assert.equal(spec.properties.secrets.type, "string");
    assert.ok(spec.properties.secrets.pattern.includes("\\/"));
    assert.deepEqual(spec.properties.dataBroker, { "x-kubernetes-preserve-unknown-fields": true });
    assert.equal(JSON.stringify(spec).includes('"additionalProperties":false'), false);
  });
});

const shape = (objects: Array<Record<string, any>>): Rendered => ({
  name: "s",
  recording: { registrations: [], invokes: [], warnings: [] },
  objects,
});

describe("reading rendered shapes", () => {
  test("namespaces: created ones and those objects live in, once each, sorted", () => {
    assert.deepEqual(
      namespacesOf([
        { kind: "Namespace", metadata: { name: "b" } },
        { kind: "Secret", metadata: { name: "s", namespace: "b" } },
        { kind: "Ingress", metadata: { name: "i", namespace: "a" } },
        { kind: "Pomerium", metadata: { name: "global" } },
      ]),
      ["a", "b"],
    );
    assert.deepEqual(namespacesOf([]), []);
  });

  test("warnings: only the lines that warn", () => {
    assert.deepEqual(warnings("Warning: x is deprecated\nok\n"), ["Warning: x is deprecated"]);
    assert.deepEqual(warnings("secret/a serverside-applied\n"), []);
  });

  test("the all-in-one config is the ConfigMap's config.json; none in controller mode", () => {
    const cm = {
      kind: "ConfigMap",
      metadata: { name: "c" },
      data: { "config.json": '{"routes":[]}' },
    };
    assert.deepEqual(allInOneConfig(shape([{ kind: "ConfigMap", data: { other: "1" } }, cm])), {
      routes: [],
    });
    assert.equal(allInOneConfig(shape([{ kind: "Ingress" }])), undefined);
  });

  test("a controller Ingress becomes the route the controller makes: policy and known options only", () => {
    const ingress = {
      kind: "Ingress",
      metadata: {
        namespace: "apps",
        annotations: {
          "ingress.pomerium.io/policy":
            "- allow:\n    or:\n      - email:\n          is: a@example.com\n",
          "ingress.pomerium.io/allow_websockets": "true",
          "ingress.pomerium.io/secure_upstream": "true",
          "cert-manager.io/cluster-issuer": "le",
        },
      },
      spec: {
        ingressClassName: "pomerium",
        rules: [
          {
            host: "a.example.com",
            http: { paths: [{ backend: { service: { name: "a", port: { number: 8080 } } } }] },
          },
        ],
      },
    };
    const other = { ...ingress, spec: { ...ingress.spec, ingressClassName: "nginx" } };
    assert.deepEqual(ingressRoutes(shape([ingress, other])), [
      {
        from: "https://a.example.com",
        to: ["http://a.apps.svc.cluster.local:8080"],
        policy: [{ allow: { or: [{ email: { is: "a@example.com" } }] } }],
        allow_websockets: true,
      },
    ]);
  });

  test("a route change adds an email to the first route only", () => {
    const routes = [{ from: "https://a", allowEmails: ["x@e.com"] }, { from: "https://b" }];
    assert.deepEqual(JSON.parse(changedRoutes(JSON.stringify(routes))), [
      { from: "https://a", allowEmails: ["x@e.com", "new-hire@example.com"] },
      { from: "https://b" },
    ]);
  });
});

// Ingress-controller mode through the stack program and the mocks, as whole objects: the one (or
// two) Secrets, the patched cluster-scoped `Pomerium` object, one Ingress per route with its
// annotations and TLS; nothing of the all-in-one Deployment; secrets only in Secrets; determinism.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import {
  ANNOTATION_PREFIX,
  annotationValue,
  routeIngress,
  routeIngressName,
} from "../../components/pomerium/controller-objects";
import { byName, ofType, oktaResources, one, Run, valueOf } from "../mocks";
import { configOf, kube, LABELS, POSTGRES, runAll, schemaProblems, T } from "./helpers";

const ROUTES = [
  {
    from: "https://grafana.test.example.com",
    to: "http://grafana.monitoring.svc.cluster.local:3000",
    allowGroups: ["test-admins"],
    pass_identity_headers: true,
    timeout: "30s",
  },
  {
    from: "https://api.test.example.com",
    to: "https://api.apps.svc",
    allowEmails: ["a@example.com"],
    prefix: "/v1",
    set_request_headers: { "X-Team": "true" },
  },
];
const CONTROLLER = {
  "okta-pomerium:routes": ROUTES,
  "okta-pomerium:pomerium": {
    mode: "ingress-controller",
    databroker: { storage: "postgres" },
    controller: { annotations: { "cert-manager.io/cluster-issuer": "letsencrypt" } },
  },
  "okta-pomerium:databrokerConnectionString": POSTGRES,
};

let runs: Record<"controller" | "again" | "memory" | "allInOne", Run>;
before(async () => {
  runs = await runAll({
    controller: CONTROLLER,
    again: CONTROLLER,
    memory: {
      "okta-pomerium:routes": ROUTES,
      "okta-pomerium:pomerium": { mode: "ingress-controller" },
    },
    allInOne: { "okta-pomerium:routes": ROUTES },
  });
  for (const run of Object.values(runs)) assert.equal(run.error, undefined, String(run.error));
});

const NS = "pomerium-test";
const a = (key: string) => `${ANNOTATION_PREFIX}/${key}`;
const secretOf = (run: Run, name: string) => byName(run.recording, `pomerium-${name}`);

describe("ingress-controller mode: what is registered", () => {
  test("Namespace, Secrets, the Pomerium patch and one Ingress per route; no Deployment, Service or ConfigMap", () => {
    const kinds = kube(runs.controller).map((r) => r.type);
    assert.deepEqual(
      kinds.sort(),
      [T.ingress, T.ingress, T.pomeriumPatch, T.namespace, T.secret, T.secret].sort(),
    );
  });

  test("routes cost no Okta resource: the same Okta registrations as all-in-one", () => {
    const okta = (run: Run) => oktaResources(run.recording).map((r) => `${r.type} ${r.name}`);
    assert.deepEqual(okta(runs.controller), okta(runs.allInOne));
  });

  test("every object passes its schema (kubernetes-models; the CRD's fields for Pomerium)", async () => {
    const objects = kube(runs.controller).map((r) => r.inputs);
    assert.deepEqual(await schemaProblems(...objects), []);
  });
});

describe("ingress-controller mode: the Secrets", () => {
  test("the IdP Secret: client_id and client_secret of the Okta app, secret", async () => {
    const s = secretOf(runs.controller, "idp-secret");
    assert.deepEqual(s.inputs.metadata, {
      name: "pomerium-test-idp",
      namespace: NS,
      labels: LABELS,
    });
    assert.deepEqual(s.inputs.stringData, {
      client_id: await valueOf(runs.controller.outputs!.clientId),
      client_secret: await valueOf(runs.controller.outputs!.clientSecret),
    });
    assert.ok(s.secretPaths.includes("stringData"));
  });

  test("no bootstrap Secret and no random bytes: .spec.secrets stays the installation's", () => {
    assert.deepEqual(
      ofType(runs.controller.recording, T.secret)
        .map((r) => r.inputs.metadata.name)
        .sort(),
      ["pomerium-test-idp", "pomerium-test-postgres"],
    );
    assert.deepEqual(ofType(runs.controller.recording, T.randomBytes), []);
  });

  test("postgres storage: a Secret with key `connection`; none with memory storage", () => {
    const s = secretOf(runs.controller, "postgres-secret");
    assert.deepEqual(s.inputs.stringData, { connection: POSTGRES });
    assert.equal(ofType(runs.memory.recording, T.secret).length, 1);
  });

  test("no registration but a Secret carries a secret value", async () => {
    const secrets = ofType(runs.controller.recording, T.secret).flatMap((r) =>
      Object.values<string>({ ...r.inputs.stringData, ...r.inputs.data }).filter(
        (v) => v.length > 20,
      ),
    );
    for (const r of runs.controller.recording.registrations) {
      if (r.type === T.secret || r.type === "pulumi:providers:okta") continue;
      const text = JSON.stringify(r.inputs);
      for (const v of secrets) assert.ok(!text.includes(v), `${r.type} ${r.name} carries a secret`);
    }
  });
});

describe("ingress-controller mode: the Pomerium object", () => {
  test("patched (server-side apply, this stack's field manager, forced), cluster-scoped, named global", async () => {
    const p = one(runs.controller.recording, T.pomeriumPatch).inputs;
    assert.deepEqual(p.metadata, {
      name: "global",
      annotations: {
        "pulumi.com/patchFieldManager": "okta-pomerium-test",
        "pulumi.com/skipAwait": "true",
      },
    });
    assert.deepEqual(p.spec, {
      authenticate: { url: "https://authenticate.test.example.com" },
      identityProvider: {
        provider: "okta",
        url: await valueOf(runs.controller.outputs!.issuer),
        secret: `${NS}/pomerium-test-idp`,
        scopes: ["openid", "profile", "email", "offline_access", "pomerium"],
      },
      storage: { postgres: { secret: `${NS}/pomerium-test-postgres` } },
    });
    assert.equal("storage" in one(runs.memory.recording, T.pomeriumPatch).inputs.spec, false);
  });
});

describe("ingress-controller mode: one Ingress per route", () => {
  const ingresses = () => ofType(runs.controller.recording, T.ingress).map((r) => r.inputs);

  test("each whole: in its upstream's namespace, class pomerium, TLS for its host, the Service as backend", () => {
    const [grafana, api] = ingresses();
    assert.deepEqual(grafana.metadata.namespace, "monitoring");
    assert.deepEqual(grafana.spec, {
      ingressClassName: "pomerium",
      tls: [{ hosts: ["grafana.test.example.com"], secretName: `${grafana.metadata.name}-tls` }],
      rules: [
        {
          host: "grafana.test.example.com",
          http: {
            paths: [
              {
                path: "/",
                pathType: "Prefix",
                backend: { service: { name: "grafana", port: { number: 3000 } } },
              },
            ],
          },
        },
      ],
    });
    assert.equal(api.metadata.namespace, "apps");
    assert.deepEqual(api.spec.rules[0].http.paths[0], {
      path: "/v1",
      pathType: "Prefix",
      backend: { service: { name: "api", port: { number: 443 } } },
    });
    assert.deepEqual(api.metadata.labels, LABELS);
    assert.match(grafana.metadata.name, /^pomerium-test-grafana-test-example-com$/);
    assert.match(api.metadata.name, /^pomerium-test-api-test-example-com-[0-9a-f]{8}$/);
  });

  test("the route's access rule and options as annotations; https upstreams are secure_upstream", () => {
    const [grafana, api] = ingresses();
    assert.deepEqual(grafana.metadata.annotations, {
      "cert-manager.io/cluster-issuer": "letsencrypt",
      [a("policy")]: JSON.stringify([{ allow: { or: [{ "claim/groups": "test-admins" }] } }]),
      [a("pass_identity_headers")]: "true",
      [a("timeout")]: '"30s"',
      "pulumi.com/skipAwait": "true",
    });
    assert.deepEqual(api.metadata.annotations, {
      "cert-manager.io/cluster-issuer": "letsencrypt",
      [a("policy")]: JSON.stringify([{ allow: { or: [{ email: { is: "a@example.com" } }] } }]),
      [a("set_request_headers")]: '{"X-Team":"true"}',
      [a("secure_upstream")]: "true",
      "pulumi.com/skipAwait": "true",
    });
  });

  test("the policy annotation is the PPL the all-in-one config gets for the same route", () => {
    const allInOne = configOf(runs.allInOne).routes;
    ingresses().forEach((ing, i) =>
      assert.deepEqual(JSON.parse(ing.metadata.annotations[a("policy")]), allInOne[i].policy),
    );
  });

  test("a second evaluation registers exactly the same objects", () => {
    const strip = (run: Run) =>
      kube(run).map((r) => ({ type: r.type, name: r.name, inputs: r.inputs }));
    assert.deepEqual(strip(runs.again), strip(runs.controller));
  });
});

describe("annotationValue: what the controller parses back as YAML", () => {
  test("a plain word stays as written; YAML's booleans, nulls and numbers stay strings through JSON", () => {
    assert.equal(annotationValue("30s"), '"30s"');
    assert.equal(annotationValue("round_robin"), "round_robin");
    for (const word of ["true", "False", "yes", "no", "on", "off", "null", "y"])
      assert.equal(annotationValue(word), JSON.stringify(word), word);
    assert.equal(annotationValue("foo:"), '"foo:"', "YAML would read a trailing colon as a map");
    assert.equal(annotationValue(true), "true");
    assert.equal(annotationValue(["a", "b"]), '["a","b"]');
    assert.equal(annotationValue({ "X-A": "1" }), '{"X-A":"1"}');
  });
});

describe("routeIngress: the Ingress path", () => {
  const SPEC = {
    stack: "test",
    authenticateUrl: "https://authenticate.test.example.com",
    routes: [],
    groupsClaimName: "groups",
    namespace: NS,
    name: "pomerium-test",
    pomeriumName: "global",
    ingressClassName: "pomerium",
    postgres: false,
  };
  const pathOf = (route: Record<string, unknown>) =>
    (
      routeIngress(SPEC, { from: "https://a.test.example.com", to: "http://a.apps.svc", ...route })
        .spec as any
    ).rules[0];

  test("`path` is an Exact path, `prefix` a Prefix one, neither the whole host", () => {
    assert.deepEqual(
      {
        path: pathOf({ path: "/health" }).http.paths[0].path,
        type: pathOf({ path: "/health" }).http.paths[0].pathType,
      },
      { path: "/health", type: "Exact" },
    );
    assert.equal(pathOf({ prefix: "/v1" }).http.paths[0].pathType, "Prefix");
    assert.deepEqual(
      [pathOf({}).http.paths[0].path, pathOf({}).http.paths[0].pathType],
      ["/", "Prefix"],
    );
  });

  test("a bare service name is a Service in the Secrets' namespace", () => {
    const ing = routeIngress(SPEC, {
      from: "https://b.test.example.com",
      to: "http://whoami:8080",
    });
    assert.equal(ing.namespace, NS);
    assert.deepEqual((ing.spec as any).rules[0].http.paths[0].backend, {
      service: { name: "whoami", port: { number: 8080 } },
    });
  });
});

describe("routeIngressName", () => {
  test("a wildcard host gets a valid name; prefix and path of the same value get different ones", () => {
    const base = { name: "pomerium-test" };
    assert.equal(
      routeIngressName(base, { from: "https://*.test.example.com" }),
      "pomerium-test-wildcard-test-example-com",
    );
    assert.notEqual(
      routeIngressName(base, { from: "https://a.test.example.com", prefix: "/a" }),
      routeIngressName(base, { from: "https://a.test.example.com", path: "/a" }),
    );
  });
});

test("a protected stack protects the namespace that holds the Secrets", async () => {
  const { protected: run } = await runAll({
    protected: {
      ...CONTROLLER,
      "okta-pomerium:protect": true,
      // Production's shape (protect-rules.ts): short-lived tokens on the custom server.
      "okta-pomerium:authorizationServer": {
        accessTokenLifetimeMinutes: 30,
        refreshTokenLifetimeMinutes: 1440,
        refreshTokenWindowMinutes: 720,
      },
    },
  });
  assert.equal(one(run.recording, T.namespace).protect, true);
  assert.equal(one(runs.controller.recording, T.namespace).protect, false);
});

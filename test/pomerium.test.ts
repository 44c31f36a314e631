// Pomerium on Kubernetes, through the mocks: what the container sees, where secrets go, Pod
// Security, the real Kubernetes schemas, rollouts, HA refusals, version rules and optional objects.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import {
  imagePinned,
  networkPolicyPresent,
  noSecretsInConfigMaps,
  PlannedResource,
  podSecurityRestricted,
  resourceLimitsSet,
} from "../components/guardrails";
import { serviceAccountJson } from "../components/pomerium/config";
import { sha256 } from "../components/pomerium/config";
import { SettingsError } from "../components/settings/error";
import { mockState } from "../scripts/render/mock-runtime";
import {
  baseConfig,
  byName,
  one,
  ofType,
  Registration,
  ROUTES,
  Run,
  runProgram,
  SECRET_VALUES,
  valueOf,
} from "./mocks";

const T = {
  namespace: "kubernetes:core/v1:Namespace",
  secret: "kubernetes:core/v1:Secret",
  configMap: "kubernetes:core/v1:ConfigMap",
  service: "kubernetes:core/v1:Service",
  deployment: "kubernetes:apps/v1:Deployment",
  pdb: "kubernetes:policy/v1:PodDisruptionBudget",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  ingress: "kubernetes:networking.k8s.io/v1:Ingress",
  randomBytes: "random:index/randomBytes:RandomBytes",
} as const;

/** The real schema (kubernetes-models 4.5.0) of every Kubernetes type the program creates. */
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  [T.namespace]: Namespace,
  "kubernetes:core/v1:ServiceAccount": ServiceAccount,
  [T.secret]: Secret,
  [T.configMap]: ConfigMap,
  [T.service]: Service,
  [T.deployment]: Deployment,
  [T.pdb]: PodDisruptionBudget,
  [T.networkPolicy]: NetworkPolicy,
  [T.ingress]: Ingress,
};

const POSTGRES = SECRET_VALUES["okta-pomerium:databrokerConnectionString"];
const OTHER_POSTGRES =
  "postgres://pomerium:SECRET-other-password-9e0f@db.example.com:5432/pomerium";
const DIRECTORY_TOKEN = SECRET_VALUES["okta-pomerium:directoryApiToken"];
const HA_POMERIUM = {
  replicas: 2,
  databroker: { storage: "postgres" },
  ingress: { enabled: true, className: "nginx", tlsSecretName: "pomerium-tls" },
};
const HA = {
  "okta-pomerium:pomerium": HA_POMERIUM,
  "okta-pomerium:databrokerConnectionString": POSTGRES,
};
/** Every secret path at once: postgres, the directory token on a pre-v0.20 image, a service app. */
const ALL_SECRETS = {
  "okta-pomerium:pomerium": {
    image: "pomerium/pomerium:v0.19.1",
    replicas: 2,
    databroker: { storage: "postgres" },
  },
  "okta-pomerium:databrokerConnectionString": POSTGRES,
  "okta-pomerium:directoryApiToken": DIRECTORY_TOKEN,
  "okta:apiToken": undefined,
  "okta:clientId": "0oaserviceapp0000001",
  "okta:privateKey": SECRET_VALUES["okta:privateKey"],
  "okta:privateKeyId": "kid-1",
  "okta:scopes": ["okta.apps.manage", "okta.groups.manage", "okta.authorizationServers.manage"],
};

const runs: Record<string, Run> = {};
/** Evaluates every configuration once, one after the other (the mocks are global). */
before(async () => {
  const configs: Record<string, Record<string, string>> = {
    def: baseConfig(),
    def2: baseConfig(),
    routeChanged: baseConfig({
      "okta-pomerium:routes": [ROUTES[0], { ...ROUTES[1], allowEmails: ["b@example.com"] }],
    }),
    ha: baseConfig(HA),
    haOtherSecret: baseConfig({
      ...HA,
      "okta-pomerium:databrokerConnectionString": OTHER_POSTGRES,
    }),
    old: baseConfig(ALL_SECRETS),
    noNetworkPolicy: baseConfig({
      "okta-pomerium:pomerium": { networkPolicy: { enabled: false } },
    }),
    replicasOnMemory: baseConfig({ "okta-pomerium:pomerium": { replicas: 2 } }),
    postgresNoSecret: baseConfig({
      "okta-pomerium:pomerium": { databroker: { storage: "postgres" } },
    }),
    tokenOnNewImage: baseConfig({ "okta-pomerium:directoryApiToken": DIRECTORY_TOKEN }),
  };
  for (const [name, config] of Object.entries(configs))
    runs[name] = await runProgram(config, "test");
});

const SUCCESSFUL = ["def", "def2", "routeChanged", "ha", "haOtherSecret", "old", "noNetworkPolicy"];
const kube = (run: Run) =>
  run.recording.registrations.filter((r) => r.type.startsWith("kubernetes:"));
const planned = (r: Registration): PlannedResource => ({ type: r.type, props: r.inputs });
const container = (run: Run) =>
  one(run.recording, T.deployment).inputs.spec.template.spec.containers[0];
const podAnnotations = (run: Run) =>
  one(run.recording, T.deployment).inputs.spec.template.metadata.annotations;
const configFile = (run: Run) =>
  one(run.recording, T.configMap).inputs.data["config.json"] as string;
const config = (run: Run) => JSON.parse(configFile(run));
const secretData = (run: Run) =>
  one(run.recording, T.secret).inputs.stringData as Record<string, string>;
/** The base64 value the random provider returned for a RandomBytes (the mock is deterministic). */
const randomBase64 = (run: Run, name: string) =>
  valueOf<string>(mockState(T.randomBytes, name, byName(run.recording, name).inputs).state.base64);

describe("the config the container sees is exactly the Okta outputs", () => {
  test("config.json carries the issuer, client id, scopes and authenticate URL", async () => {
    const run = runs.def;
    assert.equal(run.error, undefined);
    const c = config(run);
    const issuer = await valueOf(run.outputs!.issuer);
    // The mocks put the issuer on a custom domain: only the server's output can produce it.
    assert.equal(
      issuer,
      `https://id.custom-domain.example/oauth2/${one(run.recording, "okta:auth/server:Server").id}`,
    );
    assert.equal(c.idp_provider, "okta");
    assert.equal(c.idp_provider_url, issuer);
    assert.equal(c.idp_client_id, await valueOf(run.outputs!.clientId));
    assert.notEqual(
      c.idp_client_id,
      one(run.recording, "okta:app/oAuth:OAuth").id,
      "clientId, not the app id",
    );
    assert.deepEqual(c.idp_scopes, [...run.outputs!.scopes]);
    assert.deepEqual(
      c.idp_scopes,
      one(run.recording, "okta:auth/serverPolicyRule:ServerPolicyRule").inputs.scopeWhitelists,
    );
    assert.equal(c.authenticate_service_url, "https://authenticate.test.example.com");
    assert.deepEqual(one(run.recording, "okta:app/oAuth:OAuth").inputs.redirectUris, [
      `${c.authenticate_service_url}/oauth2/callback`,
    ]);
    for (const key of [
      "idp_client_secret",
      "shared_secret",
      "cookie_secret",
      "databroker_storage_connection_string",
    ]) {
      assert.equal(key in c, false, `${key} must not be in the ConfigMap`);
    }
  });

  test("each secret env var refs the Secret, whose value is the provider's output", async () => {
    const run = runs.def;
    const secret = one(run.recording, T.secret).inputs;
    const expected: Record<string, [string, string]> = {
      IDP_CLIENT_SECRET: ["idp_client_secret", await valueOf(run.outputs!.clientSecret)],
      SHARED_SECRET: ["shared_secret", await randomBase64(run, "pomerium-shared-secret")],
      COOKIE_SECRET: ["cookie_secret", await randomBase64(run, "pomerium-cookie-secret")],
    };
    const all = container(run).env as any[];
    // Plain values only for the cache paths the read-only root needs; every secret comes by reference.
    assert.deepEqual(
      all.filter((e) => "value" in e),
      [
        { name: "XDG_CACHE_HOME", value: "/tmp" },
        { name: "TMPDIR", value: "/tmp" },
      ],
    );
    const env = all.filter((e) => !("value" in e));
    assert.deepEqual(
      env.map((e) => e.name),
      Object.keys(expected),
    );
    for (const e of env) {
      const [key, value] = expected[e.name];
      assert.deepEqual(e, {
        name: e.name,
        valueFrom: { secretKeyRef: { name: secret.metadata.name, key } },
      });
      assert.equal(secret.stringData[key], value, `${key} in the Secret`);
    }
    assert.deepEqual(Object.keys(secret.stringData).sort(), [
      "cookie_secret",
      "idp_client_secret",
      "shared_secret",
    ]);
    assert.notEqual(secret.stringData.shared_secret, secret.stringData.cookie_secret);
    assert.equal(Buffer.from(secret.stringData.shared_secret, "base64").length, 32);
  });

  test("--config points at the mounted ConfigMap file", () => {
    const run = runs.def;
    const c = container(run);
    const pod = one(run.recording, T.deployment).inputs.spec.template.spec;
    const cm = one(run.recording, T.configMap).inputs;
    assert.equal(c.args[0], "--config");
    const volume = pod.volumes.find((v: any) => v.configMap?.name === cm.metadata.name);
    const mount = c.volumeMounts.find((m: any) => m.name === volume.name);
    assert.equal(mount.readOnly, true);
    assert.deepEqual(Object.keys(cm.data), ["config.json"]);
    assert.equal(c.args[1], `${mount.mountPath}/config.json`);
    assert.deepEqual(c.args, ["--config", "/etc/pomerium/config.json"]);
  });
});

describe("no secret value outside a Secret", () => {
  /** Every secret value of a run: config secrets, provider outputs, derived values, and base64 forms. */
  async function secretsOf(run: Run): Promise<string[]> {
    const values: string[] = [
      ...Object.values(SECRET_VALUES),
      OTHER_POSTGRES,
      serviceAccountJson(DIRECTORY_TOKEN),
    ];
    values.push(await valueOf(run.outputs!.clientSecret));
    for (const r of ofType(run.recording, T.randomBytes))
      values.push(await randomBase64(run, r.name));
    return [...values, ...values.map((v) => Buffer.from(v).toString("base64")), "SECRET-"];
  }

  test("the all-secrets config puts every secret into the Secret, marked secret", () => {
    const run = runs.old;
    assert.equal(run.error, undefined);
    const secret = one(run.recording, T.secret);
    assert.ok(secret.secretPaths.includes("stringData"), `secretPaths: ${secret.secretPaths}`);
    assert.deepEqual(Object.keys(secret.inputs.stringData).sort(), [
      "cookie_secret",
      "databroker_storage_connection_string",
      "idp_client_secret",
      "idp_service_account",
      "shared_secret",
    ]);
    assert.equal(secret.inputs.stringData.databroker_storage_connection_string, POSTGRES);
    assert.equal(secret.inputs.stringData.idp_service_account, serviceAccountJson(DIRECTORY_TOKEN));
    assert.ok(one(runs.def.recording, T.secret).secretPaths.includes("stringData"));
  });

  test("the Okta provider's credentials are secret inputs", () => {
    assert.deepEqual(byName(runs.def.recording, "okta").secretPaths, ["apiToken"]);
    const provider = runs.old.recording.registrations.find(
      (r) => r.type === "pulumi:providers:okta",
    )!;
    assert.deepEqual(provider.secretPaths, ["privateKey"]);
    assert.equal(provider.inputs.privateKey, SECRET_VALUES["okta:privateKey"]);
  });

  for (const name of SUCCESSFUL) {
    test(`no registration but the Secret carries a secret value (${name})`, async () => {
      const run = runs[name];
      const secrets = await secretsOf(run);
      for (const r of run.recording.registrations) {
        if (r.type === T.secret) continue;
        const inputs = { ...r.inputs };
        if (r.type === "pulumi:providers:okta") {
          delete inputs.apiToken;
          delete inputs.privateKey;
        }
        const text = JSON.stringify({ ...r, inputs });
        for (const s of secrets)
          assert.ok(
            !text.includes(s),
            `${r.type} ${r.name} contains a secret value (${s.slice(0, 8)}…)`,
          );
      }
    });
  }

  test("the stack outputs keep the secrets secret", async () => {
    assert.equal(await pulumi.isSecret(runs.def.outputs!.clientSecret), true);
    assert.equal(await pulumi.isSecret(runs.old.outputs!.idpServiceAccount!), true);
  });
});

describe("guardrails", () => {
  const deployment = () => planned(one(runs.def.recording, T.deployment));
  const broken = (mutate: (pod: any) => void): PlannedResource => {
    const d = structuredClone(deployment());
    mutate(d.props.spec.template.spec);
    return d;
  };

  for (const name of SUCCESSFUL) {
    test(`the recorded objects pass every guardrail (${name})`, async () => {
      const run = runs[name];
      const resources = kube(run).map(planned);
      const secrets = [...Object.values(SECRET_VALUES), await valueOf(run.outputs!.clientSecret)];
      for (const r of resources) {
        assert.deepEqual(podSecurityRestricted(r), [], r.type);
        assert.deepEqual(imagePinned(r), [], r.type);
        assert.deepEqual(resourceLimitsSet(r), [], r.type);
        assert.deepEqual(noSecretsInConfigMaps(r, secrets), [], r.type);
      }
      assert.equal(ofType(run.recording, T.deployment).length, 1);
      if (name !== "noNetworkPolicy") assert.deepEqual(networkPolicyPresent(resources), []);
    });
  }

  test("the namespace asks the cluster to enforce restricted", () => {
    assert.equal(
      one(runs.def.recording, T.namespace).inputs.metadata.labels[
        "pod-security.kubernetes.io/enforce"
      ],
      "restricted",
    );
  });

  test("fails when a pod spec breaks Pod Security restricted", () => {
    const at = "kubernetes:apps/v1:Deployment pomerium-test: containers[0] pomerium";
    const c = (pod: any) => pod.containers[0];
    assert.deepEqual(
      podSecurityRestricted(broken((p) => (c(p).securityContext.allowPrivilegeEscalation = true))),
      [`${at}: securityContext.allowPrivilegeEscalation must be false`],
    );
    const cases: Array<[(pod: any) => void, RegExp]> = [
      [
        (p) => delete c(p).securityContext.allowPrivilegeEscalation,
        /allowPrivilegeEscalation must be false/,
      ],
      [
        (p) => ((p.securityContext.runAsNonRoot = false), delete c(p).securityContext.runAsNonRoot),
        /runAsNonRoot/,
      ],
      [(p) => (c(p).securityContext.runAsUser = 0), /runAsUser must not be 0/],
      [
        (p) => (
          delete p.securityContext.seccompProfile,
          delete c(p).securityContext.seccompProfile
        ),
        /got unset/,
      ],
      [(p) => (c(p).securityContext.seccompProfile = { type: "Unconfined" }), /got Unconfined/],
      [
        (p) => (c(p).securityContext.capabilities = { drop: ["NET_RAW"] }),
        /drop must include "ALL"/,
      ],
      [
        (p) => (c(p).securityContext.capabilities.add = ["NET_BIND_SERVICE", "SYS_ADMIN"]),
        /SYS_ADMIN may not be added/,
      ],
      [(p) => (c(p).securityContext.privileged = true), /privileged must not be true/],
      [(p) => (p.hostNetwork = true), /hostNetwork must not be true/],
      [(p) => (p.hostPID = true), /hostPID/],
      [
        (p) => p.volumes.push({ name: "host", hostPath: { path: "/" } }),
        /volume type hostPath is not allowed/,
      ],
      [
        (p) =>
          (p.initContainers = [{ ...structuredClone(c(p)), name: "init", securityContext: {} }]),
        /initContainers\[0\] init: .*allowPrivilegeEscalation/,
      ],
    ];
    for (const [mutate, expected] of cases) {
      const violations = podSecurityRestricted(broken(mutate));
      assert.ok(
        violations.some((v) => expected.test(v)),
        `${expected}: ${JSON.stringify(violations)}`,
      );
    }
    // NET_BIND_SERVICE alone may be added; seccomp at container level alone is enough.
    assert.deepEqual(
      podSecurityRestricted(
        broken((p) => (c(p).securityContext.capabilities.add = ["NET_BIND_SERVICE"])),
      ),
      [],
    );
    assert.deepEqual(
      podSecurityRestricted(broken((p) => delete p.securityContext.seccompProfile)),
      [],
    );
  });

  test("fails when an image is not pinned or a container has no limits", () => {
    const withImage = (image: string) =>
      imagePinned(broken((p) => (p.containers[0].image = image)));
    assert.match(withImage("pomerium/pomerium:latest").join(), /latest tag/);
    assert.match(withImage("pomerium/pomerium").join(), /has no tag/);
    assert.match(withImage("registry.local:5000/pomerium").join(), /has no tag/);
    assert.deepEqual(withImage(`pomerium/pomerium@sha256:${"a".repeat(64)}`), []);
    assert.deepEqual(resourceLimitsSet(broken((p) => delete p.containers[0].resources.limits)), [
      "kubernetes:apps/v1:Deployment pomerium-test: containers[0] pomerium: resources.limits.cpu is not set",
      "kubernetes:apps/v1:Deployment pomerium-test: containers[0] pomerium: resources.limits.memory is not set",
    ]);
  });

  test("fails when no NetworkPolicy selects the pods", () => {
    const resources = kube(runs.noNetworkPolicy).map(planned);
    assert.deepEqual(networkPolicyPresent(resources), [
      "kubernetes:apps/v1:Deployment pomerium-test: no NetworkPolicy in namespace pomerium-test selects its pods",
    ]);
    const np = planned(one(runs.def.recording, T.networkPolicy));
    const elsewhere = {
      ...np,
      props: { ...np.props, metadata: { ...np.props.metadata, namespace: "other" } },
    };
    assert.equal(networkPolicyPresent([...resources, elsewhere]).length, 1);
  });
});

describe("every Kubernetes object validates against the real schema (kubernetes-models 4.5.0)", () => {
  for (const name of ["def", "ha", "old"]) {
    test(`${name}`, () => {
      const objects = kube(runs[name]);
      for (const r of objects) {
        const Model = MODELS[r.type];
        assert.ok(Model, `no schema mapped for ${r.type}`);
        assert.doesNotThrow(() => new Model(r.inputs).validate(), `${r.type} ${r.name}`);
      }
      if (name === "ha")
        assert.ok(
          [T.ingress, T.pdb, T.networkPolicy].every((t) => objects.some((r) => r.type === t)),
        );
    });
  }

  test("fails when a field has the wrong type (the validator is not a no-op)", () => {
    const d = structuredClone(one(runs.def.recording, T.deployment).inputs);
    d.spec.template.spec.containers[0].ports[0].containerPort = "8080";
    assert.throws(() => new Deployment(d).validate(), /containerPort must be integer/);
  });
});

describe("the rollout annotations", () => {
  const CONFIG = "okta-pomerium/config-checksum";
  const SECRETS = "okta-pomerium/secrets-checksum";

  test("identical across two evaluations of the same config", () => {
    assert.deepEqual(podAnnotations(runs.def2), podAnnotations(runs.def));
    assert.match(podAnnotations(runs.def)[CONFIG], /^[0-9a-f]{64}$/);
    assert.match(podAnnotations(runs.def)[SECRETS], /^[0-9a-f]{64}$/);
    assert.equal(podAnnotations(runs.def)[CONFIG], sha256(configFile(runs.def)));
  });

  test("a route change rolls the config checksum only", () => {
    assert.notEqual(podAnnotations(runs.routeChanged)[CONFIG], podAnnotations(runs.def)[CONFIG]);
    assert.equal(podAnnotations(runs.routeChanged)[SECRETS], podAnnotations(runs.def)[SECRETS]);
  });

  test("a secret change rolls the secrets checksum only", () => {
    assert.notEqual(podAnnotations(runs.haOtherSecret)[SECRETS], podAnnotations(runs.ha)[SECRETS]);
    assert.equal(podAnnotations(runs.haOtherSecret)[CONFIG], podAnnotations(runs.ha)[CONFIG]);
  });
});

describe("refused before anything is registered", () => {
  const refused = (name: string, path: string) => {
    const run = runs[name];
    assert.ok(run.error instanceof SettingsError, `expected SettingsError, got ${run.error}`);
    assert.deepEqual(
      run.error.problems.map((p) => p.path),
      [path],
    );
    assert.ok(run.error.message.includes(`${path}: `));
    assert.deepEqual(run.recording.registrations, []);
    return run.error.problems[0].message;
  };

  test("fails when replicas > 1 use in-memory storage", () => {
    assert.match(
      refused("replicasOnMemory", "okta-pomerium:pomerium.replicas"),
      /^is 2 with in-memory databroker storage/,
    );
  });

  test("fails when postgres storage has no connection string", () => {
    assert.match(
      refused("postgresNoSecret", "okta-pomerium:databrokerConnectionString"),
      /is required with pomerium.databroker.storage: postgres/,
    );
  });

  test("fails when directoryApiToken is set on Pomerium v0.20.0 or later", () => {
    const message = refused("tokenOnNewImage", "okta-pomerium:directoryApiToken");
    assert.match(message, /Pomerium v0\.33\.1 has no directory sync/);
    assert.match(message, /removed from Pomerium Core in v0\.20\.0/);
  });
});

describe("the Pomerium version decides idp_service_account and the health endpoints", () => {
  test("before v0.20: idp_service_account from the Secret; before v0.31: /ping on http", () => {
    const run = runs.old;
    const c = container(run);
    assert.deepEqual(
      c.env.find((e: any) => e.name === "IDP_SERVICE_ACCOUNT"),
      {
        name: "IDP_SERVICE_ACCOUNT",
        valueFrom: {
          secretKeyRef: {
            name: one(run.recording, T.secret).inputs.metadata.name,
            key: "idp_service_account",
          },
        },
      },
    );
    assert.equal(secretData(run).idp_service_account, serviceAccountJson(DIRECTORY_TOKEN));
    for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) {
      assert.deepEqual(c[probe].httpGet, { path: "/ping", port: "http" }, probe);
    }
    assert.deepEqual(
      c.ports.map((p: any) => p.name),
      ["http", "metrics"],
    );
    assert.equal("health_check_addr" in config(run), false);
  });

  test("the default image: /startupz, /readyz, /healthz on the health port, bound for the kubelet", () => {
    const c = container(runs.def);
    assert.deepEqual(c.startupProbe.httpGet, { path: "/startupz", port: "health" });
    assert.deepEqual(c.readinessProbe.httpGet, { path: "/readyz", port: "health" });
    assert.deepEqual(c.livenessProbe.httpGet, { path: "/healthz", port: "health" });
    assert.deepEqual(
      c.ports.find((p: any) => p.name === "health"),
      { name: "health", containerPort: 28080, protocol: "TCP" },
    );
    assert.equal(config(runs.def).health_check_addr, "0.0.0.0:28080");
    assert.equal(
      c.env.some((e: any) => e.name === "IDP_SERVICE_ACCOUNT"),
      false,
    );
    assert.equal("idp_service_account" in secretData(runs.def), false);
  });
});

describe("optional objects", () => {
  test("replicas > 1: a PodDisruptionBudget and topology spread", () => {
    const pdb = one(runs.ha.recording, T.pdb).inputs;
    const deployment = one(runs.ha.recording, T.deployment).inputs.spec;
    assert.deepEqual(pdb.spec, { maxUnavailable: 1, selector: deployment.selector });
    assert.equal(deployment.replicas, 2);
    assert.deepEqual(
      deployment.template.spec.topologySpreadConstraints.map((t: any) => [
        t.topologyKey,
        t.labelSelector,
      ]),
      [
        ["kubernetes.io/hostname", deployment.selector],
        ["topology.kubernetes.io/zone", deployment.selector],
      ],
    );
  });

  test("replicas 1: no PodDisruptionBudget, no topology spread", () => {
    assert.equal(ofType(runs.def.recording, T.pdb).length, 0);
    assert.equal(
      "topologySpreadConstraints" in
        one(runs.def.recording, T.deployment).inputs.spec.template.spec,
      false,
    );
  });

  test("the NetworkPolicy is there by default and gone when disabled", () => {
    assert.equal(ofType(runs.def.recording, T.networkPolicy).length, 1);
    assert.equal(ofType(runs.noNetworkPolicy.recording, T.networkPolicy).length, 0);
  });

  test("the Ingress is absent by default and, when enabled, serves the authenticate host and every route host", () => {
    assert.equal(ofType(runs.def.recording, T.ingress).length, 0);
    const ingress = one(runs.ha.recording, T.ingress).inputs;
    const service = one(runs.ha.recording, T.service).inputs;
    const hosts = [
      "authenticate.test.example.com",
      "verify.test.example.com",
      "grafana.test.example.com",
    ];
    assert.deepEqual(
      ingress.spec.rules.map((r: any) => r.host),
      hosts,
    );
    assert.deepEqual(ingress.spec.tls, [{ hosts, secretName: "pomerium-tls" }]);
    assert.equal(ingress.spec.ingressClassName, "nginx");
    for (const rule of ingress.spec.rules) {
      assert.deepEqual(rule.http.paths, [
        {
          path: "/",
          pathType: "Prefix",
          backend: { service: { name: service.metadata.name, port: { name: "http" } } },
        },
      ]);
    }
    assert.ok(service.spec.ports.some((p: any) => p.name === "http"));
  });
});

describe("every Kubernetes object", () => {
  for (const name of SUCCESSFUL) {
    test(`uses the explicit provider, an explicit name and the recommended labels (${name})`, () => {
      const run = runs[name];
      const provider = "urn:pulumi:test::okta-pomerium::pulumi:providers:kubernetes::kubernetes::";
      const objects = kube(run);
      assert.ok(objects.length >= 6);
      for (const r of objects) {
        const at = `${r.type} ${r.name}`;
        assert.ok(r.provider?.startsWith(provider), `${at}: provider ${r.provider}`);
        assert.match(
          r.inputs.metadata?.name ?? "",
          /^pomerium-test(-secrets|-config)?$/,
          `${at}: metadata.name`,
        );
        const labels = r.inputs.metadata.labels ?? {};
        assert.deepEqual(
          Object.fromEntries(
            Object.entries(labels).filter(([k]) => k.startsWith("app.kubernetes.io/")),
          ),
          {
            "app.kubernetes.io/name": "pomerium",
            "app.kubernetes.io/instance": "pomerium-test",
            "app.kubernetes.io/component": "proxy",
            "app.kubernetes.io/part-of": "okta-pomerium",
            "app.kubernetes.io/managed-by": "pulumi",
          },
          `${at}: labels`,
        );
        if (r.type !== T.namespace)
          assert.equal(r.inputs.metadata.namespace, "pomerium-test", `${at}: namespace`);
      }
    });
  }
});

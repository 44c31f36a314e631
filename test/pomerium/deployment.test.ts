// The Deployment, through the mocks, as whole objects: the pod spec a cluster runs (security
// contexts, service account, volumes, ports, env, probes with their thresholds, resources), and how
// replicas, databroker storage and the Pomerium version change it.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Run } from "../mocks";
import {
  ALL_SECRETS,
  containerOf,
  deploymentOf,
  HA,
  LABELS,
  meta,
  podSpecOf,
  runAll,
  SELECTOR,
} from "./helpers";

let runs: Record<"def" | "ha" | "old" | "v030" | "v031" | "limits" | "digest", Run>;
before(async () => {
  runs = await runAll({
    def: {},
    ha: HA,
    old: ALL_SECRETS,
    v030: { "okta-pomerium:pomerium": { image: "pomerium/pomerium:v0.30.0" } },
    v031: { "okta-pomerium:pomerium": { image: "pomerium/pomerium:v0.31.0" } },
    limits: {
      "okta-pomerium:pomerium": {
        resources: { requests: { cpu: "100m" }, limits: { memory: "1Gi" } },
      },
    },
    digest: {
      "okta-pomerium:pomerium": {
        image: `pomerium/pomerium@sha256:${"a".repeat(64)}`,
        version: "v0.30.2",
      },
    },
  });
});

const SECRET_NAME = "pomerium-test-secrets";
const secretEnv = (env: string, key: string) => ({
  name: env,
  valueFrom: { secretKeyRef: { name: SECRET_NAME, key } },
});
/** Plain values only for the cache paths the read-only root needs; every secret by reference. */
const BASE_ENV = [
  { name: "XDG_CACHE_HOME", value: "/tmp" },
  { name: "TMPDIR", value: "/tmp" },
  secretEnv("IDP_CLIENT_SECRET", "idp_client_secret"),
  secretEnv("SHARED_SECRET", "shared_secret"),
  secretEnv("COOKIE_SECRET", "cookie_secret"),
];
const DB_ENV = secretEnv(
  "DATABROKER_STORAGE_CONNECTION_STRING",
  "databroker_storage_connection_string",
);
const HTTP_PORTS = [
  { name: "http", containerPort: 8080, protocol: "TCP" },
  { name: "metrics", containerPort: 9090, protocol: "TCP" },
];
/**
 * v0.31.0 and later: the health server on its own port, probed at its three endpoints with
 * Pomerium's own thresholds (ingress-controller config/pomerium/deployment/healthcheck.yaml).
 */
const HEALTH = {
  ports: [...HTTP_PORTS, { name: "health", containerPort: 28080, protocol: "TCP" }],
  startupProbe: {
    httpGet: { path: "/startupz", port: "health" },
    periodSeconds: 15,
    failureThreshold: 40,
  },
  readinessProbe: {
    httpGet: { path: "/readyz", port: "health" },
    initialDelaySeconds: 15,
    periodSeconds: 60,
    failureThreshold: 5,
  },
  livenessProbe: {
    httpGet: { path: "/healthz", port: "health" },
    initialDelaySeconds: 15,
    periodSeconds: 60,
    failureThreshold: 10,
  },
};

/**
 * /healthz fails while Postgres is unreachable, and the storage check pings it once a minute: the
 * liveness probe must wait out more than a few minutes of outage before restarting anything.
 */
test("on postgres, liveness waits out at least 5 minutes of failed health checks", () => {
  const l = containerOf(runs.ha).livenessProbe;
  assert.ok(l.periodSeconds * l.failureThreshold >= 300, JSON.stringify(l));
});
/** Before v0.31.0: the main listener's /ping is the only health endpoint. */
const PING = {
  ports: HTTP_PORTS,
  startupProbe: {
    httpGet: { path: "/ping", port: "http" },
    periodSeconds: 2,
    failureThreshold: 60,
  },
  readinessProbe: {
    httpGet: { path: "/ping", port: "http" },
    periodSeconds: 5,
    failureThreshold: 3,
  },
  livenessProbe: {
    httpGet: { path: "/ping", port: "http" },
    periodSeconds: 10,
    failureThreshold: 3,
  },
};
const CONTAINER_SECURITY = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};
const CONTAINER = {
  name: "pomerium",
  image: "pomerium/pomerium:nonroot-v0.33.1",
  imagePullPolicy: "IfNotPresent",
  args: ["--config", "/etc/pomerium/config.json"],
  env: BASE_ENV,
  resources: {
    requests: { cpu: "300m", memory: "256Mi" },
    limits: { cpu: "1", memory: "512Mi" },
  },
  securityContext: CONTAINER_SECURITY,
  ...HEALTH,
  volumeMounts: [
    { name: "config", mountPath: "/etc/pomerium", readOnly: true },
    { name: "tmp", mountPath: "/tmp" },
  ],
};
const POD_SPEC = {
  serviceAccountName: "pomerium-test",
  automountServiceAccountToken: false,
  enableServiceLinks: false,
  securityContext: {
    runAsNonRoot: true,
    runAsUser: 65532,
    runAsGroup: 65532,
    fsGroup: 65532,
    seccompProfile: { type: "RuntimeDefault" },
  },
  containers: [CONTAINER],
  volumes: [
    { name: "config", configMap: { name: "pomerium-test-config" } },
    // No size limit: Envoy is extracted here on every start (see manifests.ts).
    { name: "tmp", emptyDir: {} },
  ],
};
const spread = (topologyKey: string) => ({
  maxSkew: 1,
  topologyKey,
  whenUnsatisfiable: "ScheduleAnyway",
  labelSelector: { matchLabels: SELECTOR },
});

describe("the pod a cluster runs", () => {
  test("the default: one replica, Pod Security restricted, read-only root, secrets by reference", () => {
    const d = deploymentOf(runs.def);
    assert.deepEqual(d.metadata, meta("pomerium-test"));
    const { template, ...rest } = d.spec;
    assert.deepEqual(rest, {
      replicas: 1,
      revisionHistoryLimit: 5,
      selector: { matchLabels: SELECTOR },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
    });
    assert.deepEqual(template.metadata.labels, LABELS);
    assert.deepEqual(Object.keys(template.metadata.annotations).sort(), [
      "okta-pomerium/config-checksum",
      "okta-pomerium/secrets-checksum",
    ]);
    assert.deepEqual(template.spec, POD_SPEC);
  });

  test("the container's securityContext, whole, on every variant", () => {
    for (const [name, run] of Object.entries(runs))
      assert.deepEqual(containerOf(run).securityContext, CONTAINER_SECURITY, name);
  });

  test("the --config argument names the file the ConfigMap volume mounts", () => {
    const pod = podSpecOf(runs.def);
    const mount = pod.containers[0].volumeMounts.find((m: any) => m.name === "config");
    const volume = pod.volumes.find((v: any) => v.name === mount.name);
    assert.equal(volume.configMap.name, "pomerium-test-config");
    assert.equal(pod.containers[0].args[1], `${mount.mountPath}/config.json`);
  });

  test("replicas 2 on postgres: spread over hosts and zones, the connection string by reference", () => {
    const d = deploymentOf(runs.ha);
    assert.equal(d.spec.replicas, 2);
    assert.deepEqual(d.spec.template.spec, {
      ...POD_SPEC,
      topologySpreadConstraints: [
        spread("kubernetes.io/hostname"),
        spread("topology.kubernetes.io/zone"),
      ],
      containers: [{ ...CONTAINER, env: [...BASE_ENV, DB_ENV] }],
    });
  });

  test("replicas 1: no topology spread key at all", () => {
    assert.equal("topologySpreadConstraints" in podSpecOf(runs.def), false);
  });

  test("custom resources override only the values given", () => {
    assert.deepEqual(containerOf(runs.limits).resources, {
      requests: { cpu: "100m", memory: "256Mi" },
      limits: { cpu: "1", memory: "1Gi" },
    });
  });
});

describe("the Pomerium version decides probes, ports and idp_service_account", () => {
  const probesAndPorts = (run: Run) => {
    const { ports, startupProbe, readinessProbe, livenessProbe } = containerOf(run);
    return { ports, startupProbe, readinessProbe, livenessProbe };
  };

  test("v0.31.0 (the first with the health server): /startupz, /readyz, /healthz on port 28080", () => {
    assert.deepEqual(probesAndPorts(runs.v031), HEALTH);
    assert.deepEqual(probesAndPorts(runs.def), HEALTH);
  });

  test("v0.30.0: /ping on the http port, no health port", () => {
    assert.deepEqual(probesAndPorts(runs.v030), PING);
  });

  test("a digest image runs the version given in `version`", () => {
    const c = containerOf(runs.digest);
    assert.equal(c.image, `pomerium/pomerium@sha256:${"a".repeat(64)}`);
    assert.deepEqual(probesAndPorts(runs.digest), PING);
  });

  test("v0.19.1 with a directory token and postgres: /ping, and idp_service_account by reference", () => {
    assert.deepEqual(containerOf(runs.old), {
      ...CONTAINER,
      image: "pomerium/pomerium:v0.19.1",
      // Two replicas before v0.33.0: one explicit signing key for both.
      env: [
        ...BASE_ENV,
        DB_ENV,
        secretEnv("SIGNING_KEY", "signing_key"),
        secretEnv("IDP_SERVICE_ACCOUNT", "idp_service_account"),
      ],
      ...PING,
    });
  });
});

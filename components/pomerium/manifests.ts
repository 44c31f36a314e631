/**
 * Pure builders for Pomerium's Kubernetes objects. Typed against @pulumi/kubernetes inputs, so tsc
 * rejects unknown fields; validated against the real schemas in the tests (kubernetes-models).
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import {
  CONFIG_DIR,
  CONFIG_FILE,
  HEALTH_PORT,
  hasHealthServer,
  HTTP_PORT,
  METRICS_PORT,
  SecretEnv,
} from "./config";
import { HEALTH_PROBES } from "./facts";
import type { PomeriumSpec } from "./spec";

type core = k8s.types.input.core.v1.Container;
type Probe = k8s.types.input.core.v1.Probe;

/** Container requests and limits (Kubernetes quantities). */
export interface ContainerResources {
  requests: { cpu: pulumi.Input<string>; memory: pulumi.Input<string> };
  limits: { cpu: pulumi.Input<string>; memory: pulumi.Input<string> };
}

/** The uid/gid of Pomerium's nonroot images (distroless nonroot). */
export const POMERIUM_UID = 65532;

/** Names of the objects other objects refer to: set explicitly, the provider autonames otherwise. */
export function objectNames(spec: Pick<PomeriumSpec, "name" | "namespace">) {
  const base = spec.name;
  return {
    namespace: spec.namespace,
    base,
    serviceAccount: base,
    secret: `${base}-secrets`,
    configMap: `${base}-config`,
    service: base,
  } as const;
}

/** The recommended labels; the selector is the stable subset (never the version). */
export function labels(spec: Pick<PomeriumSpec, "name" | "stack">) {
  const selector = {
    "app.kubernetes.io/name": "pomerium",
    "app.kubernetes.io/instance": spec.name,
  };
  return {
    selector,
    all: {
      ...selector,
      "app.kubernetes.io/component": "proxy",
      "app.kubernetes.io/part-of": "okta-pomerium",
      "app.kubernetes.io/managed-by": "pulumi",
      "okta-pomerium/stack": spec.stack,
    },
  };
}

function probes(
  spec: PomeriumSpec,
): Pick<core, "startupProbe" | "readinessProbe" | "livenessProbe"> {
  const get = (path: string, port: string): Probe["httpGet"] => ({ path, port });
  if (hasHealthServer(spec.version)) {
    // Pomerium's own thresholds (facts.ts): a Postgres outage must not restart every replica.
    const t = HEALTH_PROBES;
    return {
      startupProbe: { httpGet: get("/startupz", "health"), ...t.startup },
      readinessProbe: { httpGet: get("/readyz", "health"), ...t.readiness },
      livenessProbe: { httpGet: get("/healthz", "health"), ...t.liveness },
    };
  }
  // Before v0.31.0 the main listener's /ping is the only health endpoint (it checks no storage).
  return {
    startupProbe: { httpGet: get("/ping", "http"), periodSeconds: 2, failureThreshold: 60 },
    readinessProbe: { httpGet: get("/ping", "http"), periodSeconds: 5, failureThreshold: 3 },
    livenessProbe: { httpGet: get("/ping", "http"), periodSeconds: 10, failureThreshold: 3 },
  };
}

/** The Deployment spec: Pod Security "restricted", read-only root, probes, spread when replicated. */
export function deploymentSpec(
  spec: PomeriumSpec,
  envs: readonly SecretEnv[],
  podAnnotations: Record<string, pulumi.Input<string>>,
  resources: ContainerResources,
): k8s.types.input.apps.v1.DeploymentSpec {
  const p = spec;
  const names = objectNames(spec);
  const { selector, all } = labels(spec);
  const ports: k8s.types.input.core.v1.ContainerPort[] = [
    { name: "http", containerPort: HTTP_PORT, protocol: "TCP" },
    { name: "metrics", containerPort: METRICS_PORT, protocol: "TCP" },
  ];
  if (hasHealthServer(spec.version))
    ports.push({ name: "health", containerPort: HEALTH_PORT, protocol: "TCP" });
  const spread = (topologyKey: string): k8s.types.input.core.v1.TopologySpreadConstraint => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: "ScheduleAnyway",
    labelSelector: { matchLabels: selector },
  });
  return {
    replicas: p.replicas,
    revisionHistoryLimit: 5,
    selector: { matchLabels: selector },
    strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
    template: {
      metadata: { labels: all, annotations: podAnnotations },
      spec: {
        serviceAccountName: names.serviceAccount,
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        securityContext: {
          runAsNonRoot: true,
          runAsUser: POMERIUM_UID,
          runAsGroup: POMERIUM_UID,
          fsGroup: POMERIUM_UID,
          seccompProfile: { type: "RuntimeDefault" },
        },
        ...(p.replicas > 1
          ? {
              topologySpreadConstraints: [
                spread("kubernetes.io/hostname"),
                spread("topology.kubernetes.io/zone"),
              ],
            }
          : {}),
        containers: [
          {
            name: "pomerium",
            image: p.image,
            imagePullPolicy: "IfNotPresent",
            args: ["--config", `${CONFIG_DIR}/${CONFIG_FILE}`],
            ports,
            env: [
              // The root filesystem is read-only: Pomerium writes its caches (upstream CA bundles) to
              // $XDG_CACHE_HOME, so point it and TMPDIR at the /tmp emptyDir (as Pomerium's own
              // read-only-root manifests do).
              { name: "XDG_CACHE_HOME", value: "/tmp" },
              { name: "TMPDIR", value: "/tmp" },
              ...envs.map((e) => ({
                name: e.env,
                valueFrom: { secretKeyRef: { name: names.secret, key: e.key } },
              })),
            ],
            resources: {
              requests: { cpu: resources.requests.cpu, memory: resources.requests.memory },
              limits: { cpu: resources.limits.cpu, memory: resources.limits.memory },
            },
            securityContext: {
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              runAsNonRoot: true,
              capabilities: { drop: ["ALL"] },
              seccompProfile: { type: "RuntimeDefault" },
            },
            ...probes(spec),
            volumeMounts: [
              { name: "config", mountPath: CONFIG_DIR, readOnly: true },
              { name: "tmp", mountPath: "/tmp" },
            ],
          },
        ],
        volumes: [
          { name: "config", configMap: { name: names.configMap } },
          // Envoy is extracted here on every start (pkg/envoy/extract.go); its size is not
          // published, and a limit below it crash-loops the pod: no limit, as in Pomerium's own
          // manifests (docs/kubernetes.md).
          { name: "tmp", emptyDir: {} },
        ],
      },
    },
  };
}

/**
 * Guardrails over planned resources: plain functions over `{ type, props }` (a Pulumi type token and
 * the resource's inputs) that return violations as strings, empty when the resource passes. Tested
 * directly; a policy pack can wrap the same functions (`pulumi preview --policy-pack`).
 * Pod Security Standards: https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */

import { Dict, nameOf, PlannedResource } from "./planned";

export type { PlannedResource } from "./planned";
// The ConfigMap check has its own file (it reads the data's formats); it is one of the guardrails.
export { noSecretsInConfigMaps } from "./configmap-secrets";

/** Where each workload type keeps its pod spec and pod labels. */
const POD_TEMPLATE: Record<string, (p: Dict) => Dict | undefined> = {
  "kubernetes:core/v1:Pod": (p) => p,
  "kubernetes:apps/v1:Deployment": (p) => p.spec?.template,
  "kubernetes:apps/v1:StatefulSet": (p) => p.spec?.template,
  "kubernetes:apps/v1:DaemonSet": (p) => p.spec?.template,
  "kubernetes:apps/v1:ReplicaSet": (p) => p.spec?.template,
  "kubernetes:batch/v1:Job": (p) => p.spec?.template,
  "kubernetes:batch/v1:CronJob": (p) => p.spec?.jobTemplate?.spec?.template,
};

/** Volume types the restricted profile allows. */
const RESTRICTED_VOLUMES = new Set([
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
]);
const SECCOMP_ALLOWED = new Set(["RuntimeDefault", "Localhost"]);

const podTemplate = (r: PlannedResource): Dict | undefined => POD_TEMPLATE[r.type]?.(r.props ?? {});

/** Every container of a pod spec (init and ephemeral ones too), with a path for messages. */
function containersOf(spec: Dict): Array<[string, Dict]> {
  return (["initContainers", "containers", "ephemeralContainers"] as const).flatMap((list) =>
    ((spec[list] ?? []) as Dict[]).map((c, i): [string, Dict] => [
      `${list}[${i}] ${c.name ?? ""}`.trim(),
      c,
    ]),
  );
}

/**
 * Pod Security Standard "restricted" (with the baseline it includes) for a workload: runAsNonRoot
 * true and no uid 0, seccomp RuntimeDefault or Localhost (pod or container level), no privilege
 * escalation, drop ALL and add at most NET_BIND_SERVICE, no privileged containers, no host
 * namespaces, ports or paths, and only the allowed volume types. Non-workloads pass.
 */
export function podSecurityRestricted(resource: PlannedResource): string[] {
  const template = podTemplate(resource);
  if (!template) return [];
  const spec: Dict = template.spec ?? {};
  const pod: Dict = spec.securityContext ?? {};
  const out: string[] = [];
  const bad = (where: string, msg: string) => out.push(`${nameOf(resource)}: ${where}: ${msg}`);

  for (const field of ["hostNetwork", "hostPID", "hostIPC"])
    if (spec[field] === true) bad("pod", `${field} must not be true`);
  if (pod.runAsNonRoot === false) bad("pod", "securityContext.runAsNonRoot must not be false");
  if (pod.runAsUser === 0) bad("pod", "securityContext.runAsUser must not be 0 (root)");
  const podSeccomp = pod.seccompProfile?.type;
  if (podSeccomp !== undefined && !SECCOMP_ALLOWED.has(podSeccomp)) {
    bad(
      "pod",
      `securityContext.seccompProfile.type must be RuntimeDefault or Localhost (got ${podSeccomp})`,
    );
  }
  for (const v of (spec.volumes ?? []) as Dict[]) {
    for (const kind of Object.keys(v).filter((k) => k !== "name")) {
      if (!RESTRICTED_VOLUMES.has(kind))
        bad(
          `volume ${v.name}`,
          `volume type ${kind} is not allowed (only ${[...RESTRICTED_VOLUMES].join(", ")})`,
        );
    }
  }
  for (const [where, c] of containersOf(spec)) {
    const sc: Dict = c.securityContext ?? {};
    if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true)
      bad(where, "runAsNonRoot must be true (pod or container level)");
    if (sc.runAsUser === 0) bad(where, "securityContext.runAsUser must not be 0 (root)");
    const seccomp = sc.seccompProfile?.type ?? podSeccomp;
    if (!SECCOMP_ALLOWED.has(seccomp))
      bad(
        where,
        `seccompProfile.type must be RuntimeDefault or Localhost (got ${seccomp ?? "unset"})`,
      );
    if (sc.allowPrivilegeEscalation !== false)
      bad(where, "securityContext.allowPrivilegeEscalation must be false");
    if (sc.privileged === true) bad(where, "securityContext.privileged must not be true");
    const drop: string[] = sc.capabilities?.drop ?? [];
    if (!drop.includes("ALL")) bad(where, 'securityContext.capabilities.drop must include "ALL"');
    for (const cap of (sc.capabilities?.add ?? []) as string[]) {
      if (cap !== "NET_BIND_SERVICE")
        bad(where, `capability ${cap} may not be added (only NET_BIND_SERVICE)`);
    }
    for (const port of (c.ports ?? []) as Dict[]) {
      if (port.hostPort) bad(where, `hostPort ${port.hostPort} is not allowed`);
    }
  }
  return out;
}

/** Every container image is pinned: a tag other than `latest`, or a digest. */
export function imagePinned(resource: PlannedResource): string[] {
  const spec = podTemplate(resource)?.spec;
  if (!spec) return [];
  return containersOf(spec).flatMap(([where, c]): string[] => {
    const image = String(c.image ?? "");
    if (image.includes("@sha256:")) return [];
    const last = image.split("/").pop() ?? "";
    const tag = last.includes(":") ? last.slice(last.indexOf(":") + 1) : undefined;
    if (!image) return [`${nameOf(resource)}: ${where}: has no image`];
    if (tag === undefined)
      return [
        `${nameOf(resource)}: ${where}: image ${image} has no tag (implicit latest); pin a version`,
      ];
    if (tag === "latest")
      return [
        `${nameOf(resource)}: ${where}: image ${image} uses the moving latest tag; pin a version`,
      ];
    return [];
  });
}

/** Every container sets requests and limits for both cpu and memory. */
export function resourceLimitsSet(resource: PlannedResource): string[] {
  const spec = podTemplate(resource)?.spec;
  if (!spec) return [];
  return containersOf(spec).flatMap(([where, c]) =>
    (["requests", "limits"] as const).flatMap((kind) =>
      (["cpu", "memory"] as const)
        .filter((res) => c.resources?.[kind]?.[res] === undefined || c.resources[kind][res] === "")
        .map((res) => `${nameOf(resource)}: ${where}: resources.${kind}.${res} is not set`),
    ),
  );
}

/** Does a label selector (`matchLabels`, `matchExpressions`) select these labels? Empty selects all. */
function selects(selector: Dict | undefined, podLabels: Dict): boolean {
  const matchLabels: Dict = selector?.matchLabels ?? {};
  if (!Object.entries(matchLabels).every(([k, v]) => podLabels[k] === v)) return false;
  return ((selector?.matchExpressions ?? []) as Dict[]).every((e) => {
    const has = e.key in podLabels;
    const values: string[] = e.values ?? [];
    if (e.operator === "In") return has && values.includes(podLabels[e.key]);
    if (e.operator === "NotIn") return !has || !values.includes(podLabels[e.key]);
    if (e.operator === "Exists") return has;
    if (e.operator === "DoesNotExist") return !has;
    return false;
  });
}

/** Every workload's pods are selected by a NetworkPolicy in the same namespace. */
export function networkPolicyPresent(resources: readonly PlannedResource[]): string[] {
  const policies = resources.filter(
    (r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  );
  return resources.flatMap((r) => {
    const template = podTemplate(r);
    if (!template) return [];
    const ns = r.props?.metadata?.namespace;
    const podLabels: Dict = template.metadata?.labels ?? {};
    const covered = policies.some(
      (p) => p.props?.metadata?.namespace === ns && selects(p.props?.spec?.podSelector, podLabels),
    );
    return covered
      ? []
      : [`${nameOf(r)}: no NetworkPolicy in namespace ${ns ?? "(default)"} selects its pods`];
  });
}

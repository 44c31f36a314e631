/**
 * Pure helpers of the real tier's tests (tested in pure.test.ts): what a rendered shape holds, what
 * kubectl warned, a stack's settings as stack config, a route change.
 */
import { parse } from "yaml";
import { CONTROLLER_ANNOTATION_OPTIONS } from "../../components/pomerium/facts";
import type { StackConfig } from "../../scripts/render/stack-config";
import type { Rendered } from "../render/modes";
import { PLACEHOLDER_ACCOUNT_ID, PLACEHOLDER_WORD } from "../../stack/settings/placeholders";

const PREFIX = "ingress.pomerium.io/";

/** The namespaces a file's objects live in or create. */
export function namespacesOf(objects: ReadonlyArray<Record<string, any>>): string[] {
  const names = objects.flatMap((o) =>
    o.kind === "Namespace"
      ? [o.metadata.name]
      : o.metadata?.namespace
        ? [o.metadata.namespace]
        : [],
  );
  return [...new Set<string>(names)].sort();
}

/** Lines kubectl wrote to stderr that are warnings (the API server's or its own). */
export const warnings = (stderr: string) => stderr.split("\n").filter((l) => /warning/i.test(l));

/** The config.json of an all-in-one shape (its ConfigMap), or undefined in controller mode. */
export function allInOneConfig(shape: Rendered): Record<string, any> | undefined {
  const cm = shape.objects.find((o) => o.kind === "ConfigMap" && o.data?.["config.json"]);
  return cm ? JSON.parse(cm.data["config.json"]) : undefined;
}

/** Each controller-mode Ingress as the Pomerium route the controller makes of it. */
export function ingressRoutes(shape: Rendered): Array<Record<string, unknown>> {
  return shape.objects
    .filter((o) => o.kind === "Ingress" && o.spec?.ingressClassName === "pomerium")
    .map((o) => {
      const rule = o.spec.rules[0];
      const backend = rule.http.paths[0].backend.service;
      const route: Record<string, unknown> = {
        from: `https://${rule.host}`,
        to: [
          `http://${backend.name}.${o.metadata.namespace}.svc.cluster.local:${backend.port.number ?? 80}`,
        ],
      };
      for (const [k, v] of Object.entries<string>(o.metadata.annotations ?? {})) {
        if (!k.startsWith(PREFIX)) continue;
        const key = k.slice(PREFIX.length);
        if (key === "policy") route.policy = parse(v);
        else if (CONTROLLER_ANNOTATION_OPTIONS.includes(key)) route[key] = parse(v);
      }
      return route;
    });
}

/** The stack's settings as `pulumi config` holds them: placeholders for the secrets not in the file. */
export function stackConfig({ config, secretKeys }: StackConfig) {
  return Object.fromEntries(
    Object.entries(config).map(([k, value]) => [k, { value, secret: secretKeys.includes(k) }]),
  );
}

/** The routes with the first one's groups changed: a route change a team makes. */
export function changedRoutes(routes: string): string {
  const parsed = JSON.parse(routes);
  parsed[0] = {
    ...parsed[0],
    allowEmails: [...(parsed[0].allowEmails ?? []), "new-hire@example.com"],
  };
  return JSON.stringify(parsed);
}

/**
 * A template's settings with a company's values in place of its placeholders (stack/settings/
 * placeholders.ts), which `pulumi preview` refuses: every `changeme` becomes `word`, the all-zero
 * Cloudflare account id a non-zero one. Derived from the file at each run, so no filled-in copy
 * of a stack file is committed.
 */
export function filled(config: Record<string, string>, word: string): Record<string, string> {
  if (!/^[a-z][a-z0-9]*$/.test(word)) throw new Error(`${word}: not a DNS label without hyphens`);
  return Object.fromEntries(
    Object.entries(config).map(([k, v]) => [
      k,
      v
        .replace(new RegExp(PLACEHOLDER_WORD, "gi"), word)
        .split(PLACEHOLDER_ACCOUNT_ID)
        .join(ACCOUNT),
    ]),
  );
}

/** The Cloudflare account id the filled-in templates use. */
const ACCOUNT = "a".repeat(32);

/**
 * The namespaces a stack expects to exist before it comes (it creates none of them): those of the
 * in-cluster upstreams its routes send to (`<svc>.<ns>.svc…`, a team's), OpenMetadata's (where
 * its install runs), and in ingress-controller mode the controller's own (`pomerium`).
 */
export function existingNamespaces(config: Readonly<Record<string, string>>): string[] {
  const json = (key: string) => JSON.parse(config[`okta-pomerium:${key}`] ?? "null");
  const tos = (json("routes") as Array<{ to: string | string[] }>).flatMap((r) => r.to);
  const names = tos.flatMap((to) => {
    const host = new URL(to).hostname.split(".");
    return host[2] === "svc" ? [host[1]] : [];
  });
  const openMetadata = json("openMetadata");
  if (openMetadata) names.push(openMetadata.namespace ?? "openmetadata");
  if (json("pomerium")?.mode === "ingress-controller") names.push("pomerium");
  return [...new Set(names)].sort();
}

/**
 * Settings written for the mocks' stack "test" (test/mocks.ts `baseConfig`) made over for stack
 * `stack`: the program wants the stack's name in the groups it creates, and stacks side by side
 * need their own hosts. Every `test` followed by `-` or `.` becomes the stack name.
 */
export function forStack(config: Record<string, string>, stack: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config).map(([k, v]) => [k, v.replace(/\btest(?=[-.])/g, stack)]),
  );
}

/** A Secret or ConfigMap (and maybe one key of it) a pod needs to start. */
export interface PodReference {
  kind: "Secret" | "ConfigMap";
  name: string;
  key?: string;
}

/**
 * What a kubelet must find before it starts a pod's containers (kwok, which plays the kubelet
 * here, does not look): every Secret and ConfigMap its env, envFrom and volumes name, with each
 * key named, unless marked optional.
 */
export function podReferences(spec: Record<string, any>): PodReference[] {
  const refs: PodReference[] = [];
  const add = (kind: PodReference["kind"], ref: any, key?: string) => {
    if (ref && !ref.optional)
      refs.push(key === undefined ? { kind, name: ref.name } : { kind, name: ref.name, key });
  };
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    for (const e of c.env ?? []) {
      add("Secret", e.valueFrom?.secretKeyRef, e.valueFrom?.secretKeyRef?.key);
      add("ConfigMap", e.valueFrom?.configMapKeyRef, e.valueFrom?.configMapKeyRef?.key);
    }
    for (const e of c.envFrom ?? []) {
      add("Secret", e.secretRef);
      add("ConfigMap", e.configMapRef);
    }
  }
  for (const v of spec.volumes ?? []) {
    const secret = v.secret && { name: v.secret.secretName, optional: v.secret.optional };
    const items = (x: any) => (x?.items ?? []).map((i: any) => i.key as string);
    if (secret) for (const key of [undefined, ...items(v.secret)]) add("Secret", secret, key);
    if (v.configMap)
      for (const key of [undefined, ...items(v.configMap)]) add("ConfigMap", v.configMap, key);
  }
  return refs;
}

/**
 * Where an object's inputs hold an empty `labels` or `annotations` map (its own metadata, or a pod
 * template's): the API server drops them, so what the stack sent is not what the server keeps.
 */
export function droppedMaps(inputs: Record<string, any>): string[] {
  const found: string[] = [];
  const check = (meta: any, at: string) => {
    for (const k of ["labels", "annotations"])
      if (meta?.[k] && typeof meta[k] === "object" && Object.keys(meta[k]).length === 0)
        found.push(`${at}.${k}`);
  };
  check(inputs.metadata, "metadata");
  check(inputs.spec?.template?.metadata, "spec.template.metadata");
  return found;
}

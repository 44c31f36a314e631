/**
 * Pure builders for ingress-controller mode: the cluster-scoped `Pomerium` settings object the
 * Pomerium Ingress Controller reads, the Secrets it references, and one Ingress per route with the
 * route's access rule and options as `ingress.pomerium.io/*` annotations (ingress-controller
 * v0.33.1: apis/ingress/v1/pomerium_types.go, pomerium/ingress_annotations.go).
 */
import { createHash } from "node:crypto";
import type * as k8s from "@pulumi/kubernetes";
import { CONTROLLER_ANNOTATION_OPTIONS, CONTROLLER_PATH_OPTIONS } from "./facts";
import { buildRoutes, RouteInput } from "./ppl";

export const ANNOTATION_PREFIX = "ingress.pomerium.io";

/** What the builders need of one ingress-controller deployment (resolved, plain). */
export interface ControllerSpec {
  stack: string;
  authenticateUrl: string;
  routes: readonly RouteInput[];
  groupsClaimName: string;
  /** Where the Secrets live. */
  namespace: string;
  /** Base name of the Secrets. */
  name: string;
  /** The `Pomerium` object the controller reads (`--pomerium-config`). */
  pomeriumName: string;
  ingressClassName: string;
  /** The TLS Secret of every route's Ingress. @default `<ingress name>-tls` */
  tlsSecretName?: string;
  /** `<namespace>/<name>` of the authenticate host's certificate (`spec.certificates`). */
  authenticateCertificate?: string;
  /** Postgres storage (a Secret with key `connection`). */
  postgres: boolean;
}

export const controllerSecretNames = (spec: Pick<ControllerSpec, "name">) => ({
  idp: `${spec.name}-idp`,
  bootstrap: `${spec.name}-bootstrap`,
  storage: `${spec.name}-postgres`,
});

/** The `Pomerium` object's spec: identity provider, secrets, storage, certificates. */
export function pomeriumObjectSpec(
  spec: Pick<
    ControllerSpec,
    "namespace" | "name" | "authenticateUrl" | "postgres" | "authenticateCertificate"
  >,
  idp: { issuer: string; scopes: readonly string[] },
): Record<string, unknown> {
  const names = controllerSecretNames(spec);
  const ref = (name: string) => `${spec.namespace}/${name}`;
  return {
    authenticate: { url: spec.authenticateUrl },
    identityProvider: {
      provider: "okta",
      url: idp.issuer,
      secret: ref(names.idp),
      scopes: [...idp.scopes],
    },
    secrets: ref(names.bootstrap),
    ...(spec.postgres ? { storage: { postgres: { secret: ref(names.storage) } } } : {}),
    ...(spec.authenticateCertificate ? { certificates: [spec.authenticateCertificate] } : {}),
  };
}

/**
 * The fields of the `Pomerium` object this stack owns (`.spec.<key>`), in order. They are applied
 * with `pulumi.com/patchForce`: a value another field manager set there (Pomerium's install docs
 * apply the object with `kubectl apply`, which owns `.spec.secrets`) is taken over, not a conflict.
 */
export function forcedPomeriumFields(
  spec: Pick<ControllerSpec, "postgres" | "authenticateCertificate">,
): string[] {
  const object = pomeriumObjectSpec(
    { ...spec, namespace: "", name: "", authenticateUrl: "" },
    { issuer: "", scopes: [] },
  );
  return Object.keys(object).map((k) => `.spec.${k}`);
}

/** An Ingress backend: a Service (same namespace as its Ingress) and port. */
export interface Backend {
  namespace: string;
  service: string;
  port: number;
  secure: boolean;
}

/**
 * The Service a route's `to` names: `http(s)://<service>.<namespace>.svc[.cluster.local][:port]`,
 * or a bare `<service>` in `ownNamespace`. An Ingress can only send to a Service in its own
 * namespace, so anything else has no Ingress form.
 */
export function routeBackend(to: string, ownNamespace: string): Backend | undefined {
  let u: URL;
  try {
    u = new URL(to);
  } catch {
    return undefined;
  }
  if (!["http:", "https:"].includes(u.protocol) || (u.pathname !== "/" && u.pathname !== ""))
    return undefined;
  const parts = u.hostname.split(".");
  const port = u.port ? Number(u.port) : u.protocol === "https:" ? 443 : 80;
  const secure = u.protocol === "https:";
  if (parts.length === 1) return { namespace: ownNamespace, service: parts[0], port, secure };
  const inCluster =
    parts[2] === "svc" && (parts.length === 3 || parts.slice(3).join(".") === "cluster.local");
  return inCluster ? { namespace: parts[1], service: parts[0], port, secure } : undefined;
}

const SUPPORTED = new Set([...CONTROLLER_ANNOTATION_OPTIONS, ...CONTROLLER_PATH_OPTIONS]);
const OWN_KEYS = new Set(["from", "to", "allowGroups", "allowEmails", "policy"]);

/** Why a route has no ingress-controller form (empty when it has one). */
export function controllerRouteProblems(route: RouteInput, ownNamespace: string): string[] {
  const problems: string[] = [];
  const to = route.to === undefined ? [] : Array.isArray(route.to) ? route.to : [route.to];
  if (to.length !== 1 || !routeBackend(String(to[0]), ownNamespace))
    problems.push(
      "`to` must be exactly one in-cluster Service URL, http(s)://<service>.<namespace>.svc.cluster.local[:port] (an Ingress sends only to a Service in its own namespace); for an outside upstream create an ExternalName Service and name it",
    );
  const unsupported = Object.keys(route)
    .filter((k) => !OWN_KEYS.has(k) && !SUPPORTED.has(k))
    .sort();
  if (unsupported.length > 0)
    problems.push(
      `has options the Pomerium Ingress Controller does not read from annotations: ${unsupported.join(", ")}; remove them or use pomerium.mode all-in-one`,
    );
  if (route.prefix !== undefined && route.path !== undefined)
    problems.push("sets both `prefix` and `path`; an Ingress path is one or the other");
  for (const key of CONTROLLER_PATH_OPTIONS) {
    const v = route[key];
    if (v !== undefined && (typeof v !== "string" || !validIngressPath(v)))
      problems.push(
        `\`${key}\` ${JSON.stringify(v)} is not a path the Kubernetes API accepts for an Ingress: it must start with "/" and contain no "//", "/./", "/../", "%2f" and not end in "/." or "/.."`,
      );
  }
  return problems;
}

/** What the API server accepts as a `Prefix` or `Exact` Ingress path (networking validation). */
export function validIngressPath(path: string): boolean {
  return path.startsWith("/") && !/\/\/|\/\.\/|\/\.\.\/|%2f/i.test(path) && !/\/\.\.?$/.test(path);
}

/**
 * An annotation value the controller parses back (it reads every value as YAML): a plain word
 * stays as written, anything else is JSON (valid YAML) so `"true"` stays a string and a list stays
 * a list.
 */
export function annotationValue(v: unknown): string {
  if (typeof v === "string" && /^[A-Za-z][\w./@-]*$/.test(v) && !YAML_WORDS.test(v)) return v;
  return JSON.stringify(v);
}
const YAML_WORDS = /^(true|false|yes|no|on|off|y|n|null|nan|inf)$/i;

/** The Ingress name of a route: stack-scoped base, the host, and a hash of its path when it has one. */
export function routeIngressName(spec: Pick<ControllerSpec, "name">, route: RouteInput): string {
  // A wildcard host (`*.example.com`) names its Ingress `wildcard-example-com`.
  const host = new URL(route.from).hostname.replace(/^\*\./, "wildcard.").replace(/\./g, "-");
  const path =
    route.prefix !== undefined
      ? `prefix:${String(route.prefix)}`
      : route.path !== undefined
        ? `path:${String(route.path)}`
        : undefined;
  const suffix = path ? `-${createHash("sha256").update(path).digest("hex").slice(0, 8)}` : "";
  const base = `${spec.name}-${host}`.slice(0, 253 - suffix.length).replace(/-+$/, "");
  return `${base}${suffix}`;
}

/** One route's Ingress: namespace, annotations and spec (the caller adds labels and its own annotations). */
export function routeIngress(
  spec: ControllerSpec,
  route: RouteInput,
): {
  name: string;
  namespace: string;
  annotations: Record<string, string>;
  spec: k8s.types.input.networking.v1.IngressSpec;
} {
  const backend = routeBackend(String([route.to].flat()[0]), spec.namespace)!;
  const [pomeriumRoute] = buildRoutes([route], spec.groupsClaimName);
  const annotations: Record<string, string> = {};
  const a = (key: string, value: unknown) =>
    (annotations[`${ANNOTATION_PREFIX}/${key}`] = annotationValue(value));
  if (pomeriumRoute.policy.length > 0)
    annotations[`${ANNOTATION_PREFIX}/policy`] = JSON.stringify(pomeriumRoute.policy);
  for (const k of Object.keys(pomeriumRoute).sort())
    if (CONTROLLER_ANNOTATION_OPTIONS.includes(k)) a(k, pomeriumRoute[k]);
  if (backend.secure) a("secure_upstream", true);
  const name = routeIngressName(spec, route);
  const host = new URL(route.from).hostname;
  const path =
    route.path !== undefined
      ? { path: String(route.path), pathType: "Exact" }
      : { path: String(route.prefix ?? "/"), pathType: "Prefix" };
  return {
    name,
    namespace: backend.namespace,
    annotations,
    spec: {
      ingressClassName: spec.ingressClassName,
      tls: [{ hosts: [host], secretName: spec.tlsSecretName ?? `${name}-tls` }],
      rules: [
        {
          host,
          http: {
            paths: [
              {
                ...path,
                backend: { service: { name: backend.service, port: { number: backend.port } } },
              },
            ],
          },
        },
      ],
    },
  };
}

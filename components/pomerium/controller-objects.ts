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
import {
  Backend,
  ExternalUpstream,
  externalServiceName,
  isOriginUrl,
  outsideUpstream,
  routeBackend,
} from "./controller-upstream";

export { routeBackend } from "./controller-upstream";
export type { Backend } from "./controller-upstream";

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
  /** An upstream outside the cluster gets an ExternalName Service (else it is refused). @default true */
  externalNameServices?: boolean;
}

export const controllerSecretNames = (spec: Pick<ControllerSpec, "name">) => ({
  idp: `${spec.name}-idp`,
  storage: `${spec.name}-postgres`,
});

/**
 * The fields of the `Pomerium` object's spec this stack sets: identity provider, authenticate,
 * storage and certificates. Never `secrets`: the CRD requires it, so whoever made the object set
 * it (Pomerium's install docs: `pomerium/bootstrap`, filled by the installation's gen-secrets Job),
 * and a field this stack took over could not be given back on destroy (see controller.ts).
 */
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
    ...(spec.postgres ? { storage: { postgres: { secret: ref(names.storage) } } } : {}),
    ...(spec.authenticateCertificate ? { certificates: [spec.authenticateCertificate] } : {}),
  };
}

/**
 * The fields of the `Pomerium` object this stack owns (`.spec.<key>`), in order. They are applied
 * without force: a value another field manager set there is a conflict that fails `up` before the
 * object changes, and destroy removes exactly these fields, which leaves the object as it was.
 */
export function ownedPomeriumFields(
  spec: Pick<ControllerSpec, "postgres" | "authenticateCertificate">,
): string[] {
  const object = pomeriumObjectSpec(
    { ...spec, namespace: "", name: "", authenticateUrl: "" },
    { issuer: "", scopes: [] },
  );
  return Object.keys(object).map((k) => `.spec.${k}`);
}

const SUPPORTED = new Set([...CONTROLLER_ANNOTATION_OPTIONS, ...CONTROLLER_PATH_OPTIONS]);
const OWN_KEYS = new Set(["from", "to", "allowGroups", "allowEmails", "policy"]);

/** Why a route has no ingress-controller form (empty when it has one). */
export function controllerRouteProblems(
  route: RouteInput,
  ownNamespace: string,
  externalNameServices = true,
): string[] {
  const problems: string[] = [];
  const to = route.to === undefined ? [] : Array.isArray(route.to) ? route.to : [route.to];
  const target = to.length === 1 ? String(to[0]) : undefined;
  const outside = target !== undefined ? outsideUpstream(target) : undefined;
  if (target === undefined || !isOriginUrl(target))
    problems.push(
      "`to` must be exactly one http(s) URL without a path (an Ingress path has one backend Service): an in-cluster Service, http(s)://<service>.<namespace>.svc.cluster.local[:port], or an upstream outside the cluster",
    );
  else if (outside?.problem) problems.push(outside.problem);
  else if (outside?.upstream && !externalNameServices)
    problems.push(
      "`to` is outside the cluster, and ExternalName Services are turned off (externalNameServices: false); name an in-cluster Service",
    );
  else if (!outside?.upstream && !routeBackend(target, ownNamespace))
    problems.push(
      "`to` must name a Service as http(s)://<service>.<namespace>.svc.cluster.local[:port] (an Ingress sends only to a Service in its own namespace)",
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

/** The TLS Secret a route's Ingress names: the shared one, or `<ingress name>-tls`. */
export const routeTlsSecretName = (spec: Pick<ControllerSpec, "tlsSecretName">, ingress: string) =>
  spec.tlsSecretName ?? `${ingress}-tls`;

/** One route's Ingress: namespace, annotations and spec (the caller adds labels and its own annotations). */
export function routeIngress(
  spec: ControllerSpec,
  route: RouteInput,
): {
  name: string;
  namespace: string;
  annotations: Record<string, string>;
  spec: k8s.types.input.networking.v1.IngressSpec;
  /** The ExternalName Service its outside upstream needs (in the Ingress's namespace). */
  externalService?: ExternalUpstream;
} {
  const to = String([route.to].flat()[0]);
  const outside = outsideUpstream(to).upstream;
  const name = routeIngressName(spec, route);
  const externalService: ExternalUpstream | undefined = outside && {
    name: externalServiceName(name, spec.name, spec.stack),
    namespace: spec.namespace,
    externalName: outside.host,
    port: outside.port,
    secure: outside.secure,
  };
  const backend: Backend = externalService
    ? { ...externalService, service: externalService.name }
    : routeBackend(to, spec.namespace)!;
  const [pomeriumRoute] = buildRoutes([route], spec.groupsClaimName);
  const annotations: Record<string, string> = {};
  const a = (key: string, value: unknown) =>
    (annotations[`${ANNOTATION_PREFIX}/${key}`] = annotationValue(value));
  if (pomeriumRoute.policy.length > 0)
    annotations[`${ANNOTATION_PREFIX}/policy`] = JSON.stringify(pomeriumRoute.policy);
  for (const k of Object.keys(pomeriumRoute).sort())
    if (CONTROLLER_ANNOTATION_OPTIONS.includes(k)) a(k, pomeriumRoute[k]);
  if (backend.secure) a("secure_upstream", true);
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
      tls: [{ hosts: [host], secretName: routeTlsSecretName(spec, name) }],
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
    ...(externalService ? { externalService } : {}),
  };
}

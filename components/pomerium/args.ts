/**
 * The Pomerium component's arguments, and their resolution into a plain `PomeriumSpec` (defaults
 * applied, the version read off the image, the rules that would otherwise deploy a broken proxy).
 *
 * Plain fields (no `pulumi.Input`) decide which objects exist or how they are named: a component
 * must branch on values it knows at construction, never on an Output (an Output is always truthy).
 * The component package's schema marks them `plain`, so every language passes them as values.
 */
import type * as pulumi from "@pulumi/pulumi";
import { CONFIGMAP_MAX_BYTES, configFileBytes } from "./config";
import { imageVersion, parseVersion } from "./facts";
import type { RouteInput } from "./ppl";
import {
  DatabrokerStorage,
  DEFAULT_POMERIUM_IMAGE,
  defaultPomeriumName,
  PomeriumSpec,
} from "./spec";

/** One Pomerium route. */
export interface PomeriumRouteArgs {
  /** The route's https origin, e.g. https://grafana.example.com. */
  from: string;
  /** Upstream URL(s). @default none: the route needs `redirect` or `response` in `options` */
  to?: string[];
  /** Okta group names allowed in (compiled to PPL `claim/<groupsClaimName>`). @default none */
  allowGroups?: string[];
  /** E-mail addresses allowed in. @default none */
  allowEmails?: string[];
  /** Raw PPL (one rule or a list); replaces `allowGroups`/`allowEmails`. @default none */
  policy?: any;
  /** Further Pomerium route options in Pomerium's spelling (`prefix`, `timeout`, …). @default none */
  options?: { [key: string]: any };
}

/** Where Pomerium keeps sessions. */
export interface PomeriumDatabrokerArgs {
  /** `memory` (one replica) or `postgres` (shared by replicas). @default "memory" */
  storage?: DatabrokerStorage;
  /** The Postgres port the NetworkPolicy opens. @default 5432 */
  postgresPort?: number;
  /** An in-cluster Postgres's namespace, opened in the NetworkPolicy. @default none */
  postgresNamespace?: string;
}

/** The Service in front of the pods. */
export interface PomeriumServiceArgs {
  /** `ClusterIP` or `LoadBalancer`. @default "ClusterIP" */
  type?: pulumi.Input<string>;
  /** The Service port (to the container's http port 8080). @default 80 */
  port?: pulumi.Input<number>;
  /** Annotations on the Service (for example a cloud load balancer's). @default none */
  annotations?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** An optional Ingress for the authenticate host and every route host. */
export interface PomeriumIngressArgs {
  /** Register the Ingress. @default false */
  enabled?: boolean;
  /** `ingressClassName`. @default none: the cluster's default class */
  className?: string;
  /** The TLS Secret for every host. @default none: the controller's default certificate */
  tlsSecretName?: string;
  /** Annotations on the Ingress. @default none */
  annotations?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** Requests or limits of the Pomerium container. */
export interface PomeriumResourceListArgs {
  /** CPU quantity. */
  cpu?: pulumi.Input<string>;
  /** Memory quantity. */
  memory?: pulumi.Input<string>;
}

/** Container resources. */
export interface PomeriumResourcesArgs {
  /** @default cpu 300m, memory 256Mi */
  requests?: PomeriumResourceListArgs;
  /** @default cpu 1, memory 512Mi */
  limits?: PomeriumResourceListArgs;
}

/** The default-deny NetworkPolicy. */
export interface PomeriumNetworkPolicyArgs {
  /** Register the NetworkPolicy. @default true */
  enabled?: boolean;
  /** Namespaces allowed to reach the pods (the ingress controller's). @default every namespace */
  ingressNamespaces?: string[];
}

export interface PomeriumArgs {
  /** https origin of Pomerium's authenticate service; Okta's redirect URI is `<it>/oauth2/callback`. */
  authenticateUrl: string;
  /** The OpenID issuer (`idp_provider_url`): the authorization server's `issuer` output. */
  issuer: pulumi.Input<string>;
  /** The OIDC app's client id (`idp_client_id`). */
  clientId: pulumi.Input<string>;
  /** Secret: the OIDC app's client secret (`idp_client_secret`), delivered through a Kubernetes Secret. */
  clientSecret: pulumi.Input<string>;
  /** The scopes Pomerium requests (`idp_scopes`): exactly those the access rule allows. */
  scopes: pulumi.Input<pulumi.Input<string>[]>;
  /** The routes, in order. */
  routes: PomeriumRouteArgs[];
  /** The ID-token claim holding the user's groups. @default "groups" */
  groupsClaimName?: string;
  /** The Kubernetes namespace. @default "pomerium-<stack>" */
  namespace?: string;
  /** Create the namespace (labelled Pod Security "restricted"). @default true */
  createNamespace?: boolean;
  /** Protect the created namespace from deletion (deleting it deletes everything in it). @default false */
  protectNamespace?: boolean;
  /** Base name of the Kubernetes objects. @default "pomerium-<stack>" */
  name?: string;
  /** The image, pinned to a tag or digest. @default "pomerium/pomerium:v0.33.1" */
  image?: string;
  /** The version the image runs, when its tag does not say (a digest). @default read from the tag */
  version?: string;
  /** Pods; more than one needs `databroker.storage: postgres`. @default 1 */
  replicas?: number;
  /** Session storage. @default in memory */
  databroker?: PomeriumDatabrokerArgs;
  /** Secret: the Postgres connection string; required with `databroker.storage: postgres`. @default none */
  databrokerConnectionString?: pulumi.Input<string>;
  /** Secret: `idp_service_account` (Pomerium before v0.20.0 only). @default none */
  idpServiceAccount?: pulumi.Input<string>;
  /** The Service. @default ClusterIP on port 80 */
  service?: PomeriumServiceArgs;
  /** An Ingress in front of the Service. @default none */
  ingress?: PomeriumIngressArgs;
  /** Container resources. @default 300m/256Mi requests, 1/512Mi limits */
  resources?: PomeriumResourcesArgs;
  /** The NetworkPolicy. @default enabled, ingress from every namespace */
  networkPolicy?: PomeriumNetworkPolicyArgs;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A route arg in the flat shape the config builder reads (`to` as one string when it is one). */
export function routeInput(r: PomeriumRouteArgs): RouteInput {
  const to = r.to === undefined ? undefined : r.to.length === 1 ? r.to[0] : [...r.to];
  return {
    ...(r.options ?? {}),
    from: r.from,
    ...(to !== undefined ? { to } : {}),
    ...(r.allowGroups !== undefined ? { allowGroups: r.allowGroups } : {}),
    ...(r.allowEmails !== undefined ? { allowEmails: r.allowEmails } : {}),
    ...(r.policy !== undefined ? { policy: r.policy } : {}),
  };
}

/**
 * Applies the defaults and checks what would deploy a broken proxy. Returns the spec, or the
 * problems in the args' own terms (the stack program's settings layer has already said the same in
 * the settings' terms).
 */
export function resolvePomeriumArgs(
  args: PomeriumArgs,
  stack: string,
): { spec: PomeriumSpec; problems: string[] } {
  const problems: string[] = [];
  const image = args.image ?? DEFAULT_POMERIUM_IMAGE;
  const version = args.version !== undefined ? parseVersion(args.version) : imageVersion(image);
  if (!version)
    problems.push(`cannot tell the Pomerium version from image "${image}"; set \`version\``);
  const authenticateUrl = args.authenticateUrl.replace(/\/+$/, "");
  const auth = safeUrl(authenticateUrl);
  // An origin only: a path, query, fragment or credentials would reach Okta's redirect URI and the
  // ConfigMap.
  const isOrigin = (u: URL) =>
    u.pathname === "/" && !u.search && !u.hash && !u.username && !u.password;
  if (!auth || auth.protocol !== "https:" || !isOrigin(auth))
    problems.push(`authenticateUrl must be an https origin (got "${args.authenticateUrl}")`);
  if (args.routes.length === 0) problems.push("routes must list at least one route");
  // Pomerium refuses a path in `from` at start-up: say so now (split a host with options.prefix).
  for (const r of args.routes) {
    const from = safeUrl(r.from);
    if (!from || from.protocol !== "https:" || !isOrigin(from))
      problems.push(`a route's \`from\` must be an https origin (got "${r.from}")`);
  }
  const name = args.name ?? defaultPomeriumName(stack);
  const namespace = args.namespace ?? defaultPomeriumName(stack);
  for (const [key, v] of [
    ["name", name],
    ["namespace", namespace],
  ] as const)
    if (v.length > 63 || !DNS1123_LABEL.test(v))
      problems.push(`${key} "${v}" is not a DNS-1123 label; set \`${key}\``);
  const storage = args.databroker?.storage ?? "memory";
  const replicas = args.replicas ?? 1;
  if (!Number.isInteger(replicas) || replicas < 1)
    problems.push(`replicas must be a whole number >= 1 (got ${replicas})`);
  if (replicas > 1 && storage !== "postgres")
    problems.push(`replicas ${replicas} needs databroker.storage "postgres" to share sessions`);
  if ((storage === "postgres") !== (args.databrokerConnectionString !== undefined))
    problems.push(
      'databrokerConnectionString is required with databroker.storage "postgres", and only then',
    );
  const spec: PomeriumSpec = {
    stack,
    authenticateUrl,
    routes: args.routes.map(routeInput),
    groupsClaimName: args.groupsClaimName ?? "groups",
    version: version ?? [0, 0, 0],
    namespace,
    createNamespace: args.createNamespace ?? true,
    name,
    image,
    replicas,
    databroker: {
      storage,
      postgresPort: args.databroker?.postgresPort ?? 5432,
      ...(args.databroker?.postgresNamespace !== undefined
        ? { postgresNamespace: args.databroker.postgresNamespace }
        : {}),
    },
    idpServiceAccount: args.idpServiceAccount !== undefined,
    networkPolicy: {
      enabled: args.networkPolicy?.enabled ?? true,
      ...(args.networkPolicy?.ingressNamespaces !== undefined
        ? { ingressNamespaces: args.networkPolicy.ingressNamespaces }
        : {}),
    },
    ingress: {
      enabled: args.ingress?.enabled ?? false,
      ...(args.ingress?.className !== undefined ? { className: args.ingress.className } : {}),
      ...(args.ingress?.tlsSecretName !== undefined
        ? { tlsSecretName: args.ingress.tlsSecretName }
        : {}),
    },
  };
  // Scopes are not known yet (an Input): four OIDC scopes and a custom one fit in the 1 KiB margin.
  if (problems.length === 0 && configFileBytes(spec, []) > CONFIGMAP_MAX_BYTES)
    problems.push(
      `the routes make Pomerium's config file larger than a ConfigMap holds (${CONFIGMAP_MAX_BYTES / 1024} KiB); split them across deployments`,
    );
  return { spec, problems };
}

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

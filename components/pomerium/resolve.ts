/**
 * The Pomerium component's arguments resolved into a plain `PomeriumSpec`: defaults applied, the
 * version read off the image, and the rules that would otherwise deploy a broken proxy.
 */
import type { PomeriumArgs, PomeriumGatewayParentRefArgs, PomeriumRouteArgs } from "./args";
import { CONFIGMAP_MAX_BYTES, configFileBytes } from "./config";
import { atLeast, imageVersion, parseVersion, SIGNING_KEY_DERIVED_FROM } from "./facts";
import { namespaceOwnership } from "./namespace";
import { premadeSecretProblem } from "./premade-secrets";
import type { RouteInput } from "./ppl";
import { hostProblem } from "../dns";
import { routeOptionTypeProblems } from "./route-options";
import {
  DEFAULT_POMERIUM_IMAGE,
  defaultPomeriumName,
  GatewayParentRef,
  PomeriumSpec,
} from "./spec";

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
  // An Ingress or HTTPRoute host cannot carry a port: a `from` with one would never match.
  const hostOnly = args.ingress?.enabled || args.gateway !== undefined;
  for (const r of args.routes) {
    const from = safeUrl(r.from);
    if (!from || from.protocol !== "https:" || !isOrigin(from))
      problems.push(`a route's \`from\` must be an https origin (got "${r.from}")`);
    else if (from.port && hostOnly)
      problems.push(
        `route ${r.from}: an Ingress or HTTPRoute host cannot carry port ${from.port}; remove it, or expose the Service (type LoadBalancer) on that port`,
      );
    const host = from && hostProblem(from.hostname, { wildcard: true });
    if (host) problems.push(`route ${r.from}: \`from\` ${host}`);
    for (const [k, m] of routeOptionTypeProblems(r.options ?? {}))
      problems.push(`route ${r.from}: ${k} ${m}`);
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
  // One trusted hop when this component puts an Ingress or HTTPRoute in front; otherwise none, so
  // a client reaching the Service directly cannot spoof its address with X-Forwarded-For.
  const xffNumTrustedHops =
    args.xffNumTrustedHops ?? (args.ingress?.enabled || args.gateway !== undefined ? 1 : 0);
  if (!Number.isInteger(xffNumTrustedHops) || xffNumTrustedHops < 0)
    problems.push(`xffNumTrustedHops must be a whole number >= 0 (got ${xffNumTrustedHops})`);
  if (args.gateway !== undefined && args.gateway.parentRefs.length === 0)
    problems.push("gateway.parentRefs must name at least one Gateway");
  for (const id of ["sharedSecret", "cookieSecret", "signingKey"] as const) {
    const v = args[id];
    const problem = typeof v === "string" ? premadeSecretProblem(id, v) : undefined;
    if (problem) problems.push(problem);
  }
  const spec: PomeriumSpec = {
    stack,
    authenticateUrl,
    routes: args.routes.map(routeInput),
    groupsClaimName: args.groupsClaimName ?? "groups",
    version: version ?? [0, 0, 0],
    namespace,
    namespaceOwnership: namespaceOwnership(args, namespace, defaultPomeriumName(stack)),
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
    signingKey:
      args.signingKey !== undefined ||
      (replicas > 1 && !atLeast(version ?? [0, 0, 0], SIGNING_KEY_DERIVED_FROM)),
    xffNumTrustedHops,
    networkPolicy: {
      enabled: args.networkPolicy?.enabled ?? true,
      ...(args.networkPolicy?.ingressNamespaces !== undefined
        ? { ingressNamespaces: args.networkPolicy.ingressNamespaces }
        : {}),
      metricsNamespaces: args.networkPolicy?.metricsNamespaces ?? [],
    },
    ingress: {
      enabled: args.ingress?.enabled ?? false,
      ...(args.ingress?.className !== undefined ? { className: args.ingress.className } : {}),
      ...(args.ingress?.tlsSecretName !== undefined
        ? { tlsSecretName: args.ingress.tlsSecretName }
        : {}),
    },
    ...(args.gateway !== undefined
      ? { gateway: { parentRefs: args.gateway.parentRefs.map(parentRef) } }
      : {}),
  };
  // Scopes are not known yet (an Input): four OIDC scopes and a custom one fit in the 1 KiB margin.
  if (problems.length === 0 && configFileBytes(spec, []) > CONFIGMAP_MAX_BYTES)
    problems.push(
      `the routes make Pomerium's config file larger than a ConfigMap holds (${CONFIGMAP_MAX_BYTES / 1024} KiB); split them across deployments`,
    );
  return { spec, problems };
}

const parentRef = (p: PomeriumGatewayParentRefArgs): GatewayParentRef => ({
  name: p.name,
  ...(p.namespace !== undefined ? { namespace: p.namespace } : {}),
  ...(p.sectionName !== undefined ? { sectionName: p.sectionName } : {}),
});

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * Pure: how traffic reaches Pomerium's Service. An Ingress (any class), or Gateway API HTTPRoutes
 * attached to a user's Gateway (the successor of ingress-nginx, retired in March 2026). Both cover
 * exactly the hosts Pomerium serves: the authenticate host and every route host.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { objectNames } from "./manifests";
import type { PomeriumSpec } from "./spec";

/** Gateway API: an HTTPRoute lists at most 16 hostnames (`spec.hostnames` maxItems). */
export const HTTPROUTE_MAX_HOSTNAMES = 16;

/** Every host Pomerium answers for, authenticate first, then routes in order, each once. */
export function hostsOf(spec: Pick<PomeriumSpec, "authenticateUrl" | "routes">): string[] {
  const hosts = [
    new URL(spec.authenticateUrl).hostname,
    ...spec.routes.map((r) => new URL(r.from).hostname),
  ];
  return [...new Set(hosts)];
}

/** The Ingress rules: the authenticate host and every route host, all to the one Service. */
export function ingressSpec(
  spec: PomeriumSpec,
  hosts: readonly string[],
): k8s.types.input.networking.v1.IngressSpec {
  const ing = spec.ingress;
  const backend = { service: { name: objectNames(spec).service, port: { name: "http" } } };
  return {
    ...(ing.className ? { ingressClassName: ing.className } : {}),
    ...(ing.tlsSecretName ? { tls: [{ hosts: [...hosts], secretName: ing.tlsSecretName }] } : {}),
    rules: hosts.map((host) => ({
      host,
      http: { paths: [{ path: "/", pathType: "Prefix", backend }] },
    })),
  };
}

/** One HTTPRoute's spec (`gateway.networking.k8s.io/v1`); the CRD has no typed SDK class. */
export interface HttpRouteSpec {
  parentRefs: Array<{
    group: string;
    kind: string;
    name: string;
    namespace?: string;
    sectionName?: string;
  }>;
  hostnames: string[];
  rules: Array<{
    matches: Array<{ path: { type: string; value: string } }>;
    backendRefs: Array<{ name: string; port: pulumi.Input<number> }>;
  }>;
}

/**
 * The HTTPRoutes for every host, in chunks of 16 hostnames, each sending everything to Pomerium's
 * Service (TLS ends at the Gateway's listener). Pomerium matches the route itself, so one rule
 * with the `/` prefix is all an HTTPRoute needs.
 */
export function httpRouteSpecs(
  spec: PomeriumSpec,
  hosts: readonly string[],
  servicePort: pulumi.Input<number>,
): HttpRouteSpec[] {
  const parentRefs = (spec.gateway?.parentRefs ?? []).map((p) => ({
    group: "gateway.networking.k8s.io",
    kind: "Gateway",
    name: p.name,
    ...(p.namespace !== undefined ? { namespace: p.namespace } : {}),
    ...(p.sectionName !== undefined ? { sectionName: p.sectionName } : {}),
  }));
  const chunks: string[][] = [];
  for (let i = 0; i < hosts.length; i += HTTPROUTE_MAX_HOSTNAMES)
    chunks.push(hosts.slice(i, i + HTTPROUTE_MAX_HOSTNAMES));
  return chunks.map((hostnames) => ({
    parentRefs,
    hostnames,
    rules: [
      {
        matches: [{ path: { type: "PathPrefix", value: "/" } }],
        backendRefs: [{ name: objectNames(spec).service, port: servicePort }],
      },
    ],
  }));
}

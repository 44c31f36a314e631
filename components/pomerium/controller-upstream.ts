/**
 * Pure: a route whose `to` is outside the cluster, in ingress-controller mode. An Ingress sends only
 * to a Service, so the upstream gets an `ExternalName` Service in the Ingress's namespace. The
 * Pomerium Ingress Controller (v0.33.1, pomerium/ingress_to_route.go `getPathServiceHosts`) turns an
 * ExternalName backend into `to: <scheme>://<externalName>:<backend port>`, with `https` when the
 * Ingress carries `ingress.pomerium.io/secure_upstream: "true"`. Pomerium then sends the upstream's
 * own name as TLS SNI (config/envoyconfig/clusters.go: `dst.Hostname()` unless tls_server_name or
 * tls_upstream_server_name is set) and rewrites the Host header to it unless preserve_host_header or
 * host_rewrite is set (routes.go): the same as the all-in-one config with that `to`, so no
 * annotation beyond `secure_upstream` is needed and the route's own options keep their meaning.
 */
import { createHash } from "node:crypto";
import { isIpLiteral } from "../dns";

/** The Service a route's outside upstream becomes. */
export interface ExternalUpstream {
  /** A DNS-1035 label (a Service name): the route's Ingress name, stack included. */
  name: string;
  /** The namespace of the route's Ingress. */
  namespace: string;
  /** The upstream's host. */
  externalName: string;
  /** The upstream's port (the Ingress backend's `port.number`). */
  port: number;
  /** https: the Ingress carries `secure_upstream`. */
  secure: boolean;
}

/** A Kubernetes Service name is a DNS-1035 label: at most 63 characters, starting with a letter. */
export const SERVICE_NAME_MAX = 63;

/**
 * The upstream of `to` when it is outside the cluster (not `<svc>` or `<svc>.<ns>.svc[.cluster.local]`),
 * or why it cannot be one. Undefined `upstream` and `problem`: an in-cluster Service.
 */
export function outsideUpstream(to: string): {
  upstream?: { host: string; port: number; secure: boolean };
  problem?: string;
} {
  let u: URL;
  try {
    u = new URL(to);
  } catch {
    return { problem: "`to` is not a URL" };
  }
  if (clusterService(u.hostname)) return {};
  // (Other host problems are the host rules' to report: components/dns.ts.)
  if (isIpLiteral(u.hostname))
    return {
      problem: `\`to\` ${JSON.stringify(to)} is an IP address: an ExternalName Service needs a DNS name; put a Service with Endpoints in front of the address and name that Service`,
    };
  const secure = u.protocol === "https:";
  return {
    upstream: { host: u.hostname, port: u.port ? Number(u.port) : secure ? 443 : 80, secure },
  };
}

/**
 * The ExternalName Service's name: the route's Ingress name with the stack in it, shortened with a
 * hash when it is longer than a Service name may be.
 */
export function externalServiceName(ingressName: string, base: string, stack: string): string {
  const slug = stack.toLowerCase().replace(/[^a-z0-9-]+/g, "-");
  const full = base.includes(slug) ? ingressName : `${ingressName}-${slug}`;
  const name = /^[a-z]/.test(full) ? full : `x-${full}`;
  if (name.length <= SERVICE_NAME_MAX) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${name.slice(0, SERVICE_NAME_MAX - 9).replace(/-+$/, "")}-${hash}`;
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
  const port = u.port ? Number(u.port) : u.protocol === "https:" ? 443 : 80;
  const secure = u.protocol === "https:";
  const svc = clusterService(u.hostname);
  return svc && { namespace: svc.namespace ?? ownNamespace, service: svc.service, port, secure };
}

/** `<svc>` (in the Ingress's namespace) or `<svc>.<ns>.svc[.cluster.local]`: a Service's DNS name. */
function clusterService(host: string): { service: string; namespace?: string } | undefined {
  const parts = host.split(".");
  if (parts.length === 1) return { service: parts[0] };
  const inCluster =
    parts[2] === "svc" && (parts.length === 3 || parts.slice(3).join(".") === "cluster.local");
  return inCluster ? { service: parts[0], namespace: parts[1] } : undefined;
}

/** An http(s) URL with no path, query or credentials (what an Ingress backend can stand for). */
export function isOriginUrl(to: string): boolean {
  try {
    const u = new URL(to);
    return (
      ["http:", "https:"].includes(u.protocol) &&
      u.pathname === "/" &&
      !u.search &&
      !u.hash &&
      !u.username &&
      !u.password
    );
  } catch {
    return false;
  }
}

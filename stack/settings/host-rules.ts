/**
 * Hosts and ports: every host the program reads is a DNS name Kubernetes, Okta and Pomerium accept
 * (components/dns.ts), and a port in a Pomerium host is kept only where the chosen exposure serves
 * it (refused where it would be dropped).
 */
import { hostProblem, HostRules, urlHost } from "../../components/dns";
import type { OktaRawSettings, RawSettings } from "./schema";
import { describeValue } from "./error";
import { Add, P } from "./rule-types";

/** `value` (a URL) has a valid host under `rules`; reported at `path`. */
function urlHostRule(path: string, value: string | undefined, rules: HostRules, add: Add): void {
  if (value === undefined) return;
  const host = urlHost(value)?.host;
  if (host === undefined) return; // not a URL: the schema says so
  const problem = hostProblem(host, rules);
  if (problem) add(path, `${describeValue(value)} ${problem}`);
}

/** Every host the settings carry: Pomerium's, its upstreams', Okta's and OpenMetadata's. */
export function hostRules(s: Partial<RawSettings>, okta: Partial<OktaRawSettings>, add: Add): void {
  urlHostRule(`${P}authenticateUrl`, s.authenticateUrl, {}, add);
  (s.routes ?? []).forEach((r, i) => {
    if (!r) return;
    // Pomerium matches `*.example.com` in from (config/from.go); an Ingress or HTTPRoute host
    // carries a wildcard only as its whole first label.
    urlHostRule(`${P}routes[${i}].from`, r.from, { wildcard: true }, add);
    const list = Array.isArray(r.to);
    (r.to === undefined ? [] : [r.to].flat()).forEach((to, j) =>
      urlHostRule(`${P}routes[${i}].to${list ? `[${j}]` : ""}`, to, { ip: true }, add),
    );
  });
  urlHostRule(`${P}authorizationServer.orgUrl`, s.authorizationServer?.orgUrl, {}, add);
  urlHostRule(`${P}openMetadata.url`, s.openMetadata?.url, {}, add);
  // The provider calls https://<orgName>.<baseUrl>: a label, then a domain.
  const org = okta.orgName?.toLowerCase();
  const base = okta.baseUrl?.toLowerCase();
  const orgProblem = org !== undefined ? hostProblem(org) : undefined;
  if (orgProblem) add("okta:orgName", `${describeValue(okta.orgName)} ${orgProblem}`);
  const baseProblem = base !== undefined ? hostProblem(base, { minLabels: 2 }) : undefined;
  if (baseProblem) add("okta:baseUrl", `${describeValue(okta.baseUrl)} ${baseProblem}`);
  else if (org !== undefined && base !== undefined && !orgProblem) {
    const whole = hostProblem(`${org}.${base}`);
    if (whole)
      add(
        "okta:baseUrl",
        `with okta:orgName, the org's host ${whole.replace(/^has a host/, "is")}`,
      );
  }
}

/**
 * Where a client's port reaches Pomerium with the port still in its Host header (Pomerium matches
 * a `from` with a port on `host:port` only: urlutil.GetDomainsForURL), or why it cannot.
 * Undefined: the port is served (this Service listens on it).
 */
export function portProblem(pom: RawSettings["pomerium"], port: number): string | undefined {
  if (pom.mode === "ingress-controller")
    return "pomerium.mode is ingress-controller: each route is an Ingress, whose host cannot carry a port, and the controller builds Pomerium's `from` from that host, so the port would be dropped; remove the port (the controller's proxy serves 443)";
  if (pom.ingress.enabled)
    return (
      "pomerium.ingress is enabled: an Ingress host cannot carry a port and the ingress controller serves 443, so requests would never match the route; remove the port, or expose Pomerium with pomerium.service.type: LoadBalancer and port " +
      port
    );
  if (pom.gateway)
    return (
      "pomerium.gateway is set: an HTTPRoute hostname cannot carry a port (Gateway API), so requests would never match the route; remove the port, or expose Pomerium with pomerium.service.type: LoadBalancer and port " +
      port
    );
  if (pom.service.type !== "LoadBalancer")
    return `Pomerium's Service is ${pom.service.type}, which no client outside the cluster reaches on port ${port}; set pomerium.service.type: LoadBalancer and pomerium.service.port: ${port}, or remove the port`;
  if (pom.service.port !== port)
    return `Pomerium's LoadBalancer Service listens on ${pom.service.port}, not ${port}; set pomerium.service.port: ${port}, or remove the port`;
  return undefined;
}

/** A port in `from` or `authenticateUrl` (other than https's 443) is kept, or refused here. */
export function portRules(s: Partial<RawSettings>, add: Add): void {
  const pom = s.pomerium;
  if (!pom) return;
  const check = (path: string, value: string | undefined) => {
    const port = value !== undefined ? urlHost(value)?.port : undefined;
    if (port === undefined) return;
    const problem = portProblem(pom, port);
    if (problem) add(path, `${describeValue(value)} has port ${port}, but ${problem}`);
  };
  check(`${P}authenticateUrl`, s.authenticateUrl);
  (s.routes ?? []).forEach((r, i) => r && check(`${P}routes[${i}].from`, r.from));
}

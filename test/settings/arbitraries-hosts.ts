// Hosts, ports and route option values for the generated settings (arbitraries.ts), and the rules
// over them written apart from the code: hosts are DNS names, a port in a host is served by the
// exposure, each option has the type Pomerium decodes it as.
import assert from "node:assert/strict";
import fc from "fast-check";

/** A route as generated (options beside the route's own keys). */
export interface Route {
  from: string;
  to: string;
  allowGroups?: string[];
  allowEmails?: string[];
  [option: string]: unknown;
}

/** Per route (a stack has several): `unusual` 1 time in 60. */
export const rarely = <T>(usual: fc.Arbitrary<T>, unusual: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 59, arbitrary: usual }, { weight: 1, arbitrary: unusual });

/** Upstreams: in the cluster, outside, an IP; rarely a host DNS refuses. */
export const TOS = [
  "http://app.apps.svc.cluster.local:8080",
  "https://api.vendor.example.com",
  "http://10.0.0.5:8080",
];
export const BAD_TOS = [
  "http://up_stream.example.com",
  "https://*.example.com",
  "https://a..example.com",
];
/** Route options with a value of their type, or (rarely) of another. */
export const OPTIONS: Array<[string, unknown, unknown]> = [
  ["preserve_host_header", true, "yes"],
  ["allow_websockets", false, 1],
  ["timeout", "30s", 30],
  ["idle_timeout", "1m30s", "90 seconds"],
  ["set_request_headers", { "X-Team": "sre" }, { "X-Team": 7 }],
  ["allowed_users", ["a@example.com"], "a@example.com"],
  ["healthy_panic_threshold", 100, 101],
];
/** How Pomerium is exposed: the Service (its type and port), or an Ingress in front. */
export const EXPOSURES = [
  ...Array(12).fill({ service: { type: "LoadBalancer", port: 8443 } }),
  { service: { type: "LoadBalancer", port: 9443 } },
  { service: { type: "ClusterIP", port: 8443 } },
  { service: { type: "LoadBalancer", port: 8443 }, ingress: { enabled: true } },
] as Array<{ service: { type: string; port: number }; ingress?: { enabled: boolean } }>;

export const option = fc.option(
  fc
    .tuple(fc.constantFrom(...OPTIONS), rarely(fc.constant(true), fc.constant(false)))
    .map(([[key, good, bad], ok]) => ({ [key]: ok ? good : bad })),
  { freq: 2 },
);

/** A DNS name as RFC 1123 and Kubernetes take it (written apart from components/dns.ts). */
const DNS_NAME =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;

/** Hosts are DNS names (a wildcard only as from's first label, an IP only in to); ports served. */
export function hostAndPortRulesHold(
  authenticateUrl: string,
  routes: readonly Route[],
  exposure: (typeof EXPOSURES)[number],
): void {
  const g = { authenticateUrl, routes, exposure };
  const lbPort =
    g.exposure.service.type === "LoadBalancer" && !("ingress" in g.exposure)
      ? g.exposure.service.port
      : undefined;
  const served = (url: string) => {
    const port = new URL(url).port;
    assert.ok(
      port === "" || Number(port) === lbPort,
      `${url}: port not served by ${JSON.stringify(g.exposure)}`,
    );
  };
  served(g.authenticateUrl);
  assert.match(new URL(g.authenticateUrl).hostname, DNS_NAME);
  for (const r of g.routes) {
    served(r.from);
    assert.match(new URL(r.from).hostname.replace(/^\*\./, ""), DNS_NAME, r.from);
    const to = new URL(r.to).hostname;
    assert.ok(DNS_NAME.test(to) || /^\d+\.\d+\.\d+\.\d+$/.test(to), `to ${r.to}`);
    optionTypesHold(r);
  }
}

/** Each option has the type Pomerium decodes it as (config/policy.go, stated apart from the code). */
function optionTypesHold(r: Route): void {
  const is = (key: string, ok: (v: any) => boolean) =>
    assert.ok(!(key in r) || ok(r[key]), `${key}: ${JSON.stringify(r[key])}`);
  is("pass_identity_headers", (v) => v === true || v === false);
  is("preserve_host_header", (v) => v === true || v === false);
  is("allow_websockets", (v) => v === true || v === false);
  is("timeout", (v) => typeof v === "string" && /^(\d+(ms|s|m|h))+$/.test(v));
  is("idle_timeout", (v) => typeof v === "string" && /^(\d+(ms|s|m|h))+$/.test(v));
  is("set_request_headers", (v) => Object.values(v).every((x) => typeof x === "string"));
  is("allowed_users", (v) => Array.isArray(v) && v.every((x) => typeof x === "string"));
  is("healthy_panic_threshold", (v) => Number.isInteger(v) && v >= 0 && v <= 100);
}

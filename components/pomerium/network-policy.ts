/**
 * Pure: the NetworkPolicy that denies Pomerium's pods everything by default and allows what the
 * proxy needs. Ingress: the proxy port (from the ingress or gateway namespaces when given) and the
 * metrics port from the monitoring namespaces named (none by default); never the health port, which
 * only the kubelet probes (and a NetworkPolicy does not apply to the kubelet). Egress:
 * DNS, Okta on 443, every route upstream (in-cluster services by namespace), and Postgres.
 */
import type * as k8s from "@pulumi/kubernetes";
import { HTTP_PORT, METRICS_PORT } from "./config";
import { labels } from "./manifests";
import type { PomeriumSpec } from "./spec";

type Rule = k8s.types.input.networking.v1.NetworkPolicyEgressRule;
type Peer = k8s.types.input.networking.v1.NetworkPolicyPeer;

// Outside the cluster, IPv4 and IPv6. (On some CNIs, e.g. Cilium, ipBlocks never match pods: in-cluster
// destinations are therefore allowed by namespace.)
const ANYWHERE: Peer[] = [{ ipBlock: { cidr: "0.0.0.0/0" } }, { ipBlock: { cidr: "::/0" } }];
const byNamespace = (ns: string): Peer => ({
  namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ns } },
});

/**
 * Where an upstream lives: a single-label host is a Service in Pomerium's namespace,
 * `svc.ns.svc[.cluster.local]` one in namespace `ns`; anything else is outside the cluster.
 */
export function upstreamTarget(
  url: string,
  ownNamespace: string,
): { namespace?: string; port: number } {
  const u = new URL(url);
  const port = u.port ? Number(u.port) : u.protocol === "https:" ? 443 : 80;
  const parts = u.hostname.split(".");
  if (parts.length === 1) return { namespace: ownNamespace, port };
  const svc = parts.indexOf("svc");
  if (svc === 2 && (parts.length === 3 || parts.slice(3).join(".") === "cluster.local"))
    return { namespace: parts[1], port };
  return { port };
}

export function networkPolicySpec(
  spec: PomeriumSpec,
): k8s.types.input.networking.v1.NetworkPolicySpec {
  const p = spec;
  const from = p.networkPolicy.ingressNamespaces?.map(byNamespace);
  const ingress: k8s.types.input.networking.v1.NetworkPolicyIngressRule[] = [
    { ...(from ? { from } : {}), ports: [{ protocol: "TCP", port: HTTP_PORT }] },
  ];
  if (p.networkPolicy.metricsNamespaces.length > 0)
    ingress.push({
      from: [...p.networkPolicy.metricsNamespaces].sort().map(byNamespace),
      ports: [{ protocol: "TCP", port: METRICS_PORT }],
    });

  // External upstreams by port, in-cluster ones by namespace with no port list: a NetworkPolicy
  // matches the pod's port, which a Service may map from another one. Sorted: a stable spec.
  const externalPorts = new Set<number>([443]); // Okta (its addresses are not fixed)
  const namespaces = new Set<string>();
  for (const r of spec.routes) {
    for (const to of r.to === undefined ? [] : Array.isArray(r.to) ? r.to : [r.to]) {
      const t = upstreamTarget(to, p.namespace);
      if (t.namespace) namespaces.add(t.namespace);
      else externalPorts.add(t.port);
    }
  }
  if (p.databroker.storage === "postgres") externalPorts.add(p.databroker.postgresPort);
  if (p.databroker.postgresNamespace) namespaces.add(p.databroker.postgresNamespace);

  const egress: Rule[] = [
    {
      // DNS, wherever the cluster resolver runs (5353: OpenShift's resolver pods).
      to: [{ namespaceSelector: {} }],
      ports: [53, 5353].flatMap((port) => [
        { protocol: "UDP", port },
        { protocol: "TCP", port },
      ]),
    },
    {
      to: ANYWHERE,
      ports: [...externalPorts].sort((a, b) => a - b).map((port) => ({ protocol: "TCP", port })),
    },
  ];
  for (const ns of [...namespaces].sort())
    egress.push({ to: [ns === p.namespace ? { podSelector: {} } : byNamespace(ns)] });
  return {
    podSelector: { matchLabels: labels(spec).selector },
    policyTypes: ["Ingress", "Egress"],
    ingress,
    egress,
  };
}

/** Descriptions of the `pomerium` settings: Pomerium on Kubernetes. */
import type { KeyDocs } from "./types";

const AIO = "All-in-one mode only.";
const CTRL = "Ingress-controller mode only.";

export const POMERIUM: KeyDocs = {
  pomerium: {
    description:
      "Pomerium on Kubernetes: deployed by this stack (all-in-one) or run by an existing Pomerium Ingress Controller, and how it is exposed. See docs/modes.md and docs/kubernetes.md.",
    example: {
      replicas: 2,
      databroker: { storage: "postgres" },
      gateway: { parentRefs: [{ name: "internal", namespace: "gateways" }] },
      networkPolicy: { ingressNamespaces: ["gateways"] },
    },
  },
  "pomerium.mode": {
    description:
      "`all-in-one`: this stack deploys Pomerium. `ingress-controller`: an existing Pomerium Ingress Controller runs it; every all-in-one-only key is then refused by name.",
    example: "ingress-controller",
  },
  "pomerium.namespace": {
    description:
      "The namespace of Pomerium's objects (all-in-one) or of its Secrets (ingress controller).",
    example: "pomerium",
  },
  "pomerium.createNamespace": {
    description:
      'Who owns the namespace: `true` (this stack creates it, Pod Security "restricted", and destroy deletes it with everything in it), `"ifMissing"` (created if missing, never changed or deleted), `false` (it exists; nothing is registered).',
    default: 'true for the stack\'s own `pomerium-<stack>`, "ifMissing" for a namespace you name',
    example: "ifMissing",
  },
  "pomerium.name": { description: "The base name of the Kubernetes objects.", example: "pomerium" },
  "pomerium.image": {
    description: `${AIO} Pomerium's image, pinned to a tag or digest (\`latest\` is refused). The default is the non-root variant (the pod runs as uid 65532).`,
    example: "pomerium/pomerium:nonroot-v0.33.1",
  },
  "pomerium.version": {
    description:
      "The Pomerium version (`vX.Y.Z`) when the image tag does not say it, or, in ingress-controller mode, the version your controller runs. From v0.33.0 the Okta app requires PKCE.",
    default: "read from the image tag",
    example: "v0.33.1",
  },
  "pomerium.replicas": {
    description: `${AIO} How many Pomerium pods; more than 1 needs \`databroker.storage: postgres\`.`,
  },
  "pomerium.databroker": {
    description: "Where Pomerium keeps sessions: in memory (lost on restart) or in Postgres.",
    example: { storage: "postgres" },
  },
  "pomerium.databroker.storage": {
    description:
      "`memory` or `postgres`; `postgres` needs the secret `databrokerConnectionString`, and is required for more than one replica.",
  },
  "pomerium.databroker.postgresPort": {
    description: `${AIO} The Postgres port opened in the NetworkPolicy (to addresses outside the cluster).`,
    example: 5432,
  },
  "pomerium.databroker.postgresNamespace": {
    description: `${AIO} An in-cluster Postgres's namespace: egress to it is opened (some CNIs, e.g. Cilium, never match pods by IP block).`,
    example: "databases",
  },
  "pomerium.service": {
    description: `${AIO} Pomerium's Service.`,
    example: { type: "LoadBalancer" },
  },
  "pomerium.service.type": {
    description: `${AIO} \`ClusterIP\`, or \`LoadBalancer\`: the load balancer must terminate TLS (your cloud's annotations).`,
    example: "LoadBalancer",
  },
  "pomerium.service.port": { description: `${AIO} The Service's port.`, example: 80 },
  "pomerium.service.annotations": {
    description: `${AIO} Annotations on the Service, e.g. your cloud's load balancer and TLS settings.`,
    example: { "service.beta.kubernetes.io/aws-load-balancer-ssl-cert": "arn:aws:acm:…" },
  },
  "pomerium.ingress": {
    description: `${AIO} One Ingress for the authenticate host and every route host, for any ingress controller.`,
    example: { enabled: true, className: "nginx", tlsSecretName: "pomerium-dev-tls" },
  },
  "pomerium.ingress.enabled": { description: `${AIO} Create the Ingress.` },
  "pomerium.ingress.className": {
    description: `${AIO} The Ingress's IngressClass.`,
    example: "nginx",
  },
  "pomerium.ingress.tlsSecretName": {
    description: `${AIO} The TLS Secret for the Ingress's hosts (e.g. issued by cert-manager through \`annotations\`).`,
    example: "pomerium-dev-tls",
  },
  "pomerium.ingress.annotations": {
    description: `${AIO} Annotations on the Ingress.`,
    example: { "cert-manager.io/cluster-issuer": "letsencrypt" },
  },
  "pomerium.resources": {
    description: `${AIO} The Pomerium container's CPU and memory.`,
    example: { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: 2, memory: "1Gi" } },
  },
  "pomerium.resources.requests": {
    description: `${AIO} What the scheduler reserves.`,
    example: { cpu: "500m", memory: "512Mi" },
  },
  "pomerium.resources.requests.cpu": {
    description: `${AIO} Kubernetes quantity, or a number (\`0.5\`); stored canonical (\`0.5\` → \`500m\`).`,
    example: "500m",
  },
  "pomerium.resources.requests.memory": {
    description: `${AIO} Kubernetes quantity.`,
    example: "512Mi",
  },
  "pomerium.resources.limits": {
    description: `${AIO} The most the container may use.`,
    example: { cpu: 2, memory: "1Gi" },
  },
  "pomerium.resources.limits.cpu": {
    description: `${AIO} Kubernetes quantity, or a number.`,
    example: 2,
  },
  "pomerium.resources.limits.memory": {
    description: `${AIO} Kubernetes quantity.`,
    example: "1Gi",
  },
  "pomerium.gateway": {
    description: `${AIO} Gateway API exposure: HTTPRoutes (16 hostnames each) for the authenticate host and every route host, attached to your Gateways (which terminate TLS), backed by Pomerium's Service.`,
    example: { parentRefs: [{ name: "internal", namespace: "gateways", sectionName: "https" }] },
  },
  "pomerium.gateway.parentRefs": {
    description: `${AIO} The Gateways the HTTPRoutes attach to.`,
    example: [{ name: "internal", namespace: "gateways" }],
  },
  "pomerium.gateway.parentRefs[].name": { description: "The Gateway's name.", example: "internal" },
  "pomerium.gateway.parentRefs[].namespace": {
    description: "The Gateway's namespace.",
    default: "the HTTPRoutes' namespace",
    example: "gateways",
  },
  "pomerium.gateway.parentRefs[].sectionName": {
    description: "One listener of the Gateway.",
    default: "every listener",
    example: "https",
  },
  "pomerium.gateway.annotations": {
    description: `${AIO} Annotations on the HTTPRoutes.`,
    example: { "example.com/team": "platform" },
  },
  "pomerium.xffNumTrustedHops": {
    description: `${AIO} Pomerium's \`xff_num_trusted_hops\`: how many proxies in front are trusted for \`X-Forwarded-For\`, so logs and \`source_ip\` see the client. Set it when your own proxy is in front.`,
    default:
      "1 with `ingress.enabled` or `gateway`, else 0 (a client reaching the Service directly cannot spoof its address)",
    example: 2,
  },
  "pomerium.waitForExternal": {
    description:
      "Make `up` wait for what controllers outside the stack write: the Ingresses' addresses, a LoadBalancer Service's external IP, the HTTPRoutes' status. Off, those objects carry `pulumi.com/skipAwait`.",
    example: true,
  },
  "pomerium.networkPolicy": {
    description: `${AIO} The default-deny NetworkPolicy around Pomerium: the proxy port from \`ingressNamespaces\`, the metrics port from \`metricsNamespaces\`, the health port never (kubelet probes do not pass through NetworkPolicies).`,
    example: { ingressNamespaces: ["gateways"], metricsNamespaces: ["monitoring"] },
  },
  "pomerium.networkPolicy.enabled": {
    description: `${AIO} Create the NetworkPolicy.`,
    example: true,
  },
  "pomerium.networkPolicy.ingressNamespaces": {
    description: `${AIO} The namespaces of your ingress controller's or Gateway's proxies: the only ones that may reach the proxy port.`,
    default: "every namespace",
    example: ["ingress-nginx"],
  },
  "pomerium.networkPolicy.metricsNamespaces": {
    description: `${AIO} The namespaces that may scrape the metrics port (closed when empty).`,
    example: ["monitoring"],
  },
  "pomerium.controller": {
    description: `${CTRL} Which controller runs this stack's routes, and how the stack patches its \`Pomerium\` object.`,
    example: { pomeriumName: "global", authenticateCertificate: "pomerium/authenticate-tls" },
  },
  "pomerium.controller.pomeriumName": {
    description: `${CTRL} The cluster-scoped \`Pomerium\` object your controller reads (\`--pomerium-config\`); one controller per stack.`,
    example: "global",
  },
  "pomerium.controller.ingressClassName": {
    description: `${CTRL} Your controller's IngressClass, set on every route Ingress.`,
    example: "pomerium",
  },
  "pomerium.controller.fieldManager": {
    description: `${CTRL} The server-side-apply field manager of the patch: fields other managers own make the update fail rather than be taken over.`,
    example: "okta-pomerium-dev",
  },
  "pomerium.controller.tlsSecretName": {
    description: `${CTRL} Every route Ingress's TLS Secret.`,
    default: "`<ingress name>-tls`",
    example: "routes-tls",
  },
  "pomerium.controller.authenticateCertificate": {
    description: `${CTRL} The authenticate host's TLS Secret as \`<namespace>/<name>\` (the \`Pomerium\` object's \`certificates\`).`,
    default: "none: the controller has no certificate of yours for that host",
    example: "pomerium/authenticate-tls",
  },
  "pomerium.controller.annotations": {
    description: `${CTRL} Annotations on every route Ingress (e.g. cert-manager's).`,
    example: { "cert-manager.io/cluster-issuer": "letsencrypt" },
  },
};

/** Descriptions of the stack-wide settings: the front door, groups, routes, the cluster. */
import type { KeyDocs } from "./types";

export const STACK_KEYS: KeyDocs = {
  authenticateUrl: {
    description:
      "The https origin of Pomerium's authenticate service. Okta's redirect URI is derived from it: `<authenticateUrl>/oauth2/callback`; it must be the URL users reach.",
    example: "https://authenticate.dev.example.com",
  },
  groups: {
    description:
      "The Okta groups that may sign in, assigned to the app: created by this stack, existing by id, or existing looked up by name (one API call on every run).",
    example: [
      { name: "pomerium-dev-admins", create: true, description: "Platform engineers" },
      { name: "Engineering", id: "00g1a2b3c4d5e6f7g8h9" },
      { name: "On-call" },
    ],
  },
  "groups[].name": {
    description:
      "The group's exact Okta name. A group this stack creates must have the stack name in it (two stacks can share one org).",
    example: "pomerium-dev-admins",
  },
  "groups[].id": {
    description: "An existing group's Okta id (`00g…`): used as it is, without a look-up.",
    example: "00g1a2b3c4d5e6f7g8h9",
  },
  "groups[].create": {
    description:
      "`true`: this stack creates the group (and deletes it on destroy). Without `create` or `id`, the group exists and is looked up by name.",
  },
  "groups[].description": {
    description: "The created group's description in Okta.",
    example: "Platform engineers with access to every dev route",
  },
  routes: {
    description:
      "Pomerium routes: where from, where to, and who may pass. As many as fit in one ConfigMap (1 MiB of Pomerium config), checked before anything is registered. Any other Pomerium route option passes through in Pomerium's spelling (listed below the table).",
    example: [
      {
        from: "https://grafana.dev.example.com",
        to: "http://grafana.monitoring.svc.cluster.local:3000",
        allowGroups: ["pomerium-dev-admins"],
        pass_identity_headers: true,
      },
    ],
  },
  "routes[].from": {
    description:
      "The route's external https origin (Pomerium refuses a path here: split one host with `prefix`, `path` or `regex`).",
    example: "https://grafana.dev.example.com",
  },
  "routes[].to": {
    description:
      "The upstream URL, or a list of them (load-balanced), without credentials. Or a Pomerium `redirect` or `response` instead: exactly one destination. In ingress-controller mode, one in-cluster Service URL.",
    example: "http://grafana.monitoring.svc.cluster.local:3000",
  },
  "routes[].allowGroups": {
    description:
      "Names from `groups` whose members may pass, compiled to PPL `claim/groups`. Every one must pass the groups claim filter.",
    example: ["pomerium-dev-admins"],
  },
  "routes[].allowEmails": {
    description:
      "E-mail addresses that may pass. Okta checks the app's group assignments first, so each user must also be in one of `groups` (preview warns).",
    example: ["oncall@example.com"],
  },
  "routes[].policy": {
    description:
      "A raw Pomerium PPL policy, validated: known criteria only; `groups` is refused (it never matches on Pomerium Core).",
    example: { allow: { or: [{ email: { is: "oncall@example.com" } }] } },
  },
  kubernetes: {
    description:
      "The cluster this stack deploys to. Default: the ambient kubeconfig and its current context.",
    example: { context: "dev-cluster" },
  },
  "kubernetes.context": {
    description: "The kubeconfig context to use.",
    default: "the kubeconfig's current context",
    example: "dev-cluster",
  },
  "kubernetes.kubeconfigPath": {
    description: "The kubeconfig file to read.",
    default: "the ambient kubeconfig (`KUBECONFIG`, then `~/.kube/config`)",
    example: "/etc/kube/dev.yaml",
  },
  protect: {
    description:
      "Protect the Okta identity resources, the namespace and the Cloudflare Access resources from deletion. Set it on production stacks (the policy pack requires it there).",
  },
  directoryApiToken: {
    description:
      "Secret: an Okta SSWS token for Pomerium's `idp_service_account` (directory sync). Only Pomerium before v0.20.0 reads it; with a newer image it is refused at preview.",
    example: "pulumi config set --secret directoryApiToken <SSWS token>",
  },
  databrokerConnectionString: {
    description:
      "Secret: the Postgres connection string of Pomerium's databroker, required with `pomerium.databroker.storage: postgres`.",
    example:
      "pulumi config set --secret databrokerConnectionString 'postgres://pomerium:<password>@db.example.com:5432/pomerium?sslmode=require'",
  },
  pomeriumSharedSecret: {
    description:
      "Secret: Pomerium's `shared_secret` from your own secret manager, base64 of 32 random bytes; refused in plain text. Changing it rolls the pods. All-in-one mode only: refused in ingress-controller mode (the installation's bootstrap Secret holds it). Unset: 32 bytes made by `@pulumi/random`, kept in state.",
    example: "head -c32 /dev/urandom | base64 | pulumi config set --secret pomeriumSharedSecret",
  },
  pomeriumCookieSecret: {
    description:
      "Secret: Pomerium's `cookie_secret` from your own secret manager, base64 of 32 random bytes; refused in plain text. All-in-one mode only. Unset: 32 bytes made by `@pulumi/random`, kept in state.",
    example: "head -c32 /dev/urandom | base64 | pulumi config set --secret pomeriumCookieSecret",
  },
  pomeriumSigningKey: {
    description:
      "Secret: Pomerium's `signing_key` from your own secret manager, base64 of a PEM P-256 private key; refused in plain text; always passed when set. All-in-one mode only. Unset: derived from `@pulumi/random` where needed.",
    example:
      "openssl ecparam -genkey -name prime256v1 -noout | base64 -w0 | pulumi config set --secret pomeriumSigningKey",
  },
};

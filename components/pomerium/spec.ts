/**
 * The resolved, plain description of one Pomerium deployment that every pure builder reads
 * (config file, manifests, NetworkPolicy). The component resolves its args into this; nothing here
 * knows Pulumi or the stack settings.
 */
import type { Version } from "./facts";
import type { NamespaceOwnership } from "./namespace";
import type { RouteInput } from "./ppl";

/** The Pomerium image used when none is given: pinned, never `latest`. */
/**
 * The uid-65532 variant: the pod runs as 65532, and Pomerium's release config (v0.33.1
 * `.github/goreleaser.yaml`) publishes `nonroot-<tag>` for every release.
 */
export const DEFAULT_POMERIUM_IMAGE = "pomerium/pomerium:nonroot-v0.33.1";

/** Requests and limits of the Pomerium container when none are given. */
export const DEFAULT_RESOURCES = {
  requests: { cpu: "300m", memory: "256Mi" },
  limits: { cpu: "1", memory: "512Mi" },
} as const;

/** The default Kubernetes names of a stack's Pomerium (namespace and object base name). */
export const defaultPomeriumName = (stack: string) => `pomerium-${stack}`;

/** Where Pomerium's databroker keeps sessions. */
export const DatabrokerStorage = { Memory: "memory", Postgres: "postgres" } as const;
export type DatabrokerStorage = (typeof DatabrokerStorage)[keyof typeof DatabrokerStorage];

export interface PomeriumSpec {
  /** The stack, as a label value on every object. */
  stack: string;
  /** https origin of the authenticate service, without a trailing slash. */
  authenticateUrl: string;
  routes: readonly RouteInput[];
  /** The ID-token claim that carries the groups (`claim/<name>` in PPL). */
  groupsClaimName: string;
  /** The version the image runs: decides probes, ports and which settings exist. */
  version: Version;
  namespace: string;
  /** Who owns the namespace (namespace.ts). */
  namespaceOwnership: NamespaceOwnership;
  /** Base name of every object (Deployment, Service, ServiceAccount, `<name>-secrets`, …). */
  name: string;
  image: string;
  replicas: number;
  databroker: { storage: DatabrokerStorage; postgresPort: number; postgresNamespace?: string };
  /** Whether `idp_service_account` is delivered (Pomerium before v0.20.0 only). */
  idpServiceAccount: boolean;
  /** Whether the Secret carries an explicit `signing_key` (replicas on Pomerium before v0.33.0). */
  signingKey: boolean;
  /** `xff_num_trusted_hops`: proxies in front of Pomerium whose X-Forwarded-For is trusted. */
  xffNumTrustedHops: number;
  networkPolicy: {
    enabled: boolean;
    ingressNamespaces?: readonly string[];
    metricsNamespaces: readonly string[];
  };
  ingress: { enabled: boolean; className?: string; tlsSecretName?: string };
  /** Gateway API exposure: HTTPRoutes attached to these Gateways. */
  gateway?: { parentRefs: readonly GatewayParentRef[] };
}

/** A Gateway an HTTPRoute attaches to (Gateway API `parentRefs`). */
export interface GatewayParentRef {
  name: string;
  namespace?: string;
  sectionName?: string;
}

/** What the config file needs of a spec (the settings layer checks its size before any resource). */
export type ConfigSpec = Pick<
  PomeriumSpec,
  "authenticateUrl" | "routes" | "groupsClaimName" | "version" | "databroker" | "xffNumTrustedHops"
>;

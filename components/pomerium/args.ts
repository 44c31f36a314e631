/**
 * The Pomerium component's arguments (resolve.ts turns them into a plain `PomeriumSpec`).
 *
 * Plain fields (no `pulumi.Input`) decide which objects exist or how they are named: a component
 * must branch on values it knows at construction, never on an Output (an Output is always truthy).
 * The component package's schema marks them `plain`, so every language passes them as values.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { NamespaceOwnership } from "./namespace";
import type { DatabrokerStorage } from "./spec";

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
  /** CPU quantity. @default 300m (requests), 1 (limits) */
  cpu?: pulumi.Input<string>;
  /** Memory quantity. @default 256Mi (requests), 512Mi (limits) */
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
  /** Namespaces allowed to reach the proxy port (the ingress's or gateway's). @default every namespace */
  ingressNamespaces?: string[];
  /** Namespaces allowed to scrape the metrics port (Prometheus's). @default none */
  metricsNamespaces?: string[];
}

/** A Gateway the HTTPRoutes attach to. */
export interface PomeriumGatewayParentRefArgs {
  /** The Gateway's name. */
  name: string;
  /** The Gateway's namespace. @default the HTTPRoute's (Pomerium's) namespace */
  namespace?: string;
  /** One listener of the Gateway. @default every listener that allows the route */
  sectionName?: string;
}

/** Gateway API exposure: HTTPRoutes for every host, backed by Pomerium's Service. */
export interface PomeriumGatewayArgs {
  /** The Gateways (at least one). */
  parentRefs: PomeriumGatewayParentRefArgs[];
  /** Annotations on the HTTPRoutes. @default none */
  annotations?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** The args of `Pomerium` (all-in-one): the Okta outputs, the routes, and the Kubernetes objects. */
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
  /**
   * Who owns the namespace. `own`: this stack creates it (labelled Pod Security "restricted") and
   * destroy deletes it with everything in it; it must not exist yet. `ifMissing`: created if
   * missing (a NamespacePatch setting no field), never changed or deleted. `existing`: nothing is
   * registered for it. @default own for "pomerium-<stack>", ifMissing for a namespace you name
   */
  namespaceOwnership?: NamespaceOwnership;
  /** The older spelling: true is `own`, false `existing`; `namespaceOwnership` wins. @default none */
  createNamespace?: boolean;
  /** Protect the namespace (or its patch) from deletion (deleting it deletes everything in it). @default false */
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
  /**
   * Secret: Pomerium's `shared_secret`, base64 of 32 random bytes, from your own secret manager.
   * Changing it rolls the pods. @default 32 bytes from `@pulumi/random`, kept in state
   */
  sharedSecret?: pulumi.Input<string>;
  /** Secret: Pomerium's `cookie_secret`, base64 of 32 random bytes. @default from `@pulumi/random` */
  cookieSecret?: pulumi.Input<string>;
  /**
   * Secret: Pomerium's `signing_key`, base64 of a PEM P-256 private key; given, it is always
   * passed. @default derived from `@pulumi/random` where replicas need one (before v0.33.0)
   */
  signingKey?: pulumi.Input<string>;
  /** Secret: `idp_service_account` (Pomerium before v0.20.0 only). @default none */
  idpServiceAccount?: pulumi.Input<string>;
  /** The Service. @default ClusterIP on port 80 */
  service?: PomeriumServiceArgs;
  /** An Ingress in front of the Service. @default none */
  ingress?: PomeriumIngressArgs;
  /** Gateway API HTTPRoutes in front of the Service. @default none */
  gateway?: PomeriumGatewayArgs;
  /** `xff_num_trusted_hops`: proxies in front whose X-Forwarded-For is trusted. @default 1 with an Ingress or gateway, else 0 */
  xffNumTrustedHops?: number;
  /** Container resources. @default 300m/256Mi requests, 1/512Mi limits */
  resources?: PomeriumResourcesArgs;
  /** The NetworkPolicy. @default enabled, ingress from every namespace */
  networkPolicy?: PomeriumNetworkPolicyArgs;
  /**
   * Wait, on `up`, for what controllers outside the stack write: the Ingress's address (the
   * ingress controller; the provider gives up after 10 minutes), a LoadBalancer Service's external
   * IP (the cloud), the HTTPRoutes' status. Without it those objects carry
   * `pulumi.com/skipAwait: "true"`; the Deployment still waits for Ready pods and a ClusterIP
   * Service for endpoints. @default false
   */
  waitForExternal?: boolean;
}

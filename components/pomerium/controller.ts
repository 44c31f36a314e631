/**
 * Pomerium through an existing Pomerium Ingress Controller (Pomerium's recommended Kubernetes
 * path): this stack registers the IdP Secret (and the postgres one), patches the cluster-scoped
 * `Pomerium` settings object the controller reads, and one Ingress per route. No Deployment,
 * Service or ConfigMap: the controller runs Pomerium.
 *
 * The `Pomerium` object belongs to the controller's installation: this stack applies only the
 * fields it owns (`ownedPomeriumFields`: `.spec.authenticate`, `.spec.identityProvider`, and
 * `.spec.storage`/`.spec.certificates` when configured) with server-side apply under its own field
 * manager, without force. It never sets `.spec.secrets` (the installation's bootstrap Secret,
 * `pomerium/bootstrap` in Pomerium's install docs). Why: a patch's destroy only releases its fields
 * (the Kubernetes provider's `ssa.Relinquish` applies an empty object as its field manager), so a
 * field it had taken over from another manager would be removed, not given back; `.spec.secrets`
 * is required by the CRD, so the API server refuses that and destroy fails. Without force, a field
 * another tool set to another value is a conflict that fails `up` before the object changes, and
 * destroy leaves the object exactly as it was before the first `up`.
 */
import { CustomResourcePatch } from "@pulumi/kubernetes/apiextensions/customResourcePatch";
import * as corev1 from "@pulumi/kubernetes/core/v1";
import * as pulumi from "@pulumi/pulumi";
import type { PomeriumRouteArgs } from "./args";
import {
  ControllerSpec,
  controllerRouteProblems,
  controllerSecretNames,
  pomeriumObjectSpec,
} from "./controller-objects";
import { registerRoutes } from "./controller-routes";
import { routeOptionTypeProblems } from "./route-options";
import { labels } from "./manifests";
import { SKIP_AWAIT, skipAwaitUnless } from "./metadata-maps";
import { NamespaceOwnership, namespaceOwnership, pomeriumNamespace } from "./namespace";
import { routeInput } from "./resolve";
import { defaultPomeriumName } from "./spec";

/** The args of `PomeriumControllerConfig`: the Okta outputs, the routes, and which controller runs them. */
export interface PomeriumControllerConfigArgs {
  /** https origin of Pomerium's authenticate service. */
  authenticateUrl: string;
  /** The OpenID issuer (`identityProvider.url`). */
  issuer: pulumi.Input<string>;
  /** The OIDC app's client id. */
  clientId: pulumi.Input<string>;
  /** Secret: the OIDC app's client secret (in the IdP Secret). */
  clientSecret: pulumi.Input<string>;
  /** The scopes Pomerium requests. */
  scopes: pulumi.Input<pulumi.Input<string>[]>;
  /** The routes: one Ingress each, in the namespace of its upstream Service. */
  routes: PomeriumRouteArgs[];
  /** The ID-token claim holding the user's groups. @default "groups" */
  groupsClaimName?: string;
  /** Namespace of the Secrets. @default "pomerium-<stack>" */
  namespace?: string;
  /**
   * Who owns that namespace: `own` (this stack creates it and destroy deletes it), `ifMissing`
   * (created if missing, never changed or deleted) or `existing`. @default own for "pomerium-<stack>", ifMissing for a namespace you name
   */
  namespaceOwnership?: NamespaceOwnership;
  /** The older spelling: true is `own`, false `existing`; `namespaceOwnership` wins. @default none */
  createNamespace?: boolean;
  /** Protect the namespace (or its patch) and so the Secrets in it from deletion. @default false */
  protectNamespace?: boolean;
  /** Base name of the Secrets. @default "pomerium-<stack>" */
  name?: string;
  /** The `Pomerium` object the controller reads (its `--pomerium-config` flag). @default "global" */
  pomeriumName?: string;
  /** The IngressClass the controller serves. @default "pomerium" */
  ingressClassName?: string;
  /** Server-side apply field manager of the patch. @default "okta-pomerium-<stack>" */
  fieldManager?: string;
  /** TLS Secret of every route's Ingress. @default "<ingress name>-tls" (e.g. from cert-manager) */
  tlsSecretName?: string;
  /** `<namespace>/<name>` of the authenticate host's TLS Secret. @default none */
  authenticateCertificate?: string;
  /** Annotations on every Ingress (e.g. cert-manager's issuer). @default none */
  annotations?: { [key: string]: string };
  /** Secret: Postgres connection string for the controller's databroker storage. @default none */
  databrokerConnectionString?: pulumi.Input<string>;
  /**
   * A route whose `to` is outside the cluster gets an ExternalName Service (in this namespace) for
   * its Ingress to send to. Note: some clusters forbid ExternalName Services (CVE-2021-25740);
   * `false` refuses such routes instead. @default true
   */
  externalNameServices?: boolean;
  /**
   * Wait, on `up`, for each route's Ingress to get an address, which only the controller writes
   * (the provider gives up after 10 minutes). Without it the Ingresses and the `Pomerium` patch
   * carry `pulumi.com/skipAwait: "true"`. @default false
   */
  waitForExternal?: boolean;
}

/** Pomerium's settings, secrets and routes for an existing Pomerium Ingress Controller. */
export class PomeriumControllerConfig extends pulumi.ComponentResource {
  /** Namespace of the Secrets. */
  readonly namespace: pulumi.Output<string>;
  /** The patched `Pomerium` object's name. */
  readonly pomeriumName: pulumi.Output<string>;

  constructor(
    name: string,
    args: PomeriumControllerConfigArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("okta-pomerium:index:PomeriumControllerConfig", name, {}, opts);
    const stack = pulumi.getStack();
    const base = args.name ?? defaultPomeriumName(stack);
    const spec: ControllerSpec = {
      stack,
      authenticateUrl: args.authenticateUrl.replace(/\/+$/, ""),
      routes: args.routes.map(routeInput),
      groupsClaimName: args.groupsClaimName ?? "groups",
      namespace: args.namespace ?? defaultPomeriumName(stack),
      name: base,
      pomeriumName: args.pomeriumName ?? "global",
      ingressClassName: args.ingressClassName ?? "pomerium",
      ...(args.tlsSecretName ? { tlsSecretName: args.tlsSecretName } : {}),
      ...(args.authenticateCertificate
        ? { authenticateCertificate: args.authenticateCertificate }
        : {}),
      postgres: args.databrokerConnectionString !== undefined,
      externalNameServices: args.externalNameServices ?? true,
    };
    const problems = spec.routes.flatMap((r) =>
      [
        ...controllerRouteProblems(r, spec.namespace, spec.externalNameServices),
        ...routeOptionTypeProblems(r).map(([k, m]) => `${k} ${m}`),
      ].map((p) => `route ${r.from}: ${p}`),
    );
    if (!/^https:\/\/[^/]+$/.test(spec.authenticateUrl))
      problems.push(`authenticateUrl must be an https origin (got "${args.authenticateUrl}")`);
    if (problems.length > 0)
      throw new pulumi.ResourceError(
        `PomeriumControllerConfig "${name}": ${problems.join("; ")}`,
        this,
      );

    const objectLabels = labels({ name: base, stack }).all;
    const ns = pomeriumNamespace(
      `${name}-namespace`,
      spec.namespace,
      namespaceOwnership(args, spec.namespace, defaultPomeriumName(stack)),
      objectLabels,
      { parent: this, protect: args.protectNamespace ?? false },
    );
    const inNs = { parent: this, dependsOn: ns ? [ns] : [] };
    const names = controllerSecretNames(spec);
    const meta = (objectName: string) => ({
      name: objectName,
      namespace: spec.namespace,
      labels: objectLabels,
    });
    const secret = (id: string, objectName: string, data: Record<string, pulumi.Input<string>>) =>
      new corev1.Secret(
        `${name}-${id}`,
        {
          metadata: meta(objectName),
          type: "Opaque",
          stringData: pulumi.secret(pulumi.all(data)),
        },
        inNs,
      );
    const secrets = [
      secret("idp-secret", names.idp, {
        client_id: args.clientId,
        client_secret: args.clientSecret,
      }),
    ];
    if (args.databrokerConnectionString !== undefined)
      secrets.push(
        secret("postgres-secret", names.storage, { connection: args.databrokerConnectionString }),
      );

    const pomerium = new CustomResourcePatch(
      `${name}-pomerium`,
      {
        apiVersion: "ingress.pomerium.io/v1",
        kind: "Pomerium",
        metadata: {
          name: spec.pomeriumName,
          annotations: {
            "pulumi.com/patchFieldManager": args.fieldManager ?? `okta-pomerium-${stack}`,
            // Its status is the controller's: never waited for.
            ...SKIP_AWAIT,
          },
        },
        spec: pulumi
          .all([args.issuer, args.scopes])
          .apply(([issuer, scopes]) => pomeriumObjectSpec(spec, { issuer, scopes })),
      },
      { parent: this, dependsOn: secrets },
    );
    registerRoutes(
      name,
      spec,
      objectLabels,
      { ...args.annotations, ...skipAwaitUnless(args.waitForExternal) },
      {
        parent: this,
        dependsOn: [pomerium, ...(ns ? [ns] : [])],
      },
    );
    this.namespace = pulumi.output(spec.namespace);
    this.pomeriumName = pulumi.output(spec.pomeriumName);
    this.registerOutputs({ namespace: this.namespace, pomeriumName: this.pomeriumName });
  }
}

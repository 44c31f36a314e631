/**
 * Pomerium on Kubernetes, with an OpenID provider's outputs wired in as its idp_* settings:
 * Namespace, ServiceAccount, Secret, ConfigMap, Deployment, Service, PodDisruptionBudget,
 * NetworkPolicy and an optional Ingress or Gateway API HTTPRoutes. The specs come from pure builders; this class only turns
 * them into resources.
 */
// Submodules, not the package index: the index loads every API group eagerly (~90 ms per preview).
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource";
import * as appsv1 from "@pulumi/kubernetes/apps/v1";
import * as corev1 from "@pulumi/kubernetes/core/v1";
import * as networkingv1 from "@pulumi/kubernetes/networking/v1";
import * as policyv1 from "@pulumi/kubernetes/policy/v1";
import * as pulumi from "@pulumi/pulumi";
import { RandomBytes } from "@pulumi/random/randomBytes";
import type { PomeriumArgs } from "./args";
import {
  CONFIG_FILE,
  pomeriumConfig,
  renderConfigFile,
  secretEnvs,
  secretsFingerprint,
  sha256,
} from "./config";
import { hostsOf, httpRouteSpecs, ingressSpec } from "./exposure";
import { deploymentSpec, labels, objectNames } from "./manifests";
import { annotationsOf, skipAwaitUnless } from "./metadata-maps";
import { pomeriumNamespace } from "./namespace";
import { networkPolicySpec } from "./network-policy";
import { PremadeSecret, premadeSecret } from "./premade-secrets";
import { resolvePomeriumArgs } from "./resolve";
import { signingKeyOf } from "./signing-key";
import { DEFAULT_RESOURCES, PomeriumSpec } from "./spec";

export type { PomeriumArgs } from "./args";

type Meta = (objectName: string) => {
  name: string;
  namespace: string;
  labels: Record<string, string>;
};

/** Pomerium (all-in-one) on Kubernetes, signing users in through an OpenID provider such as Okta. */
export class Pomerium extends pulumi.ComponentResource {
  /** The namespace Pomerium runs in. */
  readonly namespace: pulumi.Output<string>;
  /** The Service's name (the backend of an Ingress or Gateway route). */
  readonly serviceName: pulumi.Output<string>;
  /** The authenticate service's origin. */
  readonly authenticateUrl: string;
  /** Every route's `from` origin, in order. */
  readonly routeUrls: string[];

  constructor(name: string, args: PomeriumArgs, opts?: pulumi.ComponentResourceOptions) {
    super("okta-pomerium:index:Pomerium", name, {}, opts);
    const { spec, problems } = resolvePomeriumArgs(args, pulumi.getStack());
    if (problems.length > 0)
      throw new pulumi.ResourceError(`Pomerium "${name}": ${problems.join("; ")}`, this);

    const names = objectNames(spec);
    const ns = pomeriumNamespace(
      `${name}-namespace`,
      spec.namespace,
      spec.namespaceOwnership,
      labels(spec).all,
      { parent: this, protect: args.protectNamespace ?? false },
    );
    const inNs: pulumi.CustomResourceOptions = { parent: this, dependsOn: ns ? [ns] : [] };
    const objectLabels = labels(spec).all;
    const meta: Meta = (objectName) => ({
      name: objectName,
      namespace: names.namespace,
      labels: objectLabels,
    });

    new corev1.ServiceAccount(
      `${name}-service-account`,
      { metadata: meta(names.serviceAccount), automountServiceAccountToken: false },
      inNs,
    );
    const secrets = this.createSecret(name, spec, args, meta, inNs);
    const configFile = pulumi
      .all([args.issuer, args.clientId, args.scopes])
      .apply(([issuer, clientId, scopes]) =>
        renderConfigFile(pomeriumConfig(spec, { issuer, clientId, scopes })),
      );
    const configMap = new corev1.ConfigMap(
      `${name}-config`,
      { metadata: meta(names.configMap), data: { [CONFIG_FILE]: configFile } },
      inNs,
    );

    // Roll the pods when the config or a secret changes, and only then. The secret fingerprint is
    // keyed, so it tells nothing about the values; it is not itself secret.
    const podAnnotations = {
      "okta-pomerium/config-checksum": configFile.apply(sha256),
      "okta-pomerium/secrets-checksum": pulumi.unsecret(
        pulumi.all([secrets.data, secrets.key]).apply(([v, key]) => secretsFingerprint(v, key)),
      ),
    };
    const r = args.resources;
    const d = DEFAULT_RESOURCES;
    const resources = {
      requests: {
        cpu: r?.requests?.cpu ?? d.requests.cpu,
        memory: r?.requests?.memory ?? d.requests.memory,
      },
      limits: {
        cpu: r?.limits?.cpu ?? d.limits.cpu,
        memory: r?.limits?.memory ?? d.limits.memory,
      },
    };
    new appsv1.Deployment(
      `${name}-deployment`,
      {
        metadata: meta(names.base),
        spec: deploymentSpec(spec, secrets.envs, podAnnotations, resources),
      },
      { ...inNs, dependsOn: [...(ns ? [ns] : []), secrets.secret, configMap] },
    );
    const service = this.createNetworking(name, spec, args, meta, inNs);

    this.namespace = pulumi.output(names.namespace);
    this.serviceName = service.metadata.name;
    this.authenticateUrl = spec.authenticateUrl;
    this.routeUrls = spec.routes.map((route) => route.from);
    this.registerOutputs({ namespace: this.namespace, serviceName: this.serviceName });
  }

  /** Every secret the container reads, in one Secret; shared and cookie secrets from @pulumi/random. */
  private createSecret(
    name: string,
    spec: PomeriumSpec,
    args: PomeriumArgs,
    meta: Meta,
    opts: pulumi.CustomResourceOptions,
  ) {
    // 32 random bytes, base64: what Pomerium expects; stable across runs (kept in state).
    const random = (id: string) =>
      new RandomBytes(`${name}-${id}`, { length: 32 }, { parent: this }).base64;
    // A pre-made secret replaces its random one (resolvePomeriumArgs checked a plain value).
    const given = (id: PremadeSecret) =>
      args[id] !== undefined ? premadeSecret(id, args[id], []) : undefined;
    const sharedSecret = given("sharedSecret") ?? random("shared-secret");
    const cookieSecret = given("cookieSecret") ?? random("cookie-secret");
    // Replicas before v0.33.0 each generate their own signing key unless one is given.
    const signingKey = spec.signingKey
      ? (given("signingKey") ?? random("signing-key-seed").apply(signingKeyOf))
      : undefined;
    const envs = secretEnvs(spec);
    const values: Record<string, pulumi.Input<string> | undefined> = {
      idp_client_secret: args.clientSecret,
      shared_secret: sharedSecret,
      cookie_secret: cookieSecret,
      databroker_storage_connection_string: args.databrokerConnectionString,
      idp_service_account: args.idpServiceAccount,
      signing_key: signingKey,
    };
    const data: Record<string, pulumi.Input<string>> = {};
    for (const e of envs) data[e.key] = values[e.key]!; // resolvePomeriumArgs checked presence
    const secretData = pulumi.secret(pulumi.all(data));
    const secret = new corev1.Secret(
      `${name}-secrets`,
      { metadata: meta(objectNames(spec).secret), type: "Opaque", stringData: secretData },
      opts,
    );
    return { secret, data: secretData, key: sharedSecret, envs };
  }

  /** Service, and when configured a PodDisruptionBudget, the NetworkPolicy, an Ingress, HTTPRoutes. */
  private createNetworking(
    name: string,
    spec: PomeriumSpec,
    args: PomeriumArgs,
    meta: Meta,
    opts: pulumi.CustomResourceOptions,
  ): corev1.Service {
    const names = objectNames(spec);
    const selector = labels(spec).selector;
    const service = new corev1.Service(
      `${name}-service`,
      {
        metadata: {
          ...meta(names.service),
          // A LoadBalancer's external IP comes from the cloud: not waited for unless asked.
          ...annotationsOf(
            args.service?.annotations,
            pulumi
              .output(args.service?.type ?? "ClusterIP")
              .apply((t) => (t === "LoadBalancer" ? skipAwaitUnless(args.waitForExternal) : {})),
          ),
        },
        spec: {
          type: args.service?.type ?? "ClusterIP",
          selector,
          ports: [
            { name: "http", port: args.service?.port ?? 80, targetPort: "http", protocol: "TCP" },
          ],
        },
      },
      opts,
    );
    if (spec.replicas > 1) {
      new policyv1.PodDisruptionBudget(
        `${name}-pdb`,
        {
          metadata: meta(names.base),
          spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
        },
        opts,
      );
    }
    if (spec.networkPolicy.enabled) {
      new networkingv1.NetworkPolicy(
        `${name}-network-policy`,
        { metadata: meta(names.base), spec: networkPolicySpec(spec) },
        opts,
      );
    }
    if (spec.ingress.enabled) {
      new networkingv1.Ingress(
        `${name}-ingress`,
        {
          metadata: {
            ...meta(names.base),
            ...annotationsOf(args.ingress?.annotations, skipAwaitUnless(args.waitForExternal)),
          },
          spec: ingressSpec(spec, hostsOf(spec)),
        },
        opts,
      );
    }
    if (spec.gateway) {
      httpRouteSpecs(spec, hostsOf(spec), args.service?.port ?? 80).forEach((routeSpec, i) => {
        new CustomResource(
          `${name}-http-route-${i}`,
          {
            apiVersion: "gateway.networking.k8s.io/v1",
            kind: "HTTPRoute",
            metadata: {
              ...meta(i === 0 ? names.base : `${names.base}-${i}`),
              ...annotationsOf(args.gateway?.annotations, skipAwaitUnless(args.waitForExternal)),
            },
            spec: routeSpec,
          },
          opts,
        );
      });
    }
    return service;
  }
}

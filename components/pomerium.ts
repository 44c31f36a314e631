/**
 * Pomerium on Kubernetes, with the Okta outputs wired in as its idp_* settings: Namespace,
 * ServiceAccount, Secret, ConfigMap, Deployment, Service, PodDisruptionBudget, NetworkPolicy and an
 * optional Ingress. The specs come from pure builders; this class only turns them into resources.
 */
// Submodules, not the package index: the index loads every API group eagerly (~90 ms per preview).
import * as appsv1 from "@pulumi/kubernetes/apps/v1";
import * as corev1 from "@pulumi/kubernetes/core/v1";
import * as networkingv1 from "@pulumi/kubernetes/networking/v1";
import * as policyv1 from "@pulumi/kubernetes/policy/v1";
import * as pulumi from "@pulumi/pulumi";
import { RandomBytes } from "@pulumi/random/randomBytes";
import type { Settings } from "./config";
import { networkPolicySpec } from "./network-policy";
import { deploymentSpec, hostsOf, ingressSpec, labels, objectNames } from "./pomerium-manifests";
import {
  CONFIG_FILE,
  pomeriumConfig,
  renderConfigFile,
  secretEnvs,
  secretsFingerprint,
  sha256,
} from "./pomerium-settings";

export interface PomeriumArgs {
  /** The validated stack settings. */
  settings: Settings;
  /** The authorization server's issuer (`idp_provider_url`). */
  issuer: pulumi.Input<string>;
  /** The OIDC app's client id (`idp_client_id`). */
  clientId: pulumi.Input<string>;
  /** Secret: the OIDC app's client secret (`idp_client_secret`). */
  clientSecret: pulumi.Input<string>;
  /** The scopes Pomerium requests (`idp_scopes`). */
  scopes: readonly string[];
  /** Secret: `idp_service_account`, for Pomerium before v0.20.0 only (refused by the settings otherwise). */
  idpServiceAccount?: pulumi.Input<string>;
  /** Secret: the Postgres connection string, with `databroker.storage: postgres`. */
  databrokerConnectionString?: pulumi.Input<string>;
}

export class Pomerium extends pulumi.ComponentResource {
  readonly namespace: pulumi.Output<string>;
  readonly serviceName: pulumi.Output<string>;
  readonly authenticateUrl: string;
  readonly routeUrls: readonly string[];

  constructor(name: string, args: PomeriumArgs, opts?: pulumi.ComponentResourceOptions) {
    super("okta-pomerium:kubernetes:Pomerium", name, {}, opts);
    const s = args.settings;
    const names = objectNames(s);
    const ns = s.pomerium.createNamespace ? this.createNamespace(name, s) : undefined;
    const inNs: pulumi.CustomResourceOptions = { parent: this, dependsOn: ns ? [ns] : [] };
    const objectLabels = labels(s).all;
    const meta = (objectName: string) => ({
      name: objectName,
      namespace: names.namespace,
      labels: objectLabels,
    });

    new corev1.ServiceAccount(
      `${name}-service-account`,
      {
        metadata: meta(names.serviceAccount),
        automountServiceAccountToken: false,
      },
      inNs,
    );
    const secrets = this.createSecret(name, args, meta, inNs);
    const configFile = pulumi
      .all([args.issuer, args.clientId])
      .apply(([issuer, clientId]) =>
        renderConfigFile(pomeriumConfig(s, { issuer, clientId, scopes: args.scopes })),
      );
    const configMap = new corev1.ConfigMap(
      `${name}-config`,
      {
        metadata: meta(names.configMap),
        data: { [CONFIG_FILE]: configFile },
      },
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
    new appsv1.Deployment(
      `${name}-deployment`,
      {
        metadata: meta(names.base),
        spec: deploymentSpec(s, secrets.envs, podAnnotations),
      },
      { ...inNs, dependsOn: [...(ns ? [ns] : []), secrets.secret, configMap] },
    );
    const service = this.createNetworking(name, s, meta, inNs);

    this.namespace = pulumi.output(names.namespace);
    this.serviceName = service.metadata.name;
    this.authenticateUrl = s.authenticateUrl;
    this.routeUrls = s.routes.map((r) => r.from);
    this.registerOutputs({ namespace: this.namespace, serviceName: this.serviceName });
  }

  /** The namespace, labelled so the cluster enforces Pod Security "restricted". */
  private createNamespace(name: string, s: Settings): corev1.Namespace {
    return new corev1.Namespace(
      `${name}-namespace`,
      {
        metadata: {
          name: s.pomerium.namespace,
          labels: {
            ...labels(s).all,
            "pod-security.kubernetes.io/enforce": "restricted",
            "pod-security.kubernetes.io/audit": "restricted",
            "pod-security.kubernetes.io/warn": "restricted",
          },
        },
      },
      { parent: this, protect: s.protect },
    );
  }

  /** Every secret the container reads, in one Secret; shared and cookie secrets from @pulumi/random. */
  private createSecret(
    name: string,
    args: PomeriumArgs,
    meta: (n: string) => object,
    opts: pulumi.CustomResourceOptions,
  ) {
    // 32 random bytes, base64: what Pomerium expects; stable across runs (kept in state).
    const sharedSecret = new RandomBytes(`${name}-shared-secret`, { length: 32 }, { parent: this })
      .base64;
    const cookieSecret = new RandomBytes(`${name}-cookie-secret`, { length: 32 }, { parent: this })
      .base64;
    const envs = secretEnvs(args.settings);
    const values: Record<string, pulumi.Input<string> | undefined> = {
      idp_client_secret: args.clientSecret,
      shared_secret: sharedSecret,
      cookie_secret: cookieSecret,
      databroker_storage_connection_string: args.databrokerConnectionString,
      idp_service_account: args.idpServiceAccount,
    };
    const data: Record<string, pulumi.Input<string>> = {};
    for (const e of envs) {
      const v = values[e.key];
      if (v === undefined)
        throw new pulumi.ResourceError(`Pomerium needs ${e.key} but it was not passed`, this);
      data[e.key] = v;
    }
    const secretData = pulumi.secret(pulumi.all(data));
    const secret = new corev1.Secret(
      `${name}-secrets`,
      {
        metadata: meta(objectNames(args.settings).secret),
        type: "Opaque",
        stringData: secretData,
      },
      opts,
    );
    return { secret, data: secretData, key: sharedSecret, envs };
  }

  /** Service, and when configured a PodDisruptionBudget, the NetworkPolicy and an Ingress. */
  private createNetworking(
    name: string,
    s: Settings,
    meta: (n: string) => Record<string, unknown>,
    opts: pulumi.CustomResourceOptions,
  ): corev1.Service {
    const p = s.pomerium;
    const names = objectNames(s);
    const selector = labels(s).selector;
    const service = new corev1.Service(
      `${name}-service`,
      {
        metadata: { ...meta(names.service), annotations: { ...p.service.annotations } },
        spec: {
          type: p.service.type,
          selector,
          ports: [{ name: "http", port: p.service.port, targetPort: "http", protocol: "TCP" }],
        },
      },
      opts,
    );
    if (p.replicas > 1) {
      new policyv1.PodDisruptionBudget(
        `${name}-pdb`,
        {
          metadata: meta(names.base),
          spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
        },
        opts,
      );
    }
    if (p.networkPolicy.enabled) {
      new networkingv1.NetworkPolicy(
        `${name}-network-policy`,
        { metadata: meta(names.base), spec: networkPolicySpec(s) },
        opts,
      );
    }
    if (p.ingress.enabled) {
      new networkingv1.Ingress(
        `${name}-ingress`,
        {
          metadata: { ...meta(names.base), annotations: { ...p.ingress.annotations } },
          spec: ingressSpec(s, hostsOf(s)),
        },
        opts,
      );
    }
    return service;
  }
}

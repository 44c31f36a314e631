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
import * as random from "@pulumi/random";
import type { Settings } from "./config";
import { networkPolicySpec } from "./network-policy";
import { deploymentSpec, hostsOf, ingressSpec, labels, objectNames } from "./pomerium-manifests";
import { CONFIG_FILE, pomeriumConfig, renderConfigFile, secretEnvs, secretsFingerprint, sha256 } from "./pomerium-settings";

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
    const p = s.pomerium;
    const names = objectNames(s);
    const { all } = labels(s);
    const child: pulumi.CustomResourceOptions = { parent: this };
    const meta = (objectName: string) => ({ name: objectName, namespace: names.namespace, labels: all });

    const ns = p.createNamespace
      ? new corev1.Namespace(`${name}-namespace`, {
          metadata: {
            name: names.namespace,
            labels: {
              ...all,
              // Let the cluster enforce what the pod spec promises.
              "pod-security.kubernetes.io/enforce": "restricted",
              "pod-security.kubernetes.io/audit": "restricted",
              "pod-security.kubernetes.io/warn": "restricted",
            },
          },
        }, { ...child, protect: s.protect })
      : undefined;
    const inNs: pulumi.CustomResourceOptions = { ...child, dependsOn: ns ? [ns] : [] };

    new corev1.ServiceAccount(`${name}-service-account`, {
      metadata: meta(names.serviceAccount),
      automountServiceAccountToken: false,
    }, inNs);

    // 32 random bytes, base64: what Pomerium expects; stable across runs (kept in state).
    const sharedSecret = new random.RandomBytes(`${name}-shared-secret`, { length: 32 }, child).base64;
    const cookieSecret = new random.RandomBytes(`${name}-cookie-secret`, { length: 32 }, child).base64;

    const envs = secretEnvs(s);
    const values: Record<string, pulumi.Input<string> | undefined> = {
      idp_client_secret: args.clientSecret,
      shared_secret: sharedSecret,
      cookie_secret: cookieSecret,
      databroker_storage_connection_string: args.databrokerConnectionString,
      idp_service_account: args.idpServiceAccount,
    };
    const secretData: Record<string, pulumi.Input<string>> = {};
    for (const e of envs) {
      const v = values[e.key];
      if (v === undefined) throw new pulumi.ResourceError(`Pomerium needs ${e.key} but it was not passed`, this);
      secretData[e.key] = v;
    }
    const secretOutput = pulumi.secret(pulumi.all(secretData));
    const secret = new corev1.Secret(`${name}-secrets`, {
      metadata: meta(names.secret),
      type: "Opaque",
      stringData: secretOutput,
    }, inNs);

    const configFile = pulumi
      .all([args.issuer, args.clientId])
      .apply(([issuer, clientId]) => renderConfigFile(pomeriumConfig(s, { issuer, clientId, scopes: args.scopes })));
    const configMap = new corev1.ConfigMap(`${name}-config`, {
      metadata: meta(names.configMap),
      data: { [CONFIG_FILE]: configFile },
    }, inNs);

    // Roll the pods when the config or a secret changes, and only then. The secret fingerprint is
    // keyed, so it tells nothing about the values; it is not itself secret.
    const podAnnotations = {
      "okta-pomerium/config-checksum": configFile.apply(sha256),
      "okta-pomerium/secrets-checksum": pulumi.unsecret(
        pulumi.all([secretOutput, sharedSecret]).apply(([v, key]) => secretsFingerprint(v, key)),
      ),
    };
    new appsv1.Deployment(`${name}-deployment`, {
      metadata: meta(names.base),
      spec: deploymentSpec(s, envs, podAnnotations),
    }, { ...inNs, dependsOn: [...(ns ? [ns] : []), secret, configMap] });

    const service = new corev1.Service(`${name}-service`, {
      metadata: { ...meta(names.service), annotations: { ...p.service.annotations } },
      spec: {
        type: p.service.type,
        selector: labels(s).selector,
        ports: [{ name: "http", port: p.service.port, targetPort: "http", protocol: "TCP" }],
      },
    }, inNs);

    if (p.replicas > 1) {
      new policyv1.PodDisruptionBudget(`${name}-pdb`, {
        metadata: meta(names.base),
        spec: { maxUnavailable: 1, selector: { matchLabels: labels(s).selector } },
      }, inNs);
    }
    if (p.networkPolicy.enabled) {
      new networkingv1.NetworkPolicy(`${name}-network-policy`, {
        metadata: meta(names.base),
        spec: networkPolicySpec(s),
      }, inNs);
    }
    if (p.ingress.enabled) {
      new networkingv1.Ingress(`${name}-ingress`, {
        metadata: { ...meta(names.base), annotations: { ...p.ingress.annotations } },
        spec: ingressSpec(s, hostsOf(s)),
      }, inNs);
    }

    this.namespace = pulumi.output(names.namespace);
    this.serviceName = service.metadata.name;
    this.authenticateUrl = s.authenticateUrl;
    this.routeUrls = s.routes.map((r) => r.from);
    this.registerOutputs({ namespace: this.namespace, serviceName: this.serviceName });
  }
}

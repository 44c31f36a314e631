/**
 * The explicit providers every resource of the program uses: Okta (credentials and rate-limit
 * behaviour from the `okta:` settings) and Kubernetes (a kubeconfig path or context from settings,
 * else the ambient kubeconfig); Cloudflare (the `cloudflare:apiToken` secret) only with
 * `cloudflareAccess`.
 */
import {
  Provider as KubernetesProvider,
  ProviderArgs as KubernetesProviderArgs,
} from "@pulumi/kubernetes/provider";
import { Provider as OktaProvider, ProviderArgs as OktaProviderArgs } from "@pulumi/okta/provider";
import * as pulumi from "@pulumi/pulumi";
import { cloudflareSdk, CloudflareProviderArgs } from "../components/cloudflare/sdk";
import { isConfigSecret } from "./sdk-internals";
import type { Settings, SettingsSecrets } from "./settings";

export interface Providers {
  readonly okta: OktaProvider;
  readonly kubernetes: KubernetesProvider;
}

/** The Okta provider's arguments: pure, so the rate-limit defaults are tested without mocks. */
export function oktaProviderArgs(settings: Settings, secrets: SettingsSecrets): OktaProviderArgs {
  const o = settings.okta;
  const credentials: OktaProviderArgs =
    o.auth === "apiToken"
      ? { apiToken: secrets.oktaApiToken }
      : {
          clientId: o.clientId,
          privateKey: secrets.oktaPrivateKey,
          privateKeyId: o.privateKeyId,
          scopes: [...(o.scopes ?? [])],
        };
  const args: OktaProviderArgs = {
    orgName: o.orgName,
    baseUrl: o.baseUrl,
    ...credentials,
    // Okta's concurrent and per-minute limits are low; CI runs must back off rather than fail.
    maxApiCapacity: o.maxApiCapacity,
    backoff: o.backoff,
    maxRetries: o.maxRetries,
    minWaitSeconds: o.minWaitSeconds,
    maxWaitSeconds: o.maxWaitSeconds,
    parallelism: o.parallelism,
    requestTimeout: o.requestTimeout,
    logLevel: o.logLevel,
    httpProxy: o.httpProxy,
  };
  // Absent keys stay absent (the provider's own default applies), so no `undefined` reaches it.
  return Object.fromEntries(
    Object.entries(args).filter(([, v]) => v !== undefined),
  ) as OktaProviderArgs;
}

/** Keeps an `okta:*` value secret when the stack stores it `secure:` (a proxy URL with a password). */
export function markStoredSecrets(
  args: OktaProviderArgs,
  isSecret: (key: string) => boolean,
): OktaProviderArgs {
  return Object.fromEntries(
    Object.entries(args).map(([k, v]) => [k, isSecret(`okta:${k}`) ? pulumi.secret(v) : v]),
  ) as OktaProviderArgs;
}

/**
 * The Kubernetes provider's arguments: pure, tested without mocks. ConfigMaps and Secrets are
 * updated in place: by default the provider replaces them on any data change, and since their names
 * are fixed, a replacement deletes before it creates, leaving the pods' ConfigMap and Secret absent
 * for a moment. The checksum annotations roll the pods instead (pulumi-kubernetes: stable since
 * 4.24.0, though its schema text still says beta).
 */
export function kubernetesProviderArgs(settings: Settings): KubernetesProviderArgs {
  const kube = settings.kubernetes;
  return {
    ...(kube.kubeconfigPath !== undefined ? { kubeconfig: kube.kubeconfigPath } : {}),
    ...(kube.context !== undefined ? { context: kube.context } : {}),
    enableConfigMapMutable: true,
    enableSecretMutable: true,
  };
}

export function createProviders(settings: Settings, secrets: SettingsSecrets): Providers {
  const args = markStoredSecrets(oktaProviderArgs(settings, secrets), isConfigSecret);
  return {
    okta: new OktaProvider("okta", args),
    kubernetes: new KubernetesProvider("kubernetes", kubernetesProviderArgs(settings)),
  };
}

/** The Cloudflare provider's arguments: the API token only (a secret Output), explicit. */
export function cloudflareProviderArgs(secrets: SettingsSecrets): CloudflareProviderArgs {
  return { apiToken: secrets.cloudflareApiToken };
}

/**
 * The explicit Cloudflare provider, made only for a stack with `cloudflareAccess`: this is where
 * `@pulumi/cloudflare` is first loaded.
 */
export function createCloudflareProvider(secrets: SettingsSecrets): pulumi.ProviderResource {
  return new (cloudflareSdk().Provider)("cloudflare", cloudflareProviderArgs(secrets));
}

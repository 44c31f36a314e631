/**
 * Pure: the Pomerium configuration built from the settings and the Okta outputs.
 *
 * Delivery (why it is split this way): everything that is not secret goes into one config file
 * (`config.json`, a ConfigMap) so a reviewer can read the routes and idp_* settings in a diff;
 * every secret reaches the container only as an environment variable with `secretKeyRef` into one
 * Kubernetes Secret. Pomerium binds every option to its upper-cased env var and viper lets the
 * env var win over the file, so the two merge (pomerium config/options.go `bindEnvs`).
 */
import { createHash, createHmac } from "node:crypto";
import { atLeast, HEALTH_SERVER_ADDED_IN, Version } from "./facts";
import { buildRoutes } from "./ppl";
import type { ConfigSpec, PomeriumSpec } from "./spec";

export const HTTP_PORT = 8080;
export const METRICS_PORT = 9090;
export const HEALTH_PORT = 28080;
export const GRPC_PORT = 5443;
export const CONFIG_DIR = "/etc/pomerium";
export const CONFIG_FILE = "config.json";

/** Values that only Okta or the cluster know; plain here so the builder stays pure. */
export interface IdentityValues {
  issuer: string;
  clientId: string;
  scopes: readonly string[];
}

/** Does this image serve the health server on `health_check_addr` (/startupz, /readyz, /healthz)? */
export const hasHealthServer = (v: Version) => atLeast(v, HEALTH_SERVER_ADDED_IN);

/** The non-secret Pomerium settings, in a fixed key order (a stable file: no spurious diffs). */
export function pomeriumConfig(spec: ConfigSpec, idp: IdentityValues): Record<string, unknown> {
  const config: Record<string, unknown> = {
    authenticate_service_url: spec.authenticateUrl.replace(/\/+$/, ""),
    idp_provider: "okta",
    idp_provider_url: idp.issuer,
    idp_client_id: idp.clientId,
    idp_scopes: [...idp.scopes],
    // TLS ends at the ingress or load balancer in front of Pomerium.
    insecure_server: true,
    address: `:${HTTP_PORT}`,
    metrics_address: `:${METRICS_PORT}`,
    // The internal gRPC listener has no TLS and no authentication: keep it inside the pod (the
    // default databroker URL is 127.0.0.1:5443 in all-in-one mode).
    grpc_address: `127.0.0.1:${GRPC_PORT}`,
    // The ingress or gateway in front appends the client's address: trust that many hops.
    xff_num_trusted_hops: spec.xffNumTrustedHops,
    databroker_storage_type: spec.databroker.storage,
  };
  // The health server listens on loopback by default; kubelet probes need it on the pod IP.
  if (hasHealthServer(spec.version)) config.health_check_addr = `0.0.0.0:${HEALTH_PORT}`;
  config.routes = buildRoutes(spec.routes, spec.groupsClaimName);
  return config;
}

/**
 * The config file as JSON, one key per line. Pomerium reads it by extension (viper: JSON, YAML or
 * TOML). JSON.stringify takes under 1 ms where the YAML emitter took ~50 ms on a 300-route config,
 * and it keeps the `yaml` package out of the deployed bundle (docs/performance.md).
 */
export function renderConfigFile(config: Record<string, unknown>): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Kubernetes refuses a ConfigMap whose data exceeds 1 MiB (`ValidateConfigMap`). */
export const CONFIGMAP_MAX_BYTES = 1024 * 1024;

/**
 * The config file's size in bytes, before Okta is asked: identity values stand in at the longest
 * an Okta issuer and client id are (an issuer is the org or custom domain plus `/oauth2/` and a
 * 20-character id), with 1 KiB to spare.
 */
export function configFileBytes(spec: ConfigSpec, scopes: readonly string[]): number {
  const placeholder: IdentityValues = {
    issuer: `https://${"x".repeat(253)}/oauth2/${"x".repeat(20)}`,
    clientId: "x".repeat(20),
    scopes,
  };
  return Buffer.byteLength(renderConfigFile(pomeriumConfig(spec, placeholder))) + 1024;
}

/** One secret env var: the Pomerium env name and the key in the Kubernetes Secret. */
export interface SecretEnv {
  env: string;
  key: string;
}

/** Which secrets the container reads, in a fixed order. */
export function secretEnvs(
  spec: Pick<PomeriumSpec, "databroker" | "idpServiceAccount" | "signingKey">,
): SecretEnv[] {
  const envs: SecretEnv[] = [
    { env: "IDP_CLIENT_SECRET", key: "idp_client_secret" },
    { env: "SHARED_SECRET", key: "shared_secret" },
    { env: "COOKIE_SECRET", key: "cookie_secret" },
  ];
  if (spec.databroker.storage === "postgres") {
    envs.push({
      env: "DATABROKER_STORAGE_CONNECTION_STRING",
      key: "databroker_storage_connection_string",
    });
  }
  if (spec.signingKey) envs.push({ env: "SIGNING_KEY", key: "signing_key" });
  if (spec.idpServiceAccount) envs.push({ env: "IDP_SERVICE_ACCOUNT", key: "idp_service_account" });
  return envs;
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * A fingerprint of the secret values for the pod-template annotation that rolls the pods when a
 * secret changes. Keyed (HMAC with the shared secret) so that a low-entropy value such as a
 * database password cannot be guessed from the annotation; same values, same fingerprint.
 */
export function secretsFingerprint(values: Readonly<Record<string, string>>, key: string): string {
  const mac = createHmac("sha256", key);
  for (const k of Object.keys(values).sort()) mac.update(`${k}\u0000${values[k]}\u0000`);
  return mac.digest("hex");
}

/** Pomerium's `idp_service_account` for Okta: base64 of `{"api_key": "<SSWS token>"}`. */
export function serviceAccountJson(apiKey: string): string {
  return Buffer.from(JSON.stringify({ api_key: apiKey })).toString("base64");
}

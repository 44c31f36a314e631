/**
 * Facts about Pomerium that the settings and builders rely on, in one place.
 * Read from Pomerium's source (`config/policy.go`, `config/options_check.go`,
 * `pkg/policy/criteria/*.go`); see docs/kubernetes.md.
 */

/**
 * How Pomerium decodes each route option (v0.33.1 `config/policy.go` Policy and `config.gen.go`
 * RouteOptions, through mapstructure's hooks in `config/custom.go`): `duration` is a Go
 * `time.Duration` string ("30s", "1m30s"), `enum:` lists the values its enum hook accepts
 * (case-insensitive, the proto name's common prefix trimmed), `object`/`objectList` are nested
 * structures passed through as written.
 */
export type RouteOptionType =
  | "boolean"
  | "duration"
  | "integer"
  | "percent"
  | "string"
  | "stringList"
  | "headerMap"
  | "object"
  | "objectList"
  | { enum: readonly string[] };

/** Every route option Pomerium accepts, in its own snake_case spelling, with its type. */
export const ROUTE_OPTION_TYPES: Readonly<Record<string, RouteOptionType>> = {
  name: "string",
  description: "string",
  logo_url: "string",
  prefix: "string",
  path: "string",
  regex: "string",
  prefix_rewrite: "string",
  regex_rewrite_pattern: "string",
  regex_rewrite_substitution: "string",
  regex_priority_order: "integer",
  host_rewrite: "string",
  host_rewrite_header: "string",
  host_path_regex_rewrite_pattern: "string",
  host_path_regex_rewrite_substitution: "string",
  cors_allow_preflight: "boolean",
  allow_public_unauthenticated_access: "boolean",
  allow_any_authenticated_user: "boolean",
  allowed_users: "stringList",
  allowed_domains: "stringList",
  allowed_idp_claims: "object",
  sub_policies: "objectList",
  timeout: "duration",
  idle_timeout: "duration",
  allow_websockets: "boolean",
  allow_spdy: "boolean",
  allow_upgrades: "stringList",
  tls_skip_verify: "boolean",
  tls_server_name: "string",
  tls_upstream_server_name: "string",
  tls_downstream_server_name: "string",
  tls_custom_ca: "string",
  tls_custom_ca_file: "string",
  tls_client_cert: "string",
  tls_client_key: "string",
  tls_client_cert_file: "string",
  tls_client_key_file: "string",
  tls_downstream_client_ca: "string",
  tls_downstream_client_ca_file: "string",
  tls_upstream_allow_renegotiation: "boolean",
  set_request_headers: "headerMap",
  remove_request_headers: "stringList",
  set_response_headers: "headerMap",
  rewrite_response_headers: "objectList",
  preserve_host_header: "boolean",
  pass_identity_headers: "boolean",
  kubernetes_service_account_token: "string",
  kubernetes_service_account_token_file: "string",
  enable_google_cloud_serverless_authentication: "boolean",
  jwt_issuer_format: { enum: ["hostOnly", "uri", "IssuerHostOnly", "IssuerURI"] },
  bearer_token_format: { enum: ["default", "idp_access_token", "idp_identity_token"] },
  idp_access_token_allowed_audiences: "stringList",
  show_error_details: "boolean",
  load_balancing_policy: {
    enum: ["round_robin", "maglev", "random", "ring_hash", "least_request"],
  },
  health_checks: "objectList",
  // Envoy's healthy panic threshold is a percentage (0-100).
  healthy_panic_threshold: "percent",
  outlier_detection: "object",
  circuit_breaker_thresholds: "object",
  upstream_tunnel: "object",
  depends_on: "stringList",
  mcp: "object",
  redirect: "object",
  response: "object",
  session_recording: "object",
};

/** Route options Pomerium accepts, in its own snake_case spelling (config/policy.go). */
export const ROUTE_OPTION_KEYS: readonly string[] = Object.keys(ROUTE_OPTION_TYPES);

/**
 * Route options newer Pomerium releases added that this program does not pass, with the reason
 * (config/policy.go on Pomerium's main branch after v0.33.1, the v0.34 line).
 */
export const ROUTE_OPTIONS_ADDED: Readonly<Record<string, { from: Version; refused: string }>> = {
  identity_providers: {
    from: [0, 34, 0],
    refused:
      "added in Pomerium v0.34 to accept JWT bearer tokens from the global identity_providers, which this program does not configure (it signs users in with Okta through idp_*)",
  },
};

/**
 * Route keys refused at preview, with the replacement: the ones Pomerium removed (a config file that
 * still carries one fails at start-up) and per-route IdP credentials (secrets do not belong in routes).
 */
export const REFUSED_ROUTE_KEYS: Readonly<Record<string, string>> = {
  allowed_groups: "removed by Pomerium; use `allowGroups` (compiled to PPL claim/groups)",
  set_authorization_header:
    "removed by Pomerium; use `pass_identity_headers` or `set_request_headers`",
  idp_client_id:
    "per-route IdP credentials are not supported here: every route uses the stack's Okta app",
  idp_client_secret:
    "per-route IdP credentials are not supported here (a secret would land in the ConfigMap)",
  tls_client_key:
    "not supported by this program: a private key would land in the ConfigMap, and there is no Secret mount for client certificates yet",
  tls_client_cert:
    "not supported by this program: client certificates need a key, which has no Secret mount yet",
  tls_client_key_file: "not supported by this program: the pod mounts no client certificate files",
  tls_client_cert_file: "not supported by this program: the pod mounts no client certificate files",
  kubernetes_service_account_token:
    "not supported by this program: a token would land in the ConfigMap",
  kubernetes_service_account_token_file:
    "not supported by this program: the pod mounts no service account token",
  ...Object.fromEntries(
    Object.entries(ROUTE_OPTIONS_ADDED).map(([key, { refused }]) => [key, refused]),
  ),
};

/** Criteria a PPL rule may use (pkg/policy/criteria). `claim/<name>` covers any claim. */
export const PPL_CRITERIA: readonly string[] = [
  "accept",
  "reject",
  "authenticated_user",
  "claim",
  "client_certificate",
  "invalid_client_certificate",
  "cors_preflight",
  "device",
  "domain",
  "email",
  "groups",
  "user",
  "http_method",
  "http_path",
  "source_ip",
  "mcp_tool",
  "ssh_publickey",
  "ssh_ca",
  "ssh_username",
  "ssh_username_matches_email",
  "ssh_username_matches_claim",
];

export const PPL_ACTIONS: readonly string[] = ["allow", "deny"];
export const PPL_OPERATORS: readonly string[] = ["and", "or", "not", "nor"];

/** Pomerium Core dropped `idp_service_account` (directory sync) in this release. */
export const SERVICE_ACCOUNT_REMOVED_IN: Version = [0, 20, 0];
/** From this release the health server on `health_check_addr` serves /startupz, /readyz, /healthz. */
export const HEALTH_SERVER_ADDED_IN: Version = [0, 31, 0];
/**
 * From v0.33.0 Pomerium sends PKCE (S256) whenever the IdP's discovery document advertises it, as
 * Okta's does (authenticate/pkce.go; absent in v0.32.9): the app can then require PKCE.
 */
export const PKCE_SENT_FROM: Version = [0, 33, 0];
/**
 * From v0.33.0 an unset `signing_key` is derived from `shared_secret` (HKDF, pomerium#6037), so
 * replicas agree; before, each process generates its own and replicas sign identity headers with
 * different keys.
 */
export const SIGNING_KEY_DERIVED_FROM: Version = [0, 33, 0];

/**
 * From v0.34.0 Pomerium's official binaries and images are distributed under the Pomerium Community
 * Edition License; the source stays Apache-2.0 (the repositories' LICENSE files are unchanged). Up
 * to v0.33.x the official images are Apache-2.0 like the source.
 */
export const COMMUNITY_LICENSE_FROM: Version = [0, 34, 0];

/** The license of Pomerium's official binaries and images at a version. */
export function officialImageLicense(v: Version): string {
  return atLeast(v, COMMUNITY_LICENSE_FROM) ? "Pomerium Community Edition License" : "Apache-2.0";
}

/**
 * How the Pomerium Ingress Controller installs at a version: from v0.34.0 only with kustomize
 * `config/default` (ingress-controller#1501 removed the generated deployment.yaml); earlier either.
 */
export function controllerInstallCommand(v: Version): string {
  const ref = formatVersion(v);
  return atLeast(v, [0, 34, 0])
    ? `kubectl apply -k 'github.com/pomerium/ingress-controller/config/default?ref=${ref}'`
    : `kubectl apply -f https://raw.githubusercontent.com/pomerium/ingress-controller/${ref}/deployment.yaml`;
}

/**
 * Pomerium's own probe thresholds (ingress-controller `config/pomerium/deployment/healthcheck.yaml`).
 * /healthz fails while any health check fails, and the storage check pings Postgres once a minute:
 * liveness must tolerate longer than a database outage that a restart cannot fix (10 minutes).
 */
export const HEALTH_PROBES = {
  startup: { periodSeconds: 15, failureThreshold: 40 },
  liveness: { initialDelaySeconds: 15, periodSeconds: 60, failureThreshold: 10 },
  readiness: { initialDelaySeconds: 15, periodSeconds: 60, failureThreshold: 5 },
} as const;

/**
 * Route options the Pomerium Ingress Controller (v0.33.1) reads from `ingress.pomerium.io/*`
 * annotations (pomerium/ingress_annotations.go: base and policy annotations). `prefix` and `path`
 * become the Ingress path instead; every other option is refused in ingress-controller mode.
 */
export const CONTROLLER_ANNOTATION_OPTIONS: readonly string[] = [
  "allow_any_authenticated_user",
  "allow_public_unauthenticated_access",
  "allow_spdy",
  "allow_upgrades",
  "allow_websockets",
  "bearer_token_format",
  "circuit_breaker_thresholds",
  "cors_allow_preflight",
  "depends_on",
  "description",
  "enable_google_cloud_serverless_authentication",
  "health_checks",
  "healthy_panic_threshold",
  "host_path_regex_rewrite_pattern",
  "host_path_regex_rewrite_substitution",
  "host_rewrite_header",
  "host_rewrite",
  "idle_timeout",
  "idp_access_token_allowed_audiences",
  "load_balancing_policy",
  "logo_url",
  "name",
  "outlier_detection",
  "pass_identity_headers",
  "prefix_rewrite",
  "preserve_host_header",
  "regex_rewrite_pattern",
  "regex_rewrite_substitution",
  "remove_request_headers",
  "rewrite_response_headers",
  "set_request_headers",
  "set_response_headers",
  "timeout",
  "tls_server_name",
  "tls_skip_verify",
  "allowed_domains",
  "allowed_idp_claims",
  "allowed_users",
];
/** Route options that become the Ingress path in ingress-controller mode. */
export const CONTROLLER_PATH_OPTIONS: readonly string[] = ["prefix", "path"];

export type Version = readonly [number, number, number];

/** The version in an image reference (`pomerium/pomerium:v0.33.1`, `…:nonroot-v0.31.3`, `…@sha256:…`). */
export function imageVersion(image: string): Version | undefined {
  const tag = image.split("@")[0].split("/").pop()?.split(":")[1];
  const m = tag?.match(/^(?:nonroot-)?v?(\d+)\.(\d+)\.(\d+)$/);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Parses `v0.31.3` or `0.31.3`. */
export function parseVersion(v: string): Version | undefined {
  const m = v.match(/^v?(\d+)\.(\d+)\.(\d+)$/);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export function atLeast(v: Version, min: Version): boolean {
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return v[i] > min[i];
  return true;
}

export const formatVersion = (v: Version) => `v${v.join(".")}`;

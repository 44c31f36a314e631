/**
 * Pure builders for OpenMetadata's sign-in through Okta: its redirect URIs, the public-key URLs,
 * the environment variables its server reads (conf/openmetadata.yaml), and the same settings as
 * values of its Helm chart. Tested without mocks. Facts: the team's relying-parties.md
 * ("OpenMetadata with Okta"), checked against OpenMetadata's openmetadata.yaml and its chart.
 */

/**
 * `public`: a single-page app that signs in from the browser (PKCE, no secret); `confidential`:
 * OpenMetadata's server runs the code flow with a client secret.
 */
export const OpenMetadataClientType = { Public: "public", Confidential: "confidential" } as const;
export type OpenMetadataClientType =
  (typeof OpenMetadataClientType)[keyof typeof OpenMetadataClientType];

/** What the environment and the Helm values are built from (plain values, resolved). */
export interface OpenMetadataSso {
  /** OpenMetadata's origin, e.g. https://openmetadata.example.com (no trailing slash). */
  url: string;
  /** `public` (single-page app, PKCE) or `confidential` (a client secret). */
  clientType: OpenMetadataClientType;
  /** The issuer of OpenMetadata's own authorization server. */
  issuer: string;
  /** The client id of OpenMetadata's Okta app. */
  clientId: string;
  /** The client secret; confidential only. @default none */
  clientSecret?: string;
  /** User names (the part before the @) that become OpenMetadata admins. */
  adminPrincipals: readonly string[];
  /** `AUTHORIZER_PRINCIPAL_DOMAIN`: the users' e-mail domain. */
  principalDomain: string;
  /**
   * Where OpenMetadata's server fetches its own JWKS (its bots' tokens): in the cluster, since its
   * public URL may sit behind Pomerium or Cloudflare Access (see `openMetadataJwksUrl`).
   */
  jwksUrl: string;
  /** `SECURITY_CONFIG_SOURCE`: which copy of the SSO settings wins (see `OpenMetadataConfigSource`). */
  configSource: OpenMetadataConfigSource;
}

/**
 * `SECURITY_CONFIG_SOURCE` (OpenMetadata 2.1+, `ConfigSourceGroup.SECURITY`): `ENV` makes the
 * deployment's authentication and authorizer settings authoritative over the copy OpenMetadata keeps
 * in its database (API writes to those fields are refused); `AUTO` merges field by field (a UI change
 * wins); `DB` keeps the stored copy. Releases before 2.1 ignore the variable and keep the database's
 * copy after the first start (OpenMetadata#31786).
 */
export const OpenMetadataConfigSource = { Env: "ENV", Auto: "AUTO", Db: "DB" } as const;
export type OpenMetadataConfigSource =
  (typeof OpenMetadataConfigSource)[keyof typeof OpenMetadataConfigSource];

/** The port OpenMetadata's server listens on (`SERVER_PORT`, the chart's `service.port`). */
export const OPENMETADATA_PORT = 8585;

/**
 * OpenMetadata's own JWKS through its in-cluster Service, as the Helm chart's default
 * (`http://openmetadata:8585/api/v1/system/config/jwks`) but fully qualified so it resolves from any
 * namespace.
 */
export function openMetadataJwksUrl(service: string, namespace: string): string {
  return `http://${service}.${namespace}.svc.cluster.local:${OPENMETADATA_PORT}/api/v1/system/config/jwks`;
}

const trim = (url: string) => url.replace(/\/+$/, "");

/** Where Okta may send the browser back: the sign-in callback and the silent token renewal. */
export function openMetadataRedirectUris(url: string): string[] {
  return [`${trim(url)}/callback`, `${trim(url)}/silent-callback`];
}

/**
 * The keys OpenMetadata verifies tokens with: its own JWKS first (the bots' JWTs, which it signs
 * itself: leaving it out breaks ingestion), then the Okta issuer's keys.
 */
export function openMetadataPublicKeyUrls(jwksUrl: string, issuer: string): string[] {
  return [jwksUrl, `${trim(issuer)}/v1/keys`];
}

/** A list as OpenMetadata's `${VAR}` substitution reads it: a YAML flow sequence (JSON is one). */
const list = (items: readonly string[]) => JSON.stringify(items);

/** The Secret key that carries the client id for the Helm chart's `oidcConfiguration`. */
export const OIDC_CLIENT_ID_KEY = "OIDC_CLIENT_ID";
/** The Secret key that carries the client secret for the Helm chart's `oidcConfiguration`. */
export const OIDC_CLIENT_SECRET_KEY = "OIDC_CLIENT_SECRET";

/**
 * The environment variables OpenMetadata's server reads (for `envFrom` on its container). Every
 * value is a string; the admins' line is left out when there are none (OpenMetadata's default).
 */
export function openMetadataEnv(sso: OpenMetadataSso): Record<string, string> {
  const url = trim(sso.url);
  const confidential = sso.clientType === "confidential";
  const env: Record<string, string> = {
    AUTHENTICATION_PROVIDER: "okta",
    AUTHENTICATION_CLIENT_TYPE: sso.clientType,
    AUTHENTICATION_AUTHORITY: sso.issuer,
    AUTHENTICATION_CLIENT_ID: sso.clientId,
    AUTHENTICATION_CALLBACK_URL: `${url}/callback`,
    AUTHENTICATION_PUBLIC_KEYS: list(openMetadataPublicKeyUrls(sso.jwksUrl, sso.issuer)),
    AUTHENTICATION_RESPONSE_TYPE: confidential ? "code" : "id_token",
    ...(sso.adminPrincipals.length > 0
      ? { AUTHORIZER_ADMIN_PRINCIPALS: list(sso.adminPrincipals) }
      : {}),
    AUTHORIZER_PRINCIPAL_DOMAIN: sso.principalDomain,
    // Without it (OpenMetadata's default false) a user of another e-mail domain whose local part
    // is an admin's signs in as that admin.
    AUTHORIZER_ENFORCE_PRINCIPAL_DOMAIN: "true",
    SECURITY_CONFIG_SOURCE: sso.configSource,
  };
  if (confidential) {
    Object.assign(env, {
      OIDC_TYPE: "okta",
      [OIDC_CLIENT_ID_KEY]: sso.clientId,
      [OIDC_CLIENT_SECRET_KEY]: sso.clientSecret ?? "",
      OIDC_DISCOVERY_URI: `${trim(sso.issuer)}/.well-known/openid-configuration`,
      OIDC_CALLBACK: `${url}/callback`,
      OIDC_SERVER_URL: url,
      // The Okta app is set to the same method (OpenMetadata's default).
      OIDC_CLIENT_AUTH_METHOD: "client_secret_post",
    });
  }
  return env;
}

/**
 * The same settings as values of OpenMetadata's Helm chart (`openmetadata.config.authentication`
 * and `.authorizer`). No secret in it: with `confidential`, the chart reads the client id and
 * secret from `secretName` (this stack's Secret), by reference.
 */
export function openMetadataHelmValues(
  sso: Omit<OpenMetadataSso, "clientSecret">,
  secretName: string,
): Record<string, any> {
  const env = openMetadataEnv({ ...sso, clientSecret: "" });
  const confidential = sso.clientType === "confidential";
  return {
    openmetadata: {
      config: {
        authentication: {
          enabled: true,
          clientType: sso.clientType,
          provider: env.AUTHENTICATION_PROVIDER,
          publicKeys: JSON.parse(env.AUTHENTICATION_PUBLIC_KEYS),
          authority: env.AUTHENTICATION_AUTHORITY,
          clientId: env.AUTHENTICATION_CLIENT_ID,
          callbackUrl: env.AUTHENTICATION_CALLBACK_URL,
          responseType: env.AUTHENTICATION_RESPONSE_TYPE,
          ...(confidential
            ? {
                oidcConfiguration: {
                  enabled: true,
                  oidcType: env.OIDC_TYPE,
                  clientId: { secretRef: secretName, secretKey: OIDC_CLIENT_ID_KEY },
                  clientSecret: { secretRef: secretName, secretKey: OIDC_CLIENT_SECRET_KEY },
                  discoveryUri: env.OIDC_DISCOVERY_URI,
                  callbackUrl: env.OIDC_CALLBACK,
                  serverUrl: env.OIDC_SERVER_URL,
                  clientAuthenticationMethod: env.OIDC_CLIENT_AUTH_METHOD,
                },
              }
            : {}),
        },
        authorizer: {
          ...(sso.adminPrincipals.length > 0 ? { initialAdmins: [...sso.adminPrincipals] } : {}),
          principalDomain: env.AUTHORIZER_PRINCIPAL_DOMAIN,
          enforcePrincipalDomain: true,
        },
      },
    },
    // The chart (1.13.1) has no key for it: an extra environment variable.
    extraEnvs: [{ name: "SECURITY_CONFIG_SOURCE", value: env.SECURITY_CONFIG_SOURCE }],
  };
}

// The pure builders of OpenMetadata's sign-in: redirect URIs, public keys, the environment its
// server reads, and the Helm values that say the same thing.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  openMetadataEnv,
  openMetadataHelmValues,
  openMetadataJwksUrl,
  openMetadataPublicKeyUrls,
  openMetadataRedirectUris,
  OpenMetadataSso,
} from "../../components/openmetadata/plan";

const ISSUER = "https://id.example.com/oauth2/aus123";
const base: OpenMetadataSso = {
  url: "https://om.example.com",
  clientType: "public",
  issuer: ISSUER,
  clientId: "0oaOM",
  adminPrincipals: ["jane.doe", "max"],
  principalDomain: "example.com",
  jwksUrl: "http://openmetadata.om.svc.cluster.local:8585/api/v1/system/config/jwks",
  configSource: "ENV",
};

/** The Helm values as the environment variables the chart turns them into (its values table). */
function helmAsEnv(values: Record<string, any>, secret: Record<string, string>) {
  const a = values.openmetadata.config.authentication;
  const z = values.openmetadata.config.authorizer;
  const o = a.oidcConfiguration;
  const fromSecret = (ref?: { secretRef: string; secretKey: string }) =>
    ref ? secret[ref.secretKey] : undefined;
  const env: Record<string, string | undefined> = {
    AUTHENTICATION_PROVIDER: a.provider,
    AUTHENTICATION_CLIENT_TYPE: a.clientType,
    AUTHENTICATION_AUTHORITY: a.authority,
    AUTHENTICATION_CLIENT_ID: a.clientId,
    AUTHENTICATION_CALLBACK_URL: a.callbackUrl,
    AUTHENTICATION_PUBLIC_KEYS: JSON.stringify(a.publicKeys),
    AUTHENTICATION_RESPONSE_TYPE: a.responseType,
    AUTHORIZER_ADMIN_PRINCIPALS: z.initialAdmins && JSON.stringify(z.initialAdmins),
    AUTHORIZER_PRINCIPAL_DOMAIN: z.principalDomain,
    AUTHORIZER_ENFORCE_PRINCIPAL_DOMAIN: String(z.enforcePrincipalDomain),
    SECURITY_CONFIG_SOURCE: values.extraEnvs.find(
      (e: { name: string }) => e.name === "SECURITY_CONFIG_SOURCE",
    )?.value,
    ...(o
      ? {
          OIDC_TYPE: o.oidcType,
          OIDC_CLIENT_ID: fromSecret(o.clientId),
          OIDC_CLIENT_SECRET: fromSecret(o.clientSecret),
          OIDC_DISCOVERY_URI: o.discoveryUri,
          OIDC_CALLBACK: o.callbackUrl,
          OIDC_SERVER_URL: o.serverUrl,
          OIDC_CLIENT_AUTH_METHOD: o.clientAuthenticationMethod,
        }
      : {}),
  };
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
}

describe("OpenMetadata builders", () => {
  test("redirect URIs: the callback and the silent renewal, from the origin (a trailing / ignored)", () => {
    const want = ["https://om.example.com/callback", "https://om.example.com/silent-callback"];
    assert.deepEqual(openMetadataRedirectUris("https://om.example.com"), want);
    assert.deepEqual(openMetadataRedirectUris("https://om.example.com/"), want);
  });

  test("public keys: OpenMetadata's own JWKS (bot tokens), then the issuer's keys", () => {
    assert.deepEqual(openMetadataPublicKeyUrls("http://om.x.svc:8585/jwks", `${ISSUER}/`), [
      "http://om.x.svc:8585/jwks",
      `${ISSUER}/v1/keys`,
    ]);
  });

  test("its own JWKS through the in-cluster Service (not the public URL behind Pomerium)", () => {
    assert.equal(
      openMetadataJwksUrl("om-release", "data"),
      "http://om-release.data.svc.cluster.local:8585/api/v1/system/config/jwks",
    );
  });

  test("public: exactly the AUTHENTICATION_* and AUTHORIZER_* variables, no OIDC_*", () => {
    assert.deepEqual(openMetadataEnv(base), {
      AUTHENTICATION_PROVIDER: "okta",
      AUTHENTICATION_CLIENT_TYPE: "public",
      AUTHENTICATION_AUTHORITY: ISSUER,
      AUTHENTICATION_CLIENT_ID: "0oaOM",
      AUTHENTICATION_CALLBACK_URL: "https://om.example.com/callback",
      AUTHENTICATION_PUBLIC_KEYS: `["http://openmetadata.om.svc.cluster.local:8585/api/v1/system/config/jwks","${ISSUER}/v1/keys"]`,
      AUTHENTICATION_RESPONSE_TYPE: "id_token",
      AUTHORIZER_ADMIN_PRINCIPALS: '["jane.doe","max"]',
      AUTHORIZER_PRINCIPAL_DOMAIN: "example.com",
      AUTHORIZER_ENFORCE_PRINCIPAL_DOMAIN: "true",
      SECURITY_CONFIG_SOURCE: "ENV",
    });
  });

  test("the config source as given (AUTO, DB), in the environment and the Helm values alike", () => {
    for (const configSource of ["AUTO", "DB"] as const) {
      assert.equal(openMetadataEnv({ ...base, configSource }).SECURITY_CONFIG_SOURCE, configSource);
      assert.deepEqual(openMetadataHelmValues({ ...base, configSource }, "s").extraEnvs, [
        { name: "SECURITY_CONFIG_SOURCE", value: configSource },
      ]);
    }
  });

  test("public: a client secret given by mistake goes nowhere", () => {
    assert.deepEqual(openMetadataEnv({ ...base, clientSecret: "s3cr3t" }), openMetadataEnv(base));
  });

  test("confidential: the OIDC_* variables, with the client secret", () => {
    const env = openMetadataEnv({ ...base, clientType: "confidential", clientSecret: "s3cr3t" });
    assert.deepEqual(
      Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith("OIDC_"))),
      {
        OIDC_TYPE: "okta",
        OIDC_CLIENT_ID: "0oaOM",
        OIDC_CLIENT_SECRET: "s3cr3t",
        OIDC_DISCOVERY_URI: `${ISSUER}/.well-known/openid-configuration`,
        OIDC_CALLBACK: "https://om.example.com/callback",
        OIDC_SERVER_URL: "https://om.example.com",
        OIDC_CLIENT_AUTH_METHOD: "client_secret_post",
      },
    );
    assert.equal(env.AUTHENTICATION_CLIENT_TYPE, "confidential");
    assert.equal(env.AUTHENTICATION_RESPONSE_TYPE, "code");
  });

  test("no admins: OpenMetadata's own default stays (the variable and initialAdmins are absent)", () => {
    const sso = { ...base, adminPrincipals: [] };
    assert.equal("AUTHORIZER_ADMIN_PRINCIPALS" in openMetadataEnv(sso), false);
    const z = openMetadataHelmValues(sso, "s").openmetadata.config.authorizer;
    assert.deepEqual(z, { principalDomain: "example.com", enforcePrincipalDomain: true });
  });

  for (const clientType of ["public", "confidential"] as const) {
    test(`${clientType}: the Helm values say what the environment says`, () => {
      const env = openMetadataEnv({ ...base, clientType, clientSecret: "s3cr3t" });
      const values = openMetadataHelmValues({ ...base, clientType }, "om-secret");
      assert.deepEqual(helmAsEnv(values, env), env);
      assert.equal(values.openmetadata.config.authentication.enabled, true);
      assert.ok(!JSON.stringify(values).includes("s3cr3t"), "no secret in the Helm values");
    });
  }

  test("confidential: the chart reads the id and secret from this Secret by reference", () => {
    const o = openMetadataHelmValues({ ...base, clientType: "confidential" }, "om-secret")
      .openmetadata.config.authentication.oidcConfiguration;
    assert.deepEqual(o.clientId, { secretRef: "om-secret", secretKey: "OIDC_CLIENT_ID" });
    assert.deepEqual(o.clientSecret, { secretRef: "om-secret", secretKey: "OIDC_CLIENT_SECRET" });
    assert.equal(o.enabled, true);
  });
});

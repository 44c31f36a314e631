// OpenMetadata through the stack program: the exact Okta and Kubernetes objects, the server's
// audience, the Secret's keys and secrecy, the Helm-values output, and nothing without the setting.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import {
  baseConfig,
  byName,
  GIVEN_GROUP_ID,
  lookedUpId,
  one,
  reportedState,
  runProgram,
  Succeeded,
  succeeded,
  valueOf,
} from "../mocks";

const URL = "https://openmetadata.test.example.com";
const omConfig = (om: Record<string, unknown>) =>
  baseConfig({
    "okta-pomerium:groups": [
      { name: "test-admins", create: true },
      { name: "Everyone Engineering" },
      { name: "ops", id: GIVEN_GROUP_ID },
    ],
    "okta-pomerium:openMetadata": { url: URL, admins: ["jane.doe@example.com"], ...om },
  });

describe("OpenMetadata (public client)", () => {
  let run: Succeeded;
  before(async () => {
    run = succeeded(await runProgram(omConfig({ allowGroups: ["ops", "test-admins"] })));
  });
  const rec = () => run.recording;
  const appClientId = () => reportedState(byName(rec(), "openmetadata-app")).clientId;
  const issuer = () => reportedState(byName(rec(), "openmetadata-server")).issuer;
  // In the order of `groups`.
  const groupIds = () => [byName(rec(), "okta-group-test-admins").id, GIVEN_GROUP_ID];

  test("the app: a browser app with PKCE, no secret, OpenMetadata's redirects, its groups", () => {
    assert.deepEqual(byName(rec(), "openmetadata-app").inputs, {
      label: "openmetadata-test",
      type: "browser",
      grantTypes: ["authorization_code", "refresh_token"],
      responseTypes: ["code"],
      redirectUris: [`${URL}/callback`, `${URL}/silent-callback`],
      postLogoutRedirectUris: [URL],
      tokenEndpointAuthMethod: "none",
      consentMethod: "TRUSTED",
      refreshTokenRotation: "ROTATE",
      refreshTokenLeeway: 30,
      pkceRequired: true,
      omitSecret: false,
      hideIos: true,
      hideWeb: true,
      loginMode: "DISABLED",
      status: "ACTIVE",
    });
    assert.deepEqual(
      byName(rec(), "openmetadata-assignments").inputs.groups,
      groupIds().map((id) => ({ id, profile: "{}" })),
    );
  });

  test("ops, which only OpenMetadata allows, is kept off Pomerium's app, rule and claim", () => {
    const pomerium = byName(rec(), "okta-assignments").inputs.groups.map((g: any) => g.id);
    assert.deepEqual(pomerium, [
      byName(rec(), "okta-group-test-admins").id,
      lookedUpId("Everyone Engineering"),
    ]);
    assert.deepEqual(
      byName(rec(), "okta-policy-rule-okta-pomerium-test").inputs.groupWhitelists,
      pomerium,
    );
    assert.equal(
      byName(rec(), "okta-claim-groups").inputs.value,
      "^(?:Everyone Engineering|test-admins)$",
    );
  });

  test("its own server: audience = the app's client id (as Okta reports it), ORG_URL", () => {
    assert.deepEqual(byName(rec(), "openmetadata-server").inputs, {
      name: "openmetadata-test",
      description: "OpenMetadata sign-in (openmetadata-test, managed by okta-pomerium)",
      audiences: [appClientId()],
      issuerMode: "ORG_URL",
      credentialsRotationMode: "AUTO",
      status: "ACTIVE",
    });
    assert.notEqual(appClientId(), byName(rec(), "openmetadata-app").id);
  });

  test("a default scope, one policy for that client, one rule for the allowed groups", () => {
    const serverId = byName(rec(), "openmetadata-server").id;
    assert.deepEqual(byName(rec(), "openmetadata-scope-openmetadata").inputs, {
      authServerId: serverId,
      name: "openmetadata",
      displayName: "OpenMetadata",
      description: "Granted to OpenMetadata when it asks for no scope",
      default: true,
      consent: "IMPLICIT",
      metadataPublish: "ALL_CLIENTS",
    });
    const policy = byName(rec(), "openmetadata-policy-openmetadata-test");
    assert.deepEqual(policy.inputs, {
      authServerId: serverId,
      name: "openmetadata-test",
      description: "Lets the openmetadata-test app get tokens from this server",
      priority: 1,
      clientWhitelists: [appClientId()],
      status: "ACTIVE",
    });
    assert.deepEqual(byName(rec(), "openmetadata-policy-rule-openmetadata-test").inputs, {
      authServerId: serverId,
      policyId: policy.id,
      name: "openmetadata-test",
      priority: 1,
      status: "ACTIVE",
      grantTypeWhitelists: ["authorization_code"],
      scopeWhitelists: ["openid", "profile", "email", "offline_access", "openmetadata"],
      groupWhitelists: groupIds(),
      accessTokenLifetimeMinutes: 60,
      refreshTokenLifetimeMinutes: 0,
      refreshTokenWindowMinutes: 10080,
    });
  });

  test("a trusted origin for the URL, CORS and REDIRECT", () => {
    const origin = one(rec(), "okta:trustedorigin/origin:Origin");
    assert.equal(origin.name, "openmetadata-trusted-origin");
    assert.deepEqual(origin.inputs, {
      name: "openmetadata-test",
      origin: URL,
      scopes: [{ type: "CORS" }, { type: "REDIRECT" }],
      status: "ACTIVE",
    });
  });

  test("the Secret: OpenMetadata's namespace, the stack in its name, the env vars, all secret", () => {
    const secret = byName(rec(), "openmetadata-settings");
    assert.deepEqual(secret.secretPaths, ["stringData"]);
    assert.deepEqual(secret.inputs.metadata, {
      name: "openmetadata-okta-test",
      namespace: "openmetadata",
      labels: {
        "app.kubernetes.io/name": "openmetadata",
        "app.kubernetes.io/component": "okta-sso",
        "app.kubernetes.io/part-of": "okta-pomerium",
        "app.kubernetes.io/managed-by": "pulumi",
        "okta-pomerium/stack": "test",
      },
    });
    assert.equal(secret.inputs.type, "Opaque");
    assert.deepEqual(secret.inputs.stringData, {
      AUTHENTICATION_PROVIDER: "okta",
      AUTHENTICATION_CLIENT_TYPE: "public",
      AUTHENTICATION_AUTHORITY: issuer(),
      AUTHENTICATION_CLIENT_ID: appClientId(),
      AUTHENTICATION_CALLBACK_URL: `${URL}/callback`,
      AUTHENTICATION_PUBLIC_KEYS: JSON.stringify([
        "http://openmetadata.openmetadata.svc.cluster.local:8585/api/v1/system/config/jwks",
        `${issuer()}/v1/keys`,
      ]),
      AUTHENTICATION_RESPONSE_TYPE: "id_token",
      AUTHORIZER_ADMIN_PRINCIPALS: '["jane.doe"]',
      AUTHORIZER_PRINCIPAL_DOMAIN: "example.com",
      AUTHORIZER_ENFORCE_PRINCIPAL_DOMAIN: "true",
      SECURITY_CONFIG_SOURCE: "ENV",
    });
  });

  test("outputs: client id, issuer, the Secret, Helm values equal to the Secret and plain", async () => {
    const o = run.outputs;
    assert.equal(await valueOf(o.openMetadataClientId!), appClientId());
    assert.equal(await valueOf(o.openMetadataIssuer!), issuer());
    assert.equal(o.openMetadataSecret, "openmetadata/openmetadata-okta-test");
    const values = await valueOf(o.openMetadataHelmValues!);
    const a = values.openmetadata.config.authentication;
    const env = byName(rec(), "openmetadata-settings").inputs.stringData;
    assert.deepEqual(
      [a.provider, a.clientType, a.authority, a.clientId, a.callbackUrl, a.responseType],
      [
        env.AUTHENTICATION_PROVIDER,
        env.AUTHENTICATION_CLIENT_TYPE,
        env.AUTHENTICATION_AUTHORITY,
        env.AUTHENTICATION_CLIENT_ID,
        env.AUTHENTICATION_CALLBACK_URL,
        env.AUTHENTICATION_RESPONSE_TYPE,
      ],
    );
    assert.equal(JSON.stringify(a.publicKeys), env.AUTHENTICATION_PUBLIC_KEYS);
    assert.deepEqual(values.openmetadata.config.authorizer, {
      initialAdmins: ["jane.doe"],
      principalDomain: "example.com",
      enforcePrincipalDomain: true,
    });
    assert.deepEqual(values.extraEnvs, [{ name: "SECURITY_CONFIG_SOURCE", value: "ENV" }]);
    assert.equal(await pulumi.isSecret(o.openMetadataHelmValues!), false);
  });
});

describe("OpenMetadata (confidential client)", () => {
  let run: Succeeded;
  before(async () => {
    run = succeeded(
      await runProgram(
        omConfig({
          clientType: "confidential",
          principalDomain: "corp.example",
          admins: undefined,
          namespace: "data",
          serviceName: "om-release",
          configSource: "AUTO",
        }),
      ),
    );
  });

  test("a web app with a secret: client_secret_post, no PKCE (OpenMetadata's defaults)", () => {
    const app = byName(run.recording, "openmetadata-app").inputs;
    assert.equal(app.type, "web");
    assert.equal(app.tokenEndpointAuthMethod, "client_secret_post");
    assert.equal(app.pkceRequired, false);
    assert.equal(app.omitSecret, false);
  });

  test("the Secret carries the client secret under OIDC_CLIENT_SECRET, the Helm values never", async () => {
    const secret = byName(run.recording, "openmetadata-settings");
    assert.deepEqual(secret.secretPaths, ["stringData"]);
    const env = secret.inputs.stringData;
    const clientSecret = reportedState(byName(run.recording, "openmetadata-app")).clientSecret;
    assert.equal(env.OIDC_CLIENT_SECRET, await valueOf(clientSecret));
    assert.equal(env.OIDC_CLIENT_ID, env.AUTHENTICATION_CLIENT_ID);
    assert.equal(env.AUTHORIZER_PRINCIPAL_DOMAIN, "corp.example");
    assert.equal(env.AUTHORIZER_ENFORCE_PRINCIPAL_DOMAIN, "true");
    assert.equal(env.SECURITY_CONFIG_SOURCE, "AUTO");
    // Its own keys through its Service in its namespace, named by the settings.
    assert.equal(
      JSON.parse(env.AUTHENTICATION_PUBLIC_KEYS)[0],
      "http://om-release.data.svc.cluster.local:8585/api/v1/system/config/jwks",
    );
    assert.equal("AUTHORIZER_ADMIN_PRINCIPALS" in env, false);
    const values = await valueOf(run.outputs.openMetadataHelmValues!);
    assert.ok(!JSON.stringify(values).includes(env.OIDC_CLIENT_SECRET));
    const o = values.openmetadata.config.authentication.oidcConfiguration;
    assert.equal(env[o.clientSecret.secretKey], env.OIDC_CLIENT_SECRET);
    assert.equal(o.clientSecret.secretRef, "openmetadata-okta-test");
    assert.equal(await pulumi.isSecret(run.outputs.openMetadataHelmValues!), false);
  });

  test("the default allowGroups: every group Pomerium has (none is used only elsewhere here), in their order", () => {
    const rule = byName(run.recording, "openmetadata-policy-rule-openmetadata-test");
    assert.deepEqual(rule.inputs.groupWhitelists, [
      byName(run.recording, "okta-group-test-admins").id,
      lookedUpId("Everyone Engineering"),
      GIVEN_GROUP_ID,
    ]);
  });
});

describe("OpenMetadata: a second run changes nothing", () => {
  test("the same registrations, inputs and secret paths (keyed by URN)", async () => {
    const config = omConfig({ clientType: "confidential" });
    const [a, b] = [await runProgram(config), await runProgram(config)].map((r) =>
      succeeded(r)
        .recording.registrations.map((x) => [x.urn, x.inputs, x.secretPaths])
        .sort((p, q) => String(p[0]).localeCompare(String(q[0]))),
    );
    assert.deepEqual(a, b);
  });
});

describe("without openMetadata", () => {
  test("nothing changes: the same registrations as a stack that never had the setting", async () => {
    const without = succeeded(await runProgram(baseConfig()));
    const names = without.recording.registrations.map((r) => `${r.type}::${r.name}`);
    assert.ok(
      names.every((n) => !/openmetadata|trustedorigin/i.test(n)),
      names.join("\n"),
    );
    const keys = Object.keys(without.outputs).filter((k) => k.startsWith("openMetadata"));
    assert.deepEqual(keys, []);
    const withIt = succeeded(
      await runProgram(
        baseConfig({ "okta-pomerium:openMetadata": { url: URL, principalDomain: "example.com" } }),
      ),
    );
    // The setting only adds: every registration of the stack without it is still there, unchanged.
    for (const r of without.recording.registrations) {
      const same = withIt.recording.registrations.find(
        (x) => x.type === r.type && x.name === r.name,
      );
      assert.deepEqual(same?.inputs, r.inputs, `${r.type} ${r.name}`);
    }
  });
});

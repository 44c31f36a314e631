// The bootstrap project: the deploy service app's exact inputs, its scopes from the same function
// the main program checks with, the key (generated or supplied), the printed commands, refusals.
import assert from "node:assert/strict";
import { createPublicKey } from "node:crypto";
import * as path from "node:path";
import { before, describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { deployScopes } from "../../components/okta/api-scopes";
import { parseSettings } from "../../stack/settings";
import { SettingsError } from "../../stack/settings/error";
import { ORG_MODE_SERVICE_APP } from "../../stack/settings/org-rules";
import { deployFeaturesOf } from "../../stack/settings/scope-rules";
import { bootstrapFeatures, parseBootstrapSettings } from "../../bootstrap/settings";
import { MOCK_RSA_PUBLIC_KEY_PEM } from "../../scripts/render/mock-bootstrap";
import { readStackConfig } from "../../scripts/render/stack-config";
import { stackNames } from "../../scripts/stacks";
import { byName, one, reportedState, valueOf } from "../mocks";
import { configOf, STACKS_DIR, template } from "../stack-files";
import { B, bootstrapConfig, runBootstrap, SSWS } from "./helpers";

const ROOT = path.resolve(__dirname, "../../..");
const MOCK_JWK = createPublicKey(MOCK_RSA_PUBLIC_KEY_PEM).export({ format: "jwk" });
const SUPPLIED = { kty: "RSA", n: "x".repeat(342), e: "AQAB" };

describe("bootstrap: generated key (the default)", () => {
  let run: Awaited<ReturnType<typeof runBootstrap>>;
  before(async () => {
    run = await runBootstrap(bootstrapConfig({ [`${B}stacks`]: ["dev", "prod"] }));
    if (run.error) throw run.error;
  });

  test("the service app: client_credentials, private_key_jwt, the public JWK only", () => {
    assert.deepEqual(byName(run.recording, "deploy-app").inputs, {
      label: "okta-pomerium-deploy-test",
      type: "service",
      grantTypes: ["client_credentials"],
      responseTypes: ["token"],
      tokenEndpointAuthMethod: "private_key_jwt",
      jwks: [{ kty: "RSA", kid: "okta-pomerium-deploy-test", e: MOCK_JWK.e, n: MOCK_JWK.n }],
      consentMethod: "TRUSTED",
      pkceRequired: false,
      omitSecret: false,
      hideIos: true,
      hideWeb: true,
      loginMode: "DISABLED",
      status: "ACTIVE",
    });
    assert.deepEqual(one(run.recording, "tls:index/privateKey:PrivateKey").inputs, {
      algorithm: "RSA",
      rsaBits: 2048,
    });
  });

  test("the API scopes, on the org server's issuer, and the least admin roles for the client id", () => {
    const app = byName(run.recording, "deploy-app");
    assert.deepEqual(byName(run.recording, "deploy-api-scopes").inputs, {
      appId: app.id,
      issuer: "https://dev-123456.okta.com",
      scopes: [
        "okta.apps.manage",
        "okta.authorizationServers.manage",
        "okta.groups.manage",
        "okta.policies.read",
      ],
    });
    // Custom server + created groups: no SUPER_ADMIN (a leaked key cannot take the org over).
    const roles = run.recording.registrations.filter(
      (r) => r.type === "okta:app/oauthRoleAssignment:OauthRoleAssignment",
    );
    assert.deepEqual(
      roles.map((r) => [r.name, r.inputs]),
      [
        [
          "deploy-role-api_access_management_admin",
          { clientId: reportedState(app).clientId, type: "API_ACCESS_MANAGEMENT_ADMIN" },
        ],
        ["deploy-role-org_admin", { clientId: reportedState(app).clientId, type: "ORG_ADMIN" }],
      ],
    );
    assert.deepEqual(run.outputs!.adminRoles, ["API_ACCESS_MANAGEMENT_ADMIN", "ORG_ADMIN"]);
  });

  test("adminRoles listed: exactly those are assigned", async () => {
    const listed = await runBootstrap(bootstrapConfig({ [`${B}adminRoles`]: ["SUPER_ADMIN"] }));
    if (listed.error) throw listed.error;
    assert.deepEqual(
      listed.recording.registrations
        .filter((r) => r.type === "okta:app/oauthRoleAssignment:OauthRoleAssignment")
        .map((r) => r.inputs.type),
      ["SUPER_ADMIN"],
    );
  });

  test("every Okta resource uses the SSWS provider; the token stays secret", () => {
    const provider = one(run.recording, "pulumi:providers:okta");
    assert.deepEqual(provider.secretPaths, ["apiToken"]);
    for (const r of run.recording.registrations.filter((x) => x.type.startsWith("okta:")))
      assert.ok(provider.urn && r.provider?.startsWith(`${provider.urn}::`), r.name);
  });

  test("the private key: only in the secret privateKeyPem output, never in a plain one", async () => {
    const o = run.outputs!;
    assert.equal(await pulumi.isSecret(o.privateKeyPem!), true);
    const pem = await valueOf(o.privateKeyPem!);
    assert.match(pem, /^mock-private-key-/);
    for (const [name, out] of Object.entries(o)) {
      if (name === "privateKeyPem") continue;
      const text = JSON.stringify(pulumi.Output.isInstance(out) ? await valueOf(out) : out);
      assert.ok(!text.includes(pem) && !text.includes(SSWS), `output ${name}`);
      if (pulumi.Output.isInstance(out)) assert.equal(await pulumi.isSecret(out), false, name);
    }
    const inputs = JSON.stringify(run.recording.registrations.map((r) => r.inputs));
    assert.ok(!inputs.includes(pem), "the private key reached a resource input");
  });

  test("configCommands: the exact pulumi config set commands, per main stack", async () => {
    const clientId = await valueOf(run.outputs!.clientId);
    const block = (s: string) => [
      `pulumi config set --stack ${s} okta:clientId ${clientId}`,
      `pulumi config set --stack ${s} okta:privateKeyId okta-pomerium-deploy-test`,
      `pulumi config set --stack ${s} okta:scopes okta.apps.manage,okta.authorizationServers.manage,okta.groups.manage,okta.policies.read`,
      `pulumi -C bootstrap stack output --stack test --show-secrets privateKeyPem | pulumi config set --stack ${s} --secret okta:privateKey`,
    ];
    assert.equal(
      await valueOf(run.outputs!.configCommands),
      [...block("dev"), ...block("prod")].join("\n"),
    );
  });
});

describe("bootstrap: supplied public JWK", () => {
  test("no TLS key; the JWK (with its kid) is the app's JWKS; no privateKeyPem output", async () => {
    const run = await runBootstrap(
      bootstrapConfig({ [`${B}publicJwk`]: { ...SUPPLIED, kid: "k1", alg: "RS256", use: "sig" } }),
    );
    if (run.error) throw run.error;
    assert.equal(run.recording.registrations.filter((r) => r.type.startsWith("tls:")).length, 0);
    assert.deepEqual(byName(run.recording, "deploy-app").inputs.jwks, [
      { kty: "RSA", kid: "k1", e: "AQAB", n: SUPPLIED.n },
    ]);
    assert.equal("privateKeyPem" in run.outputs!, false);
    assert.match(
      await valueOf(run.outputs!.configCommands),
      /pulumi config set okta:privateKeyId k1\n.*\npulumi config set --secret okta:privateKey < <the private key PEM of k1>$/,
    );
  });
});

describe("bootstrap: the scopes are the main program's", () => {
  test("each bootstrap stack grants exactly what the main stack of its name needs", async () => {
    // Whatever stacks there are: a bootstrap stack pairs with the root stack file of its name.
    const bootstrapDir = path.join(ROOT, "bootstrap");
    for (const stack of stackNames(bootstrapDir).filter((s) =>
      stackNames(STACKS_DIR).includes(s),
    )) {
      const main = parseSettings(readStackConfig(STACKS_DIR, stack).config, stack);
      const run = await runBootstrap(readStackConfig(bootstrapDir, stack).config, stack);
      if (run.error) throw run.error;
      assert.deepEqual(run.outputs!.scopes, deployScopes(deployFeaturesOf(main)), stack);
      const inputs = byName(run.recording, "deploy-api-scopes").inputs.scopes;
      assert.deepEqual(inputs, run.outputs!.scopes, stack);
    }
  });

  test("a feature changes the list: directorySync adds okta.apiTokens.manage, OpenMetadata trusted origins", () => {
    const scopes = (extra: Record<string, string>) =>
      deployScopes(
        deployFeaturesOf(
          parseSettings({ ...configOf(template("quickstart")).config, ...extra }, "quickstart"),
        ),
      );
    const bootstrapScopes = (features: Record<string, unknown>) =>
      deployScopes(
        bootstrapFeatures(
          parseBootstrapSettings(bootstrapConfig({ [`${B}features`]: features }), "test").features,
        ),
      );
    const dirSync = {
      "okta-pomerium:directorySync": JSON.stringify({
        apiTokenId: "00T1a2b3c4d5e6f7g8h9",
        name: "t",
      }),
    };
    assert.ok(scopes(dirSync).includes("okta.apiTokens.manage"));
    assert.ok(!scopes({}).includes("okta.apiTokens.manage"));
    assert.deepEqual(bootstrapScopes({ directorySync: true }), scopes(dirSync));
    assert.ok(bootstrapScopes({ openMetadata: true }).includes("okta.trustedOrigins.manage"));
    assert.ok(!bootstrapScopes({}).includes("okta.trustedOrigins.manage"));
    assert.deepEqual(
      bootstrapScopes({ createGroups: false }).filter((x) => x.startsWith("okta.groups")),
      ["okta.groups.read"],
    );
  });
});

describe("bootstrap settings", () => {
  const failsAt = (config: Record<string, string>, at: string, message: RegExp) => {
    assert.throws(
      () => parseBootstrapSettings(config, "test"),
      (e: unknown) => {
        assert.ok(e instanceof SettingsError);
        const p = e.problems.filter((x) => x.path === at);
        assert.equal(p.length, 1, e.message);
        assert.match(p[0].message, message);
        return true;
      },
    );
  };

  test("fails when okta:apiToken is missing", () => {
    failsAt(
      bootstrapConfig({ "okta:apiToken": undefined }),
      "okta:apiToken",
      /is required: an SSWS token of an Okta admin/,
    );
  });

  test("fails when service-app credentials are set", () => {
    failsAt(
      bootstrapConfig({ "okta:clientId": "0oa1" }),
      "okta:clientId",
      /signs in with the admin's SSWS token only/,
    );
  });

  test("fails when the public JWK is not an RSA public key", () => {
    failsAt(
      bootstrapConfig({ [`${B}publicJwk`]: { ...SUPPLIED, kty: "EC" } }),
      `${B}publicJwk.kty`,
      /must be "RSA"/,
    );
    failsAt(
      bootstrapConfig({ [`${B}publicJwk`]: { ...SUPPLIED, d: "private!" } }),
      `${B}publicJwk.d`,
      /unknown key "d"/,
    );
    failsAt(
      bootstrapConfig({ [`${B}publicJwk`]: { ...SUPPLIED, n: "x".repeat(299) } }),
      `${B}publicJwk.n`,
      /too short/,
    );
  });

  test("fails when the JWK's kid and keyId disagree", () => {
    failsAt(
      bootstrapConfig({ [`${B}publicJwk`]: { ...SUPPLIED, kid: "a" }, [`${B}keyId`]: "b" }),
      `${B}publicJwk.kid`,
      /is "a", but keyId is "b"/,
    );
  });

  test("fails when an admin role is unknown or listed twice", () => {
    failsAt(
      bootstrapConfig({ [`${B}adminRoles`]: ["ROOT"] }),
      `${B}adminRoles[0]`,
      /must be one of SUPER_ADMIN, ORG_ADMIN/,
    );
    failsAt(
      bootstrapConfig({ [`${B}adminRoles`]: ["APP_ADMIN", "APP_ADMIN"] }),
      `${B}adminRoles[1]`,
      /listed twice/,
    );
    failsAt(bootstrapConfig({ [`${B}adminRoles`]: [] }), `${B}adminRoles`, /at least one role/);
  });

  test("fails when features.authorizationServerMode is org, with the main program's message", () => {
    failsAt(
      bootstrapConfig({ [`${B}features`]: { authorizationServerMode: "org" } }),
      `${B}features.authorizationServerMode`,
      new RegExp(
        `^${ORG_MODE_SERVICE_APP.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} This project creates exactly that service app`,
      ),
    );
    assert.doesNotThrow(() =>
      parseBootstrapSettings(
        bootstrapConfig({ [`${B}features`]: { authorizationServerMode: "custom" } }),
        "test",
      ),
    );
  });

  test("fails when a feature key is misspelt", () => {
    failsAt(
      bootstrapConfig({ [`${B}features`]: { directorysync: true } }),
      `${B}features.directorysync`,
      /did you mean "directorySync"/,
    );
  });

  test("a refused configuration registers nothing", async () => {
    const run = await runBootstrap(bootstrapConfig({ "okta:apiToken": undefined }));
    assert.ok(run.error instanceof SettingsError);
    assert.equal(run.recording.registrations.length, 0);
  });
});

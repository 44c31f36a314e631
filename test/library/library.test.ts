// The library surface: another Pulumi program builds a working Okta + Pomerium from the components
// alone (examples/library), and importing the library evaluates no stack program.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { before, describe, test } from "node:test";
import { evaluate, Recording } from "../../scripts/render/mock-runtime";
import { ofType, one } from "../mocks";

const ROOT = path.resolve(__dirname, "../../..");

describe("importing the library", () => {
  test("loads the components only: no stack program, no settings, no zod, nothing registered", () => {
    const script = `
      const before = new Set(Object.keys(require.cache));
      const lib = require("okta-pomerium");
      const loaded = Object.keys(require.cache).filter((k) => !before.has(k));
      const ours = loaded.filter((k) => !k.includes("node_modules")).map((k) => k.slice(${JSON.stringify(ROOT.length + 1)}));
      console.log(JSON.stringify({ exports: Object.keys(lib).sort(), ours: ours.sort(),
        zod: loaded.some((k) => /node_modules[\\\\/]zod[\\\\/]/.test(k)),
        cloudflare: loaded.filter((k) => /@pulumi[\\\\/]cloudflare/.test(k)).length }));`;
    const run = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.zod, false);
    // CloudflareAccess loads its SDK when constructed: an optional peer dependency.
    assert.equal(out.cloudflare, 0);
    assert.deepEqual(
      out.ours.filter(
        (f: string) =>
          /program|settings|providers|index\.js$/.test(f) &&
          !/components\/(index|(okta|pomerium|openmetadata|cloudflare)\/index)\.js$/.test(f),
      ),
      [],
      `loaded ${out.ours.join(", ")}`,
    );
    assert.deepEqual(out.exports, [
      "CloudflareAccess",
      "DEFAULT_POMERIUM_IMAGE",
      "DEFAULT_SESSION_DURATION",
      "DatabrokerStorage",
      "NamespaceOwnership",
      "ORG_SERVER_SCOPES",
      "OktaApiToken",
      "OktaApp",
      "OktaAppType",
      "OktaAuthorizationServer",
      "OktaGroups",
      "OktaIssuerMode",
      "OpenMetadata",
      "OpenMetadataClientType",
      "OpenMetadataConfigSource",
      "Pomerium",
      "PomeriumControllerConfig",
      "accessCallbackUrl",
      "cloudflareCallbackUrl",
      "deployScopes",
      "exactGroupsFilter",
      "missingScopes",
      "openMetadataEnv",
      "openMetadataHelmValues",
      "openMetadataJwksUrl",
      "openMetadataPublicKeyUrls",
      "openMetadataRedirectUris",
      "orgIssuer",
      "pomeriumScopes",
      "postLogoutRedirectUris",
      "redirectUris",
      "serviceAccountJson",
    ]);
  });
});

describe("examples/library: Okta + Pomerium from hand-written args", () => {
  let rec: Recording;
  let config: Record<string, any>;
  before(async () => {
    ({ recording: rec } = await evaluate(
      {
        "okta:orgName": "dev-123456",
        "okta:baseUrl": "okta.com",
        "okta:apiToken": "SECRET-example-token",
        "okta-pomerium-library-example:domain": "example.com",
      },
      "dev",
      () => require(path.join(ROOT, "bin/examples/library")),
      { project: "okta-pomerium-library-example", secretKeys: ["okta:apiToken"], strict: true },
    ));
    const cm = one(rec, "kubernetes:core/v1:ConfigMap");
    config = JSON.parse(cm.inputs.data["config.json"]);
  });

  test("registers the components and their children, with no okta-pomerium settings", () => {
    const types = rec.registrations.map((r) => r.type);
    for (const t of [
      "okta-pomerium:index:OktaGroups",
      "okta-pomerium:index:OktaApp",
      "okta-pomerium:index:OktaAuthorizationServer",
      "okta-pomerium:index:Pomerium",
      "okta:group/group:Group",
      "okta:app/oAuth:OAuth",
      "okta:index/appGroupAssignments:AppGroupAssignments",
      "okta:auth/server:Server",
      "okta:auth/serverScope:ServerScope",
      "okta:auth/serverClaim:ServerClaim",
      "okta:auth/serverPolicy:ServerPolicy",
      "okta:auth/serverPolicyRule:ServerPolicyRule",
      "kubernetes:apps/v1:Deployment",
      "kubernetes:networking.k8s.io/v1:Ingress",
    ])
      assert.ok(types.includes(t), `${t} registered`);
    assert.equal(ofType(rec, "okta:auth/serverPolicy:ServerPolicy").length, 1);
  });

  test("Pomerium's idp settings are the Okta outputs, not values typed twice", () => {
    const server = one(rec, "okta:auth/server:Server");
    const app = one(rec, "okta:app/oAuth:OAuth");
    const policy = one(rec, "okta:auth/serverPolicy:ServerPolicy");
    const rule = one(rec, "okta:auth/serverPolicyRule:ServerPolicyRule");
    // strict mocks: the issuer is on a custom domain and clientId differs from the app id.
    assert.equal(config.idp_provider_url, `https://id.custom-domain.example/oauth2/${server.id}`);
    assert.notEqual(app.id, policy.inputs.clientWhitelists[0]);
    assert.deepEqual(policy.inputs.clientWhitelists, [config.idp_client_id]);
    assert.deepEqual(config.idp_scopes, rule.inputs.scopeWhitelists);
    assert.deepEqual(config.idp_scopes, [
      "openid",
      "profile",
      "email",
      "offline_access",
      "pomerium",
    ]);
    assert.equal(config.authenticate_service_url, "https://authenticate.example.com");
    assert.deepEqual(app.inputs.redirectUris, ["https://authenticate.example.com/oauth2/callback"]);
  });

  test("the route admits the created group through the groups claim", () => {
    const group = one(rec, "okta:group/group:Group");
    const assignments = one(rec, "okta:index/appGroupAssignments:AppGroupAssignments");
    const rule = one(rec, "okta:auth/serverPolicyRule:ServerPolicyRule");
    assert.deepEqual(assignments.inputs.groups, [{ id: group.id, profile: "{}" }]);
    assert.deepEqual(rule.inputs.groupWhitelists, [group.id]);
    assert.deepEqual(config.routes, [
      {
        from: "https://grafana.example.com",
        to: "http://grafana.monitoring.svc.cluster.local:3000",
        policy: [{ allow: { or: [{ "claim/groups": "dev-grafana-users" }] } }],
      },
    ]);
  });

  test("the client secret reaches only the Kubernetes Secret, as a secret", () => {
    const secret = one(rec, "kubernetes:core/v1:Secret");
    assert.match(secret.inputs.stringData.idp_client_secret, /^mock-client-secret-/);
    assert.ok(secret.secretPaths.includes("stringData"));
    for (const r of rec.registrations)
      if (r.type !== "kubernetes:core/v1:Secret")
        assert.doesNotMatch(JSON.stringify(r.inputs), /mock-client-secret-/, `${r.type} ${r.name}`);
  });
});

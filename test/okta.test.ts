/**
 * The Okta side of the program (issue 3): exact inputs of every Okta resource, how they are wired
 * to each other, the scopes Pomerium requests, secrets, groups, two stacks in one org, `protect`,
 * the adopted API token, and the explicit provider. Every case evaluates the real program under
 * Pulumi's mocks (test/mocks.ts) and asserts on what it registered.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type { ProgramOutputs } from "../components/program";
import { mockCall } from "../scripts/render/mock-runtime";
import {
  baseConfig,
  one,
  ofType,
  Recording,
  Registration,
  Run,
  runProgram,
  SECRET_VALUES,
  valueOf,
} from "./mocks";

const T = {
  app: "okta:app/oAuth:OAuth",
  server: "okta:auth/server:Server",
  scope: "okta:auth/serverScope:ServerScope",
  claim: "okta:auth/serverClaim:ServerClaim",
  policy: "okta:auth/serverPolicy:ServerPolicy",
  rule: "okta:auth/serverPolicyRule:ServerPolicyRule",
  group: "okta:group/group:Group",
  assignments: "okta:index/appGroupAssignments:AppGroupAssignments",
  groupAssignment: "okta:app/groupAssignment:GroupAssignment",
  apiToken: "okta:index/apiToken:ApiToken",
  getGroup: "okta:group/getGroup:getGroup",
  oktaApp: "okta-pomerium:index:OktaApp",
  oktaServer: "okta-pomerium:index:OktaAuthorizationServer",
  oktaGroups: "okta-pomerium:index:OktaGroups",
  oktaToken: "okta-pomerium:index:OktaApiToken",
  configMap: "kubernetes:core/v1:ConfigMap",
} as const;

/** Types whose `name` input the provider autonames (okta-provider.md §1.8). */
const AUTONAMED = [T.server, T.scope, T.claim, T.policy, T.rule, T.group, T.apiToken];

const AUTH = "https://authenticate.test.example.com";
const DIRECTORY_TOKEN = SECRET_VALUES["okta-pomerium:directoryApiToken"];
const GIVEN_GROUP_ID = "00gABCDEFGHIJ0123456";
const API_TOKEN_ID = "00T1a2b3c4d5e6f7g8h9";
const DIRECTORY_SYNC = {
  apiTokenId: API_TOKEN_ID,
  name: "pomerium-dirsync",
  network: { connection: "ZONE", includes: ["nzo123"] },
};

/** Every Okta resource (the provider itself is `pulumi:providers:okta`, not included). */
const oktaResources = (rec: Recording) =>
  rec.registrations.filter((r) => r.type.startsWith("okta:"));

type Succeeded = Run & { outputs: ProgramOutputs };

/** The run, which must have succeeded (a settings error is rethrown so the suite shows it). */
function succeeded(run: Run): Succeeded {
  if (run.error) throw run.error;
  assert.ok(run.outputs, "the program returned no outputs");
  return run as Succeeded;
}

/** The Pomerium config file, parsed. */
function pomeriumConfigFile(rec: Recording): Record<string, any> {
  const data = one(rec, T.configMap).inputs.data as Record<string, string>;
  return JSON.parse(data["config.json"]);
}

/** The id the `getGroup` data source answered for `name` (what the program must pass on). */
const lookedUpId = (name: string): string => mockCall(T.getGroup, { name }).id;

/** Default settings: one created group, one looked up by name, `protect` unset. */
const DEFAULTS = () => baseConfig();

/** Every optional Okta setting away from its default, plus the adopted directory token. */
const CUSTOM = () =>
  baseConfig({
    "okta-pomerium:protect": true,
    "okta-pomerium:groups": [
      { name: "ops-oncall", id: GIVEN_GROUP_ID },
      { name: "test-admins", create: true, description: "Admins of the test stack" },
    ],
    "okta-pomerium:authorizationServer": {
      name: "pomerium-as-test",
      audience: "api://pomerium-test-custom",
      scope: "pomerium.access",
      issuerMode: "DYNAMIC",
      accessTokenLifetimeMinutes: 30,
      refreshTokenLifetimeMinutes: 1440,
      refreshTokenWindowMinutes: 720,
      allowEveryone: true,
    },
    "okta-pomerium:groupsClaim": {
      name: "pomerium_groups",
      filterType: "STARTS_WITH",
      filter: "test-",
    },
    "okta-pomerium:directorySync": DIRECTORY_SYNC,
    "okta-pomerium:directoryApiToken": DIRECTORY_TOKEN,
    // idp_service_account only exists before Pomerium v0.20.0.
    "okta-pomerium:pomerium": { image: "pomerium/pomerium:v0.19.1" },
  });

describe("Okta resources with default settings", () => {
  let run: Succeeded;
  let rec: Recording;
  let app: Registration, server: Registration, scope: Registration, claim: Registration;
  let policy: Registration, rule: Registration, group: Registration;
  /** The app's clientId output (the mocks make it differ from the app's id, as it may in Okta). */
  let clientId: string;

  before(async () => {
    run = succeeded(await runProgram(DEFAULTS()));
    rec = run.recording;
    const types = [T.app, T.server, T.scope, T.claim, T.policy, T.rule, T.group];
    [app, server, scope, claim, policy, rule, group] = types.map((t) => one(rec, t));
    clientId = await valueOf(run.outputs!.clientId);
    assert.notEqual(clientId, app.id);
  });

  test("registers exactly these Okta resources", () => {
    const counts: Record<string, number> = {};
    for (const r of oktaResources(rec)) counts[r.type] = (counts[r.type] ?? 0) + 1;
    assert.deepEqual(counts, {
      [T.app]: 1,
      [T.server]: 1,
      [T.scope]: 1,
      [T.claim]: 1,
      [T.policy]: 1,
      [T.rule]: 1,
      [T.group]: 1,
      [T.assignments]: 1,
    });
  });

  test("the OIDC app is a web app for the authorization-code flow with refresh, redirecting to <authenticateUrl>/oauth2/callback", () => {
    assert.deepEqual(app.inputs, {
      label: "okta-pomerium-test",
      type: "web",
      grantTypes: ["authorization_code", "refresh_token"],
      responseTypes: ["code"],
      redirectUris: [`${AUTH}/oauth2/callback`],
      postLogoutRedirectUris: [`${AUTH}/.pomerium/signed_out`],
      tokenEndpointAuthMethod: "client_secret_basic",
      consentMethod: "TRUSTED",
      refreshTokenRotation: "ROTATE",
      refreshTokenLeeway: 30,
      pkceRequired: false,
      omitSecret: false,
      hideIos: true,
      hideWeb: true,
      loginMode: "DISABLED",
      status: "ACTIVE",
    });
    assert.ok(app.inputs.label.includes("test"), "the label carries the stack");
    assert.equal(run.outputs.redirectUri, app.inputs.redirectUris[0]);
  });

  test("the authorization server defaults: name and audience with the stack, issuer mode ORG_URL", () => {
    assert.deepEqual(server.inputs, {
      name: "okta-pomerium-test",
      description: "Pomerium sign-in for stack test (managed by okta-pomerium)",
      audiences: ["api://okta-pomerium-test"],
      issuerMode: "ORG_URL",
      credentialsRotationMode: "AUTO",
      status: "ACTIVE",
    });
  });

  test("the scope defaults to `pomerium`, is a default scope and needs no consent", () => {
    assert.deepEqual(scope.inputs, {
      authServerId: server.id,
      name: "pomerium",
      displayName: "Pomerium (test)",
      description: "Requested by Pomerium when it signs a user in",
      default: true,
      consent: "IMPLICIT",
      metadataPublish: "ALL_CLIENTS",
    });
  });

  test("the access policy lets exactly the app's client in, at priority 1, with a description", () => {
    assert.deepEqual(policy.inputs, {
      authServerId: server.id,
      name: "okta-pomerium-test",
      description: "Lets the okta-pomerium test app get tokens from this server",
      priority: 1,
      clientWhitelists: [clientId],
      status: "ACTIVE",
    });
  });

  test("the access rule allows only authorization_code (refresh_token is not a rule grant type) for the configured groups", () => {
    assert.deepEqual(rule.inputs, {
      authServerId: server.id,
      policyId: policy.id,
      name: "okta-pomerium-test-pomerium",
      priority: 1,
      status: "ACTIVE",
      grantTypeWhitelists: ["authorization_code"],
      scopeWhitelists: ["openid", "profile", "email", "offline_access", "pomerium"],
      groupWhitelists: [group.id, lookedUpId("Everyone Engineering")],
      accessTokenLifetimeMinutes: 60,
      refreshTokenLifetimeMinutes: 0,
      refreshTokenWindowMinutes: 10080,
    });
  });

  test("the groups claim goes into the ID token, filtered by REGEX .* by default", () => {
    assert.deepEqual(claim.inputs, {
      authServerId: server.id,
      name: "groups",
      claimType: "IDENTITY",
      valueType: "GROUPS",
      groupFilterType: "REGEX",
      value: ".*",
      alwaysIncludeInToken: true,
      status: "ACTIVE",
    });
  });

  test("wiring: scope, claim, policy and rule hang off the server; the rule off the policy and after the scope", () => {
    for (const r of [scope, claim, policy, rule])
      assert.equal(r.inputs.authServerId, server.id, r.name);
    assert.match(server.id, /^aus/);
    assert.equal(rule.inputs.policyId, policy.id);
    assert.deepEqual(policy.inputs.clientWhitelists, [clientId]);
    assert.ok(
      rule.dependencies.includes(scope.urn),
      `rule dependencies ${rule.dependencies.join(", ")} lack the scope`,
    );
  });

  test("the scopes the rule allows are the scopes output and Pomerium's idp_scopes", () => {
    assert.deepEqual([...run.outputs.scopes], rule.inputs.scopeWhitelists);
    assert.deepEqual(pomeriumConfigFile(rec).idp_scopes, rule.inputs.scopeWhitelists);
    assert.ok(
      rule.inputs.scopeWhitelists.includes(scope.inputs.name),
      "the custom scope is allowed",
    );
  });

  test("the client secret output is secret, and there is no idp_service_account without directoryApiToken", async () => {
    assert.equal(await pulumi.isSecret(run.outputs.clientSecret), true);
    assert.equal(run.outputs.idpServiceAccount, undefined);
  });

  test("a group with create: true becomes an okta Group with the exact name and the default description", () => {
    assert.deepEqual(group.inputs, {
      name: "test-admins",
      description: "Pomerium sign-in (managed by okta-pomerium)",
    });
  });

  test("a group given by name alone costs exactly one getGroup invoke, by exact name", () => {
    assert.deepEqual(rec.invokes, [{ token: T.getGroup, args: { name: "Everyone Engineering" } }]);
  });

  test("one authoritative AppGroupAssignments on the app, groups in settings order with profile {}; no GroupAssignment", () => {
    const assignments = one(rec, T.assignments);
    assert.deepEqual(assignments.inputs, {
      appId: app.id,
      groups: [
        { id: group.id, profile: "{}" },
        { id: lookedUpId("Everyone Engineering"), profile: "{}" },
      ],
    });
    assert.equal(ofType(rec, T.groupAssignment).length, 0);
  });

  test("no ApiToken without directorySync.apiTokenId", () => {
    assert.equal(ofType(rec, T.apiToken).length, 0);
  });

  test("protect is false on every Okta resource when the setting is unset", () => {
    for (const r of oktaResources(rec)) assert.equal(r.protect, false, `${r.type} ${r.name}`);
  });

  test("every Okta resource uses the explicit Okta provider, is a child of its Okta component, and has its name set", () => {
    assertProviderParentAndNames(rec, "test");
  });
});

describe("Okta resources with every setting customised", () => {
  let run: Succeeded;
  let rec: Recording;
  let server: Registration, rule: Registration;

  before(async () => {
    run = succeeded(await runProgram(CUSTOM()));
    rec = run.recording;
    server = one(rec, T.server);
    rule = one(rec, T.rule);
  });

  test("the authorization server takes name, audience and issuer mode from settings", () => {
    assert.deepEqual(server.inputs, {
      name: "pomerium-as-test",
      description: "Pomerium sign-in for stack test (managed by okta-pomerium)",
      audiences: ["api://pomerium-test-custom"],
      issuerMode: "DYNAMIC",
      credentialsRotationMode: "AUTO",
      status: "ACTIVE",
    });
  });

  test("the scope takes its name from settings", () => {
    const scope = one(rec, T.scope);
    assert.equal(scope.inputs.name, "pomerium.access");
    assert.equal(scope.inputs.default, true);
    assert.equal(scope.inputs.consent, "IMPLICIT");
  });

  test("with allowEveryone the rule names EVERYONE, and lifetimes come from settings", () => {
    assert.deepEqual(rule.inputs, {
      authServerId: server.id,
      policyId: one(rec, T.policy).id,
      name: "okta-pomerium-test-pomerium",
      priority: 1,
      status: "ACTIVE",
      grantTypeWhitelists: ["authorization_code"],
      scopeWhitelists: ["openid", "profile", "email", "offline_access", "pomerium.access"],
      groupWhitelists: ["EVERYONE"],
      accessTokenLifetimeMinutes: 30,
      refreshTokenLifetimeMinutes: 1440,
      refreshTokenWindowMinutes: 720,
    });
  });

  test("the groups claim takes name, filter type and filter from settings", () => {
    assert.deepEqual(one(rec, T.claim).inputs, {
      authServerId: server.id,
      name: "pomerium_groups",
      claimType: "IDENTITY",
      valueType: "GROUPS",
      groupFilterType: "STARTS_WITH",
      value: "test-",
      alwaysIncludeInToken: true,
      status: "ACTIVE",
    });
  });

  test("the custom scope reaches the scopes output and Pomerium's idp_scopes", () => {
    assert.deepEqual([...run.outputs.scopes], rule.inputs.scopeWhitelists);
    assert.deepEqual(pomeriumConfigFile(rec).idp_scopes, rule.inputs.scopeWhitelists);
  });

  test("a created group keeps its description; a group given by id is used as is, with no invoke at all", () => {
    const group = one(rec, T.group);
    assert.deepEqual(group.inputs, {
      name: "test-admins",
      description: "Admins of the test stack",
    });
    assert.equal(rec.invokes.length, 0);
    assert.deepEqual(one(rec, T.assignments).inputs, {
      appId: one(rec, T.app).id,
      groups: [
        { id: GIVEN_GROUP_ID, profile: "{}" },
        { id: group.id, profile: "{}" },
      ],
    });
    assert.equal(ofType(rec, T.groupAssignment).length, 0);
  });

  test('clientSecret and idpServiceAccount are secret; idpServiceAccount is base64 of {"api_key": <directoryApiToken>}', async () => {
    assert.equal(await pulumi.isSecret(run.outputs.clientSecret), true);
    assert.ok(
      run.outputs.idpServiceAccount,
      "idpServiceAccount is exported with directoryApiToken",
    );
    assert.equal(await pulumi.isSecret(run.outputs.idpServiceAccount), true);
    const value = await valueOf(run.outputs.idpServiceAccount);
    assert.equal(
      value,
      Buffer.from(JSON.stringify({ api_key: DIRECTORY_TOKEN })).toString("base64"),
    );
    assert.deepEqual(JSON.parse(Buffer.from(value, "base64").toString("utf8")), {
      api_key: DIRECTORY_TOKEN,
    });
  });

  test("the directory token (raw or encoded) appears in no Okta resource input", async () => {
    const encoded = await valueOf(run.outputs.idpServiceAccount!);
    const okta = rec.registrations.filter(
      (r) => r.type.startsWith("okta:") || r.type === "pulumi:providers:okta",
    );
    assert.ok(okta.length > 0);
    for (const r of okta) {
      const text = JSON.stringify(r.inputs);
      assert.ok(!text.includes(DIRECTORY_TOKEN), `${r.type} ${r.name} carries the directory token`);
      assert.ok(!text.includes(encoded), `${r.type} ${r.name} carries idp_service_account`);
    }
  });

  test("directorySync adopts exactly one ApiToken: imported, protected, retained on delete, drift-prone fields ignored", () => {
    const token = one(rec, T.apiToken);
    assert.deepEqual(token.inputs, {
      idProperty: API_TOKEN_ID,
      name: "pomerium-dirsync",
      network: { connection: "ZONE", includes: ["nzo123"] },
    });
    assert.equal(token.importId, API_TOKEN_ID);
    assert.equal(token.protect, true);
    assert.equal(token.retainOnDelete, true);
    assert.deepEqual(token.ignoreChanges, ["created", "userId", "clientName"]);
  });

  test("protect: true protects every Okta resource", () => {
    const resources = oktaResources(rec);
    // app, server, scope, claim, policy, rule, one created group, assignments, API token.
    assert.equal(resources.length, 9);
    for (const r of resources) assert.equal(r.protect, true, `${r.type} ${r.name}`);
  });

  test("every Okta resource uses the explicit Okta provider, is a child of its Okta component, and has its name set", () => {
    assertProviderParentAndNames(rec, "test");
  });
});

/** Explicit provider, component parent, and no autonaming, for every Okta resource of a run. */
function assertProviderParentAndNames(rec: Recording, stack: string) {
  const providerUrn = `urn:pulumi:${stack}::okta-pomerium::pulumi:providers:okta::okta`;
  assert.equal(one(rec, "pulumi:providers:okta").urn, providerUrn);
  const component = (type: string) => {
    const urn = `urn:pulumi:${stack}::okta-pomerium::${type}::okta`;
    return rec.registrations.some((r) => r.urn === urn) ? urn : `(no ${type})`;
  };
  // Which component owns each Okta resource type.
  const owner: Record<string, string> = {
    [T.app]: component(T.oktaApp),
    [T.assignments]: component(T.oktaApp),
    [T.server]: component(T.oktaServer),
    [T.scope]: component(T.oktaServer),
    [T.claim]: component(T.oktaServer),
    [T.policy]: component(T.oktaServer),
    [T.rule]: component(T.oktaServer),
    [T.group]: component(T.oktaGroups),
    [T.apiToken]: component(T.oktaToken),
  };
  const resources = oktaResources(rec);
  assert.ok(resources.length > 0);
  for (const r of resources) {
    assert.ok(
      r.provider?.startsWith(`${providerUrn}::`),
      `${r.type} ${r.name}: provider ${r.provider}`,
    );
    assert.equal(r.parent, owner[r.type], `${r.type} ${r.name}: parent`);
    if (AUTONAMED.includes(r.type as (typeof AUTONAMED)[number])) {
      assert.equal(
        typeof r.inputs.name,
        "string",
        `${r.type} ${r.name}: name is not set (Okta would autoname it)`,
      );
      assert.notEqual(r.inputs.name, "", `${r.type} ${r.name}: empty name`);
    }
  }
}

describe("two stacks in one Okta org", () => {
  const stackConfig = (stack: string, protect: boolean) =>
    baseConfig({
      "okta-pomerium:authenticateUrl": `https://authenticate.${stack}.example.com`,
      "okta-pomerium:protect": protect,
      "okta-pomerium:groups": [
        { name: `${stack}-admins`, create: true },
        { name: `pomerium-${stack}-users`, create: true },
      ],
      "okta-pomerium:routes": [
        {
          from: `https://app.${stack}.example.com`,
          to: "http://app.apps.svc.cluster.local:8080",
          allowGroups: [`${stack}-admins`],
        },
      ],
    });
  const runs: Record<string, Run> = {};

  before(async () => {
    runs.dev = succeeded(await runProgram(stackConfig("dev", false), "dev"));
    runs.prod = succeeded(await runProgram(stackConfig("prod", true), "prod"));
  });

  test("no Okta name or label collides between dev and prod", () => {
    // Scope, claim, policy and rule names are unique per authorization server (and rules per
    // policy), so each name is qualified by the *name* of the server/policy it belongs to.
    const seen = new Map<string, string>();
    let count = 0;
    for (const [stack, run] of Object.entries(runs)) {
      const regs = oktaResources(run.recording);
      const nameOfId = (id: string) => regs.find((r) => r.id === id)?.inputs.name as string;
      for (const r of regs) {
        const container = r.inputs.authServerId
          ? `server ${nameOfId(r.inputs.authServerId)}${r.inputs.policyId ? ` policy ${nameOfId(r.inputs.policyId)}` : ""}`
          : "org";
        for (const field of ["name", "label"] as const) {
          const value = r.inputs[field];
          if (value === undefined) continue;
          count++;
          const key = `${container} | ${r.type} | ${field}=${value}`;
          assert.ok(!seen.has(key), `${key} is used by both ${seen.get(key)} and ${stack}`);
          seen.set(key, stack);
          if (container === "org")
            assert.ok(String(value).includes(stack), `${key} does not carry the stack ${stack}`);
        }
      }
    }
    // app label, server, scope, claim, policy, rule and two groups, per stack.
    assert.equal(count, 16);
  });

  test("protect follows each stack's setting on every Okta resource", () => {
    for (const r of oktaResources(runs.dev.recording))
      assert.equal(r.protect, false, `dev ${r.type} ${r.name}`);
    for (const r of oktaResources(runs.prod.recording))
      assert.equal(r.protect, true, `prod ${r.type} ${r.name}`);
  });

  test("all groups created: no invoke", () => {
    assert.equal(runs.dev.recording.invokes.length, 0);
    assert.equal(runs.prod.recording.invokes.length, 0);
  });

  test("each stack's Okta resources use that stack's explicit provider and component", () => {
    assertProviderParentAndNames(runs.dev.recording, "dev");
    assertProviderParentAndNames(runs.prod.recording, "prod");
  });
});

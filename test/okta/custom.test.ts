/**
 * The Okta side with every optional setting away from its default: the server, scope, claim and
 * rule follow the settings, groups given by id cost no invoke, the directory-sync token is adopted
 * (never created) and its secret reaches no Okta input, `protect: true` protects everything.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  API_TOKEN_ID,
  GIVEN_GROUP_ID,
  OKTA as T,
  oktaCustomConfig,
  oktaResources,
  one,
  ofType,
  Recording,
  Registration,
  runProgram,
  SECRET_VALUES,
  Succeeded,
  succeeded,
  valueOf,
} from "../mocks";

const DIRECTORY_TOKEN = SECRET_VALUES["okta-pomerium:directoryApiToken"];

describe("Okta resources with every setting customised", () => {
  let run: Succeeded;
  let rec: Recording;
  let server: Registration, rule: Registration;

  before(async () => {
    run = succeeded(await runProgram(oktaCustomConfig()));
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

  test("the scope takes its name from settings; the rest as by default", () => {
    assert.deepEqual(one(rec, T.scope).inputs, {
      authServerId: server.id,
      name: "pomerium.access",
      displayName: "Pomerium (test)",
      description: "Requested by Pomerium when it signs a user in",
      default: true,
      consent: "IMPLICIT",
      metadataPublish: "ALL_CLIENTS",
    });
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
});

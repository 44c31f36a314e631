/**
 * The Okta side of the program with default settings: the exact inputs of every Okta resource, the
 * groups and their assignment, the invokes, `protect`. Every case evaluates the real program under
 * Pulumi's mocks (test/mocks.ts) and asserts on what it registered.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  baseConfig,
  lookedUpId,
  OKTA as T,
  oktaResources,
  one,
  ofType,
  Recording,
  Registration,
  reportedState,
  runProgram,
  Succeeded,
  succeeded,
} from "../mocks";

const AUTH = "https://authenticate.test.example.com";

describe("Okta resources with default settings", () => {
  let run: Succeeded;
  let rec: Recording;
  let app: Registration, server: Registration, scope: Registration, claim: Registration;
  let policy: Registration, rule: Registration, group: Registration;
  /** The clientId Okta reported for the app (what the policy must let in). */
  let clientId: string;

  before(async () => {
    run = succeeded(await runProgram(baseConfig()));
    rec = run.recording;
    const types = [T.app, T.server, T.scope, T.claim, T.policy, T.rule, T.group];
    [app, server, scope, claim, policy, rule, group] = types.map((t) => one(rec, t));
    clientId = reportedState(app).clientId;
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
      pkceRequired: true, // the default image v0.33.1 sends PKCE
      omitSecret: false,
      hideIos: true,
      hideWeb: true,
      loginMode: "DISABLED",
      status: "ACTIVE",
    });
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

  test("the access policy lets exactly the app's client in (its clientId, not its id), at priority 1", () => {
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

  test("the groups claim goes into the ID token, filtered by default to exactly the configured groups", () => {
    assert.deepEqual(claim.inputs, {
      authServerId: server.id,
      name: "groups",
      claimType: "IDENTITY",
      valueType: "GROUPS",
      groupFilterType: "REGEX",
      value: "^(?:Everyone Engineering|test-admins)$",
      alwaysIncludeInToken: true,
      status: "ACTIVE",
    });
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
});

// The Okta components on their own, with hand-written args (no stack settings): each app type's
// inputs, a second relying party on one authorization server, and the refusals in the args' terms.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { appInputs, OktaApp } from "../../components/okta/app";
import {
  OktaAuthorizationServer,
  serverProblems,
} from "../../components/okta/authorization-server";
import { groupProblems, OktaGroups } from "../../components/okta/groups";
import { evaluate } from "../../scripts/render/mock-runtime";
import { ofType, one } from "../mocks";

const COMMON = {
  consentMethod: "TRUSTED",
  omitSecret: false,
  hideIos: true,
  hideWeb: true,
  loginMode: "DISABLED",
  status: "ACTIVE",
};

describe("OktaApp inputs by type", () => {
  test("web: confidential, code + refresh, secret basic auth, rotation with leeway, no PKCE", () => {
    assert.deepEqual(appInputs("web", { label: "l", redirectUris: ["https://a/cb"] }), {
      label: "l",
      type: "web",
      grantTypes: ["authorization_code", "refresh_token"],
      responseTypes: ["code"],
      redirectUris: ["https://a/cb"],
      tokenEndpointAuthMethod: "client_secret_basic",
      refreshTokenRotation: "ROTATE",
      refreshTokenLeeway: 30,
      pkceRequired: false,
      ...COMMON,
    });
  });

  test("browser: public client (auth method none) with PKCE required", () => {
    assert.deepEqual(appInputs("browser", { label: "l" }), {
      label: "l",
      type: "browser",
      grantTypes: ["authorization_code", "refresh_token"],
      responseTypes: ["code"],
      tokenEndpointAuthMethod: "none",
      refreshTokenRotation: "ROTATE",
      refreshTokenLeeway: 30,
      pkceRequired: true,
      ...COMMON,
    });
  });

  test("service: client credentials, token response, no refresh rotation, no redirect URIs", () => {
    assert.deepEqual(appInputs("service", { label: "l" }), {
      label: "l",
      type: "service",
      grantTypes: ["client_credentials"],
      responseTypes: ["token"],
      tokenEndpointAuthMethod: "client_secret_basic",
      pkceRequired: false,
      ...COMMON,
    });
  });

  test("a service app with a JWKS authenticates with private_key_jwt; explicit args win", () => {
    const jwks = [{ kty: "RSA", kid: "k1", e: "AQAB", n: "abc" }];
    const i = appInputs("service", { label: "l", jwks });
    assert.equal(i.tokenEndpointAuthMethod, "private_key_jwt");
    assert.deepEqual(i.jwks, jwks);
    const o = appInputs("web", {
      label: "l",
      grantTypes: ["authorization_code"],
      tokenEndpointAuthMethod: "client_secret_post",
      pkceRequired: true,
      refreshTokenLeeway: 0,
    });
    assert.deepEqual(
      [o.grantTypes, o.tokenEndpointAuthMethod, o.pkceRequired, o.refreshTokenLeeway],
      [["authorization_code"], "client_secret_post", true, 0],
    );
  });
});

describe("OktaAuthorizationServer args", () => {
  const rule = { name: "r", scopes: ["openid"] };
  test("fails when a rule names neither groups nor everyone, or both", () => {
    const base = { name: "s", audiences: ["api://s"] };
    assert.deepEqual(
      serverProblems({ ...base, policies: [{ name: "p", clientIds: ["c"], rule }] }),
      ['policy "p": its rule must name who may get tokens: rule.groupIds, or rule.everyone: true'],
    );
    assert.deepEqual(
      serverProblems({
        ...base,
        policies: [
          { name: "p", clientIds: ["c"], rule: { ...rule, everyone: true, groupIds: [] } },
        ],
      }),
      ['policy "p": set rule.everyone or rule.groupIds, not both'],
    );
    assert.deepEqual(
      serverProblems({
        ...base,
        policies: [{ name: "p", clientIds: ["c"], rule: { ...rule, everyone: true } }],
      }),
      [],
    );
  });

  test("fails when a scope, claim or policy name is listed twice", () => {
    const p = { name: "p", clientIds: ["c"], rule: { ...rule, everyone: true } };
    assert.deepEqual(
      serverProblems({
        name: "s",
        audiences: ["a"],
        scopes: [{ name: "x" }, { name: "x" }],
        claims: [
          { name: "g", value: "v" },
          { name: "g", value: "w" },
        ],
        policies: [p, p],
      }),
      ['scope "x" is listed twice', 'claim "g" is listed twice', 'policy "p" is listed twice'],
    );
  });

  test("a second relying party is a second policy + rule on the same server", async () => {
    const { recording: rec } = await evaluate({}, "test", () => {
      new OktaAuthorizationServer("auth", {
        name: "srv",
        audiences: ["api://srv"],
        scopes: [{ name: "pomerium", default: true }],
        claims: [{ name: "groups", valueType: "GROUPS", groupFilterType: "REGEX", value: ".*" }],
        policies: [
          { name: "pomerium", clientIds: ["client-a"], rule: { ...rule, groupIds: ["00g1"] } },
          {
            name: "cloudflare",
            clientIds: ["client-b"],
            rule: { name: "cf", scopes: ["openid", "groups"], everyone: true },
          },
        ],
      });
    });
    const server = one(rec, "okta:auth/server:Server");
    const policies = ofType(rec, "okta:auth/serverPolicy:ServerPolicy");
    const rules = ofType(rec, "okta:auth/serverPolicyRule:ServerPolicyRule");
    assert.deepEqual(
      policies.map((p) => [p.name, p.inputs.clientWhitelists, p.inputs.priority]),
      [
        ["auth-policy-pomerium", ["client-a"], 1],
        ["auth-policy-cloudflare", ["client-b"], 2],
      ],
    );
    for (const p of policies) assert.equal(p.inputs.authServerId, server.id);
    assert.deepEqual(
      rules.map((r) => [r.inputs.policyId, r.inputs.groupWhitelists, r.inputs.scopeWhitelists]),
      [
        [policies[0].id, ["00g1"], ["openid"]],
        [policies[1].id, ["EVERYONE"], ["openid", "groups"]],
      ],
    );
    // Each rule waits for the scopes it may name.
    const scope = one(rec, "okta:auth/serverScope:ServerScope");
    for (const r of rules) assert.ok(r.dependencies.includes(scope.urn), r.name);
    assert.deepEqual(one(rec, "okta:auth/serverClaim:ServerClaim").inputs, {
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
});

describe("OktaGroups and OktaApp wiring", () => {
  test("fails when a group is listed twice or is both created and given by id", () => {
    assert.deepEqual(
      groupProblems([
        { name: "a", create: true, id: "00gABCDEFGHIJ0123456" },
        { name: "b" },
        { name: "b" },
      ]),
      ['group "a": set create or id, not both', 'group "b" is listed twice'],
    );
    assert.deepEqual(groupProblems([{ name: "a", create: true }, { name: "b" }]), []);
  });

  test("group ids keep their order; only a group by name alone costs an invoke", async () => {
    let ids: pulumi.Output<string[]> | undefined;
    const { recording: rec } = await evaluate({}, "test", () => {
      const groups = new OktaGroups("g", {
        groups: [
          { name: "looked-up" },
          { name: "test-created", create: true },
          { name: "given", id: "00gABCDEFGHIJ0123456" },
        ],
      });
      ids = groups.ids;
      new OktaApp("app", { label: "app-test", groupIds: groups.ids });
    });
    assert.deepEqual(
      rec.invokes.map((i) => [i.token, i.args]),
      [["okta:group/getGroup:getGroup", { name: "looked-up" }]],
    );
    const created = one(rec, "okta:group/group:Group");
    assert.deepEqual(created.inputs, {
      name: "test-created",
      description: "Pomerium sign-in (managed by okta-pomerium)",
    });
    const resolved = await new Promise<string[]>((r) => ids!.apply(r));
    assert.equal(resolved[1], created.id);
    assert.equal(resolved[2], "00gABCDEFGHIJ0123456");
    assert.deepEqual(
      one(rec, "okta:index/appGroupAssignments:AppGroupAssignments").inputs.groups,
      resolved.map((id) => ({ id, profile: "{}" })),
    );
  });

  test("an app without groupIds leaves assignments alone; its client secret is secret", async () => {
    let secret = false;
    const { recording: rec } = await evaluate({}, "test", () => {
      const app = new OktaApp("app", { label: "app-test", type: "service" });
      void pulumi.isSecret(app.clientSecret).then((s) => (secret = s));
    });
    assert.equal(ofType(rec, "okta:index/appGroupAssignments:AppGroupAssignments").length, 0);
    assert.equal(secret, true);
  });

  test("fails when the app type is not web, browser or service", async () => {
    const { result } = await evaluate({}, "test", () => {
      try {
        new OktaApp("app", { label: "l", type: "native" as never });
        return "";
      } catch (e) {
        return (e as Error).message;
      }
    });
    assert.equal(result, 'OktaApp "app": type must be web, browser or service (got "native")');
  });
});

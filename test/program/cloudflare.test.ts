// The stack program with `cloudflareAccess`: the second Okta app (exact inputs, its assignments,
// on the custom server's policy with the groups scope), the Cloudflare resources wired from its
// outputs, the team-domain lookup only when teamDomain is absent, org mode, and the outputs.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { oktaId } from "../../scripts/render/mock-runtime";
import {
  byName,
  CF_ACCOUNT,
  CF_SECTION,
  CLOUDFLARE as CF,
  cloudflareConfig,
  lookedUpId,
  OKTA,
  PROTECTED_SHAPE,
  ofType,
  one,
  problemsOf,
  Recording,
  reportedState,
  runProgram,
  succeeded,
  Succeeded,
  valueOf,
} from "../mocks";

const CALLBACK = "https://myteam.cloudflareaccess.com/cdn-cgi/access/callback";

describe("cloudflareAccess, custom authorization server", () => {
  let run: Succeeded;
  let rec: Recording;
  let states: Record<string, Record<string, any>>;
  before(async () => {
    run = succeeded(await runProgram(cloudflareConfig()));
    rec = run.recording;
    // What the (strict) mocks answered, read right after the run.
    states = Object.fromEntries(
      ["okta-cloudflare-app", "okta-app", "okta-cloudflare-server", "okta-group-test-admins"].map(
        (n) => [n, reportedState(byName(rec, n))],
      ),
    );
  });

  test("a second Okta web app: its own label with the stack, Cloudflare's callback, exact inputs", () => {
    assert.deepEqual(byName(rec, "okta-cloudflare-app").inputs, {
      label: "okta-pomerium-test-cloudflare",
      type: "web",
      grantTypes: ["authorization_code", "refresh_token"],
      responseTypes: ["code"],
      redirectUris: [CALLBACK],
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
    assert.equal(ofType(rec, OKTA.app).length, 2);
  });

  test("assigned to exactly the groups its apps allow, in the order of groups", () => {
    const assignments = byName(rec, "okta-cloudflare-assignments");
    assert.equal(assignments.inputs.appId, byName(rec, "okta-cloudflare-app").id);
    assert.deepEqual(assignments.inputs.groups, [
      { id: byName(rec, "okta-group-test-admins").id, profile: "{}" },
      { id: lookedUpId("Everyone Engineering"), profile: "{}" },
    ]);
  });

  test("its own server (Pomerium's is untouched): the groups scope, claim and one policy for it", () => {
    assert.deepEqual(byName(rec, "okta-cloudflare-server").inputs, {
      name: "okta-pomerium-test-cloudflare",
      description: "Cloudflare Access sign-in for stack test (managed by okta-pomerium)",
      audiences: ["api://okta-pomerium-test-cloudflare"],
      issuerMode: "ORG_URL",
      credentialsRotationMode: "AUTO",
      status: "ACTIVE",
    });
    const server = byName(rec, "okta-cloudflare-server").id;
    assert.deepEqual(byName(rec, "okta-cloudflare-scope-groups").inputs.authServerId, server);
    assert.deepEqual(byName(rec, "okta-cloudflare-claim-groups").inputs, {
      authServerId: server,
      name: "groups",
      claimType: "IDENTITY",
      valueType: "GROUPS",
      groupFilterType: "REGEX",
      value: "^(?:Everyone Engineering|test-admins)$",
      alwaysIncludeInToken: true,
      status: "ACTIVE",
    });
    const policy = byName(rec, "okta-cloudflare-policy-okta-pomerium-test-cloudflare");
    assert.deepEqual(policy.inputs.clientWhitelists, [states["okta-cloudflare-app"].clientId]);
    const rule = byName(rec, "okta-cloudflare-policy-rule-okta-pomerium-test-cloudflare").inputs;
    assert.deepEqual(rule.scopeWhitelists, [
      "openid",
      "profile",
      "email",
      "offline_access",
      "groups",
    ]);
    assert.deepEqual(rule.groupWhitelists, [
      byName(rec, "okta-group-test-admins").id,
      lookedUpId("Everyone Engineering"),
    ]);
    // Pomerium's server: its own client only, its own scopes; it requests them alone.
    assert.deepEqual(byName(rec, "okta-policy-okta-pomerium-test").inputs.clientWhitelists, [
      states["okta-app"].clientId,
    ]);
    assert.deepEqual(run.outputs.scopes, [
      "openid",
      "profile",
      "email",
      "offline_access",
      "pomerium",
    ]);
    assert.equal(ofType(rec, OKTA.claim).length, 2);
  });

  test("the IdP: from the Cloudflare app's outputs and the server's id; config secret", () => {
    const idp = one(rec, CF.idp);
    assert.equal(idp.inputs.config.oktaAccount, "https://id.custom-domain.example");
    assert.deepEqual(idp.inputs, {
      accountId: CF_ACCOUNT,
      name: "Okta (okta-pomerium test)",
      type: "okta",
      config: {
        clientId: states["okta-cloudflare-app"].clientId,
        // The mock's secret for the Cloudflare app (not Pomerium's).
        clientSecret: `mock-client-secret-${oktaId("", "test/okta:app/oAuth:OAuth/okta-cloudflare-app")}`,
        // The origin of the issuer the server reports (the strict mock's is on a custom domain, as
        // with issuerMode CUSTOM_URL), not the org URL built by hand.
        oktaAccount: new URL(states["okta-cloudflare-server"].issuer).origin,
        authorizationServerId: byName(rec, "okta-cloudflare-server").id,
        claims: ["groups"],
        pkceEnabled: true,
      },
    });
    assert.notEqual(states["okta-cloudflare-app"].clientId, states["okta-app"].clientId);
    assert.deepEqual(idp.secretPaths, ["config"]);
    assert.ok(idp.dependencies.includes(byName(rec, "okta-cloudflare-app").urn));
  });

  test("per app one policy (Okta group names on this IdP) and one application (IdP and policy)", () => {
    const idp = one(rec, CF.idp);
    assert.equal(ofType(rec, CF.policy).length, 2);
    assert.equal(ofType(rec, CF.app).length, 2);
    assert.deepEqual(byName(rec, "cloudflare-policy-billing").inputs, {
      accountId: CF_ACCOUNT,
      name: "okta-pomerium-test-billing",
      decision: "allow",
      includes: [
        { okta: { identityProviderId: idp.id, name: "Everyone Engineering" } },
        { okta: { identityProviderId: idp.id, name: "test-admins" } },
      ],
      sessionDuration: "8h",
    });
    assert.deepEqual(byName(rec, "cloudflare-policy-wiki").inputs.includes, [
      { okta: { identityProviderId: idp.id, name: "test-admins" } },
    ]);
    for (const [name, session] of [
      ["wiki", "24h"],
      ["billing", "8h"],
    ]) {
      // The session reaches the policy too (its duration wins over the application's).
      assert.equal(byName(rec, `cloudflare-policy-${name}`).inputs.sessionDuration, session, name);
      assert.deepEqual(byName(rec, `cloudflare-app-${name}`).inputs, {
        accountId: CF_ACCOUNT,
        name: `okta-pomerium-test-${name}`,
        type: "self_hosted",
        domain: `${name}.test.example.com`,
        allowedIdps: [idp.id],
        autoRedirectToIdentity: true,
        policies: [{ id: byName(rec, `cloudflare-policy-${name}`).id, precedence: 1 }],
        sessionDuration: session,
      });
    }
  });

  test("an explicit Cloudflare provider with the token as a secret; everything Cloudflare's uses it", () => {
    const provider = one(rec, CF.provider);
    assert.equal(provider.name, "cloudflare");
    assert.deepEqual(provider.secretPaths, ["apiToken"]);
    const cf = rec.registrations.filter((r) => r.type.startsWith("cloudflare:"));
    assert.equal(cf.length, 5);
    for (const r of cf) assert.ok(r.provider?.startsWith(`${provider.urn}::`), r.name);
    const component = one(rec, CF.component);
    for (const r of cf) assert.equal(r.parent, component.urn);
  });

  test("teamDomain set: no invoke; the stack exports the redirect URI, client id, IdP and AUDs", async () => {
    assert.deepEqual(
      rec.invokes.map((i) => i.token),
      ["okta:group/getGroup:getGroup"],
    );
    const out = await valueOf(run.outputs.cloudflareAccess!);
    assert.deepEqual(out, {
      redirectUri: CALLBACK,
      clientId: states["okta-cloudflare-app"].clientId,
      identityProviderId: one(rec, CF.idp).id,
      applicationAuds: {
        wiki: reportedState(byName(rec, "cloudflare-app-wiki")).aud,
        billing: reportedState(byName(rec, "cloudflare-app-billing")).aud,
      },
    });
  });
});

describe("cloudflareAccess without teamDomain", () => {
  test("one getZeroTrustOrganization invoke (account id, Cloudflare provider); its authDomain", async () => {
    const { teamDomain: _, ...section } = CF_SECTION;
    void _;
    const run = succeeded(
      await runProgram(cloudflareConfig({}, { "okta-pomerium:cloudflareAccess": section })),
    );
    const lookups = run.recording.invokes.filter((i) => i.token === CF.organization);
    assert.deepEqual(
      lookups.map((i) => i.args),
      [{ accountId: CF_ACCOUNT }],
    );
    const [uri] = byName(run.recording, "okta-cloudflare-app").inputs.redirectUris;
    assert.match(
      uri,
      /^https:\/\/team-[0-9a-f]{8}\.cloudflareaccess\.com\/cdn-cgi\/access\/callback$/,
    );
    assert.equal((await valueOf(run.outputs.cloudflareAccess!)).redirectUri, uri);
  });
});

describe("cloudflareAccess, org authorization server", () => {
  let rec: Recording;
  before(async () => {
    const org = { mode: "org", orgUrl: "https://login.example.com" };
    rec = succeeded(
      await runProgram(cloudflareConfig({}, { "okta-pomerium:authorizationServer": org })),
    ).recording;
  });

  test("the Cloudflare app carries its own groups claim: exactly the groups its apps allow", () => {
    const claim = byName(rec, "okta-cloudflare-app").inputs.groupsClaim;
    assert.deepEqual(claim, {
      type: "FILTER",
      name: "groups",
      filterType: "REGEX",
      value: "^(?:Everyone Engineering|test-admins)$",
    });
  });

  test("no server: the IdP names no authorization server; oktaAccount is the org's issuer", () => {
    assert.deepEqual(
      rec.registrations.filter((r) => r.type.startsWith("okta:auth/")),
      [],
    );
    const config = one(rec, CF.idp).inputs.config;
    assert.equal(config.authorizationServerId, undefined);
    assert.ok(!("authorizationServerId" in config));
    assert.equal(config.oktaAccount, "https://login.example.com");
    // Custom claims need a custom authorization server: none passed on the org server.
    assert.ok(!("claims" in config));
  });
});

describe("cloudflareAccess options", () => {
  test("identityProviderName names the IdP; the claim stays groups; protect reaches every Cloudflare resource", async () => {
    const rec = succeeded(
      await runProgram(cloudflareConfig({ identityProviderName: "Okta SSO" }, PROTECTED_SHAPE)),
    ).recording;
    assert.equal(one(rec, CF.idp).inputs.name, "Okta SSO");
    // Cloudflare's own claim is "groups" (what Access matches on), whatever Pomerium's is named.
    const named = succeeded(
      await runProgram(
        cloudflareConfig({}, { "okta-pomerium:groupsClaim": { name: "pomerium_groups" } }),
      ),
    ).recording;
    assert.deepEqual(one(named, CF.idp).inputs.config.claims, ["groups"]);
    assert.equal(byName(named, "okta-cloudflare-claim-groups").inputs.name, "groups");
    const cf = rec.registrations.filter((r) => r.type.startsWith("cloudflare:"));
    assert.equal(cf.length, 5);
    for (const r of cf) assert.equal(r.protect, true, r.name);
    assert.equal(byName(rec, "okta-cloudflare-app").protect, true);
  });

  test("a group no app allows is not assigned to Cloudflare's Okta app (still to Pomerium's)", async () => {
    const rec = succeeded(
      await runProgram(cloudflareConfig({ apps: [CF_SECTION.apps[0]] })),
    ).recording;
    const admins = byName(rec, "okta-group-test-admins").id;
    assert.deepEqual(byName(rec, "okta-cloudflare-assignments").inputs.groups, [
      { id: admins, profile: "{}" },
    ]);
    assert.equal(byName(rec, "okta-assignments").inputs.groups.length, 2);
  });

  test("fails when org mode meets service-app credentials: the rule Pomerium's app has covers it", () => {
    const problems = problemsOf(
      cloudflareConfig(
        {},
        {
          "okta-pomerium:authorizationServer": { mode: "org" },
          "okta:apiToken": undefined,
          "okta:clientId": "0oaSERVICEAPP0000000",
          "okta:privateKey": "k",
          "okta:scopes": ["okta.apps.manage"],
        },
      ),
    );
    assert.deepEqual(
      problems.map((p) => p.path),
      ["okta-pomerium:authorizationServer.mode"],
    );
  });
});

// authorizationServer.mode: org — Okta's org authorization server, for orgs without API Access
// Management: no okta.auth.* resource, the issuer is the org URL, the app carries the groups claim.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { orgIssuer } from "../../components/okta/org";
import { criticalPath } from "../../scripts/render/render-lib";
import {
  baseConfig,
  failsAt,
  OKTA as T,
  oktaResources,
  one,
  pomeriumConfigFile,
  problemsOf,
  Recording,
  runProgram,
  SECRET_VALUES,
  succeeded,
  Succeeded,
  valueOf,
} from "../mocks";

const ORG = { mode: "org" };
const org = (overrides: Record<string, unknown> = {}) =>
  baseConfig({ "okta-pomerium:authorizationServer": ORG, ...overrides });
const SERVICE_APP = {
  "okta:apiToken": undefined,
  "okta:clientId": "0oaSERVICEAPP0000000",
  "okta:privateKey": SECRET_VALUES["okta:privateKey"],
  "okta:scopes": ["okta.apps.manage", "okta.groups.manage"],
};

describe("org mode", () => {
  let run: Succeeded;
  let rec: Recording;
  before(async () => {
    run = succeeded(await runProgram(org()));
    rec = run.recording;
  });

  test("registers no authorization server resource", () => {
    assert.deepEqual(
      rec.registrations.filter((r) => r.type.startsWith("okta:auth/") || r.type === T.oktaServer),
      [],
    );
  });

  test("the app carries the groups claim (FILTER, the groupsClaim settings)", () => {
    assert.deepEqual(one(rec, T.app).inputs, {
      label: "okta-pomerium-test",
      type: "web",
      grantTypes: ["authorization_code", "refresh_token"],
      responseTypes: ["code"],
      redirectUris: ["https://authenticate.test.example.com/oauth2/callback"],
      postLogoutRedirectUris: ["https://authenticate.test.example.com/.pomerium/signed_out"],
      tokenEndpointAuthMethod: "client_secret_basic",
      groupsClaim: {
        type: "FILTER",
        name: "groups",
        filterType: "REGEX",
        value: "^(?:Everyone Engineering|test-admins)$",
      },
      consentMethod: "TRUSTED",
      refreshTokenRotation: "ROTATE",
      refreshTokenLeeway: 30,
      pkceRequired: one(rec, T.app).inputs.pkceRequired,
      omitSecret: false,
      hideIos: true,
      hideWeb: true,
      loginMode: "DISABLED",
      status: "ACTIVE",
    });
  });

  test("idp_provider_url and the issuer output are the org URL, with no trailing slash", async () => {
    assert.equal(pomeriumConfigFile(rec).idp_provider_url, "https://dev-123456.okta.com");
    assert.equal(await valueOf(run.outputs.issuer), "https://dev-123456.okta.com");
  });

  test("Pomerium requests openid profile email groups offline_access, and the output says so", () => {
    const expected = ["openid", "profile", "email", "groups", "offline_access"];
    assert.deepEqual(pomeriumConfigFile(rec).idp_scopes, expected);
    assert.deepEqual(run.outputs.scopes, expected);
    assert.equal(run.outputs.authorizationServerMode, "org");
  });

  test("the org's custom domain, when set, is the issuer", async () => {
    const custom = succeeded(
      await runProgram(
        org({
          "okta-pomerium:authorizationServer": { ...ORG, orgUrl: "https://login.example.com/" },
        }),
      ),
    );
    assert.equal(
      pomeriumConfigFile(custom.recording).idp_provider_url,
      "https://login.example.com",
    );
    assert.equal(await valueOf(custom.outputs.issuer), "https://login.example.com");
  });

  test("budget: fewer Okta resources than custom mode, no extra invoke, critical path <= 3", async () => {
    const custom = succeeded(await runProgram(baseConfig())).recording;
    const count = (r: Recording) => oktaResources(r).length;
    assert.ok(count(rec) < count(custom), `${count(rec)} vs ${count(custom)}`);
    assert.deepEqual(
      oktaResources(rec)
        .map((r) => r.type)
        .sort(),
      [T.app, T.group, T.assignments],
    );
    assert.deepEqual(rec.invokes, custom.invokes);
    assert.ok(criticalPath(rec).length <= 3, criticalPath(rec).join(" -> "));
  });
});

describe("org mode refusals", () => {
  const custom = {
    name: "my-server",
    audience: "api://x",
    scope: "pomerium",
    issuerMode: "ORG_URL",
    accessTokenLifetimeMinutes: 60,
    refreshTokenLifetimeMinutes: 0,
    refreshTokenWindowMinutes: 10080,
    allowEveryone: false,
  };
  for (const [key, value] of Object.entries(custom)) {
    test(`fails when authorizationServer.${key} is set in org mode (even to its default)`, () => {
      failsAt(
        org({ "okta-pomerium:authorizationServer": { ...ORG, [key]: value } }),
        `okta-pomerium:authorizationServer.${key}`,
        /is set, but authorizationServer\.mode is org, and on Okta's org authorization server .+; remove it, or use mode: custom \(needs API Access Management\)$/,
      );
    });
  }

  test("the same keys are accepted in custom mode", () => {
    assert.deepEqual(
      problemsOf(
        baseConfig({ "okta-pomerium:authorizationServer": { mode: "custom", ...custom } }),
      ),
      [],
    );
  });

  test("fails when org mode meets service-app credentials (the groups claim would be skipped)", () => {
    failsAt(
      org(SERVICE_APP),
      "okta-pomerium:authorizationServer.mode",
      /okta:clientId \+ okta:privateKey.*silently skips the app's groups claim.*okta:apiToken.*or mode: custom$/,
    );
    assert.deepEqual(problemsOf(baseConfig(SERVICE_APP)), []);
  });

  test("fails when orgUrl is set in custom mode, or is not an origin", () => {
    failsAt(
      baseConfig({ "okta-pomerium:authorizationServer": { orgUrl: "https://login.example.com" } }),
      "okta-pomerium:authorizationServer.orgUrl",
      /mode is custom: the custom server's issuer comes from Okta/,
    );
    failsAt(
      org({
        "okta-pomerium:authorizationServer": { ...ORG, orgUrl: "https://login.example.com/x" },
      }),
      "okta-pomerium:authorizationServer.orgUrl",
      /must be the org's custom domain as an origin/,
    );
  });

  test("fails when mode is neither custom nor org", () => {
    failsAt(
      baseConfig({ "okta-pomerium:authorizationServer": { mode: "orgs" } }),
      "okta-pomerium:authorizationServer.mode",
      /must be custom .* or org/,
    );
  });
});

describe("orgIssuer (library users call it directly)", () => {
  test("the org URL, or the custom domain without its trailing slash", () => {
    assert.equal(orgIssuer("dev-1", "oktapreview.com"), "https://dev-1.oktapreview.com");
    assert.equal(
      orgIssuer("dev-1", "okta.com", "https://login.example.com//"),
      "https://login.example.com",
    );
  });
});

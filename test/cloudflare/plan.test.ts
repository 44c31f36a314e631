// The pure builders behind CloudflareAccess, without mocks: the callback URL and the exact inputs
// of the identity provider, a policy and an application.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  accessCallbackUrl,
  accessProblems,
  applicationInputs,
  durationSeconds,
  identityProviderInputs,
  oktaAccountOf,
  policyInputs,
} from "../../components/cloudflare/plan";

const ACCOUNT = "0123456789abcdef0123456789abcdef";
const IDP = {
  name: "Okta (test)",
  clientId: "0oaCLIENT",
  clientSecret: "s3cret",
  oktaAccount: "https://dev-1.okta.com",
  claims: ["groups"],
  pkceEnabled: true,
};

describe("Cloudflare Access plan", () => {
  test("the callback is the team domain's /cdn-cgi/access/callback (a trailing slash dropped)", () => {
    assert.equal(
      accessCallbackUrl("myteam.cloudflareaccess.com"),
      "https://myteam.cloudflareaccess.com/cdn-cgi/access/callback",
    );
    assert.equal(
      accessCallbackUrl("login.example.com/"),
      "https://login.example.com/cdn-cgi/access/callback",
    );
  });

  test("the IdP: account-level, type okta, the Okta app's credentials, org server (no server id)", () => {
    assert.deepEqual(identityProviderInputs(ACCOUNT, IDP), {
      accountId: ACCOUNT,
      name: "Okta (test)",
      type: "okta",
      config: {
        clientId: "0oaCLIENT",
        clientSecret: "s3cret",
        oktaAccount: "https://dev-1.okta.com",
        claims: ["groups"],
        pkceEnabled: true,
      },
    });
  });

  test("the IdP on a custom authorization server names it; no scopes or supportGroups (oidc only)", () => {
    const inputs = identityProviderInputs(ACCOUNT, {
      ...IDP,
      authorizationServerId: "ausSERVER",
      claims: ["groups", "department"],
      pkceEnabled: false,
    });
    assert.equal(inputs.config.authorizationServerId, "ausSERVER");
    assert.deepEqual(inputs.config.claims, ["groups", "department"]);
    assert.equal(inputs.config.pkceEnabled, false);
    assert.deepEqual(Object.keys(inputs.config).sort(), [
      "authorizationServerId",
      "claims",
      "clientId",
      "clientSecret",
      "oktaAccount",
      "pkceEnabled",
    ]);
  });

  test("durations in seconds, as Go reads them; not a duration: undefined", () => {
    assert.equal(durationSeconds("0s"), 0);
    assert.equal(durationSeconds("2h45m"), 9900);
    assert.equal(durationSeconds("1.5h"), 5400);
    assert.equal(durationSeconds("1500ms"), 1.5);
    assert.equal(durationSeconds("730h"), 2628000);
    for (const bad of ["", "1d", "24", "h", "1h 2m", "-1h"])
      assert.equal(durationSeconds(bad), undefined);
  });

  test("the Okta account is the issuer's origin: the org URL, or the custom domain Okta puts in iss", () => {
    assert.equal(oktaAccountOf("https://dev-1.okta.com/oauth2/aus1"), "https://dev-1.okta.com");
    assert.equal(oktaAccountOf("https://id.example.com/oauth2/aus1"), "https://id.example.com");
    assert.equal(oktaAccountOf("https://login.example.com"), "https://login.example.com");
  });

  test("no custom claims (the org server): the config has no claims key", () => {
    assert.ok(!("claims" in identityProviderInputs(ACCOUNT, { ...IDP, claims: [] }).config));
  });

  test("a policy: allow, one okta include per group, each naming the IdP and the group, the session", () => {
    assert.deepEqual(policyInputs(ACCOUNT, "okta-pomerium-test-wiki", "idp-1", ["a", "b"], "8h"), {
      accountId: ACCOUNT,
      name: "okta-pomerium-test-wiki",
      decision: "allow",
      includes: [
        { okta: { identityProviderId: "idp-1", name: "a" } },
        { okta: { identityProviderId: "idp-1", name: "b" } },
      ],
      sessionDuration: "8h",
    });
  });

  test("an application: self_hosted, this IdP only, straight to it, its policy, its session", () => {
    assert.deepEqual(
      applicationInputs(
        ACCOUNT,
        { name: "okta-pomerium-test-wiki", domain: "wiki.example.com", sessionDuration: "8h" },
        "idp-1",
        "pol-1",
      ),
      {
        accountId: ACCOUNT,
        name: "okta-pomerium-test-wiki",
        type: "self_hosted",
        domain: "wiki.example.com",
        allowedIdps: ["idp-1"],
        autoRedirectToIdentity: true,
        policies: [{ id: "pol-1", precedence: 1 }],
        sessionDuration: "8h",
      },
    );
  });

  test("args problems: no app, an app twice, a name that cannot name a resource", () => {
    assert.deepEqual(accessProblems([{ name: "wiki" }, { name: "docs-2" }]), []);
    assert.deepEqual(accessProblems([]), ["apps must list at least one application"]);
    assert.deepEqual(accessProblems([{ name: "wiki" }, { name: "wiki" }]), [
      'app "wiki" is listed twice',
    ]);
    for (const bad of ["Wiki", "-wiki", "wiki-", "wi ki", ""])
      assert.equal(accessProblems([{ name: bad }]).length, 1, bad);
    assert.deepEqual(accessProblems([{ name: "a", sessionDuration: "730h" }]), []);
    assert.deepEqual(accessProblems([{ name: "a", sessionDuration: "0s" }]), []);
    assert.deepEqual(accessProblems([{ name: "a", sessionDuration: "730h1s" }]), [
      'app "a" sessionDuration is "730h1s", longer than Cloudflare Access allows (at most 1 month, 730h); use 730h or less',
    ]);
    assert.match(accessProblems([{ name: "a", sessionDuration: "1d" }])[0], /must be a duration/);
  });
});

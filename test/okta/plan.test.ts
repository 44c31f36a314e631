// The pure decisions behind the Okta components (components/okta/plan.ts): the claim filter as
// Okta applies it, how each group is obtained, the redirect URIs, the scopes.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  claimFilterMatches,
  groupPlans,
  pomeriumScopes,
  postLogoutRedirectUris,
  redirectUris,
} from "../../components/okta/plan";

// [filter type, filter, group, matches]: each row tells one filter type from another.
const FILTERS: Array<[string, string, string, boolean]> = [
  ["STARTS_WITH", "pomerium-", "pomerium-admins", true],
  ["STARTS_WITH", "pomerium-", "pomerium-", true],
  ["STARTS_WITH", "admins", "pomerium-admins", false], // CONTAINS would match
  ["STARTS_WITH", "pomerium-admins", "pomerium-admin", false], // longer than the group
  ["STARTS_WITH", "pom.", "pom-x", false], // a literal, not a pattern
  ["EQUALS", "pomerium-admins", "pomerium-admins", true],
  ["EQUALS", "pomerium-", "pomerium-admins", false], // STARTS_WITH would match
  ["EQUALS", "admins", "pomerium-admins", false], // CONTAINS would match
  ["EQUALS", "pomerium-admins", "pomerium-admins-2", false],
  ["CONTAINS", "admins", "pomerium-admins", true],
  ["CONTAINS", "rium-ad", "pomerium-admins", true],
  ["CONTAINS", "pomerium-admins", "pomerium-admins", true],
  ["CONTAINS", "admins-", "pomerium-admins", false],
  ["CONTAINS", "a.m", "pomerium-admins", false], // a literal, not a pattern
  ["REGEX", "pomerium-.*", "pomerium-admins", true],
  ["REGEX", "pomerium-(admins|ops)", "pomerium-ops", true],
  ["REGEX", ".*", "", true],
  ["REGEX", "pomerium-", "pomerium-admins", false], // a prefix match is not enough
  ["REGEX", "admins", "pomerium-admins", false], // a substring match is not enough
  ["REGEX", "pomerium-ad", "x-pomerium-admins", false],
  ["REGEX", "pomerium|ops", "pomerium-admins", false], // anchored around the whole alternation
  ["REGEX", "ops|admins", "pomerium-admins", false],
  ["REGEX", "[", "anything", true], // does not compile: reported by the settings rule instead
];

describe("claimFilterMatches", () => {
  for (const [type, filter, group, expected] of FILTERS) {
    test(`${type} ${JSON.stringify(filter)} ${expected ? "matches" : "does not match"} ${JSON.stringify(group)}`, () =>
      assert.equal(claimFilterMatches(type, filter, group), expected));
  }
});

describe("group plans", () => {
  test("created (with the default description or its own), given by id, or looked up by name", () =>
    assert.deepEqual(
      groupPlans([
        { name: "a", create: true },
        { name: "b", create: true, description: "B" },
        { name: "c", id: "00g1" },
        { name: "d" },
      ]),
      [
        { kind: "create", name: "a", description: "Pomerium sign-in (managed by okta-pomerium)" },
        { kind: "create", name: "b", description: "B" },
        { kind: "id", name: "c", id: "00g1" },
        { kind: "lookup", name: "d" },
      ],
    ));
});

describe("URIs and scopes", () => {
  test("redirect and sign-out URIs hang off authenticateUrl, with or without its trailing slash", () => {
    for (const auth of ["https://auth.example.com", "https://auth.example.com/"]) {
      assert.deepEqual(redirectUris(auth), ["https://auth.example.com/oauth2/callback"]);
      assert.deepEqual(postLogoutRedirectUris(auth), [
        "https://auth.example.com/.pomerium/signed_out",
      ]);
    }
  });

  test("Pomerium's scopes: the four OIDC scopes and the custom one, in this order", () =>
    assert.deepEqual(pomeriumScopes("pomerium.access"), [
      "openid",
      "profile",
      "email",
      "offline_access",
      "pomerium.access",
    ]));
});

// The groups claim rule: every group a route allows must get through the claim filter as Okta
// applies it, for each filter type on inputs that tell the types apart; a REGEX must compile;
// a filter that lets every group through is a warning.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseSettings } from "../../stack/settings";
import { baseConfig, problemsOf, ROUTES } from "../mocks";

/** One existing group `group`, allowed by the one route, behind the claim filter. */
const claimConfig = (filterType: string, filter: string, group = "test-admins") =>
  baseConfig({
    "okta-pomerium:groups": [{ name: group }],
    "okta-pomerium:routes": [{ ...ROUTES[0], allowGroups: [group] }],
    "okta-pomerium:groupsClaim": { filterType, filter },
  });

const dropped = (filterType: string, filter: string, group = "test-admins", at = "[0]") => ({
  path: `okta-pomerium:routes${at}.allowGroups[0]`,
  message: `"${group}" never reaches the ID token: groupsClaim (${filterType} ${JSON.stringify(filter)}) filters it out, so the route would deny everyone; widen groupsClaim.filter`,
});

// [filter type, filter, passes for the group "test-admins"]
const CASES: Array<[string, string, boolean]> = [
  ["STARTS_WITH", "test-", true],
  ["STARTS_WITH", "test-admins", true],
  ["STARTS_WITH", "admins", false], // contains, but does not start with
  ["STARTS_WITH", "test-admins-", false],
  ["STARTS_WITH", "test.", false], // literal, not a pattern
  ["EQUALS", "test-admins", true],
  ["EQUALS", "test-", false], // starts with, but is not equal
  ["EQUALS", "admins", false],
  ["CONTAINS", "admins", true],
  ["CONTAINS", "st-ad", true],
  ["CONTAINS", "test-", true],
  ["CONTAINS", "admin-", false],
  ["CONTAINS", "t.st", false], // literal, not a pattern
  ["REGEX", "test-.*", true],
  ["REGEX", ".*-admins", true],
  ["REGEX", "other|test-admins", true],
  ["REGEX", "test-", false], // matches a prefix only
  ["REGEX", "admins", false], // matches a substring only
  ["REGEX", "test|x", false], // the whole alternation is anchored, not its first branch
  ["REGEX", "x|admins", false], // ... nor its last
];

describe("groups claim: what reaches the ID token", () => {
  for (const [type, filter, passes] of CASES) {
    test(`${type} ${JSON.stringify(filter)} ${passes ? "lets test-admins through" : "drops test-admins: refused"}`, () =>
      assert.deepEqual(
        problemsOf(claimConfig(type, filter)),
        passes ? [] : [dropped(type, filter)],
      ));
  }

  test("every allowed group of every route is checked, with its own path", () => {
    const config = baseConfig({
      "okta-pomerium:groups": [{ name: "pomerium-a" }, { name: "pomerium-b" }, { name: "ops" }],
      "okta-pomerium:routes": [
        { ...ROUTES[0], allowGroups: ["pomerium-a"] },
        { ...ROUTES[1], allowGroups: ["pomerium-b", "ops"] },
      ],
      "okta-pomerium:groupsClaim": { filterType: "STARTS_WITH", filter: "pomerium-" },
    });
    assert.deepEqual(problemsOf(config), [
      {
        path: "okta-pomerium:routes[1].allowGroups[1]",
        message:
          '"ops" never reaches the ID token: groupsClaim (STARTS_WITH "pomerium-") filters it out, so the route would deny everyone; widen groupsClaim.filter',
      },
    ]);
  });

  test("a group only in groups (assigned, never allowed by a route) may be filtered out", () =>
    assert.deepEqual(
      problemsOf(
        baseConfig({
          "okta-pomerium:groupsClaim": { filterType: "STARTS_WITH", filter: "test-" },
        }),
      ),
      [],
    ));
});

describe("groups claim: the REGEX filter", () => {
  test("fails when the REGEX groups claim filter does not compile", () =>
    assert.deepEqual(problemsOf(claimConfig("REGEX", "([")), [
      {
        path: "okta-pomerium:groupsClaim.filter",
        message: 'is not a valid regular expression (got "(["): /([/: Unterminated character class',
      },
    ]));

  test("a pattern is only compiled for REGEX: the same text is a literal for the other types", () =>
    assert.deepEqual(problemsOf(claimConfig("CONTAINS", "([", "x([y")), []));

  test("a filter that matches everything (.* or ^.*$) is a warning, not an error; a narrower one is not", () => {
    const warnings = (filter: string) =>
      parseSettings(
        baseConfig({
          "okta-pomerium:routes": [ROUTES[0]],
          "okta-pomerium:groupsClaim": { filter },
        }),
        "test",
      ).warnings;
    for (const filter of [".*", "^.*$"]) {
      assert.deepEqual(warnings(filter), [
        `groupsClaim.filter "${filter}" puts every Okta group of a user into the ID token; users in many groups get oversized Pomerium cookies and headers (Okta also caps the claim at about 100 groups). Narrow it, e.g. filterType: STARTS_WITH, filter: "pomerium-".`,
      ]);
    }
    assert.deepEqual(warnings("test-.*|Everyone.*"), []);
  });
});

// Pomerium's PPL semantics as pkg/policy implements them: the matchers, the four operators (with
// Pomerium's own `not` = none true and `nor` = not all true), the sign-in reason, the third value
// for what depends on the request, and the criteria that read nothing Core fills.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { matchString, matchStringList } from "../../components/access/matchers";
import { evalAction, UNAUTHENTICATED } from "../../components/access/ppl-eval";
import type { Identity } from "../../components/access/types";

const JANE: Identity = {
  signedIn: true,
  email: "jane@example.com",
  groups: ["admins"],
  claimGroups: ["admins"],
};
const ANON: Identity = { signedIn: false, groups: [], claimGroups: [] };
const allow = (body: unknown, who: Identity = JANE) =>
  evalAction([{ allow: body }], "allow", who, "groups");

describe("string matcher (email, domain, user)", () => {
  // [data, subject, expected]
  const CASES: Array<[unknown, string | undefined, boolean | "unknown"]> = [
    ["jane@example.com", "jane@example.com", true], // a bare value is `is`
    ["jane@example.com", "Jane@example.com", false], // exact, case-sensitive (Rego ==)
    [{ is: "jane@example.com" }, "jane@example.com.evil", false],
    [{ not: "bob@example.com" }, "jane@example.com", true],
    [{ not: "jane@example.com" }, "jane@example.com", false],
    [{ contains: "ne@ex" }, "jane@example.com", true],
    [{ contains: "bob" }, "jane@example.com", false],
    [{ starts_with: "jane@" }, "jane@example.com", true],
    [{ starts_with: "example" }, "jane@example.com", false], // contains, does not start with
    [{ ends_with: "@example.com" }, "jane@example.com", true],
    [{ ends_with: "jane" }, "jane@example.com", false], // starts with, does not end with
    [{ in: ["a@x.com", "jane@example.com"] }, "jane@example.com", true],
    [{ in: ["a@x.com"] }, "jane@example.com", false],
    [{ not_in: ["a@x.com"] }, "jane@example.com", true],
    [{ not_in: ["jane@example.com"] }, "jane@example.com", false],
    [{ starts_with: "jane", ends_with: ".org" }, "jane@example.com", false], // operators ANDed
    [{ starts_with: "jane", ends_with: ".com" }, "jane@example.com", true],
    [{ equals: "jane@example.com" }, "jane@example.com", "unknown"], // Pomerium refuses the policy
    [{ in: "jane@example.com" }, "jane@example.com", "unknown"], // `in` needs an array
    [{ is: "x@example.com" }, undefined, false], // a subject no rule names
    [{ in: ["x@example.com"] }, undefined, false],
    [{ not: "x@example.com" }, undefined, true],
    [{ not_in: ["x@example.com"] }, undefined, true],
    [{ ends_with: "@example.com" }, undefined, "unknown"],
    [{ contains: "x" }, undefined, "unknown"],
  ];
  for (const [data, subject, want] of CASES)
    test(`${JSON.stringify(data)} on ${subject ?? "an unnamed value"} -> ${want}`, () =>
      assert.equal(matchString(subject, data), want));

  test("with only the domain known, a suffix of @domain holds and a longer one depends", () => {
    assert.equal(matchString(undefined, { ends_with: "@example.com" }, "example.com"), true);
    assert.equal(matchString(undefined, { ends_with: "example.com" }, "example.com"), true);
    assert.equal(matchString(undefined, { ends_with: "a@example.com" }, "example.com"), "unknown");
    assert.equal(matchString(undefined, { ends_with: "@other.com" }, "example.com"), "unknown");
  });
});

describe("string list matcher (claim/<name>)", () => {
  const CASES: Array<[unknown, string[] | undefined, boolean | "unknown"]> = [
    ["admins", ["dev", "admins"], true], // a bare value is `has`
    ["admins", ["dev"], false],
    ["admins", ["Admins"], false],
    [{ has: "admins" }, ["dev", "admins"], true],
    [{ is: "admins" }, ["admins"], true],
    [{ is: "admins" }, ["dev", "admins"], false], // `is`: exactly that one value
    [{ exclude: "admins" }, ["dev"], true],
    [{ exclude: "admins" }, ["dev", "admins"], false],
    [{ has: "admins", exclude: "dev" }, ["admins"], true],
    [{ has: "admins", exclude: "dev" }, ["admins", "dev"], false],
    [{ contains: "adm" }, ["admins"], "unknown"], // not a list operator: Pomerium refuses it
    ["admins", [], false],
    ["admins", undefined, "unknown"], // a claim the settings cannot know
  ];
  for (const [data, values, want] of CASES)
    test(`${JSON.stringify(data)} on ${JSON.stringify(values)} -> ${want}`, () =>
      assert.equal(matchStringList(values, data), want));
});

describe("operators and rules", () => {
  const A = { accept: true };
  const R = { reject: true };
  const CASES: Array<[string, unknown, boolean]> = [
    ["and all true", { and: [A, A] }, true],
    ["and one false", { and: [A, R] }, false],
    ["or one true", { or: [R, A] }, true],
    ["or none true", { or: [R, R] }, false],
    ["not: none true", { not: [R, R] }, true],
    ["not: one true", { not: [R, A] }, false],
    ["nor: one false", { nor: [A, R] }, true], // Pomerium: merge_with_or of the inverted results
    ["nor: all true", { nor: [A, A] }, false],
    ["blocks of one rule are ORed", { and: [R], or: [A] }, true],
    ["a nested operator stands for a criterion", { and: [A, { or: [R, A] }] }, true],
    ["a nested operator that fails", { and: [A, { or: [R] }] }, false],
  ];
  for (const [what, body, want] of CASES) test(what, () => assert.equal(allow(body).value, want));

  test("allow rules are ORed; no rule of an action is false without reasons", () => {
    const rules = [{ allow: { or: [{ reject: true }] } }, { allow: { or: [{ accept: true }] } }];
    assert.equal(evalAction(rules, "allow", JANE, "groups").value, true);
    const none = evalAction(rules, "deny", JANE, "groups");
    assert.deepEqual([none.value, [...none.reasons]], [false, []]);
  });

  test("a session criterion without a session is false for the sign-in reason", () => {
    const r = allow({ or: [{ email: "jane@example.com" }] }, ANON);
    assert.deepEqual([r.value, [...r.reasons]], [false, [UNAUTHENTICATED]]);
    // ...unless another criterion already made the block true: its reasons only.
    const open = allow({ or: [{ accept: true }, { email: "jane@example.com" }] }, ANON);
    assert.deepEqual([open.value, [...open.reasons]], [true, ["accept"]]);
    // `not` keeps the reason: Pomerium sends the user to sign in.
    const not = allow({ not: [{ email: "bob@example.com" }] }, ANON);
    assert.deepEqual([not.value, [...not.reasons]], [true, [UNAUTHENTICATED]]);
  });

  test("request and device criteria depend on the request; Kleene logic around them", () => {
    const m = { http_method: { is: "GET" } };
    assert.equal(allow({ or: [m] }).value, "unknown");
    assert.equal(allow({ and: [m, { reject: true }] }).value, false);
    assert.equal(allow({ and: [m, { accept: true }] }).value, "unknown");
    assert.equal(allow({ or: [m, { accept: true }] }).value, true);
    assert.equal(allow({ not: [m] }).value, "unknown");
    for (const c of ["http_path", "source_ip", "device", "client_certificate", "cors_preflight"])
      assert.equal(allow({ or: [{ [c]: "x" }] }).value, "unknown", c);
  });

  test("the criteria read the identity: claim, email, domain, user, authenticated_user, groups", () => {
    const CASES: Array<[unknown, boolean | "unknown"]> = [
      [{ "claim/groups": "admins" }, true],
      [{ "claim/groups": "dev" }, false],
      [{ "claim/roles": "admins" }, "unknown"], // another claim: not in the settings
      [{ "claim/email": "jane@example.com" }, true],
      [{ domain: "example.com" }, true],
      [{ domain: "example.org" }, false],
      [{ authenticated_user: true }, true],
      [{ groups: { has: "admins" } }, false], // directory data, which only Enterprise fills
      [{ user: "jane@example.com" }, false], // an e-mail is never the ID token's sub
      [{ user: "00u1abcdefghijklmnop" }, "unknown"], // an Okta id might be hers
    ];
    for (const [c, want] of CASES) assert.equal(allow({ or: [c] }).value, want, JSON.stringify(c));
    const withId = { ...JANE, id: "00u1abcdefghijklmnop" };
    assert.equal(allow({ or: [{ user: "00u1abcdefghijklmnop" }] }, withId).value, true);
    assert.equal(allow({ or: [{ user: "00u2abcdefghijklmnop" }] }, withId).value, false);
  });

  test("the groups claim the criterion reads is the filtered one, under the stack's claim name", () => {
    const who = { ...JANE, groups: ["admins", "ops"], claimGroups: ["admins"] };
    const r = (c: unknown, name: string) =>
      evalAction([{ allow: { or: [c] } }], "allow", who, name).value;
    assert.equal(r({ "claim/groups": "ops" }, "groups"), false);
    assert.equal(r({ "claim/roles": "admins" }, "roles"), true);
    assert.equal(r({ "claim/groups": "admins" }, "roles"), "unknown");
  });
});

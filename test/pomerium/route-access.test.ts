// A route's access rule (stack/settings/route-rules.ts), through parseSettings: Pomerium ORs
// `allow_public_unauthenticated_access` / `allow_any_authenticated_user` with the route's allow
// rules, so a public flag beside any allow rule (shortcut, single rule, or one rule of a list) would
// silently open the route; only deny-only policies may accompany it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { NO_ACCESS_RULE } from "../../stack/settings/route-rules";
import { buildRoutes } from "../../components/pomerium/ppl";
import { parseSettings } from "../../stack/settings";
import { SettingsError } from "../../stack/settings/error";
import { baseConfig } from "../mocks";

const FLAGS = ["allow_public_unauthenticated_access", "allow_any_authenticated_user"] as const;
const ALLOW = { allow: { or: [{ email: { is: "a@example.com" } }] } };
const DENY = { deny: { or: [{ source_ip: "10.0.0.0/8" }] } };
const DENY_ADMIN = { deny: { or: [{ http_path: { starts_with: "/admin" } }] } };
const OPEN_WITH_ALLOW =
  "is true together with allow rules: Pomerium ORs them, so the allow rules would restrict nothing; remove one (a deny-only policy may stay)";

const route = (extra: Record<string, unknown>) => ({
  from: "https://open.test.example.com",
  to: "http://open.internal",
  ...extra,
});
const parse = (r: Record<string, unknown>) =>
  parseSettings(baseConfig({ "okta-pomerium:routes": [r] }), "test");

/** The problems of a configuration with this one route, as [path, message]. */
function problemsOf(r: Record<string, unknown>): Array<[string, string]> {
  try {
    parse(r);
    return [];
  } catch (e) {
    assert.ok(e instanceof SettingsError, String(e));
    return e.problems.map((p) => [p.path, p.message]);
  }
}

describe("a public route", () => {
  for (const flag of FLAGS) {
    const refused = [[`okta-pomerium:routes[0].${flag}`, OPEN_WITH_ALLOW]];

    test(`fails when ${flag} is beside a single allow rule`, () => {
      assert.deepEqual(problemsOf(route({ [flag]: true, policy: ALLOW })), refused);
    });

    test(`fails when ${flag} is beside a list [{allow}, {deny}]`, () => {
      assert.deepEqual(problemsOf(route({ [flag]: true, policy: [ALLOW, DENY] })), refused);
    });

    test(`fails when ${flag} is beside a list whose allow rule is not the first`, () => {
      assert.deepEqual(problemsOf(route({ [flag]: true, policy: [DENY, ALLOW] })), refused);
    });

    test(`fails when ${flag} is beside one rule that both allows and denies`, () => {
      assert.deepEqual(problemsOf(route({ [flag]: true, policy: { ...ALLOW, ...DENY } })), refused);
    });

    test(`fails when ${flag} is beside allowGroups or allowEmails`, () => {
      assert.deepEqual(problemsOf(route({ [flag]: true, allowGroups: ["test-admins"] })), refused);
      assert.deepEqual(
        problemsOf(route({ [flag]: true, allowEmails: ["a@example.com"] })),
        refused,
      );
    });

    test(`${flag} with a deny-only policy (one rule or a list) is accepted`, () => {
      assert.deepEqual(problemsOf(route({ [flag]: true, policy: DENY })), []);
      assert.deepEqual(problemsOf(route({ [flag]: true, policy: [DENY, DENY_ADMIN] })), []);
    });

    test(`${flag} on its own is accepted; false is not open`, () => {
      assert.deepEqual(problemsOf(route({ [flag]: true })), []);
      assert.deepEqual(problemsOf(route({ [flag]: false, policy: [ALLOW, DENY] })), []);
    });
  }

  test("an accepted public deny-only route reaches Pomerium as written", () => {
    const s = parse(
      route({ allow_public_unauthenticated_access: true, policy: [DENY, DENY_ADMIN] }),
    );
    assert.deepEqual(buildRoutes(s.routes, s.groupsClaim.name), [
      {
        from: "https://open.test.example.com",
        to: "http://open.internal",
        policy: [DENY, DENY_ADMIN],
        allow_public_unauthenticated_access: true,
      },
    ]);
  });
});

describe("a route's access rule", () => {
  test("fails when a route has no access rule at all", () => {
    assert.deepEqual(problemsOf(route({})), [["okta-pomerium:routes[0]", NO_ACCESS_RULE]]);
  });

  test("Pomerium's allow options are access rules of their own; empty ones are not", () => {
    for (const option of [
      { allowed_users: ["jane@example.com"] },
      { allowed_domains: ["example.com"] },
      { allowed_idp_claims: { groups: ["test-admins"] } },
      // In a sub-policy: Pomerium ORs every sub-policy's options into the route's allow rule.
      {
        sub_policies: [
          { id: "a", allowed_users: [] },
          { id: "b", allowed_domains: ["example.com"] },
        ],
      },
      // A Rego sub-policy is a rule of its own (its query is ORed into the route's result).
      { sub_policies: [{ id: "r", rego: ["package pomerium.policy\nallow := true"] }] },
    ])
      assert.deepEqual(problemsOf(route(option)), [], JSON.stringify(option));
    for (const empty of [
      { allowed_users: [] },
      { allowed_domains: [] },
      { allowed_idp_claims: {} },
      // A claim with no value adds no criterion (config/policy_ppl.go: one per value).
      { allowed_idp_claims: { groups: [] } },
      { sub_policies: [{ id: "a", allowed_users: [] }] },
      { sub_policies: [] },
    ])
      assert.deepEqual(
        problemsOf(route(empty)),
        [["okta-pomerium:routes[0]", NO_ACCESS_RULE]],
        JSON.stringify(empty),
      );
  });

  test("fails when an open flag is set together with an allow option, which it would void", () => {
    for (const option of [
      { allowed_domains: ["example.com"] },
      { sub_policies: [{ id: "a", allowed_users: ["jane@example.com"] }] },
    ])
      assert.deepEqual(
        problemsOf(route({ ...option, allow_any_authenticated_user: true })),
        [
          [
            "okta-pomerium:routes[0].allow_any_authenticated_user",
            "is true together with allow rules: Pomerium ORs them, so the allow rules would restrict nothing; remove one (a deny-only policy may stay)",
          ],
        ],
        JSON.stringify(option),
      );
  });

  test("fails when a raw policy is set together with the shortcuts", () => {
    assert.deepEqual(problemsOf(route({ policy: ALLOW, allowEmails: ["a@example.com"] })), [
      [
        "okta-pomerium:routes[0].policy",
        "is set together with allowGroups/allowEmails; use either the shortcuts or a raw PPL policy",
      ],
    ]);
  });
});

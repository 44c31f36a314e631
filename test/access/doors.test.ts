// The front doors the review builds from the settings (the program's own assignment functions,
// the policy rule in custom mode only), the principals it names, the matrix over them by hand,
// and each Okta gate on doors that tell the gates apart.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decide } from "../../components/access/decide";
import { accessMatrix, ANYONE, principalIdentity } from "../../components/access/review";
import type { FrontDoor, Identity } from "../../components/access/types";
import { explainUser, frontDoors, principals, stackMatrix } from "../../stack/access";
import { parseSettings } from "../../stack/settings";
import { baseConfig, cloudflareConfig } from "../mocks";

const user = (groups: string[], email = "u@example.com"): Identity => ({
  signedIn: true,
  email,
  groups,
  claimGroups: [],
});
type RouteDoor = Extract<FrontDoor, { kind: "route" }>;
const door = (okta: Partial<RouteDoor["okta"]>): RouteDoor => ({
  kind: "route",
  app: "https://a.example.com",
  setting: "routes[0]",
  okta: { app: "okta-pomerium-test", assigned: ["a", "b"], ...okta },
  rules: [{ allow: { or: [{ "claim/groups": "a" }, { "claim/groups": "b" }] } }],
  claimName: "groups",
  flags: new Map(),
});

describe("Okta's gates, in order", () => {
  test("assignment first, then the policy rule (custom), then the claim filter", () => {
    const d = door({ policyRule: ["a"], claimFilter: { filterType: "EQUALS", filter: "a" } });
    assert.equal(decide(d, user(["c"])).gate, "okta-assignment");
    assert.equal(decide(d, user(["b"])).gate, "policy-rule");
    assert.equal(decide(d, user(["a"])).allowed, true);
    // b passes assignment and the rule through a, but the filter drops it: a alone decides.
    assert.deepEqual(
      [decide(door({ claimFilter: { filterType: "EQUALS", filter: "a" } }), user(["b"])).gate],
      ["claim-filter"],
    );
  });
  test("a rule admitting everyone, or org mode's absent rule, leaves assignment as the gate", () => {
    assert.equal(decide(door({ policyRule: "everyone" }), user(["b"])).allowed, true);
    assert.equal(decide(door({}), user(["b"])).allowed, true);
    assert.equal(decide(door({ policyRule: "everyone" }), user(["c"])).gate, "okta-assignment");
  });
  test("a principal assumed assigned skips them; signed out never reaches Okta", () => {
    const assumed = { ...user([]), assumeAssigned: true };
    assert.equal(decide(door({ policyRule: ["a"] }), assumed).gate, "route-allow");
    assert.equal(decide(door({}), principalIdentity(ANYONE)).gate, "sign-in");
  });
  test("Cloudflare Access reads groups from the claim named groups only", () => {
    const cf = (claimName: string, filter?: string): FrontDoor => ({
      kind: "cloudflare",
      app: "https://cf.example.com",
      setting: "cloudflareAccess.apps[0]",
      okta: {
        app: "cf",
        assigned: ["a", "b"],
        ...(filter ? { claimFilter: { filterType: "EQUALS", filter } } : {}),
      },
      allowGroups: ["a"],
      claimName,
    });
    assert.equal(decide(cf("groups"), user(["a"])).allowed, true);
    const at = (d: FrontDoor, who: Identity) => [decide(d, who).allowed, decide(d, who).gate];
    assert.deepEqual(at(cf("groups", "b"), user(["a", "b"])), [false, "claim-filter"]);
    assert.deepEqual(at(cf("groups"), user(["b"])), [false, "cloudflare-policy"]);
    assert.equal(
      decide(cf("groups"), user(["b"])).reason,
      "the Cloudflare Access policy allows only a",
    );
    assert.deepEqual(
      [decide(cf("roles"), user(["a"])).allowed, decide(cf("roles"), user(["a"])).gate],
      [false, "cloudflare-policy"],
    );
  });
});

describe("front doors from the settings", () => {
  test("custom mode: Pomerium's app, its assignments, the rule, the filter; org mode: no rule", () => {
    for (const mode of ["custom", "org"]) {
      const s = parseSettings(
        baseConfig({ "okta-pomerium:authorizationServer": { mode } }),
        "test",
      );
      const [d] = frontDoors(s);
      assert.deepEqual(d.okta, {
        app: "okta-pomerium-test",
        assigned: ["test-admins", "Everyone Engineering"],
        claimFilter: { filterType: "REGEX", filter: s.groupsClaim.filter },
        ...(mode === "custom" ? { policyRule: ["test-admins", "Everyone Engineering"] } : {}),
      });
    }
  });
  test("Cloudflare's app is assigned exactly the groups its apps allow", () => {
    const s = parseSettings(
      cloudflareConfig({
        apps: [{ name: "wiki", domain: "wiki.test.example.com", allowGroups: ["test-admins"] }],
      }),
      "test",
    );
    const cf = frontDoors(s).filter((d) => d.kind === "cloudflare");
    assert.deepEqual(
      cf.map((d) => [d.app, d.okta.app, d.okta.assigned]),
      [["https://wiki.test.example.com", "okta-pomerium-test-cloudflare", ["test-admins"]]],
    );
  });
});

describe("the matrix", () => {
  const s = parseSettings(
    baseConfig({
      "okta-pomerium:groups": [{ name: "test-admins" }, { name: "test-devs" }],
      "okta-pomerium:routes": [
        {
          from: "https://a.test.example.com",
          to: "http://a",
          allowGroups: ["test-admins"],
          allowEmails: ["on@example.com"],
        },
        {
          from: "https://b.test.example.com",
          to: "http://b",
          allow_public_unauthenticated_access: true,
          policy: [{ deny: { or: [{ email: { in: ["bad@example.com"] } }] } }],
        },
        {
          from: "https://c.test.example.com",
          to: "http://c",
          allowed_domains: ["example.net"],
          allow_any_authenticated_user: false,
          policy: { allow: { or: [{ "claim/groups": "test-devs" }] } },
        },
      ],
    }),
    "test",
  );
  test("the principals the settings name, in order", () =>
    assert.deepEqual(principals(s), [
      "group:test-admins",
      "group:test-devs",
      "email:on@example.com",
      "email:bad@example.com",
      "domain:example.net",
      "any signed-in user",
      "anyone",
    ]));
  test("every cell, by hand", () => {
    const grid = stackMatrix(s).map(
      (c) => `${c.allowed === null ? "?" : c.allowed ? "+" : "-"}${c.gate}`,
    );
    const rows = [0, 1, 2].map((i) => grid.slice(i * 7, i * 7 + 7));
    assert.deepEqual(rows, [
      [
        "+route-allow",
        "-route-allow",
        "+route-allow",
        "-route-allow",
        "-route-allow",
        "-route-allow",
        "-sign-in",
      ],
      // Public, but a deny reads the e-mail: signed out, Pomerium asks everyone to sign in first.
      ["+public", "+public", "+public", "-route-deny", "+public", "+public", "-sign-in"],
      [
        "-route-allow",
        "+route-allow",
        "-route-allow",
        "-route-allow",
        "+route-allow",
        "-route-allow",
        "-sign-in",
      ],
    ]);
  });
  test("signed out, a route that reads no session answers for everyone, Okta never asked", () => {
    const only = (rules: Record<string, unknown>[]): FrontDoor => ({ ...door({}), rules });
    const get = only([{ allow: { or: [{ http_method: { is: "GET" } }] } }]);
    const none = only([{ allow: { or: [{ reject: true }] } }]);
    for (const who of [principalIdentity(ANYONE), user(["c"]), user(["a"])]) {
      assert.deepEqual([decide(get, who).allowed, decide(get, who).gate], [null, "depends"]);
      assert.deepEqual([decide(none, who).allowed, decide(none, who).gate], [false, "route-allow"]);
    }
  });
  // The settings want an access rule of their own beside these options: one that admits nobody.
  const reject = { policy: [{ allow: { or: [{ reject: true }] } }] };
  test("route options: allowed_users matches the e-mail (or the Okta id), allowed_idp_claims the claim", () => {
    const s = parseSettings(
      baseConfig({
        "okta-pomerium:routes": [
          {
            from: "https://a.test.example.com",
            to: "http://a",
            allowed_users: ["jane@example.com", "00u1abcdefghijklmnop"],
            ...reject,
          },
          {
            from: "https://b.test.example.com",
            to: "http://b",
            allowed_idp_claims: { groups: ["test-admins"] },
            ...reject,
          },
        ],
      }),
      "test",
    );
    // An Okta id in allowed_users is no e-mail principal.
    assert.deepEqual(
      principals(s).filter((p) => p.startsWith("email:")),
      ["email:jane@example.com"],
    );
    const answers = (email: string, groups: string[], id?: string) =>
      explainUser(s, { email, groups, ...(id ? { id } : {}) }).map((d) => d.allowed);
    assert.deepEqual(answers("jane@example.com", ["Everyone Engineering"]), [true, false]);
    assert.deepEqual(answers("bob@example.com", ["test-admins"]), [null, true]);
    assert.deepEqual(answers("bob@example.com", ["test-admins"], "00u1abcdefghijklmnop"), [
      true,
      true,
    ]);
    assert.deepEqual(answers("bob@example.com", ["test-admins"], "00u2abcdefghijklmnop"), [
      false,
      true,
    ]);
  });
  test("a public route without a deny is open to anyone signed out", () => {
    const d: FrontDoor = { ...door({}), rules: [{ allow: { or: [{ accept: true }] } }] };
    assert.deepEqual(accessMatrix([d], [ANYONE]), [
      { app: "https://a.example.com", principal: "anyone", allowed: true, gate: "route-allow" },
    ]);
  });
});

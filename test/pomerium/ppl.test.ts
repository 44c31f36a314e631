// Routes and PPL, without mocks: the builders are pure (components/pomerium/ppl.ts).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseSettings, Settings } from "../../stack/settings";
import {
  buildRoutes,
  compilePolicy,
  normalizePolicy,
  validatePpl,
} from "../../components/pomerium/ppl";
import { PPL_CRITERIA } from "../../components/pomerium/facts";
import { SettingsError } from "../../stack/settings/error";
import { baseConfig } from "../mocks";
import { settingsOf as settings } from "./helpers";

const routesOf = (s: Settings) => buildRoutes(s.routes, s.groupsClaim.name);

describe("compilePolicy", () => {
  test("allowGroups become claim/<claimName> criteria", () => {
    assert.deepEqual(compilePolicy(["admins", "ops"], [], "groups"), [
      { allow: { or: [{ "claim/groups": "admins" }, { "claim/groups": "ops" }] } },
    ]);
    assert.deepEqual(compilePolicy(["admins"], [], "roles"), [
      { allow: { or: [{ "claim/roles": "admins" }] } },
    ]);
  });

  test("allowEmails become email: {is} criteria", () => {
    assert.deepEqual(compilePolicy([], ["a@example.com"], "groups"), [
      { allow: { or: [{ email: { is: "a@example.com" } }] } },
    ]);
  });

  test("groups and e-mails share one allow: or: rule, groups first", () => {
    assert.deepEqual(compilePolicy(["admins"], ["a@example.com", "b@example.com"], "groups"), [
      {
        allow: {
          or: [
            { "claim/groups": "admins" },
            { email: { is: "a@example.com" } },
            { email: { is: "b@example.com" } },
          ],
        },
      },
    ]);
  });

  test("nothing allowed compiles to no rule", () => {
    assert.deepEqual(compilePolicy([], [], "groups"), []);
  });
});

describe("buildRoutes", () => {
  test("the base routes compile exactly, shortcuts removed, options kept", () => {
    assert.deepEqual(routesOf(settings()), [
      {
        from: "https://verify.test.example.com",
        to: "https://verify.pomerium.com",
        policy: [{ allow: { or: [{ "claim/groups": "test-admins" }] } }],
        pass_identity_headers: true,
      },
      {
        from: "https://grafana.test.example.com",
        to: "http://grafana.monitoring.svc.cluster.local:3000",
        policy: [{ allow: { or: [{ email: { is: "a@example.com" } }] } }],
      },
    ]);
  });

  test("the groups claim name from settings is used", () => {
    const s = settings({ "okta-pomerium:groupsClaim": { name: "roles" } });
    assert.deepEqual(routesOf(s)[0].policy, [
      { allow: { or: [{ "claim/roles": "test-admins" }] } },
    ]);
  });

  test("a raw policy passes through, a single rule normalized to a list", () => {
    const rule = {
      allow: { and: [{ email: { is: "a@example.com" } }, { http_method: { is: "GET" } }] },
    };
    const list = [rule, { deny: { or: [{ http_path: { starts_with: "/admin" } }] } }];
    const s = settings({
      "okta-pomerium:routes": [
        { from: "https://one.test.example.com", to: "https://one.internal", policy: rule },
        { from: "https://two.test.example.com", to: "https://two.internal", policy: list },
      ],
    });
    const [one, two] = routesOf(s);
    assert.deepEqual(one.policy, [rule]);
    assert.deepEqual(two.policy, list);
    assert.deepEqual(normalizePolicy(rule), [rule]);
  });

  test("Pomerium options pass through in their own spelling; our keys do not", () => {
    const s = settings({
      "okta-pomerium:routes": [
        {
          from: "https://one.test.example.com",
          to: ["http://a.internal:8080", "http://b.internal:8080"],
          allowGroups: ["test-admins"],
          allowEmails: ["a@example.com"],
          allow_websockets: true,
          timeout: "30s",
          preserve_host_header: true,
          set_request_headers: { "X-Forwarded-Team": "platform" },
        },
      ],
    });
    const [route] = routesOf(s);
    assert.deepEqual(Object.keys(route), [
      "from",
      "to",
      "policy",
      "allow_websockets",
      "preserve_host_header",
      "set_request_headers",
      "timeout",
    ]);
    assert.deepEqual(route.to, ["http://a.internal:8080", "http://b.internal:8080"]);
    assert.equal(route.allow_websockets, true);
    assert.equal(route.timeout, "30s");
    assert.deepEqual(route.set_request_headers, { "X-Forwarded-Team": "platform" });
  });

  test("route order is kept as written", () => {
    const froms = [
      "https://z.test.example.com",
      "https://a.test.example.com",
      "https://m.test.example.com",
    ];
    const s = settings({
      "okta-pomerium:routes": froms.map((from) => ({
        from,
        to: "https://up.internal",
        allowGroups: ["test-admins"],
      })),
    });
    assert.deepEqual(
      routesOf(s).map((r) => r.from),
      froms,
    );
  });
});

describe("validatePpl", () => {
  test("a valid policy has no problems", () => {
    assert.deepEqual(
      validatePpl(
        [{ allow: { or: [{ "claim/groups": "admins" }, { email: { is: "a@example.com" } }] } }],
        "groups",
      ),
      [],
    );
    assert.deepEqual(validatePpl({ allow: { and: [{ authenticated_user: true }] } }, "groups"), []);
  });

  test("fails when a criterion is unknown", () => {
    assert.deepEqual(
      validatePpl([{ allow: { or: [{ emial: { is: "a@example.com" } }] } }], "groups"),
      [
        [
          "[0].allow.or[0].emial",
          `unknown PPL criterion "emial"; known: ${PPL_CRITERIA.join(", ")}`,
        ],
      ],
    );
  });

  test("fails when the groups criterion is used, with the claim hint", () => {
    const policy = { allow: { or: [{ groups: { has: "admins" } }] } };
    assert.deepEqual(validatePpl(policy, "groups"), [
      [
        ".allow.or[0].groups",
        'the "groups" criterion never matches on Pomerium Core (it reads Enterprise directory data); use "claim/groups"',
      ],
    ]);
    assert.match(validatePpl(policy, "roles")[0][1], /use "claim\/roles"$/);
  });

  test("fails when an operator is unknown", () => {
    assert.deepEqual(
      validatePpl([{ allow: { any: [{ email: { is: "a@example.com" } }] } }], "groups"),
      [["[0].allow.any", 'unknown PPL operator "any"; use and, or, not or nor']],
    );
  });

  test("fails when the policy is empty", () => {
    assert.deepEqual(validatePpl([], "groups"), [
      ["", "is an empty policy: it would deny everyone; add an allow rule"],
    ]);
    assert.deepEqual(validatePpl([{}], "groups"), [
      ["[0]", "a PPL rule must be an object with `allow` and/or `deny`"],
    ]);
    assert.deepEqual(validatePpl({ allow: { or: [] } }, "groups"), [
      [".allow.or", "must be a non-empty list of criteria"],
    ]);
  });

  test("fails when an action is unknown", () => {
    assert.deepEqual(validatePpl({ permit: { or: [{ accept: true }] } }, "groups"), [
      [".permit", 'unknown PPL action "permit"; use allow or deny'],
    ]);
  });

  test("nested operators are accepted, and checked inside", () => {
    const nested = (inner: unknown) => [
      {
        allow: {
          and: [
            { or: [{ "claim/groups": "admins" }, { email: { is: "a@example.com" } }] },
            { not: [{ http_method: { is: "DELETE" } }] },
            { nor: [inner] },
          ],
        },
      },
    ];
    assert.deepEqual(validatePpl(nested({ source_ip: "10.0.0.0/8" }), "groups"), []);
    assert.deepEqual(
      validatePpl(nested({ groups: { has: "x" } }), "groups").map(([path]) => path),
      ["[0].allow.and[2].nor[0].groups"],
    );
  });

  test("fails when claim names no claim", () => {
    assert.deepEqual(validatePpl({ allow: { or: [{ claim: "admins" }] } }, "groups"), [
      [".allow.or[0].claim", 'the claim criterion names its claim: "claim/<name>"'],
    ]);
    // `claim/` parses in Pomerium but looks up the claim "" and never matches.
    assert.deepEqual(validatePpl({ allow: { or: [{ "claim/": "admins" }] } }, "groups"), [
      [".allow.or[0].claim/", 'the claim criterion names its claim: "claim/<name>"'],
    ]);
    assert.deepEqual(
      validatePpl({ allow: { or: [{ "claim/custom.nested": "x" }] } }, "groups"),
      [],
    );
  });

  test("fails when a route's raw policy is bad: reported by the settings, at the full key path", () => {
    const config = baseConfig({
      "okta-pomerium:routes": [
        {
          from: "https://one.test.example.com",
          to: "https://one.internal",
          policy: [{ allow: { or: [{ groups: { has: "x" } }] } }],
        },
      ],
    });
    assert.throws(
      () => parseSettings(config, "test"),
      (e: unknown) => {
        assert.ok(e instanceof SettingsError);
        assert.deepEqual(
          e.problems.map((p) => p.path),
          ["okta-pomerium:routes[0].policy[0].allow.or[0].groups"],
        );
        return true;
      },
    );
  });
});

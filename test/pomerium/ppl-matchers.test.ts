// A criterion's matcher as Pomerium's policy compiler reads it (pkg/policy/criteria/matchers.go):
// every operator of each matcher is taken, any other is refused with the matcher's list, and an
// empty matcher (which would match every request) is refused.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { validatePpl } from "../../components/pomerium/ppl";
import {
  STRING_LIST_MATCHER_OPERATORS,
  STRING_MATCHER_OPERATORS,
} from "../../components/pomerium/ppl-matchers";

const allow = (criterion: Record<string, unknown>) => [{ allow: { or: [criterion] } }];
const check = (criterion: Record<string, unknown>) => validatePpl(allow(criterion), "groups");
const STRING_CRITERIA = [
  "domain",
  "email",
  "user",
  "http_method",
  "http_path",
  "ssh_username",
  "mcp_tool",
];

describe("PPL matchers", () => {
  test("every string matcher operator is taken by every string criterion, and a bare string", () => {
    assert.deepEqual([...STRING_MATCHER_OPERATORS].sort(), [
      "contains",
      "ends_with",
      "in",
      "is",
      "not",
      "not_in",
      "starts_with",
    ]);
    for (const name of STRING_CRITERIA) {
      for (const op of STRING_MATCHER_OPERATORS)
        assert.deepEqual(
          check({ [name]: { [op]: op.endsWith("in") ? ["a"] : "a" } }),
          [],
          `${name} ${op}`,
        );
      assert.deepEqual(check({ [name]: "a@example.com" }), [], name);
    }
  });

  test("every list operator is taken by claim/<name>; a string operator is not", () => {
    assert.deepEqual([...STRING_LIST_MATCHER_OPERATORS].sort(), ["exclude", "has", "is"]);
    for (const op of STRING_LIST_MATCHER_OPERATORS)
      assert.deepEqual(check({ "claim/groups": { [op]: "admins" } }), [], op);
    assert.deepEqual(check({ "claim/groups": { starts_with: "adm" } }), [
      [
        "[0].allow.or[0].claim/groups.starts_with",
        'unknown string list matcher operator "starts_with" for claim; use has, is, exclude',
      ],
    ]);
  });

  test("fails when a string criterion has an unknown operator, naming each one", () => {
    assert.deepEqual(check({ email: { is: "a@example.com", equals: "b", has: "c" } }), [
      [
        "[0].allow.or[0].email.equals",
        'unknown string matcher operator "equals" for email; use is, starts_with, ends_with, contains, not, in, not_in',
      ],
      [
        "[0].allow.or[0].email.has",
        'unknown string matcher operator "has" for email; use is, starts_with, ends_with, contains, not, in, not_in',
      ],
    ]);
  });

  test("fails when a matcher is empty (it would match every request, or every signed-in user)", () => {
    assert.deepEqual(check({ domain: {} }), [
      [
        "[0].allow.or[0].domain",
        "is an empty matcher, which adds no condition (it would match every request, or every signed-in user); use one of is, starts_with, ends_with, contains, not, in, not_in",
      ],
    ]);
    assert.equal(check({ "claim/groups": {} }).length, 1);
  });

  test("fails when in or not_in is not a list", () => {
    for (const op of ["in", "not_in"]) {
      assert.deepEqual(check({ email: { [op]: ["a@example.com"] } }), [], op);
      assert.deepEqual(check({ email: { [op]: "a@example.com" } }), [
        [
          `[0].allow.or[0].email.${op}`,
          `takes a list of strings, e.g. ${op}: [a@example.com, b@example.com]`,
        ],
      ]);
    }
  });

  test("client_certificate: its five conditions, the san_* ones string matchers", () => {
    assert.deepEqual(
      check({
        client_certificate: {
          fingerprint: "ab:cd",
          spki_hash: "xyz",
          san_email: { ends_with: "@example.com" },
          san_dns: "host.example.com",
          san_uri: { in: ["spiffe://a"] },
        },
      }),
      [],
    );
    assert.deepEqual(
      check({ client_certificate: { san_mail: "a@example.com", san_dns: { equals: "h" } } }),
      [
        [
          "[0].allow.or[0].client_certificate.san_mail",
          'unknown certificate condition "san_mail"; use fingerprint, spki_hash, san_email, san_dns, san_uri',
        ],
        [
          "[0].allow.or[0].client_certificate.san_dns.equals",
          'unknown string matcher operator "equals" for client_certificate.san_dns; use is, starts_with, ends_with, contains, not, in, not_in',
        ],
      ],
    );
    for (const bad of [{}, "ab:cd"])
      assert.deepEqual(check({ client_certificate: bad }), [
        [
          "[0].allow.or[0].client_certificate",
          "must be an object of fingerprint, spki_hash, san_email, san_dns, san_uri",
        ],
      ]);
  });

  test("criteria without a string matcher are not checked as one", () => {
    for (const criterion of [
      { authenticated_user: true },
      { accept: true },
      { device: { approved: true } },
      { source_ip: "10.0.0.0/8" },
    ])
      assert.deepEqual(check(criterion), [], JSON.stringify(criterion));
  });
});

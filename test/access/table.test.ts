// The access review against hand-computed answers: identities × settings (custom and org mode,
// Cloudflare Access, OpenMetadata), each cell worked out from the gates by hand: Okta assignment
// per app, the groups claim filter, the route's allow and deny (deny wins), the public and
// any-authenticated flags, what depends on the request.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Gate } from "../../components/access/types";
import { explainUser } from "../../stack/access";
import { parseSettings } from "../../stack/settings";
import { baseConfig, SECRET_VALUES } from "../mocks";

const GROUPS = ["test-admins", "test-devs", "test-ops"].map((name) => ({ name, create: true }));
const ROUTES = [
  {
    from: "https://verify.test.example.com",
    to: "http://v",
    allowGroups: ["test-admins", "test-devs"],
  },
  {
    from: "https://grafana.test.example.com",
    to: "http://g",
    allowGroups: ["test-admins"],
    allowEmails: ["oncall@example.com"],
  },
  {
    from: "https://wiki.test.example.com",
    to: "http://w",
    policy: [
      { allow: { or: [{ "claim/groups": "test-ops" }, { domain: { is: "example.org" } }] } },
      { deny: { or: [{ email: { is: "mallory@example.org" } }] } },
    ],
  },
  {
    from: "https://status.test.example.com",
    to: "http://s",
    allow_public_unauthenticated_access: true,
  },
  { from: "https://portal.test.example.com", to: "http://p", allow_any_authenticated_user: true },
  {
    from: "https://api.test.example.com",
    prefix: "/v1/",
    to: "http://a",
    policy: { allow: { and: [{ "claim/groups": "test-devs" }, { http_method: { is: "GET" } }] } },
  },
];
const APPS = [
  "https://verify.test.example.com",
  "https://grafana.test.example.com",
  "https://wiki.test.example.com",
  "https://status.test.example.com",
  "https://portal.test.example.com",
  "https://api.test.example.com prefix /v1/",
  "https://cf.test.example.com",
  "https://openmetadata.test.example.com",
];

/** The stack: a claim filter that drops test-ops, Cloudflare on test-devs, OpenMetadata on test-admins. */
const config = (mode: "custom" | "org") =>
  baseConfig({
    "okta-pomerium:groups": GROUPS,
    "okta-pomerium:routes": ROUTES,
    "okta-pomerium:groupsClaim": { filterType: "REGEX", filter: "test-(admins|devs)" },
    "okta-pomerium:authorizationServer": { mode },
    "okta-pomerium:cloudflareAccess": {
      accountId: "0123456789abcdef0123456789abcdef",
      teamDomain: "myteam.cloudflareaccess.com",
      apps: [{ name: "cf", domain: "cf.test.example.com", allowGroups: ["test-devs"] }],
    },
    "cloudflare:apiToken": SECRET_VALUES["cloudflare:apiToken"],
    "okta-pomerium:openMetadata": {
      url: "https://openmetadata.test.example.com",
      allowGroups: ["test-admins"],
      principalDomain: "example.com",
    },
  });

// Shorthand: A allowed, [gate] denied there, D depends on the request.
type Want = Gate | "D";
const ok = (g: Gate) => g; // allowed by that gate (listed in ALLOWED below)
const ALLOWED = new Set<Gate>([
  "route-allow",
  "public",
  "any-authenticated-user",
  "cloudflare-policy",
  "okta-assignment",
]);

// [who, email, groups, one answer per APPS entry: [allowed, gate]]
const ROWS: Array<[string, string, string[], Array<[boolean | null, Want]>]> = [
  [
    "an admin",
    "alice@example.com",
    ["test-admins"],
    [
      [true, ok("route-allow")],
      [true, "route-allow"],
      [false, "route-allow"],
      [true, "public"],
      [true, "any-authenticated-user"],
      [false, "route-allow"],
      [false, "okta-assignment"], // Cloudflare's app is assigned test-devs only
      [true, "okta-assignment"],
    ],
  ],
  [
    "a developer",
    "dave@example.com",
    ["test-devs"],
    [
      [true, "route-allow"],
      [false, "route-allow"],
      [false, "route-allow"],
      [true, "public"],
      [true, "any-authenticated-user"],
      [null, "depends"],
      [true, "cloudflare-policy"],
      [false, "okta-assignment"], // OpenMetadata's app is assigned test-admins only
    ],
  ],
  [
    "an operator the claim filter drops",
    "olga@example.com",
    ["test-ops"],
    [
      [false, "route-allow"],
      [false, "route-allow"],
      [false, "claim-filter"],
      [true, "public"],
      [true, "any-authenticated-user"],
      [false, "route-allow"],
      [false, "okta-assignment"],
      [false, "okta-assignment"],
    ],
  ],
  [
    "a denied e-mail in an allowed domain",
    "mallory@example.org",
    ["test-devs"],
    [
      [true, "route-allow"],
      [false, "route-allow"],
      [false, "route-deny"],
      [true, "public"],
      [true, "any-authenticated-user"],
      [null, "depends"],
      [true, "cloudflare-policy"],
      [false, "okta-assignment"],
    ],
  ],
  [
    "another e-mail in that domain",
    "eve@example.org",
    ["test-devs"],
    [
      [true, "route-allow"],
      [false, "route-allow"],
      [true, "route-allow"],
      [true, "public"],
      [true, "any-authenticated-user"],
      [null, "depends"],
      [true, "cloudflare-policy"],
      [false, "okta-assignment"],
    ],
  ],
  [
    "an allowed e-mail in no group: never signed in",
    "oncall@example.com",
    [],
    [
      [false, "okta-assignment"],
      [false, "okta-assignment"],
      [false, "okta-assignment"],
      [true, "public"],
      [false, "okta-assignment"],
      [false, "okta-assignment"],
      [false, "okta-assignment"],
      [false, "okta-assignment"],
    ],
  ],
  [
    "an allowed e-mail in a group no app is assigned",
    "oncall@example.com",
    ["finance"],
    [
      [false, "okta-assignment"],
      [false, "okta-assignment"],
      [false, "okta-assignment"],
      [true, "public"],
      [false, "okta-assignment"],
      [false, "okta-assignment"],
      [false, "okta-assignment"],
      [false, "okta-assignment"],
    ],
  ],
  [
    "an allowed e-mail, assigned through test-ops",
    "oncall@example.com",
    ["test-ops"],
    [
      [false, "route-allow"],
      [true, "route-allow"],
      [false, "claim-filter"],
      [true, "public"],
      [true, "any-authenticated-user"],
      [false, "route-allow"],
      [false, "okta-assignment"],
      [false, "okta-assignment"],
    ],
  ],
];

for (const mode of ["custom", "org"] as const) {
  describe(`identities × settings, ${mode} authorization server`, () => {
    const s = parseSettings(config(mode), "test");
    for (const [who, email, groups, want] of ROWS) {
      test(`${who} (${email}, groups: ${groups.join(", ") || "none"})`, () => {
        const got = explainUser(s, { email, groups }).map((d) => [d.app, d.allowed, d.gate]);
        assert.deepEqual(
          got,
          want.map(([allowed, gate], i) => [APPS[i], allowed, gate]),
        );
        for (const [allowed, gate] of want)
          if (allowed) assert.ok(ALLOWED.has(gate as Gate), `${gate} never allows`);
      });
    }
  });
}

test("the reason names the rule that matched or the gate that refused", () => {
  const s = parseSettings(config("custom"), "test");
  const reasons = (email: string, groups: string[]) =>
    explainUser(s, { email, groups }).map((d) => d.reason);
  const dave = reasons("dave@example.com", ["test-devs"]);
  assert.equal(dave[0], 'allowed by okta-pomerium:routes[0]: claim/groups: "test-devs"');
  assert.equal(dave[1], "no allow rule of okta-pomerium:routes[1] matches");
  assert.equal(dave[3], "allowed by okta-pomerium:routes[3]: allow_public_unauthenticated_access");
  assert.equal(dave[4], "allowed by okta-pomerium:routes[4]: allow_any_authenticated_user");
  assert.equal(
    dave[5],
    'depends on the request (okta-pomerium:routes[5]: http_method: {"is":"GET"})',
  );
  assert.equal(dave[6], "Cloudflare Access policy includes Okta group test-devs");
  assert.equal(
    dave[7],
    "Okta refuses sign-in: not assigned to the Okta app openmetadata-test (its groups: test-admins)",
  );
  assert.equal(
    reasons("mallory@example.org", ["test-devs"])[2],
    'denied by okta-pomerium:routes[2]: email: {"is":"mallory@example.org"}',
  );
  assert.match(reasons("olga@example.com", ["test-ops"])[2], /^the groups claim filter drops/);
  assert.equal(
    reasons("x@example.com", [])[0],
    "Okta refuses sign-in: not assigned to the Okta app okta-pomerium-test (its groups: test-admins, test-devs, test-ops)",
  );
});

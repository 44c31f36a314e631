// The `cloudflareAccess` settings (stack/settings/cloudflare-schema.ts, cloudflare-rules.ts):
// every refusal, with its exact key path, and what an accepted section becomes.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseSettings } from "../../stack/settings";
import {
  baseConfig,
  CF_ACCOUNT,
  CF_SECTION,
  cloudflareConfig,
  failsAt,
  problemsOf,
  SECRET_VALUES,
} from "../mocks";

const AT = "okta-pomerium:cloudflareAccess";
const app = (over: Record<string, unknown>) => ({ ...CF_SECTION.apps[0], ...over });
const withApps = (...apps: unknown[]) => cloudflareConfig({ apps });

describe("cloudflareAccess: accepted", () => {
  test("absent: no section in the settings, and the token is not required", () => {
    const s = parseSettings(baseConfig(), "test");
    assert.equal(s.cloudflareAccess, undefined);
    assert.equal(s.secretsSet.cloudflareApiToken, false);
  });

  test("present: the section as written, the default session, the token seen as set", () => {
    const s = parseSettings(cloudflareConfig(), "test");
    assert.deepEqual(s.cloudflareAccess, { ...CF_SECTION, sessionDuration: "24h" });
    assert.equal(s.secretsSet.cloudflareApiToken, true);
    assert.deepEqual(
      s.warnings.filter((w) => !w.includes("allows a@example.com")),
      [],
    );
  });

  test("teamDomain is optional (then looked up), durations in Go's units", () => {
    const { teamDomain: _, ...rest } = CF_SECTION;
    void _;
    const config = baseConfig({
      [AT]: { ...rest, sessionDuration: "2h45m", apps: [app({ sessionDuration: "90s" })] },
      "cloudflare:apiToken": "t",
    });
    const s = parseSettings(config, "test");
    assert.equal(s.cloudflareAccess!.teamDomain, undefined);
    assert.equal(s.cloudflareAccess!.sessionDuration, "2h45m");
  });
});

describe("cloudflareAccess: refusals", () => {
  test("fails when cloudflare:apiToken is missing, naming the command that sets it", () =>
    failsAt(
      cloudflareConfig({}, { "cloudflare:apiToken": undefined }),
      "cloudflare:apiToken",
      /is required with okta-pomerium:cloudflareAccess.*`pulumi config set --secret cloudflare:apiToken <token>`/,
    ));
  test("fails when cloudflare:apiToken is set without the section", () =>
    failsAt(
      baseConfig({ "cloudflare:apiToken": SECRET_VALUES["cloudflare:apiToken"] }),
      "cloudflare:apiToken",
      /is set, but okta-pomerium:cloudflareAccess is not/,
    ));
  test("fails when another cloudflare: key is set (only the API token is used)", () =>
    failsAt(
      cloudflareConfig({}, { "cloudflare:apiKey": "global-key" }),
      "cloudflare:apiKey",
      /unknown key "apiKey"; known keys here: apiToken/,
    ));
  test("fails when accountId is not 32 lower-case hex characters", () => {
    for (const bad of [
      CF_ACCOUNT.slice(1),
      `${CF_ACCOUNT}0`,
      CF_ACCOUNT.toUpperCase(),
      "x".repeat(32),
    ])
      failsAt(cloudflareConfig({ accountId: bad }), `${AT}.accountId`, /32 lower-case hex/);
  });
  test("fails when accountId is missing", () =>
    failsAt(cloudflareConfig({ accountId: undefined }), `${AT}.accountId`, /is required/));
  test("fails when the section has an unknown key, with the likely one", () =>
    failsAt(
      cloudflareConfig({ teamDomian: "x.cloudflareaccess.com" }),
      `${AT}.teamDomian`,
      /did you mean "teamDomain"/,
    ));
  test("fails when teamDomain has a scheme, saying what to write", () =>
    failsAt(
      cloudflareConfig({ teamDomain: "https://myteam.cloudflareaccess.com/" }),
      `${AT}.teamDomain`,
      /without a scheme .*write "myteam.cloudflareaccess.com"/,
    ));
  test("fails when there is no app", () =>
    failsAt(cloudflareConfig({ apps: [] }), `${AT}.apps`, /needs at least one app/));
  test("fails when an app has an unknown key", () =>
    failsAt(
      withApps(app({ allowEmails: ["a@example.com"] })),
      `${AT}.apps[0].allowEmails`,
      /unknown key/,
    ));
  test("fails when an app's name cannot name a resource", () => {
    for (const bad of ["Wiki", "wiki_1", "-wiki", "a".repeat(64)])
      assert.equal(
        problemsOf(withApps(app({ name: bad }))).filter((p) => p.path === `${AT}.apps[0].name`)
          .length,
        1,
        bad,
      );
    assert.deepEqual(problemsOf(withApps(app({ name: "a".repeat(63) }))), []);
  });
  test("fails when two apps have one name", () =>
    failsAt(
      withApps(app({}), app({ domain: "other.test.example.com" })),
      `${AT}.apps[1].name`,
      /"wiki" is also apps\[0\]/,
    ));
  test("fails when a domain has a scheme", () =>
    failsAt(
      withApps(app({ domain: "https://wiki.test.example.com" })),
      `${AT}.apps[0].domain`,
      /without a scheme .*write "wiki.test.example.com"/,
    ));
  test("fails when a domain has a path", () =>
    failsAt(
      withApps(app({ domain: "wiki.test.example.com/admin" })),
      `${AT}.apps[0].domain`,
      /without a path/,
    ));
  test("fails when a domain is not a DNS host name", () => {
    for (const bad of [
      "Wiki.example.com",
      "wiki",
      "wiki..example.com",
      "wiki.example.com:8443",
      "*.example.com",
      "wiki.example.com.",
    ])
      failsAt(
        withApps(app({ domain: bad })),
        `${AT}.apps[0].domain`,
        /upper-case|at least 2 labels|empty label|wildcard|letters, digits and "-"|without a path/,
      );
  });
  test("fails when two apps share a domain", () =>
    failsAt(
      withApps(app({}), app({ name: "wiki2" })),
      `${AT}.apps[1].domain`,
      /wiki.test.example.com is also apps\[0\].domain/,
    ));
  test("fails when an app's domain is also a Pomerium route host", () =>
    failsAt(
      withApps(app({ domain: "verify.test.example.com" })),
      `${AT}.apps[0].domain`,
      /is also Pomerium's \(routes\[0\]\.from\)/,
    ));
  test("fails when an app's domain is Pomerium's authenticate host", () =>
    failsAt(
      withApps(app({ domain: "authenticate.test.example.com" })),
      `${AT}.apps[0].domain`,
      /is also Pomerium's \(authenticateUrl\)/,
    ));
  test("fails when an app allows no group", () =>
    failsAt(withApps(app({ allowGroups: [] })), `${AT}.apps[0].allowGroups`, /at least one group/));
  test("fails when an allowGroups name is not one of groups", () =>
    failsAt(
      withApps(app({ allowGroups: ["test-admins", "finance"] })),
      `${AT}.apps[0].allowGroups[1]`,
      /"finance" is not one of okta-pomerium:groups \(test-admins, Everyone Engineering\)/,
    ));
  test("fails when an allowGroups name is listed twice", () =>
    failsAt(
      withApps(app({ allowGroups: ["test-admins", "test-admins"] })),
      `${AT}.apps[0].allowGroups[1]`,
      /listed twice/,
    ));
  test("Pomerium's groups claim filter does not gate Cloudflare: its own claim admits its groups", () => {
    // Everyone Engineering is Cloudflare's only: Pomerium's STARTS_WITH "test-" need not admit it.
    const claim = { "okta-pomerium:groupsClaim": { filterType: "STARTS_WITH", filter: "test-" } };
    const config = cloudflareConfig({}, { ...claim, "okta-pomerium:routes": [{ ...CF_ROUTE }] });
    assert.deepEqual(problemsOf(config), []);
    assert.deepEqual(
      parseSettings(config, "test").warnings.filter((w) => w.includes("only cloudflareAccess")),
      [],
    );
  });
  test("warns when Pomerium's given filter admits a group only Cloudflare or OpenMetadata uses", () => {
    const config = cloudflareConfig(
      {},
      {
        "okta-pomerium:groupsClaim": { filterType: "CONTAINS", filter: "e" },
        "okta-pomerium:routes": [{ ...CF_ROUTE }],
      },
    );
    assert.deepEqual(
      parseSettings(config, "test").warnings.filter((w) => w.includes("only cloudflareAccess")),
      [
        'groupsClaim.filter (CONTAINS "e") admits "Everyone Engineering", which only cloudflareAccess or openMetadata use: Pomerium\'s ID token carries them. Narrow the filter, or leave it unset (it then admits exactly Pomerium\'s groups).',
      ],
    );
  });
  test("fails when Cloudflare's own claim filter would exceed Okta's 1024 characters", () => {
    const long = (i: number) => `test-${String(i).padEnd(250, "x")}`;
    const groups = [0, 1, 2, 3].map((i) => ({ name: long(i), create: true }));
    const config = (n: number) =>
      cloudflareConfig(
        {
          apps: [
            {
              name: "wiki",
              domain: "wiki.test.example.com",
              allowGroups: groups.slice(0, n).map((g) => g.name),
            },
          ],
        },
        {
          "okta-pomerium:groups": [{ name: "test-admins", create: true }, ...groups],
          "okta-pomerium:routes": [{ ...CF_ROUTE }],
          "okta-pomerium:groupsClaim": { filterType: "STARTS_WITH", filter: "test-" },
        },
      );
    // Three names: 3 * 255 + 2 + 6 = 773 characters; four: 1029.
    assert.deepEqual(problemsOf(config(3)), []);
    failsAt(
      config(4),
      `${AT}.apps`,
      /Cloudflare's groups claim filter 1029 characters, over Okta's 1024/,
    );
  });
  test("fails when a session duration is not a Go duration", () => {
    for (const bad of ["24", "1d", "24 h", "h", "-1h", ""])
      failsAt(
        withApps(app({ sessionDuration: bad })),
        `${AT}.apps[0].sessionDuration`,
        /must be a duration such as "24h", "30m", "2h45m" or "0s"/,
      );
    failsAt(cloudflareConfig({ sessionDuration: "forever" }), `${AT}.sessionDuration`, /duration/);
  });
  test("a session from 0s (immediate timeout) to exactly one month (730h) is accepted", () => {
    for (const ok of ["0s", "0h", "0m0s", "730h", "729h60m", "43800m", "1h"]) {
      const s = parseSettings(withApps(app({ sessionDuration: ok })), "test");
      assert.equal(s.cloudflareAccess!.apps[0].sessionDuration, ok);
    }
  });
  test("fails when a session is longer than Cloudflare allows (one month, 730h), by one second or more", () => {
    for (const bad of ["730h1s", "731h", "730h0m0.5s", "43801m", "8760h"])
      failsAt(
        withApps(app({ sessionDuration: bad })),
        `${AT}.apps[0].sessionDuration`,
        new RegExp(
          `is "${bad.replace(".", "\\.")}", longer than Cloudflare Access allows \\(at most 1 month, 730h\\); use 730h or less`,
        ),
      );
    failsAt(
      cloudflareConfig({ sessionDuration: "731h" }),
      `${AT}.sessionDuration`,
      /at most 1 month/,
    );
  });
  test("fails when the section is stored as a secret (it reaches Okta and Cloudflare in plain text)", () => {
    assert.throws(
      () => parseSettings(cloudflareConfig(), "test", [AT]),
      (e: Error) => e.message.includes(`${AT}: is stored as a secret`),
    );
  });
  test("no warning when Pomerium's claim is not named groups: Cloudflare's own claim is", () => {
    const s = parseSettings(
      cloudflareConfig({}, { "okta-pomerium:groupsClaim": { name: "pomerium_groups" } }),
      "test",
    );
    assert.deepEqual(
      s.warnings.filter((x) => x.includes("Cloudflare")),
      [],
    );
  });
});

/** A route for a claim filter that admits test-* only. */
const CF_ROUTE = {
  from: "https://verify.test.example.com",
  to: "https://verify.pomerium.com",
  allowGroups: ["test-admins"],
};

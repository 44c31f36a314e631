// Property-based, against the cloudflareAccess rules themselves: generated sections near every
// rule (hostnames and near misses, Pomerium's hosts, groups in and out of `groups` and of the
// claim filter, account ids, durations, the token); whatever is ACCEPTED satisfies each rule, as
// stated here apart from the code, so a weakened rule fails the property.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { parseSettings } from "../../stack/settings";
import { SettingsError } from "../../stack/settings/error";
import { baseConfig, CF_ACCOUNT, ROUTES } from "../mocks";

const GROUPS = ["test-admins", "Everyone Engineering"];
const OTHER_GROUPS = ["finance", "test-ops"];
const HOSTS = ["wiki.test.example.com", "billing.example.com", "a-b.c.example.org"];
const NEAR_HOSTS = [
  "verify.test.example.com", // a Pomerium route host
  "authenticate.test.example.com", // Pomerium's authenticate host
  "https://wiki.test.example.com",
  "wiki.test.example.com/x",
  "Wiki.example.com",
  "wiki.example.com:8443",
  "*.example.com",
  "wiki",
  "wiki..example.com",
];
const POMERIUM_HOSTS = ["verify.test.example.com", "authenticate.test.example.com"];
const mostly = <T>(usual: fc.Arbitrary<T>, unusual: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 12, arbitrary: usual }, { weight: 1, arbitrary: unusual });

const app = fc.record({
  name: mostly(fc.constantFrom("wiki", "billing", "a1"), fc.constantFrom("Wiki", "-x", "wiki")),
  domain: mostly(fc.constantFrom(...HOSTS), fc.constantFrom(...NEAR_HOSTS)),
  allowGroups: fc.array(mostly(fc.constantFrom(...GROUPS), fc.constantFrom(...OTHER_GROUPS)), {
    minLength: 1,
    maxLength: 2,
  }),
  sessionDuration: fc.option(
    mostly(fc.constantFrom("24h", "30m", "2h45m", "0s", "730h"), fc.constantFrom("731h", "1d")),
    { nil: undefined },
  ),
});

const generated = fc.record({
  accountId: mostly(
    fc.constant(CF_ACCOUNT),
    fc.constantFrom(CF_ACCOUNT.toUpperCase(), CF_ACCOUNT.slice(2)),
  ),
  teamDomain: fc.option(
    mostly(fc.constant("t.cloudflareaccess.com"), fc.constant("https://t.cloudflareaccess.com")),
    { nil: undefined },
  ),
  apps: fc.array(app, { minLength: 1, maxLength: 2 }),
  token: mostly(fc.constant(true), fc.constant(false)),
  claim: fc.constantFrom(
    undefined,
    { filterType: "STARTS_WITH", filter: "test-" },
    { filterType: "CONTAINS", filter: "e" },
  ),
});
type Generated = typeof generated extends fc.Arbitrary<infer T> ? T : never;

const HOSTNAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Every rule, stated apart from the code. */
function assertRulesHold(g: Generated): void {
  assert.ok(g.token, "accepted without cloudflare:apiToken");
  assert.match(g.accountId, /^[0-9a-f]{32}$/);
  if (g.teamDomain !== undefined) assert.match(g.teamDomain, HOSTNAME);
  const domains = g.apps.map((a) => a.domain);
  assert.equal(new Set(domains).size, domains.length, "a domain twice");
  assert.equal(new Set(g.apps.map((a) => a.name)).size, g.apps.length, "a name twice");
  for (const a of g.apps) {
    assert.match(a.domain, HOSTNAME);
    assert.ok(!POMERIUM_HOSTS.includes(a.domain), `${a.domain} is Pomerium's`);
    assert.match(a.name, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    // Go durations from 0s to one month (730h): "1d" is no Go unit, 731h is too long.
    if (a.sessionDuration !== undefined)
      assert.ok(
        ["24h", "30m", "2h45m", "0s", "730h"].includes(a.sessionDuration),
        a.sessionDuration,
      );
    assert.equal(new Set(a.allowGroups).size, a.allowGroups.length);
    for (const group of a.allowGroups) {
      // Pomerium's claim filter does not gate Cloudflare's groups (its own claim admits them).
      assert.ok(GROUPS.includes(group), `${group} is not in groups`);
    }
  }
}

describe("fuzzing the cloudflareAccess rules: whatever is accepted satisfies every rule", () => {
  test("2000 generated sections near the rules", () => {
    let accepted = 0;
    fc.assert(
      fc.property(generated, (g) => {
        const config = baseConfig({
          "okta-pomerium:groups": [
            { name: "test-admins", create: true },
            { name: "Everyone Engineering" },
          ],
          // Routes whose groups pass every claim filter generated here.
          "okta-pomerium:routes": [{ ...ROUTES[0] }],
          ...(g.claim ? { "okta-pomerium:groupsClaim": g.claim } : {}),
          "okta-pomerium:cloudflareAccess": {
            accountId: g.accountId,
            ...(g.teamDomain !== undefined ? { teamDomain: g.teamDomain } : {}),
            apps: g.apps.map(({ sessionDuration, ...a }) => ({
              ...a,
              ...(sessionDuration !== undefined ? { sessionDuration } : {}),
            })),
          },
          ...(g.token ? { "cloudflare:apiToken": "t" } : {}),
        });
        try {
          parseSettings(config, "test");
        } catch (e) {
          if (e instanceof SettingsError) return;
          throw e;
        }
        accepted++;
        assertRulesHold(g);
      }),
      { numRuns: 2000, seed: 20261201 },
    );
    assert.ok(accepted > 200 && accepted < 1800, `accepted ${accepted} of 2000`);
  });
});

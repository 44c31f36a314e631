// Properties of the review over generated settings and identities: adding a deny never widens
// access; removing a group from `groups` never grants anything (for policies without negation:
// see the counter-example below, which is how Okta and Pomerium behave); a route's allowed groups
// under `allowGroups` are exactly the assigned groups it names that pass the claim filter (the
// filter computed apart, as Okta documents it).
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { decide } from "../../components/access/decide";
import { principalIdentity } from "../../components/access/review";
import type { Decision, FrontDoor, Identity } from "../../components/access/types";
import { explainUser, frontDoors, principals } from "../../stack/access";
import { parseSettings, Settings } from "../../stack/settings";
import { SettingsError } from "../../stack/settings/error";
import { reachesToken } from "../settings/arbitraries";
import { baseConfig } from "../mocks";

const POOL = ["p-a", "p-b", "q-c", "p-d"];
const EMAILS = ["a@example.com", "b@example.org", "c@example.com"];

/** A PPL criterion (positive: no not, nor, exclude, not_in when `positive`). */
const criterion = (positive: boolean): fc.Arbitrary<Record<string, unknown>> =>
  fc.oneof(
    fc.constantFrom(...POOL, "other").map((g) => ({ "claim/groups": g })),
    fc.constantFrom(...EMAILS).map((e) => ({ email: { is: e } })),
    fc.constantFrom("example.com", "example.org").map((d) => ({ domain: d })),
    fc.constantFrom({ accept: true }, { reject: true }, { authenticated_user: true }),
    fc.constantFrom({ http_method: { is: "GET" } }, { source_ip: "10.0.0.0/8" }),
    ...(positive
      ? []
      : [fc.constantFrom(...POOL).map((g) => ({ "claim/groups": { exclude: g } }))]),
  );
const body = (positive: boolean) =>
  fc
    .record({
      op: fc.constantFrom(...(positive ? ["and", "or"] : ["and", "or", "not", "nor"])),
      list: fc.array(criterion(positive), { minLength: 1, maxLength: 3 }),
    })
    .map(({ op, list }) => ({ [op]: list }));

const route = (groups: string[], positive: boolean) =>
  fc.oneof(
    fc.subarray(groups, { minLength: 1 }).map((allowGroups) => ({ allowGroups })),
    fc
      .array(fc.record({ action: fc.constantFrom("allow", "deny"), body: body(positive) }), {
        minLength: 1,
        maxLength: 3,
      })
      .map((rules) => ({ policy: rules.map((r) => ({ [r.action]: r.body })) })),
    fc.constantFrom(
      { allow_public_unauthenticated_access: true },
      { allow_any_authenticated_user: true },
    ),
  );

const CLAIMS = [
  undefined, // the default: exactly the configured groups
  { filterType: "STARTS_WITH", filter: "p-" },
  { filterType: "CONTAINS", filter: "-" },
  { filterType: "REGEX", filter: "p-a|q-c|p-b|p-d" },
];

/** Raw settings: groups, routes, claim filter, mode; only the ones the settings accept are used. */
const stack = (positive: boolean) =>
  fc.subarray(POOL, { minLength: 1 }).chain((groups) =>
    fc.record({
      groups: fc.constant(groups),
      routes: fc.array(route(groups, positive), { minLength: 1, maxLength: 4 }),
      claim: fc.constantFrom(...CLAIMS),
      mode: fc.constantFrom("custom", "org"),
      everyone: fc.boolean(),
    }),
  );
type Raw = ReturnType<typeof stack> extends fc.Arbitrary<infer T> ? T : never;

function parse(r: Raw): Settings | undefined {
  try {
    return parseSettings(
      baseConfig({
        "okta-pomerium:groups": r.groups.map((name) => ({ name })),
        "okta-pomerium:routes": r.routes.map((x, i) => ({
          from: `https://r${i}.test.example.com`,
          to: "http://up",
          ...x,
        })),
        ...(r.claim ? { "okta-pomerium:groupsClaim": r.claim } : {}),
        "okta-pomerium:authorizationServer": {
          mode: r.mode,
          ...(r.mode === "custom" ? { allowEveryone: r.everyone } : {}),
        },
      }),
      "test",
    );
  } catch (e) {
    if (e instanceof SettingsError) return undefined;
    throw e;
  }
}

const identity: fc.Arbitrary<Identity> = fc.oneof(
  fc.record({
    signedIn: fc.constant(true),
    email: fc.constantFrom(...EMAILS),
    groups: fc.subarray([...POOL, "other"]),
    claimGroups: fc.constant([] as string[]),
  }),
  fc.constant(principalIdentity("anyone")),
  fc.constant(principalIdentity("any signed-in user")),
);

/** false < depends < true. */
const rank = (d: Decision) => (d.allowed === true ? 2 : d.allowed === null ? 1 : 0);

test("adding a deny rule to a route never widens access", () => {
  fc.assert(
    fc.property(
      stack(false),
      fc.nat(),
      body(false),
      fc.array(identity, { minLength: 1, maxLength: 4 }),
      (raw, at, deny, who) => {
        const s = parse(raw);
        fc.pre(s !== undefined);
        const doors = frontDoors(s!);
        const i = at % doors.length;
        const d = doors[i] as Extract<FrontDoor, { kind: "route" }>;
        const denied: FrontDoor = { ...d, rules: [...d.rules, { deny }] };
        const ids: Identity[] = [...who, ...principals(s!).map(principalIdentity)];
        for (const u of ids)
          assert.ok(
            rank(decide(denied, u)) <= rank(decide(d, u)),
            JSON.stringify({ u, deny, rules: d.rules }),
          );
      },
    ),
    { numRuns: 300, seed: 20261206 },
  );
});

test("removing a group from groups never grants anything (policies without negation)", () => {
  fc.assert(
    fc.property(
      stack(true),
      fc.nat(),
      fc.array(identity, { minLength: 1, maxLength: 4 }),
      (raw, at, who) => {
        const s = parse(raw);
        fc.pre(s !== undefined && raw.groups.length > 1);
        const gone = raw.groups[at % raw.groups.length];
        const without = {
          ...raw,
          groups: raw.groups.filter((g) => g !== gone),
          routes: raw.routes.map((r) =>
            "allowGroups" in r ? { allowGroups: r.allowGroups!.filter((g) => g !== gone) } : r,
          ),
        };
        const t = parse(without);
        fc.pre(t !== undefined);
        for (const u of who.filter((x) => x.signedIn && !x.assumeAssigned)) {
          const [before, after] = [s!, t!].map((x) =>
            explainUser(x, { email: u.email!, groups: u.groups }),
          );
          after.forEach((d, i) =>
            assert.ok(rank(d) <= rank(before[i]), JSON.stringify({ gone, u, d, was: before[i] })),
          );
        }
      },
    ),
    { numRuns: 300, seed: 20261207 },
  );
});

test("counter-example: with a negated group, removing that group from groups grants access", () => {
  // The default claim filter admits exactly `groups`: once p-b is gone from them, Okta drops it
  // from the claim, and `exclude: p-b` no longer excludes its members (assigned through p-a).
  const raw: Raw = {
    groups: ["p-a", "p-b"],
    routes: [
      {
        policy: [
          { allow: { and: [{ "claim/groups": "p-a" }, { "claim/groups": { exclude: "p-b" } }] } },
        ],
      },
    ],
    claim: undefined,
    mode: "custom",
    everyone: false,
  };
  const user = { email: "a@example.com", groups: ["p-a", "p-b"] };
  assert.equal(explainUser(parse(raw)!, user)[0].allowed, false);
  assert.equal(explainUser(parse({ ...raw, groups: ["p-a"] })!, user)[0].allowed, true);
});

test("a route's allowed groups under allowGroups: the assigned groups it names that pass the filter", () => {
  fc.assert(
    fc.property(stack(true), (raw) => {
      const s = parse(raw);
      fc.pre(s !== undefined);
      const groups = principals(s!).filter((p) => p.startsWith("group:"));
      const doors = frontDoors(s!);
      s!.routes.forEach((r, i) => {
        if (!r.allowGroups) return;
        const f = s!.groupsClaim;
        const want = r.allowGroups.filter(
          (g) => s!.groups.some((x) => x.name === g) && reachesToken(f.filterType, f.filter, g),
        );
        const got = groups
          .filter((p) => decide(doors[i], principalIdentity(p)).allowed === true)
          .map((p) => p.slice(6));
        assert.deepEqual(got.sort(), [...want].sort());
      });
    }),
    { numRuns: 300, seed: 20261208 },
  );
});

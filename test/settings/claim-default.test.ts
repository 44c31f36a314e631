// The groups claim's default filter: exactly the configured groups, so ID tokens and Pomerium's
// cookie carry only groups this stack's routes can use.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseSettings } from "../../stack/settings";
import { claimFilterMatches } from "../../components/okta/plan";
import { exactGroupsFilter } from "../../components/okta/org";
import { baseConfig, failsAt } from "../mocks";

const GROUPS = [
  { name: "test-admins", create: true },
  { name: "Everyone Engineering" },
  { name: "ops.team (EU)+" },
];
const settingsWith = (groupsClaim?: unknown, groups: unknown = GROUPS) =>
  parseSettings(
    baseConfig({
      "okta-pomerium:groups": groups,
      ...(groupsClaim !== undefined ? { "okta-pomerium:groupsClaim": groupsClaim } : {}),
      "okta-pomerium:routes": [
        {
          from: "https://a.test.example.com",
          to: "https://a.internal",
          allowGroups: ["test-admins"],
        },
      ],
    }),
    "test",
  );

describe("groups claim default filter", () => {
  test("is an anchored, escaped REGEX alternation of the configured groups, sorted", () => {
    const s = settingsWith();
    assert.equal(s.groupsClaim.filterType, "REGEX");
    assert.equal(
      s.groupsClaim.filter,
      "^(?:Everyone Engineering|ops\\.team \\(EU\\)\\+|test-admins)$",
    );
    assert.deepEqual(s.warnings, []);
  });

  test("admits every configured group and nothing else (as Okta applies a REGEX filter)", () => {
    const { filterType, filter } = settingsWith().groupsClaim;
    const admitted = ["test-admins", "Everyone Engineering", "ops.team (EU)+"];
    const refused = [
      "test-admins-2", // a longer name
      "xtest-admins", // a prefix
      "test-admin", // a shorter name
      "Everyone", // part of a name
      "opsXteam (EU)+", // "." must not match any character
      "ops.team (EU)", // "+" must not be a quantifier
      "ops.team EU+", // "(" ")" must not be a group
      "test-admins|Everyone Engineering", // "|" only between names
      "",
    ];
    for (const g of admitted) assert.ok(claimFilterMatches(filterType, filter, g), g);
    for (const g of refused) assert.ok(!claimFilterMatches(filterType, filter, g), g);
  });

  test("the same filter under substring matching (anchors keep it exact)", () => {
    const re = new RegExp(exactGroupsFilter(["a.b", "c"]));
    assert.deepEqual(
      ["a.b", "c", "xa.b", "a.bx", "axb", "cc"].map((g) => re.test(g)),
      [true, true, false, false, false, false],
    );
  });

  test("an explicit filter wins, and .* stays possible with its warning", () => {
    const s = settingsWith({ filterType: "REGEX", filter: ".*" });
    assert.equal(s.groupsClaim.filter, ".*");
    assert.equal(s.warnings.length, 1);
    assert.match(s.warnings[0], /^groupsClaim\.filter "\.\*" puts every Okta group/);
    const p = settingsWith({ filterType: "STARTS_WITH", filter: "test-" }, [
      { name: "test-admins", create: true },
    ]);
    assert.deepEqual([p.groupsClaim.filterType, p.groupsClaim.filter], ["STARTS_WITH", "test-"]);
  });

  test("fails when filterType is not REGEX and no filter is given", () => {
    failsAt(
      baseConfig({ "okta-pomerium:groupsClaim": { filterType: "STARTS_WITH" } }),
      "okta-pomerium:groupsClaim.filter",
      /^is required with filterType STARTS_WITH; set it/,
    );
  });

  test("fails when the default would exceed Okta's 1024 characters; 1024 itself is accepted", () => {
    // test-admins plus four fillers: 6 characters around the alternation, 4 separators.
    const groupsFor = (total: number) => {
      const fill = total - 6 - "test-admins".length - 4;
      const sizes = [0, 1, 2, 3].map((i) => Math.floor(fill / 4) + (i < fill % 4 ? 1 : 0));
      return [
        { name: "test-admins", create: true },
        ...sizes.map((n, i) => ({ name: `f${i}`.padEnd(n, "x") })),
      ];
    };
    const at = groupsFor(1024);
    assert.equal(settingsWith(undefined, at).groupsClaim.filter.length, 1024);
    failsAt(
      baseConfig({
        "okta-pomerium:groups": groupsFor(1025),
        "okta-pomerium:routes": [
          {
            from: "https://a.test.example.com",
            to: "https://a.internal",
            allowGroups: ["test-admins"],
          },
        ],
      }),
      "okta-pomerium:groupsClaim.filter",
      /^defaults to a filter listing Pomerium's 5 groups, which is 1025 characters, over Okta's 1024; set groupsClaim.filterType: STARTS_WITH/,
    );
  });
});

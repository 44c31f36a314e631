// Groups per front door, in both authorization-server modes: a group only Cloudflare Access (or
// only OpenMetadata) allows is declared once in `groups`, assigned to its own app and admitted by
// its own claim, and kept off Pomerium's app, access rule and groups claim.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { frontDoors } from "../../stack/access";
import { parseSettings } from "../../stack/settings";
import {
  byName,
  cloudflareConfig,
  lookedUpId,
  Recording,
  ROUTES,
  runProgram,
  succeeded,
} from "../mocks";

const GROUPS = [
  { name: "test-admins", create: true },
  { name: "Everyone Engineering" }, // only Cloudflare's billing app allows it
  { name: "test-om-readers", create: true }, // only OpenMetadata allows it
  { name: "test-auditors", create: true }, // nobody names it: Pomerium's (sign-in for allowEmails)
];
const config = (mode: "custom" | "org", extra: Record<string, unknown> = {}) =>
  cloudflareConfig(
    {},
    {
      "okta-pomerium:groups": GROUPS,
      "okta-pomerium:openMetadata": {
        url: "https://om.test.example.com",
        principalDomain: "example.com",
        allowGroups: ["test-om-readers"],
      },
      "okta-pomerium:authorizationServer": { mode },
      ...extra,
    },
  );
const ids = (rec: Recording, name: string) =>
  byName(rec, name).inputs.groups.map((g: { id: string }) => g.id);

for (const mode of ["custom", "org"] as const)
  describe(`groups per front door (${mode} mode)`, () => {
    let rec: Recording;
    const id = (name: string) =>
      name === "Everyone Engineering" ? lookedUpId(name) : byName(rec, `okta-group-${name}`).id;
    before(async () => {
      rec = succeeded(await runProgram(config(mode))).recording;
    });

    test("each group is declared once: one Okta group each, whatever uses it", () => {
      for (const g of ["test-admins", "test-om-readers", "test-auditors"]) assert.ok(id(g), g);
    });

    test("Pomerium's app: its route's group and the group nobody names, not the others", () => {
      assert.deepEqual(ids(rec, "okta-assignments"), [id("test-admins"), id("test-auditors")]);
    });

    test("Cloudflare's app: exactly the groups its apps allow", () => {
      assert.deepEqual(ids(rec, "okta-cloudflare-assignments"), [
        id("test-admins"),
        id("Everyone Engineering"),
      ]);
    });

    test("OpenMetadata's app: exactly its allowGroups", () => {
      assert.deepEqual(ids(rec, "openmetadata-assignments"), [id("test-om-readers")]);
    });

    test("the claims: Pomerium's admits its groups only, Cloudflare's its own", () => {
      const pomerium = "^(?:test-admins|test-auditors)$";
      const cloudflare = "^(?:Everyone Engineering|test-admins)$";
      if (mode === "org") {
        assert.equal(byName(rec, "okta-app").inputs.groupsClaim.value, pomerium);
        assert.equal(byName(rec, "okta-cloudflare-app").inputs.groupsClaim.value, cloudflare);
      } else {
        assert.equal(byName(rec, "okta-claim-groups").inputs.value, pomerium);
        assert.equal(byName(rec, "okta-cloudflare-claim-groups").inputs.value, cloudflare);
        assert.equal("groupsClaim" in byName(rec, "okta-app").inputs, false);
      }
    });

    if (mode === "custom")
      test("the access rules: Pomerium's admits its groups, Cloudflare's its own", () => {
        assert.deepEqual(
          byName(rec, "okta-policy-rule-okta-pomerium-test").inputs.groupWhitelists,
          [id("test-admins"), id("test-auditors")],
        );
        assert.deepEqual(
          byName(rec, "okta-cloudflare-policy-rule-okta-pomerium-test-cloudflare").inputs
            .groupWhitelists,
          [id("test-admins"), id("Everyone Engineering")],
        );
      });
  });

describe("groups per front door: a group a route names stays Pomerium's", () => {
  test("named by allowGroups, or in a raw PPL policy, it is assigned to Pomerium's app too", async () => {
    const routes = [
      ROUTES[0],
      {
        from: "https://grafana.test.example.com",
        to: "http://grafana.monitoring.svc.cluster.local:3000",
        policy: { allow: { or: [{ "claim/groups": "test-om-readers" }] } },
      },
    ];
    const rec = succeeded(
      await runProgram(config("custom", { "okta-pomerium:routes": routes })),
    ).recording;
    const om = byName(rec, "okta-group-test-om-readers").id;
    assert.ok(ids(rec, "okta-assignments").includes(om));
    assert.match(byName(rec, "okta-claim-groups").inputs.value, /test-om-readers/);
    assert.ok(!ids(rec, "okta-assignments").includes(lookedUpId("Everyone Engineering")));
  });
});

describe("groups per front door: the access review reads the same decision", () => {
  test("Pomerium's gate leaves the Cloudflare-only and OpenMetadata-only groups out; Cloudflare's has its own claim", () => {
    const s = parseSettings(config("custom"), "test");
    const doors = frontDoors(s);
    const route = doors.find((d) => d.kind === "route")!;
    const cf = doors.find((d) => d.kind === "cloudflare")!;
    assert.deepEqual(route.okta.assigned, ["test-admins", "test-auditors"]);
    assert.deepEqual(route.okta.policyRule, ["test-admins", "test-auditors"]);
    assert.deepEqual(cf.okta.assigned, ["test-admins", "Everyone Engineering"]);
    assert.deepEqual(cf.okta.policyRule, ["test-admins", "Everyone Engineering"]);
    assert.deepEqual(cf.okta.claimFilter, {
      filterType: "REGEX",
      filter: "^(?:Everyone Engineering|test-admins)$",
    });
  });
});

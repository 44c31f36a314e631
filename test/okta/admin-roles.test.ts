// The deploy app's admin roles: the least the features need, from the same DeployFeatures as its
// API scopes; SUPER_ADMIN only where only it works; the table's rows documented and honest.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  ADMIN_ROLE_TABLE,
  deployAdminRoles,
  featuresNeeding,
} from "../../components/okta/admin-roles";
import { DeployFeatures } from "../../components/okta/api-scopes";

const none: DeployFeatures = {
  createsGroups: false,
  customServer: false,
  directorySync: false,
  trustedOrigins: false,
};
const keys = Object.keys(none) as (keyof DeployFeatures)[];
/** Every combination of the four features. */
const all: DeployFeatures[] = Array.from({ length: 16 }, (_, n) =>
  Object.fromEntries(keys.map((k, i) => [k, (n >> i) % 2 === 1])),
) as unknown as DeployFeatures[];

describe("deployAdminRoles", () => {
  test("the minimum: APP_ADMIN alone (apps, their assignments, reading groups and policies)", () => {
    assert.deepEqual(deployAdminRoles(none), ["APP_ADMIN"]);
  });

  test("each feature alone adds exactly its role", () => {
    assert.deepEqual(deployAdminRoles({ ...none, customServer: true }), [
      "APP_ADMIN",
      "API_ACCESS_MANAGEMENT_ADMIN",
    ]);
    // ORG_ADMIN includes APP_ADMIN's permissions: one role, not two.
    assert.deepEqual(deployAdminRoles({ ...none, createsGroups: true }), ["ORG_ADMIN"]);
    assert.deepEqual(deployAdminRoles({ ...none, trustedOrigins: true }), ["ORG_ADMIN"]);
    assert.deepEqual(deployAdminRoles({ ...none, directorySync: true }), ["SUPER_ADMIN"]);
  });

  test("the usual stacks: custom server with created groups; with OpenMetadata", () => {
    const custom = { ...none, customServer: true, createsGroups: true };
    assert.deepEqual(deployAdminRoles(custom), ["API_ACCESS_MANAGEMENT_ADMIN", "ORG_ADMIN"]);
    assert.deepEqual(deployAdminRoles({ ...custom, trustedOrigins: true }), [
      "API_ACCESS_MANAGEMENT_ADMIN",
      "ORG_ADMIN",
    ]);
  });

  test("SUPER_ADMIN exactly when directorySync is on, and then alone (it includes the rest)", () => {
    for (const f of all) {
      const roles = deployAdminRoles(f);
      assert.equal(roles.includes("SUPER_ADMIN"), f.directorySync, JSON.stringify(f));
      if (f.directorySync) assert.deepEqual(roles, ["SUPER_ADMIN"]);
    }
  });

  test("never a role twice, never APP_ADMIN beside ORG_ADMIN, always one that manages apps", () => {
    for (const f of all) {
      const roles = deployAdminRoles(f);
      assert.equal(new Set(roles).size, roles.length);
      assert.ok(!(roles.includes("APP_ADMIN") && roles.includes("ORG_ADMIN")), roles.join());
      assert.ok(roles.some((r) => ["APP_ADMIN", "ORG_ADMIN", "SUPER_ADMIN"].includes(r)));
      assert.equal(
        roles.includes("API_ACCESS_MANAGEMENT_ADMIN"),
        f.customServer && !f.directorySync,
      );
    }
  });

  test("featuresNeeding names the features behind a role", () => {
    const f = { ...none, createsGroups: true, trustedOrigins: true };
    assert.deepEqual(featuresNeeding("ORG_ADMIN", f), ["createsGroups", "trustedOrigins"]);
    assert.deepEqual(featuresNeeding("SUPER_ADMIN", f), []);
  });
});

describe("ADMIN_ROLE_TABLE", () => {
  test("one row per feature (and one for always), each with endpoints, a reason and a doc link", () => {
    assert.deepEqual(ADMIN_ROLE_TABLE.map((r) => r.feature).sort(), ["always", ...keys].sort());
    for (const r of ADMIN_ROLE_TABLE) {
      assert.ok(r.endpoints.length > 0, r.feature);
      assert.ok(r.why.length > 20, r.feature);
      assert.match(r.doc, /^https:\/\/help\.okta\.com\//, r.feature);
    }
  });

  test("nothing in it is claimed as checked on a real Okta org", () => {
    for (const r of ADMIN_ROLE_TABLE) assert.equal(r.checkedOnRealOrg, false, r.feature);
  });
});

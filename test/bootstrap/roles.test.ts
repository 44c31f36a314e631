// The bootstrap's admin roles: the least by default, a listed set as given, and the preview
// warnings (SUPER_ADMIN's named risk; a listed set that lacks a needed role).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DeployFeatures } from "../../components/okta/api-scopes";
import { bootstrapRoles, SUPER_ADMIN_RISK } from "../../bootstrap/roles";

const custom: DeployFeatures = {
  createsGroups: true,
  customServer: true,
  directorySync: false,
  trustedOrigins: false,
};

describe("bootstrapRoles", () => {
  test("absent: the least roles, no SUPER_ADMIN, no warning", () => {
    assert.deepEqual(bootstrapRoles(custom, undefined), {
      roles: ["API_ACCESS_MANAGEMENT_ADMIN", "ORG_ADMIN"],
      warnings: [],
    });
  });

  test("absent with directorySync: SUPER_ADMIN, with a warning naming the feature and the risk", () => {
    const { roles, warnings } = bootstrapRoles({ ...custom, directorySync: true }, undefined);
    assert.deepEqual(roles, ["SUPER_ADMIN"]);
    assert.deepEqual(warnings, [
      `okta-pomerium-bootstrap:adminRoles: SUPER_ADMIN is assigned because features.directorySync needs it (managing an API token): ${SUPER_ADMIN_RISK}. Turn the feature off if the main stacks can do without it.`,
    ]);
  });

  test("SUPER_ADMIN listed though not needed: assigned as chosen, with the risk named", () => {
    const { roles, warnings } = bootstrapRoles(custom, ["SUPER_ADMIN"]);
    assert.deepEqual(roles, ["SUPER_ADMIN"]);
    assert.deepEqual(warnings, [
      `okta-pomerium-bootstrap:adminRoles lists SUPER_ADMIN, which these features do not need (API_ACCESS_MANAGEMENT_ADMIN, ORG_ADMIN suffice): ${SUPER_ADMIN_RISK}. Remove adminRoles to assign the least roles.`,
    ]);
    assert.match(SUPER_ADMIN_RISK, /org takeover/);
  });

  test("SUPER_ADMIN listed where directorySync needs it: no warning about listing it", () => {
    const { warnings } = bootstrapRoles({ ...custom, directorySync: true }, ["SUPER_ADMIN"]);
    assert.deepEqual(warnings, []);
  });

  test("a listed set lacking a needed role: a warning naming it and the least set", () => {
    const { roles, warnings } = bootstrapRoles(custom, ["APP_ADMIN"]);
    assert.deepEqual(roles, ["APP_ADMIN"]);
    assert.deepEqual(warnings, [
      "okta-pomerium-bootstrap:adminRoles lacks API_ACCESS_MANAGEMENT_ADMIN, ORG_ADMIN, which the features need: Okta answers 403 to those calls. Remove adminRoles to assign the least roles (API_ACCESS_MANAGEMENT_ADMIN, ORG_ADMIN).",
    ]);
  });

  test("ORG_ADMIN listed covers APP_ADMIN: no warning for it", () => {
    const least = { ...custom, createsGroups: false, customServer: false };
    assert.deepEqual(bootstrapRoles(least, ["ORG_ADMIN"]).warnings, []);
    assert.deepEqual(bootstrapRoles(least, ["READ_ONLY_ADMIN"]).warnings.length, 1);
  });
});

// The Okta API scopes of the deploy service app: one function, each feature at both values.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DeployFeatures, deployScopes, missingScopes } from "../../components/okta/api-scopes";

const none: DeployFeatures = {
  createsGroups: false,
  customServer: false,
  directorySync: false,
  trustedOrigins: false,
};

describe("deployScopes", () => {
  test("the minimum: apps, reading groups, reading policies", () => {
    assert.deepEqual(deployScopes(none), [
      "okta.apps.manage",
      "okta.groups.read",
      "okta.policies.read",
    ]);
  });

  test("every feature adds (or upgrades) exactly its scope", () => {
    const cases: Array<[keyof DeployFeatures, string[]]> = [
      ["createsGroups", ["okta.apps.manage", "okta.groups.manage", "okta.policies.read"]],
      [
        "customServer",
        [
          "okta.apps.manage",
          "okta.authorizationServers.manage",
          "okta.groups.read",
          "okta.policies.read",
        ],
      ],
      [
        "directorySync",
        ["okta.apps.manage", "okta.groups.read", "okta.policies.read", "okta.apiTokens.manage"],
      ],
      [
        "trustedOrigins",
        [
          "okta.apps.manage",
          "okta.groups.read",
          "okta.policies.read",
          "okta.trustedOrigins.manage",
        ],
      ],
    ];
    for (const [feature, want] of cases)
      assert.deepEqual(deployScopes({ ...none, [feature]: true }), want, feature);
  });

  test("missingScopes: a .manage scope covers its .read, nothing else covers anything", () => {
    const needed = ["okta.apps.manage", "okta.groups.read", "okta.policies.read"];
    assert.deepEqual(
      missingScopes(needed, ["okta.apps.manage", "okta.groups.manage", "okta.policies.read"]),
      [],
    );
    assert.deepEqual(missingScopes(needed, ["okta.apps.read", "okta.groups.read"]), [
      "okta.apps.manage",
      "okta.policies.read",
    ]);
    assert.deepEqual(missingScopes(needed, []), needed);
  });
});

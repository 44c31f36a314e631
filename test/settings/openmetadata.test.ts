// The `openMetadata` setting: defaults, and one "fails when …" per rule with its exact key path;
// and the scope warning that shares its source with the bootstrap project.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { deployScopes } from "../../components/okta/api-scopes";
import { parseSettings } from "../../stack/settings";
import { deployFeaturesOf } from "../../stack/settings/scope-rules";
import { checkedStacks, configOf } from "../stack-files";
import { baseConfig, failsAt } from "../mocks";

const AT = "okta-pomerium:openMetadata";
const om = (v: Record<string, unknown>) =>
  baseConfig({ [AT]: { url: "https://om.test.example.com", admins: ["a@example.com"], ...v } });

describe("openMetadata settings", () => {
  test("defaults: public, namespace openmetadata, the stack in the Secret's name, ORG_URL", () => {
    const s = parseSettings(om({ url: "https://om.test.example.com/" }), "test");
    assert.deepEqual(s.openMetadata, {
      url: "https://om.test.example.com",
      clientType: "public",
      admins: ["a@example.com"],
      principalDomain: "example.com",
      namespace: "openmetadata",
      secretName: "openmetadata-okta-test",
      issuerMode: "ORG_URL",
      scope: "openmetadata",
      serviceName: "openmetadata",
      configSource: "ENV",
    });
  });

  test("serviceName, jwksUrl (http or https) and configSource as given", () => {
    const jwksUrl = "http://om.data.svc.cluster.local:8585/api/v1/system/config/jwks";
    const s = parseSettings(om({ serviceName: "om", jwksUrl, configSource: "AUTO" }), "test");
    assert.equal(s.openMetadata!.serviceName, "om");
    assert.equal(s.openMetadata!.jwksUrl, jwksUrl);
    assert.equal(s.openMetadata!.configSource, "AUTO");
  });

  test("fails when jwksUrl is not an http(s) URL, configSource unknown, serviceName no DNS label", () => {
    for (const jwksUrl of ["openmetadata:8585/jwks", "ftp://om/jwks", ""])
      failsAt(
        om({ jwksUrl }),
        `${AT}.jwksUrl`,
        /must be an http\(s\) URL where OpenMetadata's server/,
      );
    failsAt(om({ configSource: "env" }), `${AT}.configSource`, /must be ENV \(the default/);
    failsAt(om({ serviceName: "Open_Metadata" }), `${AT}.serviceName`, /openMetadata.serviceName/);
  });

  test("fails when url is not https", () => {
    failsAt(
      om({ url: "http://om.test.example.com" }),
      `${AT}.url`,
      /must be an absolute https:\/\/ URL/,
    );
  });

  test("fails when url has a path (or a query)", () => {
    for (const url of ["https://om.test.example.com/om", "https://om.test.example.com/?x=1"])
      failsAt(
        om({ url }),
        `${AT}.url`,
        /must be OpenMetadata's origin only, like https:\/\/openmetadata.example.com \(got/,
      );
  });

  test("fails when clientType is unknown", () => {
    failsAt(
      om({ clientType: "spa" }),
      `${AT}.clientType`,
      /must be public .* or confidential .*\(got "spa"\)/,
    );
  });

  test("fails when an admin is not an e-mail address", () => {
    failsAt(
      om({ admins: ["a@example.com", "jane"] }),
      `${AT}.admins[1]`,
      /must be an e-mail address such as jane.doe@example.com .*\(got "jane"\)/,
    );
  });

  test("fails when principalDomain cannot be derived: no admins, or admins of two domains", () => {
    failsAt(
      om({ admins: undefined }),
      `${AT}.principalDomain`,
      /is required when openMetadata.admins is not set/,
    );
    failsAt(
      om({ admins: ["a@example.com", "b@other.example"] }),
      `${AT}.principalDomain`,
      /more than one e-mail domain \(example.com, other.example\)/,
    );
    const s = parseSettings(
      om({ admins: ["a@example.com", "b@other.example"], principalDomain: "example.com" }),
      "test",
    );
    assert.equal(s.openMetadata?.principalDomain, "example.com");
  });

  test("fails when principalDomain is not a domain", () => {
    failsAt(
      om({ principalDomain: "@example.com" }),
      `${AT}.principalDomain`,
      /must be a domain such as example.com/,
    );
  });

  test("fails when allowGroups names a group outside groups", () => {
    failsAt(
      om({ allowGroups: ["test-admins", "nobody"] }),
      `${AT}.allowGroups[1]`,
      /"nobody" is not one of groups \(test-admins, Everyone Engineering\)/,
    );
  });

  test("fails when a key is misspelt", () => {
    failsAt(om({ clientTyp: "public" }), `${AT}.clientTyp`, /did you mean "clientType"/);
  });
});

describe("the deploy scopes a stack needs", () => {
  const serviceApp = (extra: Record<string, unknown>, scopes: string[]) =>
    baseConfig({
      "okta:apiToken": undefined,
      "okta:clientId": "0oaSERVICE",
      "okta:privateKey": "key",
      "okta:scopes": scopes,
      ...extra,
    });
  const committed = [
    "okta.apps.manage",
    "okta.authorizationServers.manage",
    "okta.groups.manage",
    "okta.policies.read",
  ];

  test("every stack file with a service app grants exactly what its features need (no warning)", () => {
    const withScopes = checkedStacks().filter((c) => "okta:scopes" in configOf(c).config);
    assert.ok(withScopes.length > 0, "no stack file with a service app");
    for (const c of withScopes) {
      const { config } = configOf(c);
      const s = parseSettings(config, c.stack);
      assert.deepEqual(
        deployScopes(deployFeaturesOf(s)),
        JSON.parse(config["okta:scopes"]),
        c.label,
      );
      assert.ok(!s.warnings.some((w) => w.startsWith("okta:scopes")), c.label);
    }
  });

  test("turning openMetadata on needs okta.trustedOrigins.manage: the warning names it", () => {
    const s = parseSettings(
      serviceApp(
        { [AT]: { url: "https://om.test.example.com", principalDomain: "example.com" } },
        committed,
      ),
      "test",
    );
    assert.deepEqual(
      s.warnings.filter((w) => w.startsWith("okta:scopes")),
      [
        "okta:scopes lacks okta.trustedOrigins.manage, which this stack's settings need: Okta answers 403 to those calls. Grant them to the service app (the bootstrap project does: bootstrap/) and add them to okta:scopes.",
      ],
    );
  });

  test("no warning with an API token (it has its admin's rights, no scopes)", () => {
    const s = parseSettings(
      baseConfig({ [AT]: { url: "https://om.test.example.com", principalDomain: "example.com" } }),
      "test",
    );
    assert.ok(!s.warnings.some((w) => w.startsWith("okta:scopes")));
  });
});

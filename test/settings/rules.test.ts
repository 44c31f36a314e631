// Cross-field rules (stack/settings/rules.ts and pomerium-rules.ts): credentials, groups, HA
// and storage, directory sync, names derived from the stack. Bounds are in bounds.test.ts, the
// groups claim in claim.test.ts.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseSettings } from "../../stack/settings";
import { baseConfig, failsAt, problemsOf, ROUTES } from "../mocks";

const route = (over: Record<string, unknown>) => ({ ...ROUTES[0], ...over });

describe("rules: Okta credentials", () => {
  test("fails when Okta credentials are both an API token and a service app", () =>
    failsAt(
      baseConfig({
        "okta:clientId": "0oa1svc",
        "okta:privateKey": "k",
        "okta:scopes": ["okta.apps.manage"],
      }),
      "okta:apiToken",
      /use one/,
    ));
  test("fails when there are no Okta credentials", () =>
    failsAt(baseConfig({ "okta:apiToken": undefined }), "okta:apiToken", /no Okta credentials/));
  test("fails when the service app has no scopes", () =>
    failsAt(
      baseConfig({
        "okta:apiToken": undefined,
        "okta:clientId": "0oa1svc",
        "okta:privateKey": "k",
      }),
      "okta:scopes",
      /missing: okta:scopes/,
    ));
  test("fails when the service app has no private key, saying how to set it as a secret", () =>
    assert.deepEqual(
      problemsOf(
        baseConfig({
          "okta:apiToken": undefined,
          "okta:clientId": "0oa1svc",
          "okta:scopes": ["okta.apps.manage"],
        }),
      ),
      [
        {
          path: "okta:privateKey",
          message:
            "is required with the service-app credentials (missing: okta:privateKey); set `pulumi config set --secret okta:privateKey < key.pem`",
        },
      ],
    ));
});

describe("rules: groups", () => {
  test("fails when a created group does not carry the stack name", () =>
    failsAt(
      baseConfig({
        "okta-pomerium:groups": [{ name: "admins", create: true }],
        "okta-pomerium:routes": [route({ allowGroups: ["admins"] })],
      }),
      "okta-pomerium:groups[0].name",
      /carry the stack name "test".*"test-admins"/,
    ));
  test("the stack name may appear anywhere in a created group's name, in any case", () => {
    const groups = [
      { name: "pomerium-TEST-users", create: true },
      { name: "ops-test", create: true },
    ];
    const s = parseSettings(
      baseConfig({
        "okta-pomerium:groups": groups,
        "okta-pomerium:routes": [route({ allowGroups: ["ops-test"] })],
      }),
      "test",
    );
    assert.deepEqual(
      s.groups.map((g) => g.name),
      ["pomerium-TEST-users", "ops-test"],
    );
  });
  test("a group this stack does not create may have any name", () =>
    assert.deepEqual(
      problemsOf(
        baseConfig({
          "okta-pomerium:groups": [{ name: "admins" }, { name: "ops", id: "00g1a2b3c4d5e6f7g8h9" }],
          "okta-pomerium:routes": [route({ allowGroups: ["admins", "ops"] })],
        }),
      ),
      [],
    ));
  test("fails when a group is listed twice", () =>
    assert.deepEqual(
      problemsOf(
        baseConfig({
          "okta-pomerium:groups": [
            { name: "test-admins", create: true },
            { name: "Everyone Engineering" },
            { name: "test-admins" },
          ],
        }),
      ),
      [
        {
          path: "okta-pomerium:groups[2].name",
          message: '"test-admins" is listed twice; list each group once',
        },
      ],
    ));
});

describe("rules: Pomerium", () => {
  test("fails when replicas > 1 with memory storage", () =>
    failsAt(
      baseConfig({ "okta-pomerium:pomerium": { replicas: 2 } }),
      "okta-pomerium:pomerium.replicas",
      /would not share sessions.*postgres/,
    ));
  test("fails when postgres storage has no connection string", () =>
    failsAt(
      baseConfig({ "okta-pomerium:pomerium": { databroker: { storage: "postgres" } } }),
      "okta-pomerium:databrokerConnectionString",
      /pulumi config set --secret databrokerConnectionString/,
    ));
  test("fails when a connection string is set with memory storage", () =>
    failsAt(
      baseConfig({ "okta-pomerium:databrokerConnectionString": "postgres://x" }),
      "okta-pomerium:databrokerConnectionString",
      /would be ignored/,
    ));
  test("accepts several replicas on postgres with a connection string", () => {
    const s = parseSettings(
      baseConfig({
        "okta-pomerium:pomerium": { replicas: 3, databroker: { storage: "postgres" } },
        "okta-pomerium:databrokerConnectionString": "postgres://x",
      }),
      "test",
    );
    assert.equal(s.pomerium.replicas, 3);
    assert.equal(s.secretsSet.databrokerConnectionString, true);
  });
  test("fails when the stack name makes the default namespace an invalid DNS label", () =>
    failsAt(
      baseConfig({
        "okta-pomerium:groups": [{ name: "Prod_EU-admins", create: true }],
        "okta-pomerium:routes": [route({ allowGroups: ["Prod_EU-admins"] })],
      }),
      "okta-pomerium:pomerium.namespace",
      /"pomerium-Prod_EU" \(from the stack name "Prod_EU"\).*set pomerium.namespace explicitly/,
      "Prod_EU",
    ));
  test("fails when directoryApiToken is set for a Pomerium without directory sync", () =>
    failsAt(
      baseConfig({ "okta-pomerium:directoryApiToken": "x" }),
      "okta-pomerium:directoryApiToken",
      /removed from Pomerium Core in v0\.20\.0.*groups claim/,
    ));
  test("directoryApiToken is accepted up to the last Pomerium with directory sync (v0.19.x), refused from v0.20.0", () => {
    const withImage = (image: string) =>
      baseConfig({
        "okta-pomerium:directoryApiToken": "x",
        "okta-pomerium:pomerium": { image },
      });
    assert.deepEqual(problemsOf(withImage("pomerium/pomerium:v0.19.9")), []);
    assert.deepEqual(
      problemsOf(withImage("pomerium/pomerium:v0.20.0")).map((p) => p.path),
      ["okta-pomerium:directoryApiToken"],
    );
  });
  test("an ingress without tlsSecretName is a warning", () => {
    const s = parseSettings(
      baseConfig({
        "okta-pomerium:routes": [ROUTES[0]],
        "okta-pomerium:groupsClaim": { filter: "test-.*" },
        "okta-pomerium:pomerium": { ingress: { enabled: true } },
      }),
      "test",
    );
    assert.deepEqual(s.warnings, [
      "pomerium.ingress has no tlsSecretName: TLS must then be terminated by the ingress controller's default certificate.",
    ]);
  });
});

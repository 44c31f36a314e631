// The OpenMetadata component on its own (the library's use): refusals name the component and the
// arg; its defaults (namespace, Secret name) when the stack program's args are left out.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { OpenMetadata } from "../../components/openmetadata/openmetadata";
import { evaluate } from "../../scripts/render/mock-runtime";
import { byName } from "../mocks";

const args = {
  url: "https://om.example.com",
  oktaName: "om-lib",
  groupIds: ["00g1"],
  principalDomain: "example.com",
};
const construct = (extra: Record<string, unknown>) =>
  evaluate({}, "lib", () => {
    try {
      new OpenMetadata("om", { ...args, ...extra } as any);
      return undefined;
    } catch (e) {
      return e as Error;
    }
  });

describe("OpenMetadata component", () => {
  for (const url of ["http://om.example.com", "https://om.example.com/path", "not a url"])
    test(`fails when url is ${url}`, async () => {
      const { result, recording } = await construct({ url });
      assert.equal(
        result?.message,
        `OpenMetadata "om": url must be an https origin without a path (got "${url}")`,
      );
      assert.deepEqual(
        recording.registrations.filter((r) => r.custom),
        [],
      );
    });

  test("fails when clientType is unknown", async () => {
    const { result } = await construct({ clientType: "spa" });
    assert.equal(
      result?.message,
      'OpenMetadata "om": clientType must be public or confidential (got "spa")',
    );
  });

  test("defaults: public, the Secret openmetadata-okta in namespace openmetadata, no labels", async () => {
    const { result, recording } = await construct({});
    assert.equal(result, undefined);
    assert.deepEqual(byName(recording, "om-settings").inputs.metadata, {
      name: "openmetadata-okta",
      namespace: "openmetadata",
    });
    assert.equal(byName(recording, "om-app").inputs.type, "browser");
    assert.equal(byName(recording, "om-scope-openmetadata").inputs.default, true);
    const env = byName(recording, "om-settings").inputs.stringData;
    assert.equal(
      JSON.parse(env.AUTHENTICATION_PUBLIC_KEYS)[0],
      "http://openmetadata.openmetadata.svc.cluster.local:8585/api/v1/system/config/jwks",
    );
    assert.equal(env.AUTHORIZER_ENFORCE_PRINCIPAL_DOMAIN, "true");
    assert.equal(env.SECURITY_CONFIG_SOURCE, "ENV");
  });

  test("a given jwksUrl is the first public key", async () => {
    const jwksUrl = "https://om-internal.example.com/api/v1/system/config/jwks";
    const { recording } = await construct({ jwksUrl });
    const env = byName(recording, "om-settings").inputs.stringData;
    assert.equal(JSON.parse(env.AUTHENTICATION_PUBLIC_KEYS)[0], jwksUrl);
  });

  test("fails when jwksUrl is not an http(s) URL, or configSource is unknown", async () => {
    assert.equal(
      (await construct({ jwksUrl: "openmetadata:8585/jwks" })).result?.message,
      'OpenMetadata "om": jwksUrl must be an http(s) URL (got "openmetadata:8585/jwks")',
    );
    assert.equal(
      (await construct({ configSource: "env" })).result?.message,
      'OpenMetadata "om": configSource must be ENV, AUTO or DB (got "env")',
    );
  });
});

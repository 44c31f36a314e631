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
  });
});

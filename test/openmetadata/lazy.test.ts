// A stack without openMetadata never loads the OpenMetadata component (nor its SDK modules).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { baseConfig, runProgram, succeeded } from "../mocks";

const loaded = (f: string) => Object.keys(require.cache).some((k) => k.includes(f));

describe("the OpenMetadata component is loaded only when the section is set", () => {
  test("absent: not loaded; present: loaded", async () => {
    succeeded(await runProgram(baseConfig()));
    assert.equal(loaded("components/openmetadata/openmetadata"), false);
    assert.equal(loaded("@pulumi/okta/trustedorigin"), false);
    const om = { url: "https://om.test.example.com", principalDomain: "example.com" };
    succeeded(await runProgram(baseConfig({ "okta-pomerium:openMetadata": om })));
    assert.equal(loaded("components/openmetadata/openmetadata"), true, "the check cannot see it");
  });
});

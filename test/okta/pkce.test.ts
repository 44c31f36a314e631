// PKCE: Pomerium v0.33.0+ sends it whenever Okta advertises it, so the app requires it from there
// on; an older image must not be required to (Okta would refuse its sign-ins). Both modes.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { baseConfig, OKTA as T, one, runProgram, succeeded } from "../mocks";

const pkceFor = async (image: string, mode: "custom" | "org") => {
  const run = succeeded(
    await runProgram(
      baseConfig({
        "okta-pomerium:pomerium": { image },
        "okta-pomerium:authorizationServer": { mode },
      }),
    ),
  );
  return one(run.recording, T.app).inputs.pkceRequired;
};

describe("pkceRequired follows the image's Pomerium version", () => {
  for (const mode of ["custom", "org"] as const) {
    test(`${mode} mode: v0.32.9 false, v0.33.0 true, v0.33.1 true`, async () => {
      assert.equal(await pkceFor("pomerium/pomerium:v0.32.9", mode), false);
      assert.equal(await pkceFor("pomerium/pomerium:v0.33.0", mode), true);
      assert.equal(await pkceFor("pomerium/pomerium:v0.33.1", mode), true);
    });
  }
});

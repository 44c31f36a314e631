// What @pulumi/okta 7.0.x does with the app-level groupsClaim that org mode relies on, pinned: a
// provider upgrade that drops it, stops sending it, or changes what it says fails here first, so
// docs/okta-org-mode.md and the org-mode refusal are re-checked before the upgrade ships.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";

const SDK = path.dirname(require.resolve("@pulumi/okta/package.json"));
const read = (f: string) => readFileSync(path.join(SDK, f), "utf8");

describe("@pulumi/okta's app-level groupsClaim (org mode)", () => {
  test("the version checked is 7.0.0, built on terraform-provider-okta v7.0.0", () => {
    const pkg = JSON.parse(read("package.json"));
    assert.equal(pkg.version, "7.0.0");
    assert.match(pkg.description, /terraform-provider-okta: version v7\.0\.0/);
  });

  test("deprecated, but still an input the SDK sends to the provider (applied with an SSWS token)", () => {
    const dts = read("app/oauth.d.ts");
    const args = dts.slice(dts.indexOf("export interface OAuthArgs"));
    assert.match(
      args,
      /@deprecated The groupsClaim field is deprecated and will be removed in a future version\. NOTE: This field requires SSWS API token authentication and is silently skipped when the provider is configured with OAuth 2\.0 credentials \(private_key or access_token\)\. Use Authorization Server Claims \(okta_auth_server_claim\) instead\.\s*\*\/\s*groupsClaim\?: pulumi\.Input<inputs\.app\.OAuthGroupsClaim \| undefined>;/,
    );
    assert.match(read("app/oauth.js"), /resourceInputs\["groupsClaim"\] = args\?\.groupsClaim;/);
  });

  test("its fields are still type, filterType, name, value (what the program writes)", () => {
    const input = read("types/input.d.ts");
    const claim = input.slice(input.indexOf("interface OAuthGroupsClaim {"));
    const body = claim.slice(0, claim.indexOf("\n    }"));
    for (const field of ["filterType?:", "name:", "type:", "value:"])
      assert.ok(body.includes(field), field);
  });
});

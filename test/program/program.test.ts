// The whole program under mocks: nothing registered on bad input; on good input, stack outputs
// that are exactly what Okta reported and the settings say, secrets kept secret.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { SettingsError } from "../../stack/settings/error";
import {
  baseConfig,
  OKTA,
  one,
  reportedState,
  Run,
  runProgram,
  SECRET_VALUES,
  valueOf,
} from "../mocks";

describe("program: invalid settings", () => {
  const cases: Record<string, Record<string, string>> = {
    "no route": baseConfig({ "okta-pomerium:routes": [] }),
    "misspelt key": baseConfig({ "okta-pomerium:pomerium": { replcas: 2 } }),
    "HA on memory storage": baseConfig({ "okta-pomerium:pomerium": { replicas: 3 } }),
    "no Okta credentials": baseConfig({ "okta:apiToken": undefined }),
    "bad PPL": baseConfig({
      "okta-pomerium:routes": [
        { from: "https://a.example.com", to: "http://a", policy: { allow: { xor: [] } } },
      ],
    }),
  };
  for (const [name, config] of Object.entries(cases)) {
    test(`fails with ${name}: a SettingsError and not one resource registered`, async () => {
      const run = await runProgram(config);
      assert.ok(run.error instanceof SettingsError, String(run.error));
      assert.equal(run.recording.registrations.length, 0);
      assert.equal(run.recording.invokes.length, 0);
    });
  }
});

describe("program: a valid stack", () => {
  let run: Run;
  let app: Record<string, any>, server: Record<string, any>;
  before(async () => {
    run = await runProgram(baseConfig());
    // What Okta reported for the app and the server: the outputs must carry exactly that.
    app = reportedState(one(run.recording, OKTA.app));
    server = reportedState(one(run.recording, OKTA.server));
  });

  test("stack outputs: Okta's clientId and issuer as reported, the settings' URLs and names", async () => {
    const out = run.outputs!;
    assert.equal(await valueOf(out.issuer), server.issuer);
    assert.equal(await valueOf(out.clientId), app.clientId);
    assert.equal(await valueOf(out.clientSecret), await valueOf(app.clientSecret));
    assert.deepEqual(out.scopes, ["openid", "profile", "email", "offline_access", "pomerium"]);
    assert.equal(out.authenticateUrl, "https://authenticate.test.example.com");
    assert.equal(out.redirectUri, "https://authenticate.test.example.com/oauth2/callback");
    assert.deepEqual(out.routeUrls, [
      "https://verify.test.example.com",
      "https://grafana.test.example.com",
    ]);
    assert.equal(await valueOf(out.namespace), "pomerium-test");
    assert.equal(await valueOf(out.serviceName!), "pomerium-test");
    assert.equal(out.pomeriumVersion, "v0.33.1");
    assert.equal(out.authorizationServerMode, "custom");
    assert.equal(out.idpServiceAccount, undefined);
  });

  test("stack outputs: the client secret is secret, the rest is plain", async () => {
    const out = run.outputs!;
    assert.equal(await pulumi.isSecret(out.clientSecret), true);
    for (const plain of [out.issuer, out.clientId, out.namespace, out.serviceName!])
      assert.equal(await pulumi.isSecret(plain), false);
  });

  test("the provider's secret never appears in any resource but the provider", () => {
    for (const r of run.recording.registrations.filter((x) => x.type !== "pulumi:providers:okta")) {
      assert.ok(
        !JSON.stringify(r.inputs).includes(SECRET_VALUES["okta:apiToken"]),
        `${r.type} ${r.name}`,
      );
    }
  });
});

describe("program: the outputs npm run verify reads", () => {
  test("pomeriumVersion follows pomerium.version or the image tag", async () => {
    const pinned = await runProgram(
      baseConfig({ "okta-pomerium:pomerium": { image: "pomerium/pomerium:v0.31.3" } }),
    );
    assert.equal(pinned.outputs?.pomeriumVersion, "v0.31.3");
    const byDigest = await runProgram(
      baseConfig({
        "okta-pomerium:pomerium": {
          image: `pomerium/pomerium@sha256:${"a".repeat(64)}`,
          version: "v0.32.0",
        },
      }),
    );
    assert.equal(byDigest.outputs?.pomeriumVersion, "v0.32.0");
  });
});

// The whole program under mocks: nothing registered on bad input, explicit providers, outputs.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { markStoredSecrets } from "../components/providers";
import { SettingsError } from "../components/settings/error";
import { baseConfig, ofType, Run, runProgram, SECRET_VALUES, valueOf } from "./mocks";

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
  before(async () => {
    run = await runProgram(baseConfig());
  });

  test("registers the two explicit providers once each", () => {
    assert.equal(ofType(run.recording, "pulumi:providers:okta").length, 1);
    assert.equal(ofType(run.recording, "pulumi:providers:kubernetes").length, 1);
  });

  test("the Kubernetes provider updates ConfigMaps and Secrets in place", () => {
    // Provider inputs reach the engine as strings.
    const k = ofType(run.recording, "pulumi:providers:kubernetes")[0];
    assert.equal(k.inputs.enableConfigMapMutable, "true");
    assert.equal(k.inputs.enableSecretMutable, "true");
  });

  test("every Okta and Kubernetes resource uses its explicit provider", () => {
    const resources = run.recording.registrations.filter(
      (r) => r.custom && /^(okta|kubernetes):/.test(r.type),
    );
    assert.ok(resources.length >= 15);
    for (const r of resources) {
      const pkg = r.type.split(":")[0];
      assert.ok(
        r.provider?.startsWith(`urn:pulumi:test::okta-pomerium::pulumi:providers:${pkg}::${pkg}::`),
        `${r.type} ${r.name}: ${r.provider}`,
      );
    }
  });

  test("the Okta provider gets the credential as a secret and the rate-limit defaults", () => {
    const p = ofType(run.recording, "pulumi:providers:okta")[0];
    assert.ok(p.secretPaths.includes("apiToken"));
    assert.equal(p.inputs.apiToken, SECRET_VALUES["okta:apiToken"]);
    // Provider inputs reach the engine as strings.
    assert.equal(String(p.inputs.maxApiCapacity), "50");
    assert.equal(String(p.inputs.backoff), "true");
  });

  test("stack outputs: secrets stay secret, the rest is plain", async () => {
    const out = run.outputs!;
    assert.equal(await pulumi.isSecret(out.clientSecret), true);
    assert.equal(await pulumi.isSecret(out.issuer), false);
    assert.match(
      await valueOf(out.issuer),
      /^https:\/\/id\.custom-domain\.example\/oauth2\/aus[A-Za-z0-9]{17}$/,
    );
    assert.equal(out.redirectUri, "https://authenticate.test.example.com/oauth2/callback");
    assert.deepEqual(out.routeUrls, [
      "https://verify.test.example.com",
      "https://grafana.test.example.com",
    ]);
    assert.equal(await valueOf(out.namespace), "pomerium-test");
    assert.equal(out.idpServiceAccount, undefined);
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

describe("program: okta: keys stored secure:", () => {
  test("reach the provider marked secret; the others stay plain", async () => {
    const args = markStoredSecrets(
      { orgName: "dev-1", httpProxy: "http://u:pw@proxy:3128" },
      (k) => k === "okta:httpProxy",
    );
    assert.equal(await pulumi.isSecret(pulumi.output(args.httpProxy)), true);
    assert.equal(args.orgName, "dev-1");
  });
});

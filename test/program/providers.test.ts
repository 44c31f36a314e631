// The two explicit providers: their args from the settings (stack/providers.ts), their
// registration once each, and every Okta and Kubernetes resource using them.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { parseSettings } from "../../stack/settings";
import { kubernetesProviderArgs, markStoredSecrets, oktaProviderArgs } from "../../stack/providers";
import { baseConfig, ofType, one, Run, runProgram, SECRET_VALUES } from "../mocks";

describe("provider args from settings", () => {
  const s = parseSettings(baseConfig(), "test");

  test("Okta provider gets CI-friendly rate-limit defaults; absent keys stay absent", () =>
    assert.deepEqual(oktaProviderArgs(s, {}), {
      orgName: "dev-123456",
      baseUrl: "okta.com",
      maxApiCapacity: 50,
      backoff: true,
      maxRetries: 5,
      minWaitSeconds: 30,
      maxWaitSeconds: 300,
    }));

  test("every Okta provider setting passes through as set", () => {
    const tuned = parseSettings(
      baseConfig({
        "okta:maxApiCapacity": "20",
        "okta:backoff": "false",
        "okta:maxRetries": "0",
        "okta:minWaitSeconds": "1",
        "okta:maxWaitSeconds": "3600",
        "okta:parallelism": "2",
        "okta:requestTimeout": "0",
        "okta:logLevel": "5",
        "okta:httpProxy": "http://proxy:3128",
      }),
      "test",
    );
    assert.deepEqual(oktaProviderArgs(tuned, {}), {
      orgName: "dev-123456",
      baseUrl: "okta.com",
      maxApiCapacity: 20,
      backoff: false,
      maxRetries: 0,
      minWaitSeconds: 1,
      maxWaitSeconds: 3600,
      parallelism: 2,
      requestTimeout: 0,
      logLevel: 5,
      httpProxy: "http://proxy:3128",
    });
  });

  test("Kubernetes provider updates ConfigMaps and Secrets in place, with the kubeconfig settings", () => {
    assert.deepEqual(kubernetesProviderArgs(s), {
      enableConfigMapMutable: true,
      enableSecretMutable: true,
    });
    const k = { context: "prod-cluster", kubeconfigPath: "/etc/kube/config" };
    const withKube = parseSettings(baseConfig({ "okta-pomerium:kubernetes": k }), "test");
    assert.deepEqual(kubernetesProviderArgs(withKube), {
      context: "prod-cluster",
      kubeconfig: "/etc/kube/config",
      enableConfigMapMutable: true,
      enableSecretMutable: true,
    });
  });

  test("okta: keys stored secure: reach the provider marked secret; the others stay plain", async () => {
    const args = markStoredSecrets(
      { orgName: "dev-1", httpProxy: "http://u:pw@proxy:3128" },
      (k) => k === "okta:httpProxy",
    );
    assert.equal(await pulumi.isSecret(pulumi.output(args.httpProxy)), true);
    assert.equal(args.orgName, "dev-1");
  });
});

describe("providers in the program", () => {
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
    const k = one(run.recording, "pulumi:providers:kubernetes");
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
    const p = one(run.recording, "pulumi:providers:okta");
    assert.ok(p.secretPaths.includes("apiToken"));
    assert.equal(p.inputs.apiToken, SECRET_VALUES["okta:apiToken"]);
    // Provider inputs reach the engine as strings.
    assert.equal(String(p.inputs.maxApiCapacity), "50");
    assert.equal(String(p.inputs.backoff), "true");
  });
});

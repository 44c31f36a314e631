// Secret audit: every secret setting gets a unique marker; each marker may appear only in a
// Kubernetes Secret's data, a secret-marked output or the provider's secret inputs. Never in a
// ConfigMap, env literal, label, annotation, Okta resource input, plain output, log line, error
// message or rendered file. Run over every committed stack.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { parseSettings } from "../../stack/settings";
import { program, ProgramOutputs } from "../../stack/program";
import { evaluate, oktaId, Recording } from "../../scripts/render/mock-runtime";
import {
  cloudflareYaml,
  kubernetesYaml,
  mermaid,
  oktaYaml,
  summary,
} from "../../scripts/render/render-lib";
import { valueOf } from "../mocks";
import { CheckedStack, checkedStacks, configOf, template } from "../stack-files";

function markers(stack: string) {
  const m = {
    "okta:privateKey": `MARKER-${stack}-private-key`,
    "okta:apiToken": `MARKER-${stack}-api-token`,
    "okta-pomerium:directoryApiToken": `MARKER-${stack}-directory-token`,
    "okta-pomerium:databrokerConnectionString": `postgres://u:MARKER-${stack}-db-password@db:5432/p`,
    "cloudflare:apiToken": `MARKER-${stack}-cloudflare-token`,
  };
  // Pomerium's idp_service_account: base64 of {"api_key": <directoryApiToken>}.
  const derived = Buffer.from(
    JSON.stringify({ api_key: m["okta-pomerium:directoryApiToken"] }),
  ).toString("base64");
  return { ...m, derived };
}

/** The stack's config with every secret set to a marker (old image + postgres so all are used). */
function auditConfig(s: CheckedStack, credentials: "serviceApp" | "apiToken") {
  const { config } = configOf(s);
  const m = markers(s.stack);
  const pomerium = JSON.parse(config["okta-pomerium:pomerium"] ?? "{}");
  // The directory sync's token (and the old image it needs) only where Pomerium runs here: the
  // controller's Pomerium has no directory sync, and the image is the controller's.
  const allInOne = pomerium.mode !== "ingress-controller";
  const out: Record<string, string> = {
    ...config,
    "okta-pomerium:pomerium": JSON.stringify({
      ...pomerium,
      ...(allInOne ? { image: "pomerium/pomerium:v0.19.1" } : {}),
      databroker: { ...pomerium.databroker, storage: "postgres" },
    }),
    ...(allInOne
      ? { "okta-pomerium:directoryApiToken": m["okta-pomerium:directoryApiToken"] }
      : {}),
    "okta-pomerium:databrokerConnectionString": m["okta-pomerium:databrokerConnectionString"],
  };
  // The Cloudflare token only where the stack has the section (it is refused otherwise).
  if (out["okta-pomerium:cloudflareAccess"]) out["cloudflare:apiToken"] = m["cloudflare:apiToken"];
  delete out["okta:apiToken"];
  delete out["okta:privateKey"];
  if (credentials === "apiToken") {
    for (const k of ["okta:clientId", "okta:scopes", "okta:privateKeyId"]) delete out[k];
    out["okta:apiToken"] = m["okta:apiToken"];
  } else {
    out["okta:privateKey"] = m["okta:privateKey"];
    if (!out["okta:clientId"])
      Object.assign(out, { "okta:clientId": "0oa1", "okta:scopes": '["okta.apps.manage"]' });
  }
  return out;
}

/** Runs the program capturing every console line (where Pulumi's log goes without an engine). */
async function audited(config: Record<string, string>, stack: string) {
  const logs: string[] = [];
  const methods = ["log", "info", "warn", "error", "debug"] as const;
  const saved = methods.map((k) => console[k]);
  for (const k of methods)
    console[k] = (...args: unknown[]) => void logs.push(args.map(String).join(" "));
  try {
    const { recording, result } = await evaluate(config, stack, () => program());
    await new Promise((r) => setImmediate(r));
    return { recording, outputs: result, logs: logs.join("\n") };
  } finally {
    methods.forEach((k, i) => (console[k] = saved[i]));
  }
}

const IDP = "cloudflare:index/zeroTrustAccessIdentityProvider:ZeroTrustAccessIdentityProvider";
const isProvider = (type: string) => /^pulumi:providers:(okta|cloudflare)$/.test(type);

function assertConfined(rec: Recording, values: string[]): void {
  for (const r of rec.registrations) {
    const allowed =
      (r.type === "kubernetes:core/v1:Secret" &&
        (r.secretPaths.includes("stringData") || r.secretPaths.includes("data"))) ||
      (isProvider(r.type) && r.secretPaths.length > 0) ||
      // Cloudflare's IdP holds the Okta app's client secret: secret input and secret output.
      (r.type === IDP &&
        r.secretPaths.join() === "config" &&
        r.additionalSecretOutputs.join() === "config");
    const inputs = { ...r.inputs };
    if (r.type === "kubernetes:core/v1:Secret") {
      delete inputs.stringData;
      delete inputs.data;
    }
    if (isProvider(r.type)) for (const p of r.secretPaths) delete inputs[p];
    if (r.type === IDP) inputs.config = { ...inputs.config, clientSecret: "(checked above)" };
    const text = JSON.stringify(inputs);
    for (const v of values) assert.ok(!text.includes(v), `${v} leaked into ${r.type} ${r.name}`);
    if (!allowed)
      assert.deepEqual(
        r.secretPaths.filter((p) => p !== ""),
        [],
        `${r.type} ${r.name} carries secrets`,
      );
  }
}

async function assertOutputs(outputs: ProgramOutputs, values: string[]): Promise<void> {
  for (const [name, out] of Object.entries(outputs)) {
    if (!pulumi.Output.isInstance(out)) {
      for (const v of values) assert.ok(!JSON.stringify(out).includes(v), `plain output ${name}`);
      continue;
    }
    const value = JSON.stringify(await valueOf(out as pulumi.Output<unknown>));
    if (values.some((v) => value.includes(v)))
      assert.equal(await pulumi.isSecret(out), true, `output ${name} is plain`);
  }
}

describe("secret audit", () => {
  for (const s of checkedStacks()) {
    const stack = s.stack;
    // Org mode takes SSWS credentials only (the provider cannot set the app's groups claim with a
    // service app): a service app is refused there.
    const org = configOf(s).config["okta-pomerium:authorizationServer"]?.includes('"org"');
    for (const credentials of org
      ? (["apiToken"] as const)
      : (["serviceApp", "apiToken"] as const)) {
      test(`${s.label} (${credentials}): markers only in Secret data, secret outputs and provider secret inputs`, async () => {
        const m = markers(stack);
        const values = Object.values(m);
        const config = auditConfig(s, credentials);
        const { recording, outputs, logs } = await audited(config, stack);
        const stringData = recording.registrations
          .filter((r) => r.type === "kubernetes:core/v1:Secret")
          .map((r) => r.inputs.stringData ?? {});
        const db = m["okta-pomerium:databrokerConnectionString"];
        if (config["okta-pomerium:directoryApiToken"]) {
          // All-in-one: Pomerium's one Secret holds both.
          assert.equal(stringData[0].idp_service_account, m.derived);
          assert.equal(stringData[0].databroker_storage_connection_string, db);
        } else assert.deepEqual(stringData.filter((d) => d.connection === db).length, 1);
        const provider = recording.registrations.find((r) => r.type === "pulumi:providers:okta")!;
        const credential = credentials === "apiToken" ? "apiToken" : "privateKey";
        assert.ok(provider.secretPaths.includes(credential));
        const cf = recording.registrations.find((r) => r.type === "pulumi:providers:cloudflare");
        if (config["okta-pomerium:cloudflareAccess"]) {
          // The stack with cloudflareAccess: the token reaches only its provider, as a secret.
          assert.equal(cf?.inputs.apiToken, m["cloudflare:apiToken"]);
          assert.deepEqual(cf?.secretPaths, ["apiToken"]);
          // The Okta app's client secret is inside the IdP's config, which is secret as a whole.
          const idp = recording.registrations.find((r) => r.type === IDP)!;
          // (the mock's secret for Cloudflare's app, not Pomerium's), and nowhere else.
          const seed = `${stack}/okta:app/oAuth:OAuth/okta-cloudflare-app`;
          values.push(`mock-client-secret-${oktaId("", seed)}`);
          assert.equal(idp.inputs.config.clientSecret, values.at(-1));
        } else assert.equal(cf, undefined);
        assertConfined(recording, values);
        await assertOutputs(outputs, values);
        for (const v of values) assert.ok(!logs.includes(v), `log line carries ${v}`);
        const rendered = [
          kubernetesYaml(recording, []),
          oktaYaml(recording, []),
          cloudflareYaml(recording, []),
          mermaid(recording),
          summary(recording),
        ].join("\n");
        for (const v of values) assert.ok(!rendered.includes(v), `rendered file carries ${v}`);
      });
    }
  }

  for (const clientType of ["public", "confidential"]) {
    test(`the openmetadata template (${clientType}): its client secret too, only in its Secret and secret outputs`, async () => {
      const om = template("openmetadata");
      const m = markers(om.stack);
      const config = auditConfig(om, "serviceApp");
      const section = JSON.parse(config["okta-pomerium:openMetadata"]);
      config["okta-pomerium:openMetadata"] = JSON.stringify({ ...section, clientType });
      const { recording, outputs, logs } = await audited(config, om.stack);
      const secret = recording.registrations.find((r) => r.name === "openmetadata-settings")!;
      assert.deepEqual(secret.secretPaths, ["stringData"]);
      const omSecret: string | undefined = secret.inputs.stringData.OIDC_CLIENT_SECRET;
      assert.equal(omSecret !== undefined, clientType === "confidential");
      const values = [...Object.values(m), ...(omSecret ? [omSecret] : [])];
      assertConfined(recording, values);
      await assertOutputs(outputs, values);
      for (const v of values) assert.ok(!logs.includes(v), `log line carries ${v}`);
      const rendered = [kubernetesYaml(recording, []), oktaYaml(recording, [])].join("\n");
      for (const v of values) assert.ok(!rendered.includes(v), `rendered file carries ${v}`);
    });
  }

  test("an error message carries no secret, whatever else is wrong", () => {
    const quickstart = template("quickstart");
    const m = markers(quickstart.stack);
    const config = {
      ...auditConfig(quickstart, "apiToken"),
      "okta-pomerium:routes": "[]",
      "okta:privateKey": m["okta:privateKey"],
    };
    assert.throws(
      () => parseSettings(config, quickstart.stack),
      (e: Error) =>
        Object.values(m).every((v) => !e.message.includes(v)) &&
        /okta-pomerium:routes/.test(e.message),
    );
  });
});

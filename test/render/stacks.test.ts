// Every committed stack under the offline render's building blocks: it evaluates, its objects pass
// the Kubernetes schema, it keeps no plaintext secret, and prod is production-shaped.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { program } from "../../stack/program";
import { evaluate } from "../../scripts/render/mock-runtime";
import { oktaYaml } from "../../scripts/render/render-lib";
import { readStackConfig } from "../../scripts/render/stack-config";
import { stackNames } from "../../scripts/stacks";
import { schemaProblems } from "../pomerium/helpers";

const ROOT = path.resolve(__dirname, "../../..");

describe("render: every committed stack", () => {
  const stacks = stackNames(ROOT);

  // More may follow (`npm run new-stack`): every stack file is rendered below.
  test("the repository has dev, staging and prod", () =>
    assert.deepEqual(
      ["dev", "staging", "prod"].filter((s) => stacks.includes(s)),
      ["dev", "staging", "prod"],
    ));

  for (const stack of stacks) {
    test(`${stack} renders, validates against the schema, and keeps no plaintext secret`, async () => {
      const { config, secretKeys } = readStackConfig(ROOT, stack);
      const text = readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8");
      for (const k of secretKeys)
        assert.ok(!new RegExp(`^\\s*${k}:\\s*[^\\s{]`, "m").test(text), `${k} in plain text`);
      const { recording, result } = await evaluate(config, stack, () => {
        try {
          return program();
        } catch (e) {
          return e as Error;
        }
      });
      assert.ok(!(result instanceof Error), String(result));
      // The objects the program sends, with their real values: a Secret's data is checked as the
      // base64 it is, not as render's placeholder (test/render/api-server.test.ts checks the file).
      const objects = recording.registrations
        .filter((r) => r.custom && r.type.startsWith("kubernetes:"))
        .map((r) => r.inputs as { apiVersion?: string; kind?: string });
      assert.ok(objects.length > 0);
      assert.deepEqual(await schemaProblems(...objects), []);
      assert.ok(oktaYaml(recording, []).includes(`okta-pomerium-${stack}`));
    });
  }

  test("prod is production-shaped: protected, replicated, postgres, shorter lifetimes than dev", () => {
    const prod = parse(readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8")).config;
    const dev = parse(readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")).config;
    assert.equal(prod["okta-pomerium:protect"], true);
    assert.ok(prod["okta-pomerium:pomerium"].replicas >= 2);
    assert.equal(prod["okta-pomerium:pomerium"].databroker.storage, "postgres");
    const devLifetime = dev["okta-pomerium:authorizationServer"]?.accessTokenLifetimeMinutes ?? 60;
    assert.ok(prod["okta-pomerium:authorizationServer"].accessTokenLifetimeMinutes < devLifetime);
  });

  test("staging and prod: Gateway API, not ingress-nginx; identity headers only to in-cluster upstreams", async () => {
    for (const stack of ["staging", "prod"]) {
      const { config } = readStackConfig(ROOT, stack);
      const { recording } = await evaluate(config, stack, () => program());
      const kinds = recording.registrations.map((r) => r.type);
      assert.ok(kinds.includes("kubernetes:gateway.networking.k8s.io/v1:HTTPRoute"), stack);
      assert.ok(!kinds.includes("kubernetes:networking.k8s.io/v1:Ingress"), stack);
      const configMap = recording.registrations.find(
        (r) => r.type === "kubernetes:core/v1:ConfigMap",
      )!;
      for (const route of JSON.parse(configMap.inputs.data["config.json"]).routes)
        if (route.pass_identity_headers)
          for (const to of [route.to].flat())
            assert.match(
              new URL(to).hostname,
              /\.svc(\.cluster\.local)?$/,
              `${stack} ${route.from}`,
            );
    }
  });

  test("dev keeps one Ingress example", async () => {
    const { config } = readStackConfig(ROOT, "dev");
    const { recording } = await evaluate(config, "dev", () => program());
    const ingress = recording.registrations.filter(
      (r) => r.type === "kubernetes:networking.k8s.io/v1:Ingress",
    );
    assert.equal(ingress.length, 1);
  });
});

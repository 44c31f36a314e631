// Every committed stack under the offline render's building blocks: it evaluates, its objects pass
// the Kubernetes schema, it keeps no plaintext secret, and prod is production-shaped.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import { parseAllDocuments, parse } from "yaml";
import { program } from "../../components/program";
import { evaluate } from "../../scripts/render/mock-runtime";
import { kubernetesYaml, oktaYaml } from "../../scripts/render/render-lib";
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
      const docs = parseAllDocuments(kubernetesYaml(recording, [])).map((d) => d.toJS());
      assert.deepEqual(docs.flatMap(schemaProblems), []);
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
});

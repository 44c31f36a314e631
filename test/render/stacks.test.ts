// Every stack file (the root's stacks and the templates, whatever they are) under the offline
// render's building blocks: it evaluates, its objects pass the Kubernetes schema, it keeps no
// plaintext secret. What production needs is a rule a stack opts into (`protect: true`, checked by
// the settings: test/settings/protect.test.ts), not a stack known by name.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { parseAllDocuments } from "yaml";
import { program } from "../../stack/program";
import { evaluate } from "../../scripts/render/mock-runtime";
import { kubernetesYaml, oktaYaml } from "../../scripts/render/render-lib";
import { schemaProblems } from "../pomerium/helpers";
import { checkedStacks, configOf } from "../stack-files";

describe("render: every stack file", () => {
  for (const s of checkedStacks()) {
    test(`${s.label} renders, validates against the schema, and keeps no plaintext secret`, async () => {
      const { config, secretKeys } = configOf(s);
      const text = readFileSync(s.file, "utf8");
      for (const k of secretKeys)
        assert.ok(!new RegExp(`^\\s*${k}:\\s*[^\\s{]`, "m").test(text), `${k} in plain text`);
      const { recording, result } = await evaluate(config, s.stack, () => {
        try {
          return program();
        } catch (e) {
          return e as Error;
        }
      });
      assert.ok(!(result instanceof Error), String(result));
      const docs = parseAllDocuments(kubernetesYaml(recording, [])).map((d) => d.toJS());
      assert.deepEqual(await schemaProblems(...docs), []);
      assert.ok(oktaYaml(recording, []).includes(`okta-pomerium-${s.stack}`));
    });
  }
});

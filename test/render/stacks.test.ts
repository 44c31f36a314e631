// Every stack file (the root's stacks and the templates, whatever they are) under the offline
// render's building blocks: it evaluates, its objects pass the Kubernetes schema, it keeps no
// plaintext secret. What production needs is a rule a stack opts into (`protect: true`, checked by
// the settings: test/settings/protect.test.ts), not a stack known by name.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { program } from "../../stack/program";
import { evaluate } from "../../scripts/render/mock-runtime";
import { oktaYaml } from "../../scripts/render/render-lib";
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
      // The objects the program sends, with their real values: a Secret's data is checked as the
      // base64 it is, not as render's placeholder (test/render/api-server.test.ts checks the file).
      const objects = recording.registrations
        .filter((r) => r.custom && r.type.startsWith("kubernetes:"))
        .map((r) => r.inputs as { apiVersion?: string; kind?: string });
      assert.ok(objects.length > 0);
      assert.deepEqual(await schemaProblems(...objects), []);
      assert.ok(oktaYaml(recording, []).includes(`okta-pomerium-${s.stack}`));
    });
  }
});

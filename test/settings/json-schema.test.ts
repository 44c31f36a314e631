// The stack files' JSON Schema (schema/stack.schema.json, from `npm run schema`): committed as the
// zod schemas generate it, referenced from every stack file, red on typos an editor should catch,
// and never red on what the program accepts.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { checkedStacks, template } from "../stack-files";
import * as path from "node:path";
import { describe, test } from "node:test";
import Ajv from "ajv";
import fc from "fast-check";
import { parse } from "yaml";
import { parseSettings } from "../../stack/settings";
import { SettingsError } from "../../stack/settings/error";
import {
  SCHEMA_COMMENT,
  SCHEMA_FILE,
  stackFileSchemaText,
} from "../../scripts/schema/stack-schema";
import { settings, toConfig } from "./arbitraries";

const ROOT = path.resolve(__dirname, "../../..");
const committed = readFileSync(path.join(ROOT, SCHEMA_FILE), "utf8");
const validate = new Ajv({ allErrors: true, validateFormats: false }).compile(
  JSON.parse(committed),
);
const errorsOf = (doc: unknown) =>
  validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

/** The root's stack files and the templates, whatever they are, and the test fixtures. */
const STACK_FILES = [
  ...checkedStacks().map((s) => s.file),
  ...readdirSync(path.join(ROOT, "test/fixtures"))
    .filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f))
    .map((f) => path.join(ROOT, "test/fixtures", f)),
];

/** The stack file of a config map: values as YAML holds them (JSON parsed back). */
function stackFile(config: Record<string, string>): { config: Record<string, unknown> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    if (k === "okta:apiToken" || k === "okta:privateKey" || k.endsWith("ConnectionString")) {
      out[k] = { secure: "v1:AAAA" };
      continue;
    }
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return { config: out };
}

const quickstart = () => parse(readFileSync(template("quickstart").file, "utf8"));
const withConfig = (extra: Record<string, unknown>) => {
  const d = quickstart();
  Object.assign(d.config, extra);
  return d;
};

describe("stack files' JSON Schema", () => {
  test(`${SCHEMA_FILE} is what the zod schemas generate (run \`npm run schema\` after a settings change)`, () =>
    assert.equal(committed, stackFileSchemaText()));

  test("every stack file starts with the yaml-language-server comment pointing at the schema", () => {
    assert.ok(STACK_FILES.length >= 2, STACK_FILES.join());
    for (const file of STACK_FILES) {
      const first = readFileSync(file, "utf8").split("\n")[0];
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      assert.ok(m, `${path.relative(ROOT, file)} line 1: ${first}`);
      assert.equal(path.resolve(path.dirname(file), m[1]), path.join(ROOT, SCHEMA_FILE), file);
    }
    assert.equal(SCHEMA_COMMENT, "# yaml-language-server: $schema=./schema/stack.schema.json");
  });

  for (const file of STACK_FILES)
    test(`${path.relative(ROOT, file)} is valid against it`, () =>
      assert.deepEqual(errorsOf(parse(readFileSync(file, "utf8"))), []));

  const RED: Array<[string, Record<string, unknown>, RegExp]> = [
    ["a misspelt top-level key", { "okta-pomerium:rotues": [] }, /property name/],
    ["a misspelt nested key", { "okta-pomerium:pomerium": { replicsa: 2 } }, /additional/],
    [
      "a quoted boolean inside an object",
      { "okta-pomerium:pomerium": { createNamespace: "yes" } },
      /boolean/,
    ],
    [
      "a value outside an enum",
      { "okta-pomerium:groupsClaim": { filterType: "PREFIX" } },
      /allowed values/,
    ],
    ["replicas above the bound", { "okta-pomerium:pomerium": { replicas: 51 } }, /<= 50/],
    ["a secret in plain text", { "okta:apiToken": "00abc" }, /object/],
    [
      "a refused route option",
      {
        "okta-pomerium:routes": [
          {
            from: "https://a.example.com",
            to: "http://a",
            allowGroups: ["g"],
            allowed_groups: ["g"],
          },
        ],
      },
      /must NOT be valid/,
    ],
    [
      "a misspelt route option",
      {
        "okta-pomerium:routes": [
          {
            from: "https://a.example.com",
            to: "http://a",
            allowGroups: ["g"],
            pass_identity_header: true,
          },
        ],
      },
      /additional/,
    ],
    [
      "a quantity with a unit typo",
      { "okta-pomerium:pomerium": { resources: { limits: { memory: "1GB" } } } },
      /pattern|anyOf/,
    ],
  ];
  for (const [what, extra, why] of RED)
    test(`red in the editor: ${what}`, () => {
      const errors = errorsOf(withConfig(extra));
      assert.ok(errors.length > 0, "accepted");
      assert.match(errors.join("\n"), why);
    });

  test("not red: numbers as quantities, top-level values as `pulumi config set` writes them, comma scopes", () =>
    assert.deepEqual(
      errorsOf(
        withConfig({
          "okta-pomerium:pomerium": { resources: { requests: { cpu: 0.5 }, limits: { cpu: 1 } } },
          "okta-pomerium:protect": "true",
          "okta:maxApiCapacity": "40",
          "okta:scopes": "okta.apps.manage,okta.groups.manage",
          "okta:orgName": "Dev-123456",
          "other-program:anything": { x: 1 },
        }),
      ),
      [],
    ));

  test("required settings are required, unless ESC environments may supply them", () => {
    assert.match(errorsOf({ config: { "okta:orgName": "dev-1" } }).join(), /authenticateUrl/);
    assert.deepEqual(errorsOf({ environment: ["okta-pomerium/okta"], config: {} }), []);
  });

  test("never red on what the program accepts (generated configurations)", () => {
    let accepted = 0;
    fc.assert(
      fc.property(settings, (g) => {
        const config = toConfig(g);
        try {
          parseSettings(config, g.stack);
        } catch (e) {
          if (e instanceof SettingsError) return;
          throw e;
        }
        accepted++;
        assert.deepEqual(errorsOf(stackFile(config)), [], JSON.stringify(stackFile(config)));
      }),
      { numRuns: 400, seed: 20261201 },
    );
    assert.ok(accepted > 40, `accepted ${accepted}`);
  });
});

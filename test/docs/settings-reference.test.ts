// The settings reference: docs/settings.md, the JSON Schema's descriptions and Pulumi.yaml's
// settings part are generated from the zod schemas and scripts/schema/descriptions/, and are current;
// every key at every level is described and has an example that the schemas accept.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import Ajv from "ajv";
import { parse } from "yaml";
import { settingsSchema } from "../../stack/settings/schema";
import { DESCRIPTIONS, KeyDocs } from "../../scripts/schema/descriptions/index";
import { OKTA } from "../../scripts/schema/descriptions/okta";
import { POMERIUM } from "../../scripts/schema/descriptions/pomerium";
import { RELYING_PARTIES } from "../../scripts/schema/descriptions/relying-parties";
import { STACK_KEYS } from "../../scripts/schema/descriptions/stack";
import { SECRET_PATHS, SettingKey, settingKeys } from "../../scripts/schema/keys";
import { SCHEMA_FILE } from "../../scripts/schema/location";
import { exampleOf } from "../../scripts/docs/settings-cells";
import { checkedStacks, template } from "../stack-files";
import { SETTINGS_DOC, settingsDocText } from "../../scripts/docs/settings-doc";
import { MARKER, PULUMI_YAML, pulumiYamlText } from "../../scripts/docs/pulumi-yaml";

const ROOT = path.resolve(__dirname, "../../..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const KEYS = settingKeys();

/** Keys without a description, and descriptions of keys that do not exist. */
function descriptionGaps(keys: readonly SettingKey[], docs: KeyDocs) {
  const paths = new Set([...keys.map((k) => k.path), ...SECRET_PATHS]);
  return {
    missing: [...paths].filter((p) => !docs[p]?.description.trim()),
    stale: Object.keys(docs).filter((p) => !paths.has(p)),
  };
}

/** Every property of a JSON Schema, at every level, with its path. */
function properties(node: any, at: string, out: Array<[string, any]> = []): Array<[string, any]> {
  if (!node || typeof node !== "object") return out;
  for (const [k, v] of Object.entries<any>(node.properties ?? {})) {
    out.push([`${at}.${k}`, v]);
    properties(v, `${at}.${k}`, out);
  }
  if (node.items) properties(node.items, `${at}[]`, out);
  for (const alt of node.anyOf ?? []) properties(alt, at, out);
  return out;
}

describe("settings reference", () => {
  test(`${SETTINGS_DOC} is what the schemas generate (run \`npm run schema\`)`, () =>
    assert.equal(read(SETTINGS_DOC), settingsDocText()));

  test(`${PULUMI_YAML}'s settings part is what the schemas generate (run \`npm run schema\`)`, () => {
    const text = read(PULUMI_YAML);
    assert.equal(text, pulumiYamlText(text));
    const project = parse(text);
    assert.equal(project.name, "okta-pomerium");
    assert.equal(project.main, "dist/index.js");
    // What Pulumi enforces: a declared key without a default is required.
    assert.deepEqual(project.config.authenticateUrl.default, undefined);
    assert.deepEqual(project.config.protect.default, false);
    assert.ok(!text.includes("pomerium/pomerium:v0.33.1,"), "the stale image default is gone");
  });

  test("every key at every level has a description, and every description a key", () => {
    assert.ok(KEYS.length > 100, `${KEYS.length} keys`);
    assert.deepEqual(descriptionGaps(KEYS, DESCRIPTIONS), { missing: [], stale: [] });
  });

  test("each key is described in one file only (a second would silently win)", () => {
    const parts = [STACK_KEYS, OKTA, POMERIUM, RELYING_PARTIES].map(Object.keys);
    const all = parts.flat();
    assert.equal(new Set(all).size, all.length);
    assert.equal(Object.keys(DESCRIPTIONS).length, all.length);
  });

  test("a key added without a description fails, and so does a description left behind", () => {
    const added = { ...KEYS[0], path: "pomerium.newKey", name: "newKey" };
    const docs = { ...DESCRIPTIONS, "pomerium.gone": { description: "x" } };
    assert.deepEqual(descriptionGaps([...KEYS, added], docs), {
      missing: ["pomerium.newKey"],
      stale: ["pomerium.gone"],
    });
    const blank = { ...DESCRIPTIONS, protect: { description: "  " } };
    assert.deepEqual(descriptionGaps(KEYS, blank).missing, ["protect"]);
  });

  test("the walk reaches nested objects, list items and maps' owners", () => {
    const paths = KEYS.map((k) => k.path);
    for (const p of [
      "groups[].create",
      "routes[].policy",
      "pomerium.resources.limits.memory",
      "pomerium.gateway.parentRefs[].sectionName",
      "directorySync.network.connection",
      "cloudflareAccess.apps[].sessionDuration",
      "openMetadata.admins",
      "okta:maxApiCapacity",
    ])
      assert.ok(paths.includes(p), p);
    assert.ok(!paths.some((p) => p.startsWith("pomerium.service.annotations.")));
    assert.ok(!paths.includes("routes[].pass_identity_headers"), "route options are Pomerium's");
  });

  const committed = JSON.parse(read(SCHEMA_FILE));

  test(`every property at every level of ${SCHEMA_FILE} has a description`, () => {
    const all = properties(committed.properties.config, "config");
    assert.ok(all.length > 150, `${all.length} properties`);
    const bare = all.filter(([, v]) => typeof v.description !== "string" || !v.description);
    assert.deepEqual(
      bare.map(([p]) => p),
      [],
    );
    const replicas = committed.properties.config.properties["okta-pomerium:pomerium"].properties;
    assert.equal(replicas.replicas.description, DESCRIPTIONS["pomerium.replicas"].description);
    for (const secret of SECRET_PATHS) {
      const key = secret.includes(":") ? secret : `okta-pomerium:${secret}`;
      const node = committed.properties.config.properties[key];
      assert.equal(node.description, DESCRIPTIONS[secret].description, key);
    }
    const filter = committed.properties.config.properties["okta-pomerium:groupsClaim"];
    assert.match(filter.properties.filter.description, /Default: exactly the configured `groups`/);
  });

  test(`${SCHEMA_FILE} compiles with ajv in strict mode, formats validated, as shipped`, () => {
    for (const options of [{}, { strict: true }]) {
      const ajv = new Ajv(options);
      const validate = ajv.compile(committed);
      // Every stack file, whatever they are (the root's and the templates).
      for (const s of checkedStacks())
        assert.ok(
          validate(parse(readFileSync(s.file, "utf8"))),
          `${s.label}: ${JSON.stringify(validate.errors)}`,
        );
    }
    assert.ok(
      !JSON.stringify(committed).includes('"format"'),
      "no format a validator may not know",
    );
  });

  test("an e-mail is still checked without the format (zod's pattern)", () => {
    const validate = new Ajv().compile(committed);
    const quickstart = parse(readFileSync(template("quickstart").file, "utf8"));
    quickstart.config["okta-pomerium:routes"][0].allowEmails = ["oncall@example.com"];
    assert.equal(validate(quickstart), true, JSON.stringify(validate.errors));
    quickstart.config["okta-pomerium:routes"][0].allowEmails = ["not-an-email"];
    assert.equal(validate(quickstart), false);
  });

  test("every key has an example, and the schemas accept each one", () => {
    const ajv = new Ajv({ strict: false });
    const missing: string[] = [];
    for (const key of KEYS) {
      const example = exampleOf(key, DESCRIPTIONS[key.path]);
      if (example === undefined) {
        missing.push(key.path);
        continue;
      }
      const validate = ajv.compile(key.node);
      assert.ok(
        validate(example),
        `${key.path}: ${JSON.stringify(example)} ${ajv.errorsText(validate.errors)}`,
      );
    }
    assert.deepEqual(missing, []);
    for (const p of SECRET_PATHS) assert.match(String(DESCRIPTIONS[p].example), /--secret/, p);
  });

  test("the top-level examples together are settings the zod schemas accept", () => {
    const settings = Object.fromEntries(
      KEYS.filter((k) => k.path === k.top && !k.top.includes(":")).map((k) => [
        k.path,
        exampleOf(k, DESCRIPTIONS[k.path]),
      ]),
    );
    const result = settingsSchema("dev").safeParse(settings);
    assert.ok(result.success, JSON.stringify(!result.success && result.error.issues));
  });

  test("the reference shows type, default, bounds and example as the schemas say", () => {
    const doc = read(SETTINGS_DOC);
    const rowOf = (key: string) => doc.split("\n").find((l) => l.startsWith(`| \`${key}\` |`));
    assert.match(rowOf("pomerium.replicas")!, /\| integer \| `1` \| 1–50 \|/);
    assert.match(rowOf("authorizationServer.accessTokenLifetimeMinutes")!, /\| `60` \| 5–1440 \|/);
    assert.match(rowOf("groupsClaim.filterType")!, /`STARTS_WITH`, `EQUALS`, `CONTAINS`, `REGEX`/);
    assert.match(rowOf("groups[].name")!, /\| string \| required \| 1–255 characters \|/);
    assert.match(rowOf("pomerium.resources.limits.cpu")!, /quantity .*\| `"1"` \|/);
    assert.match(rowOf("pomerium.xffNumTrustedHops")!, /1 with `ingress.enabled` or `gateway`/);
    assert.match(rowOf("openMetadata.admins")!, /an e-mail address/);
    assert.match(rowOf("routes[].to")!, /\| string or list of string \|/);
    // Defaults inside optional sections come from the schema's own `default`.
    assert.match(rowOf("cloudflareAccess.sessionDuration")!, /\| string \| `24h` \|/);
    assert.match(rowOf("openMetadata.clientType")!, /\| string \| `public` \|/);
    assert.match(
      doc,
      /\| `okta:apiToken` \| Secret: .*\| `pulumi config set --secret okta:apiToken/,
    );
    assert.match(doc, /\| `allowed_groups` \| removed by Pomerium/);
    assert.ok(read(PULUMI_YAML).includes(MARKER));
  });
});

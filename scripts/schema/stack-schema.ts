/**
 * The JSON Schema of a `Pulumi.<stack>.yaml` file, generated from the settings' zod schemas with
 * zod's own JSON Schema output (`z.toJSONSchema`), for editors (the `yaml-language-server` comment at
 * the top of every stack file). `npm run schema` writes it; a test keeps the committed file equal to
 * this output. Draft-07: what editors' YAML support and the test's validator read alike.
 *
 * What the schema cannot say, the program still checks at preview: cross-field rules (a route's
 * groups must be in `groups`, PPL, version rules, ...), URL shapes and case-insensitive patterns.
 */
import { PROJECT } from "../../stack/settings";
import { ROUTE_KEYS } from "../../stack/settings/schema";
import { REFUSED_ROUTE_KEYS } from "../../components/pomerium/facts";
import { DESCRIPTIONS } from "./descriptions/index";
import { Json, SECRET_PATHS, configKey, settingKeys, settingsJson } from "./keys";

export { SCHEMA_COMMENT, SCHEMA_FILE } from "./location";

/** A key's description as editors show it: the text, and a default that is derived, in words. */
export function editorDescription(path: string): string | undefined {
  const doc = DESCRIPTIONS[path];
  if (!doc) return undefined;
  return doc.default ? `${doc.description} Default: ${doc.default}.` : doc.description;
}

/** A route: its own keys and Pomerium's route options, nothing else; refused options are red. */
function routeItems(items: Json): Json {
  const properties: Json = { ...items.properties };
  for (const key of ROUTE_KEYS)
    properties[key] ??= { description: "A Pomerium route option, in Pomerium's spelling" };
  for (const [key, why] of Object.entries(REFUSED_ROUTE_KEYS))
    properties[key] = { not: {}, description: `Not supported: ${why}` };
  return { ...items, properties, additionalProperties: false };
}

/**
 * A top-level key as the stack file may hold it. Pulumi hands every top-level value to the program
 * as a string, which the settings read as JSON: `pulumi config set protect true` writes "true".
 */
function topLevel(schema: Json): Json {
  const out = { ...schema };
  delete out.$schema;
  const { type, minimum, maximum, ...rest } = out;
  if (type === "boolean")
    return { ...rest, anyOf: [{ type }, { type: "string", enum: ["true", "false"] }] };
  if (type === "integer")
    return {
      ...rest,
      anyOf: [
        { type, minimum, maximum },
        { type: "string", pattern: "^-?[0-9]+$" },
      ],
    };
  return out;
}

const SECURE: Json = {
  type: "object",
  description: "An encrypted value: set it with `pulumi config set --secret <key>`",
  properties: {
    secure: { type: "string", description: "The encrypted value, as Pulumi writes it" },
  },
  required: ["secure"],
  additionalProperties: false,
};

/** The JSON Schema of a stack file. Deterministic: the same schemas give the same text. */
export function stackFileSchema(): Json {
  const json = settingsJson();
  for (const key of settingKeys(json)) {
    const description = editorDescription(key.path);
    if (description) key.node.description = description;
  }
  const { settings, okta } = json;
  settings.properties.routes.items = routeItems(settings.properties.routes.items);
  const config: Json = {};
  for (const [key, schema] of Object.entries<Json>(settings.properties))
    config[configKey(key)] = topLevel(schema);
  for (const [key, schema] of Object.entries<Json>(okta.properties)) {
    const plain = topLevel(schema);
    // okta:scopes may be one comma-separated string, as the provider's environment variable.
    const value = key === "scopes" ? { anyOf: [plain, { type: "string" }] } : plain;
    // An okta: key stored `secure:` reaches the provider still secret (an httpProxy with a password).
    config[`okta:${key}`] = { anyOf: [value, SECURE], description: plain.description };
  }
  for (const path of SECRET_PATHS)
    config[configKey(path)] = {
      ...SECURE,
      description: editorDescription(path) ?? SECURE.description,
    };
  const known = Object.keys(config).sort();
  const required = [
    ...settings.required.map((k: string) => `${PROJECT}:${k}`),
    ...okta.required.map((k: string) => `okta:${k}`),
  ];
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "okta-pomerium stack settings (Pulumi.<stack>.yaml)",
    description:
      "Generated from the settings' zod schemas by `npm run schema`; the program validates the same settings, and more, before anything is registered.",
    type: "object",
    properties: {
      config: {
        type: "object",
        properties: Object.fromEntries(known.map((k) => [k, config[k]])),
        // Keys of other namespaces are other programs' business; ours must be known ones.
        propertyNames: {
          anyOf: [{ enum: known }, { not: { pattern: `^(?:${PROJECT}|okta):` } }],
        },
      },
      environment: {
        description:
          "Pulumi ESC environments this stack imports (`<project>/<environment>`); their pulumiConfig values are settings too",
        type: "array",
        items: { type: "string", minLength: 1 },
      },
      secretsprovider: { type: "string" },
      encryptedkey: { type: "string" },
      encryptionsalt: { type: "string" },
    },
    // With ESC environments, the required settings may come from there.
    // (Each `required` names its properties beside it: ajv's strict mode asks for that.)
    if: { not: { required: ["environment"], properties: { environment: true } } },
    then: {
      required: ["config"],
      properties: {
        config: {
          type: "object",
          required,
          properties: Object.fromEntries(required.map((k) => [k, true])),
        },
      },
    },
  };
}

/** The schema file's text: what `npm run schema` writes and the test compares. */
export const stackFileSchemaText = (): string => `${JSON.stringify(stackFileSchema(), null, 2)}\n`;

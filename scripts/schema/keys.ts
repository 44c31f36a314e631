/**
 * Every settings key at every level, walked from the JSON Schema that zod generates for the
 * settings' schemas (the same source as schema/stack.schema.json). A key's path is how the docs and
 * the descriptions name it: `pomerium.databroker.storage`, `routes[].from`, `okta:orgName`; the
 * `okta-pomerium:` namespace is left out, other namespaces are kept.
 */
import * as z from "zod";
import { PROJECT, SECRET_KEYS } from "../../stack/settings";
import { QUANTITY, QUANTITY_DESCRIPTION } from "../../stack/settings/helpers";
import { oktaSchema, settingsSchema } from "../../stack/settings/schema";

export type Json = Record<string, any>;

/** Where a stack's name appears in a default (`okta-pomerium-<stack>`). */
export const STACK = "<stack>";

/** One key of the settings. */
export interface SettingKey {
  /** `pomerium.databroker.storage`, `routes[].from`, `okta:orgName`. */
  path: string;
  /** The key's own name (the last segment). */
  name: string;
  /** Its JSON Schema, as zod generates it (with the generator's overrides). */
  node: Json;
  /** Required where its parent is present. */
  required: boolean;
  /** Its top-level setting: `pomerium`, `okta:orgName`. */
  top: string;
}

/** zod's JSON Schema of a settings schema, with what editors need changed (see the comments). */
export function toJson(schema: z.ZodType): Json {
  return z.toJSONSchema(schema, {
    target: "draft-07",
    io: "input",
    override: ({ zodSchema, jsonSchema }) => {
      const js = jsonSchema as Json;
      if (js.description === QUANTITY_DESCRIPTION) {
        delete js.type;
        js.anyOf = [
          { type: "string", pattern: QUANTITY.source },
          { type: "number", minimum: 0 },
        ];
      }
      // "email" is not a JSON Schema format every validator knows (ajv refuses it in strict mode
      // without ajv-formats); zod's pattern beside it says the same.
      if (js.format === "email") delete js.format;
      // JSON Schema patterns have no flags: drop a case-insensitive one rather than mark valid
      // values red (the program still checks it).
      const checks = ((zodSchema as any)._zod?.def?.checks ?? []) as Array<{ _zod: { def: Json } }>;
      if (checks.some((c) => c._zod.def.pattern instanceof RegExp && c._zod.def.pattern.flags)) {
        delete js.pattern;
        if (Array.isArray(js.allOf)) js.allOf = js.allOf.filter((s: Json) => !s.pattern);
        if (js.allOf?.length === 0) delete js.allOf;
      }
    },
  }) as Json;
}

/** The settings' JSON Schemas: `okta-pomerium:` and `okta:` (a fresh copy each call). */
export interface SettingsJson {
  settings: Json;
  okta: Json;
}
export const settingsJson = (): SettingsJson =>
  structuredClone({ settings: toJson(settingsSchema(STACK)), okta: toJson(oktaSchema) });

/** An object node's own keys (a map of values has none). */
const objectOf = (node: Json): Json | undefined =>
  node.type === "object" && node.properties ? node : undefined;

function walk(node: Json, path: string, top: string, out: SettingKey[]): void {
  const obj = objectOf(node) ?? objectOf(node.items ?? {});
  if (!obj) return;
  const prefix = node.type === "array" ? `${path}[]` : path;
  const required = new Set<string>(obj.required ?? []);
  for (const [name, child] of Object.entries<Json>(obj.properties)) {
    const childPath = `${prefix}.${name}`;
    out.push({ path: childPath, name, node: child, required: required.has(name), top });
    walk(child, childPath, top, out);
  }
}

/** The secret settings: read with getSecret, never in the schemas above. */
export const SECRET_PATHS: readonly string[] = Object.values(SECRET_KEYS).map((k) =>
  k.startsWith(`${PROJECT}:`) ? k.slice(PROJECT.length + 1) : k,
);

/** Every key of the non-secret settings, depth first, in the schemas' order. */
export function settingKeys({ settings, okta }: SettingsJson = settingsJson()): SettingKey[] {
  const out: SettingKey[] = [];
  const requiredTop = new Set<string>(settings.required);
  for (const [name, node] of Object.entries<Json>(settings.properties)) {
    out.push({ path: name, name, node, required: requiredTop.has(name), top: name });
    walk(node, name, name, out);
  }
  const requiredOkta = new Set<string>(okta.required);
  for (const [name, node] of Object.entries<Json>(okta.properties))
    out.push({
      path: `okta:${name}`,
      name,
      node,
      required: requiredOkta.has(name),
      top: `okta:${name}`,
    });
  return out;
}

/** The config key of a top-level path: `okta-pomerium:routes`, `okta:orgName`, `cloudflare:apiToken`. */
export const configKey = (top: string): string => (top.includes(":") ? top : `${PROJECT}:${top}`);

/**
 * The cells of docs/settings.md for one key, read from its JSON Schema node (zod's output): type,
 * default, allowed values or bounds, and an example.
 */
import { stringify } from "yaml";
import * as z from "zod";
import { QUANTITY_DESCRIPTION } from "../../stack/settings/helpers";
import { settingsSchema } from "../../stack/settings/schema";
import type { KeyDoc } from "../schema/descriptions/index";
import { Json, SettingKey, STACK } from "../schema/keys";

/** A value as one line of YAML, as a stack file would hold it. */
export const flow = (value: unknown): string =>
  stringify(value, { collectionStyle: "flow", lineWidth: 0 }).trim();

/** Inline code, safe inside a Markdown table cell. */
export const code = (text: string): string => `\`${text.replace(/\|/g, "\\|")}\``;

const isQuantity = (node: Json): boolean => node.description === QUANTITY_DESCRIPTION;

/** The key's type in words: `string`, `list of string`, `object`, `map of string`, … */
export function typeOf(node: Json): string {
  if (isQuantity(node)) return "Kubernetes quantity (string or number)";
  if (node.anyOf) return node.anyOf.map(typeOf).join(" or ");
  if (Array.isArray(node.type)) return node.type.join(" or ");
  if (node.type === "array") return `list of ${node.items ? typeOf(node.items) : "any"}`;
  if (node.type === "object") return node.properties ? "object" : "map of string";
  return node.type ?? "any";
}

const range = (min?: number, max?: number, unit = ""): string | undefined => {
  if (min === undefined && max === undefined) return undefined;
  if (unit === " items" && max === undefined)
    return min === 1 ? "not empty" : `${min} or more items`;
  if (max === undefined) return `≥ ${min}${unit}`;
  if (min === undefined) return `≤ ${max}${unit}`;
  return `${min}–${max}${unit}`;
};

/** Allowed values, bounds and patterns of one node (and of a list's items). */
export function boundsOf(node: Json): string {
  if (isQuantity(node)) return "e.g. `250m`, `1`, `0.5`, `256Mi`, `1Gi`";
  const parts: string[] = [];
  if (node.enum) parts.push(node.enum.map((v: unknown) => code(String(v))).join(", "));
  const numbers = range(node.minimum, node.maximum);
  if (numbers) parts.push(numbers);
  const length = range(node.minLength, node.maxLength, " characters");
  if (length && length !== "≥ 1 characters") parts.push(length);
  if (length === "≥ 1 characters") parts.push("not empty");
  const items = range(node.minItems, node.maxItems, " items");
  if (items) parts.push(items);
  if (node.pattern === z.regexes.email.source) parts.push("an e-mail address");
  else if (node.pattern) parts.push(`matches ${code(node.pattern)}`);
  if (node.anyOf) {
    const each = node.anyOf
      .map((n: Json) => [typeOf(n), boundsOf(n)])
      .filter(([, b]: string[]) => b);
    if (each.length) parts.push(each.map(([t, b]: string[]) => `${t}: ${b}`).join("; or "));
  }
  if (node.type === "array" && node.items && !node.items.properties) {
    const inner = boundsOf(node.items);
    if (inner) parts.push(`each: ${inner}`);
  }
  return parts.join("; ");
}

/** The settings as the program reads them when only the required keys are given. */
const minimalParse = (() => {
  let cached: Json | undefined;
  return (): Json =>
    (cached ??= settingsSchema(STACK).parse({
      authenticateUrl: "https://authenticate.example.com",
      groups: [{ name: "g" }],
      routes: [{ from: "https://a.example.com", to: "http://a", allowGroups: ["g"] }],
    }) as Json);
})();

/** The default the program applies when the key is absent; undefined when there is none. */
export function defaultValue(key: SettingKey): unknown {
  if (key.node.default !== undefined) return key.node.default;
  if (key.required || key.path.includes("[]") || key.path.includes(":")) return undefined;
  let at: unknown = minimalParse();
  for (const part of key.path.split(".")) at = (at as Json | undefined)?.[part];
  return at;
}

const isEmptyObject = (v: unknown): boolean =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;

/** The default column: a value, words, "required", or "—". */
export function defaultCell(key: SettingKey, doc: KeyDoc | undefined): string {
  if (doc?.default) return doc.default;
  if (key.required) return "required";
  const value = defaultValue(key);
  if (value === undefined) return "—";
  if (key.node.properties && isEmptyObject(value)) return "its keys' defaults";
  if (isEmptyObject(value)) return "none (`{}`)";
  if (Array.isArray(value) && value.length === 0) return "none (`[]`)";
  return code(flow(value));
}

/** An example: the one written down, or one the schema gives (another allowed value, the default). */
export function exampleOf(key: SettingKey, doc: KeyDoc | undefined): unknown {
  if (doc && "example" in doc) return doc.example;
  const value = defaultValue(key);
  if (key.node.enum) return key.node.enum.find((v: unknown) => v !== value) ?? key.node.enum[0];
  if (key.node.type === "boolean") return value === undefined ? true : !value;
  if (value === undefined || isEmptyObject(value)) return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  return value;
}

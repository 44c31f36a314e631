/**
 * The mechanics of reading settings: decoding Pulumi's raw config strings, parsing a namespace key
 * by key against its strict schema, and turning zod issues into problems with key paths and
 * "did you mean" hints.
 */
import * as z from "zod";
import { describeValue, joinPath, Problem, unknownKeyMessage } from "./error";

export const PROJECT = "okta-pomerium";

/** Secret settings: read only with `getSecret`; parsing sees whether they are set, never their value. */
export const SECRET_KEYS = {
  oktaApiToken: "okta:apiToken",
  oktaPrivateKey: "okta:privateKey",
  directoryApiToken: `${PROJECT}:directoryApiToken`,
  databrokerConnectionString: `${PROJECT}:databrokerConnectionString`,
  cloudflareApiToken: "cloudflare:apiToken",
} as const;
export type SecretName = keyof typeof SECRET_KEYS;

export const SECRET_FULL_KEYS = new Set<string>(Object.values(SECRET_KEYS));
/** Keys kept as raw strings (never JSON-parsed): a URL or name must not turn into a number. */
const STRING_KEYS = new Set([
  "authenticateUrl",
  "orgName",
  "baseUrl",
  "clientId",
  "privateKeyId",
  "httpProxy",
]);

function decode(key: string, raw: string): unknown {
  if (STRING_KEYS.has(key)) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    // okta:scopes may be written comma-separated, as the provider's env var is.
    return key === "scopes"
      ? raw
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : raw;
  }
}

/** Parses one namespace against a strict object schema, key by key, so every problem is reported. */
export function parseNamespace<S extends z.ZodObject>(
  ns: string,
  schema: S,
  config: Readonly<Record<string, string>>,
  problems: Problem[],
): Partial<z.infer<S>> {
  const shape = schema.shape as Record<string, z.ZodType>;
  const known = Object.keys(shape);
  const secretNames = [...SECRET_FULL_KEYS]
    .filter((k) => k.startsWith(`${ns}:`))
    .map((k) => k.slice(ns.length + 1));
  const raw: Record<string, unknown> = {};
  for (const [full, value] of Object.entries(config)) {
    if (!full.startsWith(`${ns}:`) || SECRET_FULL_KEYS.has(full)) continue;
    const key = full.slice(ns.length + 1);
    if (!(key in shape))
      problems.push({ path: full, message: unknownKeyMessage(key, [...known, ...secretNames]) });
    else raw[key] = decode(key, value);
  }
  const out: Record<string, unknown> = {};
  for (const key of known) {
    const result = shape[key].safeParse(raw[key]);
    if (result.success) {
      if (result.data !== undefined) out[key] = result.data;
      continue;
    }
    const salvaged = salvage(shape[key], raw[key], result.error.issues);
    if (salvaged !== undefined) out[key] = salvaged;
    for (const issue of result.error.issues) {
      const path = [key, ...issue.path];
      const at = `${ns}:${joinPath(path)}`;
      if (issue.code === "unrecognized_keys") {
        for (const k of issue.keys)
          problems.push({
            path: `${at}.${k}`,
            message: unknownKeyMessage(k, keysAt(shape[key], issue.path)),
          });
      } else {
        const received = valueAt(raw[key], issue.path);
        const message =
          received === undefined
            ? `is required: ${issue.message}`
            : `${issue.message} (got ${describeValue(received)})`;
        problems.push({ path: at, message });
      }
    }
  }
  return out as Partial<z.infer<S>>;
}

/**
 * What can still be used of a value that failed: the value without its unknown keys, or for a list,
 * the items that parse (holes keep the indexes). Only feeds the cross-field rules, so that one
 * problem does not hide another; the settings are refused anyway.
 */
function salvage(schema: z.ZodType, value: unknown, issues: readonly z.core.$ZodIssue[]): unknown {
  const cleaned = structuredClone(value) as any;
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    const target = valueAt(cleaned, issue.path) as Record<string, unknown> | undefined;
    for (const k of issue.keys) if (target) delete target[k];
  }
  const again = schema.safeParse(cleaned);
  if (again.success) return again.data;
  const element = (schema as any)._zod?.def?.element as z.ZodType | undefined;
  if (!element || !Array.isArray(cleaned)) return undefined;
  const items: unknown[] = new Array(cleaned.length);
  cleaned.forEach((item, i) => {
    const r = element.safeParse(item);
    if (r.success) items[i] = r.data;
  });
  return items;
}

/** The known keys of the object schema at `path` below `schema`, for "did you mean". */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: any = schema;
  const unwrap = () => {
    while (
      s?._zod?.def &&
      ["optional", "default", "prefault", "nullable", "pipe"].includes(s._zod.def.type)
    ) {
      s = s._zod.def.innerType ?? s._zod.def.in;
    }
  };
  unwrap();
  for (const p of path) {
    s = typeof p === "number" ? s?._zod?.def?.element : s?._zod?.def?.shape?.[p as string];
    unwrap();
  }
  return Object.keys(s?._zod?.def?.shape ?? {});
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v: any = value;
  for (const p of path) v = v == null ? undefined : v[p as any];
  return v;
}

export function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

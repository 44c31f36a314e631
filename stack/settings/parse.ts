/**
 * The mechanics of reading settings: decoding Pulumi's raw config strings, parsing a namespace key
 * by key against its strict schema, and turning zod issues into problems with key paths and
 * "did you mean" hints.
 */
import * as z from "zod";
import { closest, describeValue, joinPath, Problem, unknownKeyMessage } from "./error";
import { REQUIRED, settingsMessage } from "./messages";

export const PROJECT = "okta-pomerium";

/** Secret settings: read only with `getSecret`; parsing sees whether they are set, never their value. */
export const SECRET_KEYS = {
  oktaApiToken: "okta:apiToken",
  oktaPrivateKey: "okta:privateKey",
  directoryApiToken: `${PROJECT}:directoryApiToken`,
  databrokerConnectionString: `${PROJECT}:databrokerConnectionString`,
  cloudflareApiToken: "cloudflare:apiToken",
  pomeriumSharedSecret: `${PROJECT}:pomeriumSharedSecret`,
  pomeriumCookieSecret: `${PROJECT}:pomeriumCookieSecret`,
  pomeriumSigningKey: `${PROJECT}:pomeriumSigningKey`,
} as const;

/** Pre-made Pomerium secrets: the setting, and the component arg it becomes. */
export const PREMADE_SECRETS = {
  pomeriumSharedSecret: "sharedSecret",
  pomeriumCookieSecret: "cookieSecret",
  pomeriumSigningKey: "signingKey",
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
  const unknownTop: string[] = [];
  for (const [full, value] of Object.entries(config)) {
    if (!full.startsWith(`${ns}:`) || SECRET_FULL_KEYS.has(full)) continue;
    const key = full.slice(ns.length + 1);
    if (!(key in shape)) unknownTop.push(key);
    else raw[key] = decode(key, value);
  }
  const out: Record<string, unknown> = {};
  // A misspelt required key is one problem: the unknown key, with the key it stands for.
  const misspelt = new Set<string>();
  const requiredFor = (missing: string, candidates: readonly string[]) =>
    candidates.find((c) => !misspelt.has(c) && closest(c, [missing]) === missing);
  for (const key of known) {
    const result = shape[key].safeParse(raw[key], { error: settingsMessage });
    if (result.success) {
      if (result.data !== undefined) out[key] = result.data;
      continue;
    }
    const salvaged = salvage(shape[key], raw[key], result.error.issues);
    if (salvaged !== undefined) out[key] = salvaged;
    if (raw[key] === undefined) {
      const typo = requiredFor(key, unknownTop);
      if (typo !== undefined) {
        misspelt.add(typo);
        problems.push({ path: `${ns}:${typo}`, message: misspeltMessage(typo, key) });
        continue;
      }
    }
    keyProblems(`${ns}:`, key, shape[key], raw[key], result.error.issues, problems);
  }
  for (const key of unknownTop)
    if (!misspelt.has(key))
      problems.push({
        path: `${ns}:${key}`,
        message: unknownKeyMessage(key, [...known, ...secretNames]),
      });
  return out as Partial<z.infer<S>>;
}

const misspeltMessage = (typo: string, key: string) =>
  `unknown key "${typo}"; did you mean "${key}"? (${key} is required)`;

/** The problems of one top-level key, misspelt required sub-keys folded into one line each. */
function keyProblems(
  prefix: string,
  key: string,
  schema: z.ZodType,
  value: unknown,
  issues: readonly z.core.$ZodIssue[],
  problems: Problem[],
): void {
  const at = (path: readonly PropertyKey[]) => `${prefix}${joinPath([key, ...path])}`;
  const typos = new Map<z.core.$ZodIssue, readonly PropertyKey[]>(); // issue -> path of the typo
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys" || valueAt(value, issue.path) !== undefined) continue;
    const parentPath = issue.path.slice(0, -1);
    const parent = valueAt(value, parentPath);
    if (issue.path.length === 0 || !parent || typeof parent !== "object" || Array.isArray(parent))
      continue;
    const missing = String(issue.path[issue.path.length - 1]);
    const declared = keysAt(schema, parentPath);
    const typo = Object.keys(parent).find(
      (k) => !declared.includes(k) && closest(k, [missing]) === missing,
    );
    if (typo !== undefined) typos.set(issue, [...parentPath, typo]);
  }
  const folded = new Set([...typos.values()].map((p) => at(p)));
  for (const issue of issues) {
    const typo = typos.get(issue);
    if (typo) {
      const missing = String(issue.path[issue.path.length - 1]);
      problems.push({ path: at(typo), message: misspeltMessage(String(typo.at(-1)), missing) });
    } else if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) {
        if (folded.has(at([...issue.path, k]))) continue;
        problems.push({
          path: at([...issue.path, k]),
          message: unknownKeyMessage(k, keysAt(schema, issue.path)),
        });
      }
    } else {
      const received = valueAt(value, issue.path);
      const message =
        received !== undefined
          ? `${issue.message} (got ${describeValue(received)})`
          : issue.message === REQUIRED
            ? REQUIRED
            : `${REQUIRED}: ${issue.message}`;
      problems.push({ path: at(issue.path), message });
    }
  }
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

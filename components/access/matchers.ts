/**
 * Pomerium's matchers (pkg/policy/criteria/matchers.go): the string matcher of `email`, `domain`
 * and `user`, and the string list matcher of `claim/<name>`, with a third value for a subject the
 * settings cannot know.
 */
import type { Tri } from "./types";

type Op = (s: string, v: unknown) => boolean;
const STRING_OPS: Record<string, Op> = {
  is: (s, v) => s === v,
  not: (s, v) => s !== v,
  contains: (s, v) => typeof v === "string" && s.includes(v),
  starts_with: (s, v) => typeof v === "string" && s.startsWith(v),
  ends_with: (s, v) => typeof v === "string" && s.endsWith(v),
  in: (s, v) => Array.isArray(v) && v.includes(s),
  not_in: (s, v) => Array.isArray(v) && !v.includes(s),
};

/**
 * Pomerium's string matcher: a bare value means `is`; every operator of an object must hold.
 * `subject` undefined is a value no rule names: `is`/`in` fail, `not`/`not_in` hold, the others
 * depend on it. With only the domain known (`domain`), `ends_with "@<domain>"`-style suffixes hold.
 */
export function matchString(subject: string | undefined, data: unknown, domain?: string): Tri {
  const obj = isObject(data) ? data : { is: data };
  let out: Tri = true;
  for (const [op, v] of Object.entries(obj)) {
    const f = STRING_OPS[op];
    // Pomerium refuses such a policy ("unknown string matcher operator", "in matcher requires an
    // array of strings"): the route never loads, nothing this review can call allowed.
    if (!f || ((op === "in" || op === "not_in") && !Array.isArray(v))) return "unknown";
    let r: Tri;
    if (subject !== undefined) r = f(subject, v);
    else if (op === "is" || op === "in") r = false;
    else if (op === "not" || op === "not_in") r = true;
    else if (op === "ends_with" && domain && typeof v === "string" && `@${domain}`.endsWith(v))
      r = true;
    else r = "unknown";
    if (r === false) return false;
    if (r === "unknown") out = "unknown";
  }
  return out;
}

/** Pomerium's string list matcher: a bare value means `has`; `is` = exactly that one value. */
export function matchStringList(values: readonly unknown[] | undefined, data: unknown): Tri {
  if (values === undefined) return "unknown";
  const obj = isObject(data) ? data : { has: data };
  for (const [op, v] of Object.entries(obj)) {
    const has = values.some((x) => x === v);
    const ok =
      op === "has"
        ? has
        : op === "is"
          ? has && values.length === 1
          : op === "exclude"
            ? !has
            : undefined;
    if (ok === undefined) return "unknown";
    if (!ok) return false;
  }
  return true;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

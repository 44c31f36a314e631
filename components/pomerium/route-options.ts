/**
 * Pure: does a route option's value have the type Pomerium decodes it as (facts.ts,
 * `ROUTE_OPTION_TYPES`)? A config file with `pass_identity_headers: "yes"` fails Pomerium's start-up
 * (all-in-one) or the controller's reconcile (an annotation); say so before anything is registered.
 */
import { ROUTE_OPTION_TYPES, RouteOptionType } from "./facts";

/** Go's `time.ParseDuration` without a sign: "300ms", "30s", "1m30s", "1.5h", "0". */
const DURATION = /^(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const show = (v: unknown) => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/**
 * Why `value` is not a valid `key` option (a message naming the type, the value and the fix), or
 * undefined when it is valid or `key` is not a route option.
 */
export function optionTypeProblem(key: string, value: unknown): string | undefined {
  const type: RouteOptionType | undefined = ROUTE_OPTION_TYPES[key];
  if (type === undefined) return undefined;
  const got = `(got ${show(value)})`;
  if (typeof type === "object") {
    const ok =
      typeof value === "string" && type.enum.some((e) => e.toLowerCase() === value.toLowerCase());
    return ok ? undefined : `must be one of ${type.enum.join(", ")} ${got}`;
  }
  switch (type) {
    case "boolean":
      return typeof value === "boolean"
        ? undefined
        : `must be true or false, unquoted ${got}; Pomerium reads ${key} as a boolean`;
    case "duration":
      return typeof value === "string" && DURATION.test(value)
        ? undefined
        : `must be a duration string such as "30s", "1m30s" or "2h" ${got}; a bare number would be nanoseconds`;
    case "integer":
      return Number.isInteger(value) ? undefined : `must be a whole number, unquoted ${got}`;
    case "percent":
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 100
        ? undefined
        : `must be a whole number from 0 to 100 (a percentage), unquoted ${got}`;
    case "string":
      return typeof value === "string" ? undefined : `must be a string; quote it ${got}`;
    case "stringList":
      return Array.isArray(value) && value.every((v) => typeof v === "string")
        ? undefined
        : `must be a list of strings, e.g. ["a", "b"] ${got}`;
    case "headerMap":
      return isObject(value) &&
        Object.entries(value).every(([k, v]) => k !== "" && typeof v === "string")
        ? undefined
        : `must be a map of header names to string values, e.g. {X-Team: sre} (quote numbers and booleans) ${got}`;
    case "object":
      return isObject(value) ? undefined : `must be a map of keys (a YAML mapping) ${got}`;
    case "objectList":
      return Array.isArray(value) && value.every(isObject)
        ? undefined
        : `must be a list of maps (YAML mappings) ${got}`;
  }
}

/** Every option of a route whose value has the wrong type, as `[key, message]`, in key order. */
export function routeOptionTypeProblems(
  route: Readonly<Record<string, unknown>>,
): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const key of Object.keys(route).sort()) {
    const problem = optionTypeProblem(key, route[key]);
    if (problem) out.push([key, problem]);
  }
  return out;
}

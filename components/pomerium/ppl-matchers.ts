/**
 * The value a PPL criterion compares with, checked the way Pomerium's policy compiler reads it
 * (pkg/policy/criteria/matchers.go, the same in v0.32.0 and v0.33.1): a string criterion takes a
 * string (meaning `is`) or an object of string-matcher operators, a string-list criterion a string
 * (meaning `has`) or an object of list-matcher operators; `in` and `not_in` take a list. Any other
 * operator fails Pomerium's config ("unknown string matcher operator"), and an empty object adds no
 * condition of its own, so the criterion would match every request (for `http_*` and `mcp_tool`) or
 * every signed-in user (for the session's `email`, `user`, `domain`, `claim/…`).
 * `client_certificate` (criteria/client_certificate.go) takes an object of `fingerprint`,
 * `spki_hash` and `san_email`/`san_dns`/`san_uri`, each of those a string matcher.
 */
export const STRING_MATCHER_OPERATORS = [
  "is",
  "starts_with",
  "ends_with",
  "contains",
  "not",
  "in",
  "not_in",
] as const;
export const STRING_LIST_MATCHER_OPERATORS = ["has", "is", "exclude"] as const;

/** The criteria whose value is a matcher, and which (criteria/<name>.go). */
const MATCHER_OF: Readonly<Record<string, "string" | "stringList">> = {
  domain: "string",
  email: "string",
  user: "string",
  http_method: "string",
  http_path: "string",
  ssh_username: "string",
  mcp_tool: "string",
  claim: "stringList",
};

const CERTIFICATE_CONDITIONS = ["fingerprint", "spki_hash", "san_email", "san_dns", "san_uri"];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Problems with a criterion's value, as `[relative path, message]`; empty when Pomerium takes it. */
export function matcherProblems(name: string, value: unknown): Array<[string, string]> {
  if (name === "client_certificate") return certificateProblems(value);
  const kind = MATCHER_OF[name];
  if (!kind || !isObject(value)) return [];
  const operators: readonly string[] =
    kind === "string" ? STRING_MATCHER_OPERATORS : STRING_LIST_MATCHER_OPERATORS;
  const keys = Object.keys(value);
  if (keys.length === 0)
    return [
      [
        "",
        `is an empty matcher, which adds no condition (it would match every request, or every signed-in user); use one of ${operators.join(", ")}`,
      ],
    ];
  return keys.flatMap((k): Array<[string, string]> => {
    if (!operators.includes(k))
      return [
        [
          `.${k}`,
          `unknown ${kind === "string" ? "string" : "string list"} matcher operator "${k}" for ${name}; use ${operators.join(", ")}`,
        ],
      ];
    if (kind === "string" && (k === "in" || k === "not_in") && !Array.isArray(value[k]))
      return [[`.${k}`, `takes a list of strings, e.g. ${k}: [a@example.com, b@example.com]`]];
    return [];
  });
}

function certificateProblems(value: unknown): Array<[string, string]> {
  if (!isObject(value) || Object.keys(value).length === 0)
    return [["", `must be an object of ${CERTIFICATE_CONDITIONS.join(", ")}`]];
  return Object.entries(value).flatMap(([k, v]): Array<[string, string]> => {
    if (!CERTIFICATE_CONDITIONS.includes(k))
      return [
        [`.${k}`, `unknown certificate condition "${k}"; use ${CERTIFICATE_CONDITIONS.join(", ")}`],
      ];
    if (!k.startsWith("san_")) return [];
    return matcherProblems("email", v).map(([rel, msg]) => [
      `.${k}${rel}`,
      msg.replace(" for email;", ` for client_certificate.${k};`),
    ]);
  });
}

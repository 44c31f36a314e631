/**
 * The value a PPL criterion compares with, checked the way Pomerium's policy compiler reads it
 * (pkg/policy/criteria/matchers.go, the same in v0.32.0 and v0.33.1): a string criterion takes a
 * string (meaning `is`) or an object of string-matcher operators, a string-list criterion a string
 * (meaning `has`) or an object of list-matcher operators. Any other operator fails Pomerium's
 * config ("unknown string matcher operator"), and an empty object adds no condition at all, so the
 * criterion would match every request.
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

/** Problems with a criterion's value, as `[relative path, message]`; empty when Pomerium takes it. */
export function matcherProblems(name: string, value: unknown): Array<[string, string]> {
  const kind = MATCHER_OF[name];
  if (!kind || typeof value !== "object" || value === null || Array.isArray(value)) return [];
  const operators: readonly string[] =
    kind === "string" ? STRING_MATCHER_OPERATORS : STRING_LIST_MATCHER_OPERATORS;
  const keys = Object.keys(value);
  if (keys.length === 0)
    return [
      ["", `is an empty matcher, which matches every request; use one of ${operators.join(", ")}`],
    ];
  return keys
    .filter((k) => !operators.includes(k))
    .map((k) => [
      `.${k}`,
      `unknown ${kind === "string" ? "string" : "string list"} matcher operator "${k}" for ${name}; use ${operators.join(", ")}`,
    ]);
}

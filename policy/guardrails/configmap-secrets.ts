/**
 * The guardrail that keeps secrets out of ConfigMaps: data keys named like secrets, values that look
 * like credentials, and known secret values. JSON data (Pomerium's config.json) is read key by key.
 */
import { Dict, nameOf, PlannedResource } from "./planned";

/**
 * In text that is not JSON: a key named like a secret, assigned a literal (`password=…`,
 * `shared_secret: …`, `"api_key": "…"`). Placeholders (`${pomerium.access_token}`, `$VAR`) are not
 * literals.
 */
const SECRET_ASSIGNMENT =
  /(^|[^\w-])[\w-]*(secret|password|passwd|token|api[_-]?key|private[_-]?key)["']?[ \t]*[:=][ \t]*["']?[^\s"'#$]/im;
const SECRET_KEY_NAME = /(secret|password|passwd|token|api[_-]?key|private[_-]?key|credential)s?$/i;
const VALUE_PATTERNS: Array<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a PEM private key"],
  [/[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i, "a URL with a password"],
  [/\bSSWS\s+\S{10,}/, "an Okta SSWS API token"],
  [/\beyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]+/, "a JWT"],
];
const ASSIGNMENT = "a secret-looking assignment (password=, token:, …_secret:)";

/** A JSON document (our config.json), or undefined when the text is not one. */
function asJson(text: string): unknown {
  if (!/^\s*[{[]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The paths of keys named like a secret that hold a literal string (not a placeholder). */
function secretAssignments(value: unknown, path = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => secretAssignments(v, `${path}[${i}]`));
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const at = path ? `${path}.${k}` : k;
    if (typeof v === "string")
      return SECRET_KEY_NAME.test(k) && v.trim() !== "" && !v.trim().startsWith("$") ? [at] : [];
    return secretAssignments(v, at);
  });
}

/**
 * A ConfigMap carries no secrets: no data key named like a secret, no value that looks like one
 * (private key, `password=`, credentials in a URL, tokens) and none of `secretValues` (the known
 * secret values, e.g. from the stack's config; also as JSON escapes them). JSON data is checked
 * key by key. Messages never repeat the value.
 */
export function noSecretsInConfigMaps(
  resource: PlannedResource,
  secretValues: readonly string[] = [],
): string[] {
  if (resource.type !== "kubernetes:core/v1:ConfigMap") return [];
  const out: string[] = [];
  const data: Dict = { ...(resource.props?.data ?? {}) };
  for (const [k, v] of Object.entries(resource.props?.binaryData ?? {}))
    data[k] = Buffer.from(String(v), "base64").toString("utf8");
  for (const [key, value] of Object.entries(data)) {
    const text = String(value ?? "");
    const at = `${nameOf(resource)}: data key ${key}`;
    if (SECRET_KEY_NAME.test(key) && text.trim() !== "")
      out.push(`${at}: is named like a secret; put it in a Secret`);
    const json = asJson(text);
    if (json === undefined) {
      if (SECRET_ASSIGNMENT.test(text))
        out.push(`${at}: contains ${ASSIGNMENT}; put it in a Secret`);
    } else {
      for (const path of secretAssignments(json))
        out.push(`${at}: contains ${ASSIGNMENT} at ${path}; put it in a Secret`);
    }
    for (const [pattern, what] of VALUE_PATTERNS)
      if (pattern.test(text)) out.push(`${at}: contains ${what}; put it in a Secret`);
    secretValues.forEach((s, i) => {
      const escaped = JSON.stringify(s).slice(1, -1);
      if (s.length >= 4 && (text.includes(s) || text.includes(escaped)))
        out.push(`${at}: contains secret value #${i + 1}; put it in a Secret`);
    });
  }
  return out;
}

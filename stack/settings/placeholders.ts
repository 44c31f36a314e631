/**
 * Placeholders: where a template (templates/*.yaml, and the stack files `npm run new-stack` writes
 * from them) leaves a company's own value to fill in. A placeholder is any setting whose value
 * contains the word `changeme` (`okta:orgName: changeme`, `https://authenticate.changeme.example.com`,
 * `http://app.changeme.svc.cluster.local`), or the all-zero Cloudflare account id (the only setting
 * whose syntax, 32 hex characters, cannot hold the word). Each is valid where it stands, so a template
 * renders as written; the offline render warns once per placeholder, naming its key, and the real
 * engine (`pulumi preview`, `pulumi up`) refuses the stack until none is left.
 */
import { Problem } from "./error";
import { PROJECT } from "./parse";

/** The word that marks a placeholder value. */
export const PLACEHOLDER_WORD = "changeme";
/** The placeholder Cloudflare account id. */
export const PLACEHOLDER_ACCOUNT_ID = "0".repeat(32);

/** The namespaces whose values can be placeholders (what the program reads). */
const NAMESPACES = [`${PROJECT}:`, "okta:", "cloudflare:"];
const WORD = new RegExp(PLACEHOLDER_WORD, "i");

/** Whether one value is a placeholder. */
export const isPlaceholder = (value: string): boolean =>
  WORD.test(value) || value === PLACEHOLDER_ACCOUNT_ID;

/**
 * Every placeholder in a stack's config, as key path and value, in key order: `config` maps full keys
 * to raw values as Pulumi stores them (objects and lists as JSON). Secrets are not read.
 */
export function findPlaceholders(
  config: Readonly<Record<string, string>>,
  secretKeys: ReadonlySet<string>,
): { path: string; value: string }[] {
  const found: { path: string; value: string }[] = [];
  const walk = (at: string, v: unknown): void => {
    if (typeof v === "string") {
      if (isPlaceholder(v)) found.push({ path: at, value: v });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(`${at}[${i}]`, x));
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        if (isPlaceholder(k)) found.push({ path: `${at}.${k}`, value: k });
        walk(`${at}.${k}`, x);
      }
  };
  for (const key of Object.keys(config).sort()) {
    if (secretKeys.has(key) || !NAMESPACES.some((ns) => key.startsWith(ns))) continue;
    walk(key, parseRaw(config[key]));
  }
  return found;
}

/** The warning render prints for one placeholder. */
export const placeholderWarning = (p: { path: string; value: string }): string =>
  `${p.path} is still a placeholder (${p.value}): set your own value before \`pulumi preview\`, which refuses placeholders`;

/** The problem the real engine reports for one placeholder. */
export const placeholderProblem = (p: { path: string; value: string }): Problem => ({
  path: p.path,
  message: `is still a template placeholder (${p.value}): set your own value (templates mark what to set with "${PLACEHOLDER_WORD}"; the offline render lists every one)`,
});

function parseRaw(raw: string): unknown {
  if (!/^[[{]/.test(raw.trim())) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

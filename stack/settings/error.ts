/**
 * How bad settings are reported: one error that lists every problem, each with its key path, what
 * was received (never for a secret) and how to fix it.
 */
import * as pulumi from "@pulumi/pulumi";

/** One problem with the settings. `path` is the full key path, e.g. `okta-pomerium:routes[1].from`. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

/**
 * Thrown before any resource is registered. A `RunError` so that Pulumi prints the message alone,
 * without a stack trace or the program's source.
 */
export class SettingsError extends pulumi.RunError {
  readonly problems: readonly Problem[];
  constructor(stack: string, problems: readonly Problem[]) {
    super(formatProblems(stack, problems));
    this.name = "SettingsError";
    this.problems = problems;
  }
}

export function formatProblems(stack: string, problems: readonly Problem[]): string {
  const n = problems.length;
  const head = `Invalid settings for stack "${stack}" (${n} problem${n === 1 ? "" : "s"}; nothing was registered):`;
  const lines = problems.map((p) => `  - ${p.path}: ${p.message}`);
  return [head, ...lines, footer(stack, problems)].join("\n");
}

/**
 * How to fix them: the stack file, or the CLI. A nested key needs `--path` (a key of the project's
 * namespace needs no prefix): `pulumi config set --path 'pomerium.replicas' 2`; a key nobody reads
 * is removed the same way (`pulumi config rm --path`).
 */
function footer(stack: string, problems: readonly Problem[]): string {
  const isNested = (p: Problem) => /[.[]/.test(p.path.slice(p.path.indexOf(":") + 1));
  const cli = (p: Problem) => p.path.replace(/^okta-pomerium:/, "");
  const set = problems.find((p) => isNested(p) && !p.message.startsWith("unknown key"));
  const rm = problems.find((p) => isNested(p) && p.message.startsWith("unknown key"));
  const how = set
    ? `\`pulumi config set --path '${cli(set)}' <value>\` for a nested key`
    : rm
      ? `\`pulumi config rm --path '${cli(rm)}'\` for a nested key`
      : "`pulumi config set <key> <value>`";
  return `Fix them in Pulumi.${stack}.yaml (or with ${how}) and run again.`;
}

/** `["routes", 1, "from"]` -> `routes[1].from`. */
export function joinPath(parts: readonly PropertyKey[]): string {
  let out = "";
  for (const p of parts) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out;
}

/** A received value, short and safe to print (only ever called for non-secret settings). */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Levenshtein distance, for "did you mean". */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
const squash = (s: string) => s.replace(/[_-]/g, "").toLowerCase();

/** The known key closest to `key`, when one is close enough to be a typo. */
export function closest(key: string, known: readonly string[]): string | undefined {
  const exact = known.find((k) => squash(k) === squash(key) || k === snake(key));
  if (exact) return exact;
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined;
}

/** The message for a key nobody reads. */
export function unknownKeyMessage(key: string, known: readonly string[]): string {
  const hint = closest(key, known);
  return hint
    ? `unknown key "${key}"; did you mean "${hint}"?`
    : `unknown key "${key}"; known keys here: ${[...known].sort().join(", ")}`;
}

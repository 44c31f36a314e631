/**
 * The drift issue's body: per stack, each resource that differs (Okta, Kubernetes or other; type,
 * name, what Pulumi would do) with its properties, values only where no secret is involved, and
 * the errors of a failed preview. Everything shown from the preview goes through redact().
 */
import { DriftSummary, PropertyChange, ResourceDrift } from "./summary";

const PEM = /-----BEGIN [A-Z ]+-----[\s\S]*?(-----END [A-Z ]+-----|$)/g;
// A run of 20+ token characters mixing digits, lower and upper case (API tokens such as Okta's
// SSWS, base64 keys and cookie secrets, JWTs' parts), or of 32+ hex digits. Resource names (lower
// case) and URNs are left alone.
const OPAQUE = /[A-Za-z0-9+/=_-]{20,}/g;
const opaque = (m: string) =>
  (/\d/.test(m) && /[a-z]/.test(m) && /[A-Z]/.test(m)) || /[0-9a-fA-F]{32,}/.test(m);
const BEARER = /\b(SSWS|Bearer|Basic)\s+\S+/gi;

/** Text with anything that looks like a credential replaced by [redacted]. */
export function redact(text: string): string {
  return text
    .replace(PEM, "[redacted]")
    .replace(BEARER, "$1 [redacted]")
    .replace(OPAQUE, (m) => (opaque(m) ? "[redacted]" : m));
}

/** Markdown-safe inline code of at most `max` characters. */
function code(text: string, max = 80): string {
  const t = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return "`" + t.replace(/`/g, "'").replace(/\r?\n/g, " ") + "`";
}

function value(v: unknown): string {
  if (v === undefined) return "(none)";
  return code(redact(JSON.stringify(v)));
}

const OPS: Record<string, string> = {
  update: "update (would be set back)",
  create: "create (missing: deleted outside Pulumi, or never created)",
  delete: "delete",
  replace: "replace",
  "create-replacement": "replace",
  "delete-replaced": "replace",
};

function property(p: PropertyChange): string {
  const what = `${code(redact(p.path))} (${p.kind})`;
  if (p.hidden) return `- ${what}: secret, value not shown`;
  return `- ${what}: ${value(p.actual)} in the cloud, ${value(p.desired)} in the program`;
}

function resource(r: ResourceDrift): string {
  const head = `#### ${r.family}: ${code(r.type)} ${code(r.name)}: ${OPS[r.op] ?? r.op}`;
  const props = r.properties.length ? r.properties.map(property) : ["- (no property details)"];
  return [head, ...props].join("\n");
}

export interface BodyContext {
  stack: string;
  runUrl?: string;
}

/** The issue title of a stack: stable, so each run finds the open issue it updates. */
export const issueTitle = (stack: string) => `Drift: stack ${stack}`;

/** GitHub refuses an issue body over 65,536 characters. */
export const MAX_BODY = 60000;

/** The issue body for a summary, at most MAX_BODY characters. */
export function issueBody(s: DriftSummary, ctx: BodyContext): string {
  const text = fullBody(s, ctx);
  if (text.length <= MAX_BODY) return text;
  const cut = text.lastIndexOf("\n", MAX_BODY - 200);
  return `${text.slice(0, cut)}\n\n… (${text.length - cut} more characters cut: GitHub's limit; the preview in the run has them all)`;
}

function fullBody(s: DriftSummary, ctx: BodyContext): string {
  const out: string[] = [];
  const run = ctx.runUrl ? ` ([run](${ctx.runUrl}))` : "";
  if (s.status === "clean") {
    out.push(`Stack \`${ctx.stack}\` matches its program again: no drift${run}.`);
    return out.join("\n");
  }
  const families = ["Okta", "Kubernetes", "Other"] as const;
  const counts = families
    .map((f) => [f, s.resources.filter((r) => r.family === f).length] as const)
    .filter(([, n]) => n > 0)
    .map(([f, n]) => `${n} ${f}`);
  out.push(
    s.status === "error"
      ? `The drift check of stack \`${ctx.stack}\` failed${run}.`
      : `Stack \`${ctx.stack}\` has drifted from its program${run}: ${counts.join(", ")} resource(s) differ.`,
  );
  if (s.errors.length) {
    out.push("", "### Errors");
    for (const e of s.errors) out.push(`- ${code(redact(e.replace(/\s+/g, " ")), 400)}`);
  }
  for (const f of families) {
    const rs = s.resources.filter((r) => r.family === f);
    if (rs.length === 0) continue;
    out.push("", `### ${f}`, "", rs.map(resource).join("\n\n"));
  }
  out.push(
    "",
    s.status === "error"
      ? "`pulumi preview --refresh --diff` on the stack shows the whole error."
      : "`pulumi preview --refresh --diff` on the stack shows the same. Either `pulumi up` sets the " +
          "cloud back to the program, or change the program (and its settings) to what the cloud holds.",
    "Values of secret properties are never shown here.",
  );
  return out.join("\n");
}

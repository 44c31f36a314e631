/**
 * What a drift check found, from `pulumi preview --refresh --expect-no-changes --json` (Pulumi's
 * PreviewDigest: steps with op, urn, oldState, newState, diffReasons and detailedDiff; diagnostics;
 * changeSummary). Node built-ins only, no Pulumi SDK: it runs in CI next to the CLI.
 *
 * Secrets: the CLI writes every secret value as the string "[secret]". A property is hidden (its
 * name shown, never its value) when its value, anything inside it or anything around it is
 * "[secret]", when it is a Kubernetes Secret's data or stringData, when it is a last-applied
 * annotation (it copies a whole object, a Secret's data included), or when its name looks like a
 * credential. Shown values are still passed through redact() (./redact).
 */

/** A property path of Pulumi's detailedDiff (`a.b[0]`, `data["x.y"]`) as its segments. */
export function pathSegments(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\.?([^.[\]]+)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < path.length && (m = re.exec(path)) !== null) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(m[2].replace(/\\(.)/g, "$1"));
    else out.push(m[3]!);
  }
  if (re.lastIndex < path.length) return [path];
  return out;
}

export const SECRET = "[secret]";

/** The value at a path, and whether the path crossed a secret on the way. */
function lookup(root: unknown, segs: Array<string | number>): { value: unknown; secret: boolean } {
  let v: unknown = root;
  for (const s of segs) {
    if (v === SECRET) return { value: undefined, secret: true };
    if (v === null || typeof v !== "object") return { value: undefined, secret: false };
    v = (v as Record<string | number, unknown>)[s];
  }
  return { value: v, secret: false };
}

/** Whether a value is, or holds, a secret. */
function holdsSecret(v: unknown): boolean {
  if (v === SECRET) return true;
  if (v === null || typeof v !== "object") return false;
  return Object.values(v as Record<string, unknown>).some(holdsSecret);
}

// A name that holds a credential (apiToken, clientSecret, privateKey), not one about credentials
// (refreshTokenLifetimeMinutes, tokenEndpointAuthMethod stay visible).
const CREDENTIAL = /secret|passw(or)?d|private.?key|credential|api.?key|token$/i;
const SECRET_DATA = new Set(["data", "stringData", "binaryData"]);

export type Family = "Okta" | "Kubernetes" | "Other";

export interface PropertyChange {
  path: string;
  /** add, delete, update, with -replace when the change replaces the resource. */
  kind: string;
  hidden: boolean;
  /** What the cloud holds (refreshed state) and what the program asks for; only when not hidden. */
  actual?: unknown;
  desired?: unknown;
}

export interface ResourceDrift {
  urn: string;
  type: string;
  name: string;
  family: Family;
  op: string;
  properties: PropertyChange[];
}

export interface DriftSummary {
  status: "clean" | "drift" | "error";
  resources: ResourceDrift[];
  errors: string[];
  changeSummary: Record<string, number>;
}

interface State {
  type?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}
interface Step {
  op?: string;
  urn?: string;
  oldState?: State;
  newState?: State;
  diffReasons?: string[];
  replaceReasons?: string[];
  detailedDiff?: Record<string, { kind?: string }> | null;
}
export interface PreviewDigest {
  steps?: Step[];
  diagnostics?: Array<{ urn?: string; message?: string; severity?: string }>;
  changeSummary?: Record<string, number>;
}

/** Ops that change nothing. */
const QUIET = new Set(["same", "read", "refresh", "discard"]);

/** type and name from a URN: urn:pulumi:<stack>::<project>::<parent$...$type>::<name>. */
export function parseUrn(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  const types = (parts[2] ?? "").split("$");
  return { type: types[types.length - 1] ?? "", name: parts.slice(3).join("::") };
}

/** Okta, Kubernetes or Other, by the type's package (a provider by the package it configures). */
export function familyOf(type: string): Family {
  const pkg = type.startsWith("pulumi:providers:") ? type.slice(17) : type.split(":")[0];
  return pkg === "okta" ? "Okta" : pkg === "kubernetes" ? "Kubernetes" : "Other";
}

function propertyChange(step: Step, type: string, path: string, kind: string): PropertyChange {
  const segs = pathSegments(path);
  const actualRoot = step.oldState?.outputs ?? step.oldState?.inputs;
  const sides = [actualRoot, step.oldState?.inputs, step.newState?.inputs, step.newState?.outputs];
  const found = sides.map((s) => lookup(s, segs));
  const head = String(segs[0]);
  const hidden =
    found.some((f) => f.secret || holdsSecret(f.value)) ||
    (type === "kubernetes:core/v1:Secret" && SECRET_DATA.has(head)) ||
    segs.some((s) => typeof s === "string" && (CREDENTIAL.test(s) || /last-applied/.test(s)));
  if (hidden) return { path, kind, hidden };
  return { path, kind, hidden, actual: found[0]!.value, desired: found[2]!.value };
}

function resourceDrift(step: Step): ResourceDrift {
  const urn = step.urn ?? "";
  const { type, name } = parseUrn(urn);
  const diff = step.detailedDiff ?? {};
  const replace = new Set(step.replaceReasons ?? []);
  const paths = Object.keys(diff).length
    ? Object.entries(diff).map(([p, d]) => [p, d.kind ?? "update"] as const)
    : (step.diffReasons ?? []).map(
        (p) => [p, replace.has(p) ? "update-replace" : "update"] as const,
      );
  return {
    urn,
    type,
    name,
    family: familyOf(type),
    op: step.op ?? "",
    properties: [...paths]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([p, k]) => propertyChange(step, type, p, k)),
  };
}

/** The summary of one preview; `exitCode` is the CLI's (undefined when it never ran). */
export function summarize(
  digest: PreviewDigest | undefined,
  exitCode: number | undefined,
): DriftSummary {
  const byUrn = new Map<string, ResourceDrift>();
  for (const step of digest?.steps ?? []) {
    if (!step.op || QUIET.has(step.op) || !step.urn) continue;
    if (parseUrn(step.urn).type === "pulumi:pulumi:Stack") continue;
    const r = resourceDrift(step);
    const seen = byUrn.get(r.urn);
    // A refreshed resource can appear twice: the refresh (old state against what the cloud
    // holds; a delete when it is gone), then the step that would set it back (the refreshed state
    // against the program; a create for a gone one). One entry, every property once, with the
    // later step's values and op: what `pulumi up` would do.
    if (seen) {
      const later = new Set(r.properties.map((p) => p.path));
      seen.properties = [...seen.properties.filter((p) => !later.has(p.path)), ...r.properties];
      seen.properties.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      seen.op = r.op;
    } else byUrn.set(r.urn, r);
  }
  const errors = (digest?.diagnostics ?? [])
    .filter((d) => d.severity === "error")
    .map((d) => (d.message ?? "").trim())
    .filter((m) => m !== "" && !/no changes were expected but changes were proposed/i.test(m));
  if (digest === undefined)
    errors.push(
      exitCode === undefined
        ? "the preview did not run (an earlier step failed)"
        : `the preview printed no JSON (exit code ${exitCode})`,
    );
  else if (exitCode !== undefined && exitCode !== 0 && errors.length === 0 && byUrn.size === 0)
    errors.push(`the preview failed (exit code ${exitCode}) without reporting an error`);
  const resources = [...byUrn.values()].sort((a, b) =>
    a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0,
  );
  const status = errors.length ? "error" : resources.length ? "drift" : "clean";
  return { status, resources, errors, changeSummary: digest?.changeSummary ?? {} };
}

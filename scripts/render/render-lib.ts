/**
 * Turns a mock evaluation into the three review files of `npm run render`: Kubernetes manifests,
 * Okta resources and a Mermaid graph. Every secret is replaced by a placeholder, both where Pulumi
 * marked it secret and wherever a secret setting's value appears. Output is sorted: two renders of
 * the same stack are byte-identical.
 */
import { stringify } from "yaml";
import type { Recording, Registration } from "./mock-runtime";

export const REDACTED = "<redacted>";
/**
 * A redacted Secret `data` value: base64 of the marker. The API server decodes `data` and refuses
 * the whole file over one value that is not base64, so the file must stay applicable as it is
 * (`kubectl apply --server-side --dry-run=server -f kubernetes.yaml`); decoded, it reads REDACTED.
 */
export const REDACTED_BASE64 = Buffer.from(REDACTED).toString("base64");

const KIND_ORDER = [
  "Namespace",
  "ServiceAccount",
  "Secret",
  "ConfigMap",
  "Deployment",
  "Service",
  "PodDisruptionBudget",
  "NetworkPolicy",
  "Ingress",
  "HTTPRoute",
  "Pomerium",
];

/**
 * Secret inputs the SDK marks as a whole although one field holds the secret: it marks a top-level
 * input secret when any value inside it is. Only these fields are redacted, so a reviewer still
 * reads the rest (the IdP's client id, Okta account, authorization server, claims).
 */
const SECRET_FIELDS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  "cloudflare:index/zeroTrustAccessIdentityProvider:ZeroTrustAccessIdentityProvider": {
    config: ["config.clientSecret"],
  },
};

/** Replaces values at the secret paths, and any occurrence of a known secret value, by REDACTED. */
export function redact(
  reg: Registration,
  secretValues: readonly string[],
): Record<string, unknown> {
  const narrowed = SECRET_FIELDS[reg.type] ?? {};
  const secretPaths = reg.secretPaths.flatMap((p) => narrowed[p] ?? [p]);
  const walk = (v: unknown, path: string): unknown => {
    if (
      secretPaths.some(
        (p) => p === path || (p !== "" && path.startsWith(`${p}.`)) || path.startsWith(`${p}[`),
      )
    ) {
      return REDACTED;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`));
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [k, walk(x, path ? `${path}.${k}` : k)]),
      );
    }
    if (typeof v === "string") {
      // Also as JSON escapes it: inside a JSON document (config.json) a quote or backslash of the
      // secret is escaped, so the value as written never occurs there.
      return secretValues.reduce((s, secret) => {
        if (secret.length < 4) return s;
        const escaped = JSON.stringify(secret).slice(1, -1);
        return s.split(secret).join(REDACTED).split(escaped).join(REDACTED);
      }, v);
    }
    return v;
  };
  // A Secret's data is secret whatever the marks say; `data` stays base64, as the server wants it.
  const out = walk(reg.inputs, "") as Record<string, any>;
  if (reg.type === "kubernetes:core/v1:Secret") {
    for (const [field, marker] of [
      ["data", REDACTED_BASE64],
      ["stringData", REDACTED],
    ]) {
      const keys = Object.keys(reg.inputs[field] ?? {}).sort();
      if (reg.inputs[field]) out[field] = Object.fromEntries(keys.map((k) => [k, marker]));
    }
  }
  return out;
}

const isResource = (r: Registration) => r.custom && !r.type.startsWith("pulumi:providers:");
const byTypeThenName = (a: Registration, b: Registration) =>
  a.type.localeCompare(b.type) || a.name.localeCompare(b.name);

export function kubernetesYaml(rec: Recording, secretValues: readonly string[]): string {
  const objects = rec.registrations
    .filter((r) => isResource(r) && r.type.startsWith("kubernetes:"))
    .map((r) => redact(r, secretValues))
    .sort((a: any, b: any) => {
      // Namespaces first (the server needs them before what goes in them); unlisted kinds last.
      const rank = (kind: string) =>
        KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length;
      const ka = rank(a.kind);
      const kb = rank(b.kind);
      return ka - kb || String(a.metadata?.name).localeCompare(String(b.metadata?.name));
    });
  return objects.map((o) => stringify(o, { sortMapEntries: true, lineWidth: 0 })).join("---\n");
}

export function oktaYaml(rec: Recording, secretValues: readonly string[]): string {
  return providerYaml(rec, "okta", secretValues);
}

/** Cloudflare's resources and invokes (the stack has them only with `cloudflareAccess`). */
export function cloudflareYaml(rec: Recording, secretValues: readonly string[]): string {
  return providerYaml(rec, "cloudflare", secretValues);
}

/** Whether the evaluation registered anything of Cloudflare's (then render writes cloudflare.yaml). */
export const hasCloudflare = (rec: Recording) =>
  rec.registrations.some((r) => r.type === "pulumi:providers:cloudflare");

/** One provider's resources with their inputs, and its data-source calls, secrets redacted. */
function providerYaml(rec: Recording, pkg: string, secretValues: readonly string[]): string {
  const resources = rec.registrations
    .filter(
      (r) => r.custom && (r.type.startsWith(`${pkg}:`) || r.type === `pulumi:providers:${pkg}`),
    )
    .sort(byTypeThenName)
    .map((r) => ({
      type: r.type,
      name: r.name,
      ...(r.importId ? { import: r.importId } : {}),
      ...(r.protect ? { protect: true } : {}),
      ...(r.retainOnDelete ? { retainOnDelete: true } : {}),
      inputs: redact(r, secretValues),
    }));
  const invokes = rec.invokes
    .filter((i) => i.token.startsWith(`${pkg}:`))
    .map((i) => ({ token: i.token, args: i.args }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return stringify({ resources, invokes }, { sortMapEntries: true, lineWidth: 0 });
}

/** A Mermaid flowchart: solid arrows for dependencies, dotted for parent → child. */
export function mermaid(rec: Recording): string {
  const regs = [...rec.registrations].filter((r) => r.urn).sort(byTypeThenName);
  const ids = new Map(regs.map((r, i) => [r.urn, `n${i}`]));
  const lines = ["flowchart LR"];
  for (const r of regs) lines.push(`  ${ids.get(r.urn)}["${r.name}<br/><small>${r.type}</small>"]`);
  const edges: string[] = [];
  for (const r of regs) {
    if (r.parent && ids.has(r.parent)) edges.push(`  ${ids.get(r.parent)} -.-> ${ids.get(r.urn)}`);
    for (const d of r.dependencies)
      if (ids.has(d)) edges.push(`  ${ids.get(d)} --> ${ids.get(r.urn)}`);
  }
  return [...lines, ...[...new Set(edges)].sort(), ""].join("\n");
}

/** Resources by type, for the console. */
export function summary(rec: Recording): string {
  const counts = new Map<string, number>();
  for (const r of rec.registrations.filter(isResource))
    counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const rows = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(...rows.map(([t]) => t.length));
  const total = rows.reduce((n, [, c]) => n + c, 0);
  return [
    ...rows.map(([t, c]) => `  ${t.padEnd(width)}  ${c}`),
    `  ${"total".padEnd(width)}  ${total}`,
  ].join("\n");
}

/**
 * The longest chain of dependent resources (providers and components left out): the part of an
 * `up` that cannot run in parallel. Returns the chain's resource names, first to last.
 */
export function criticalPath(rec: Recording): string[] {
  const nodes = rec.registrations.filter((r) => isResource(r) && r.urn);
  const byUrn = new Map(nodes.map((r) => [r.urn, r]));
  const memo = new Map<string, string[]>();
  const longest = (r: Registration): string[] => {
    const known = memo.get(r.urn);
    if (known) return known;
    let best: string[] = [];
    for (const d of r.dependencies) {
      const dep = byUrn.get(d);
      if (dep) {
        const chain = longest(dep);
        if (chain.length > best.length) best = chain;
      }
    }
    const chain = [...best, r.name];
    memo.set(r.urn, chain);
    return chain;
  };
  return nodes
    .map(longest)
    .reduce(
      (a, b) => (b.length > a.length || (b.length === a.length && b.join() < a.join()) ? b : a),
      [] as string[],
    );
}

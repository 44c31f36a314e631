/**
 * The bench's "same resources declared bare" case: the resources a stack registered (recorded by
 * the mock runtime), declared again one by one with the provider SDKs' own classes and the same
 * inputs, with no component, no settings and no builder of ours. Its time over the bare import is
 * the SDK's own cost for exactly those resources; the program's time over it is this project's.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import * as pulumi from "@pulumi/pulumi";

/** One recorded registration, as the replay needs it (the mock runtime's `Registration`). */
export interface Declared {
  type: string;
  name: string;
  custom: boolean;
  inputs: Record<string, unknown>;
  /** The parent's URN, the provider reference (`<urn>::<id>`), the URNs it depends on. */
  parent?: string;
  provider?: string;
  dependencies?: readonly string[];
  /** Where the inputs held secrets (`stringData`, `a.b[0]`); the outputs it made secret. */
  secretPaths?: readonly string[];
  additionalSecretOutputs?: readonly string[];
}

/** `type::name` of a URN (`urn:pulumi:<stack>::<project>::<parent types>$<type>::<name>`). */
function keyOf(urn: string): string {
  const parts = urn.split("::");
  return `${parts[parts.length - 2].split("$").pop()}::${parts[parts.length - 1]}`;
}

/** The inputs with the value at each secret path made secret again, as the program passed them. */
function withSecrets(inputs: Record<string, unknown>, paths: readonly string[]) {
  const copy = structuredClone(inputs) as Record<string, unknown>;
  for (const p of paths) {
    const keys = [...p.matchAll(/[^.[\]]+/g)].map((m) => m[0]);
    let at: unknown = copy;
    for (const k of keys.slice(0, -1))
      at = at && typeof at === "object" ? (at as Record<string, unknown>)[k] : undefined;
    const leaf = keys[keys.length - 1];
    if (!at || typeof at !== "object" || !(leaf in at))
      throw new Error(`bench replay: no input at ${p}`);
    const parent = at as Record<string, unknown>;
    parent[leaf] = pulumi.secret(parent[leaf]);
  }
  return copy;
}

function resolves(module: string): boolean {
  try {
    require.resolve(module);
    return true;
  } catch {
    return false;
  }
}

/**
 * The module and export that declare a resource type:
 *   pulumi:providers:okta                      → @pulumi/okta/provider, Provider
 *   kubernetes:networking.k8s.io/v1:Ingress    → @pulumi/kubernetes/networking/v1, Ingress
 *   kubernetes:gateway.networking.k8s.io/v1:HTTPRoute → …/apiextensions/customResource, CustomResource
 *   okta:auth/serverScope:ServerScope          → @pulumi/okta/auth, ServerScope
 *   okta:index/appGroupAssignments:AppGroupAssignments → @pulumi/okta/appGroupAssignments, AppGroupAssignments
 * (the modules the program itself imports: an index type by its own file, not the package index)
 * @throws for a token that is not `package:module:Name`.
 */
export function classOf(type: string): { module: string; name: string } {
  const parts = type.split(":");
  if (parts.length !== 3 || parts.some((p) => p === ""))
    throw new Error(`bench replay: ${type} is not a resource type token (package:module:Name)`);
  const [pkg, mod, name] = parts;
  if (pkg === "pulumi" && mod === "providers")
    return { module: `@pulumi/${name}/provider`, name: "Provider" };
  const [first, version] = mod.split("/");
  if (pkg === "kubernetes") {
    const builtIn = `@pulumi/kubernetes/${first.split(".")[0]}/${version}`;
    if (resolves(builtIn)) return { module: builtIn, name };
    // A custom resource (an HTTPRoute, the controller's Pomerium object): the generic classes,
    // which take their type from the inputs' apiVersion and kind.
    return name.endsWith("Patch")
      ? {
          module: "@pulumi/kubernetes/apiextensions/customResourcePatch",
          name: "CustomResourcePatch",
        }
      : { module: "@pulumi/kubernetes/apiextensions/customResource", name: "CustomResource" };
  }
  return { module: `@pulumi/${pkg}/${first === "index" ? version : first}`, name };
}

/** A provider's inputs as recorded: its SDK JSON-encodes every non-string input; decode them back. */
function providerInputs(inputs: Record<string, unknown>): Record<string, unknown> {
  const decode = (v: unknown) => {
    if (typeof v !== "string") return v;
    try {
      const parsed: unknown = JSON.parse(v);
      return typeof parsed === "string" ? v : parsed;
    } catch {
      return v;
    }
  };
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, decode(v)]));
}

type Ctor = new (
  name: string,
  args: Record<string, unknown>,
  opts: pulumi.CustomResourceOptions,
) => pulumi.Resource;

/**
 * Declares every recorded resource again (components as plain ComponentResources), in the order
 * recorded, with the same parent, provider, dependencies, secret inputs and secret outputs; the SDK
 * classes add their own aliases as they did for the program.
 */
export function declareBare(resources: readonly Declared[]): number {
  const made = new Map<string, pulumi.Resource>();
  const find = (urn: string) => {
    const r = made.get(keyOf(urn));
    if (!r) throw new Error(`bench replay: ${urn} is not declared before its use`);
    return r;
  };
  let n = 0;
  for (const r of resources) {
    if (r.type === "pulumi:pulumi:Stack") continue;
    const opts: pulumi.CustomResourceOptions = {
      ...(r.parent && !r.parent.includes("pulumi:pulumi:Stack") ? { parent: find(r.parent) } : {}),
      ...(r.provider
        ? {
            provider: find(
              r.provider.slice(0, r.provider.lastIndexOf("::")),
            ) as pulumi.ProviderResource,
          }
        : {}),
      ...(r.dependencies?.length ? { dependsOn: r.dependencies.map(find) } : {}),
      ...(r.additionalSecretOutputs?.length
        ? { additionalSecretOutputs: [...r.additionalSecretOutputs] }
        : {}),
    };
    let made1: pulumi.Resource;
    if (!r.custom) made1 = new pulumi.ComponentResource(r.type, r.name, {}, opts);
    else {
      const { module, name } = classOf(r.type);
      const ctor = (require(module) as Record<string, Ctor | undefined>)[name];
      if (!ctor) throw new Error(`bench replay: ${module} exports no ${name} (for ${r.type})`);
      const inputs = withSecrets(r.inputs, r.secretPaths ?? []);
      made1 = new ctor(
        r.name,
        r.type.startsWith("pulumi:providers:") ? providerInputs(inputs) : inputs,
        opts,
      );
    }
    made.set(`${r.type}::${r.name}`, made1);
    n++;
  }
  return n;
}

/**
 * The bench's "same resources declared bare" case: the resources a stack registered (recorded by
 * the mock runtime), declared again one by one with the provider SDKs' own classes and the same
 * inputs, with no component, no settings and no builder of ours. Its time over the bare import is
 * the SDK's own cost for exactly those resources; the program's time over it is this project's.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import * as pulumi from "@pulumi/pulumi";

/** One recorded registration, as the replay needs it. */
export interface Declared {
  type: string;
  name: string;
  custom: boolean;
  inputs: Record<string, unknown>;
}

/**
 * The module and export that declare a resource type:
 *   pulumi:providers:okta                      → @pulumi/okta/provider, Provider
 *   kubernetes:networking.k8s.io/v1:Ingress    → @pulumi/kubernetes/networking/v1, Ingress
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
  if (pkg === "kubernetes")
    return { module: `@pulumi/kubernetes/${first.split(".")[0]}/${version}`, name };
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

type Ctor = new (name: string, args: Record<string, unknown>) => pulumi.Resource;

/** Declares every recorded resource again (components as plain ComponentResources). */
export function declareBare(resources: readonly Declared[]): number {
  let n = 0;
  for (const r of resources) {
    if (r.type === "pulumi:pulumi:Stack") continue;
    if (!r.custom) new pulumi.ComponentResource(r.type, r.name);
    else {
      const { module, name } = classOf(r.type);
      const ctor = (require(module) as Record<string, Ctor | undefined>)[name];
      if (!ctor) throw new Error(`bench replay: ${module} exports no ${name} (for ${r.type})`);
      new ctor(
        r.name,
        r.type.startsWith("pulumi:providers:") ? providerInputs(r.inputs) : r.inputs,
      );
    }
    n++;
  }
  return n;
}

/**
 * The namespace both Pomerium components put their objects in, and who owns it:
 * - `own` (the default for the stack's own `pomerium-<stack>`): a
 *   `Namespace` labelled Pod Security "restricted", deleted on destroy with everything in it. It
 *   must not exist yet: the provider refuses to create an object that exists (since 4.34).
 * - `ifMissing` (the default for a namespace you name): a `NamespacePatch` that creates it when it
 *   is missing and otherwise leaves it as it is. It sets no field (no Pod Security labels on a
 *   namespace others run workloads in: this stack's pods pass "restricted", so any level admits
 *   them), so nothing is adopted, and destroy leaves the namespace and all in it.
 * - `existing`: nothing registered; the namespace must exist.
 * (The stack setting `pomerium.createNamespace` spells them true, "ifMissing" and false.)
 */
import * as corev1 from "@pulumi/kubernetes/core/v1";
import type * as pulumi from "@pulumi/pulumi";

/** Who owns the namespace (the component arg `namespaceOwnership`). */
export const NamespaceOwnership = {
  Own: "own",
  IfMissing: "ifMissing",
  Existing: "existing",
} as const;
export type NamespaceOwnership = (typeof NamespaceOwnership)[keyof typeof NamespaceOwnership];

/**
 * Who owns the namespace: `namespaceOwnership` when given, else the older `createNamespace`
 * (true: own, false: existing), else by default the stack's own name only.
 */
export function namespaceOwnership(
  args: { namespaceOwnership?: NamespaceOwnership; createNamespace?: boolean },
  namespace: string,
  stackDefault: string,
): NamespaceOwnership {
  if (args.namespaceOwnership !== undefined) return args.namespaceOwnership;
  if (args.createNamespace !== undefined) return args.createNamespace ? "own" : "existing";
  return namespace === stackDefault ? "own" : "ifMissing";
}

/** The Namespace (own), the NamespacePatch (ifMissing) or nothing (existing). */
export function pomeriumNamespace(
  resourceName: string,
  namespace: string,
  ownership: NamespaceOwnership,
  labels: Record<string, string>,
  opts: pulumi.CustomResourceOptions,
): pulumi.CustomResource | undefined {
  if (ownership === "existing") return undefined;
  if (ownership === "ifMissing")
    return new corev1.NamespacePatch(resourceName, { metadata: { name: namespace } }, opts);
  return new corev1.Namespace(
    resourceName,
    {
      metadata: {
        name: namespace,
        labels: {
          ...labels,
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/audit": "restricted",
          "pod-security.kubernetes.io/warn": "restricted",
        },
      },
    },
    opts,
  );
}

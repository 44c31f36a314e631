/** The namespace both Pomerium components may create, labelled Pod Security "restricted". */
import * as corev1 from "@pulumi/kubernetes/core/v1";
import type * as pulumi from "@pulumi/pulumi";

export function restrictedNamespace(
  resourceName: string,
  namespace: string,
  labels: Record<string, string>,
  opts: pulumi.CustomResourceOptions,
): corev1.Namespace {
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

/**
 * The per-route children of `PomeriumControllerConfig`: one Ingress per route and, for an upstream
 * outside the cluster, the ExternalName Service its Ingress sends to (controller-upstream.ts).
 */
import * as corev1 from "@pulumi/kubernetes/core/v1";
import * as networkingv1 from "@pulumi/kubernetes/networking/v1";
import type * as pulumi from "@pulumi/pulumi";
import { ControllerSpec, routeIngress } from "./controller-objects";
import type { ExternalUpstream } from "./controller-upstream";
import { annotationsOf } from "./metadata-maps";

/** The ExternalName Service of an outside upstream (its port named after the scheme). */
export function externalServiceArgs(
  svc: ExternalUpstream,
  labels: Record<string, string>,
): corev1.ServiceArgs {
  return {
    metadata: { name: svc.name, namespace: svc.namespace, labels },
    spec: {
      type: "ExternalName",
      externalName: svc.externalName,
      ports: [{ name: svc.secure ? "https" : "http", port: svc.port, protocol: "TCP" }],
    },
  };
}

/** Registers every route's Ingress (and ExternalName Service) under `opts.parent`. */
export function registerRoutes(
  name: string,
  spec: ControllerSpec,
  labels: Record<string, string>,
  annotations: Record<string, string>,
  opts: { parent: pulumi.Resource; dependsOn: pulumi.Resource[] },
): void {
  for (const route of spec.routes) {
    const ing = routeIngress(spec, route);
    const service = ing.externalService
      ? new corev1.Service(
          `${name}-${ing.externalService.name}`,
          externalServiceArgs(ing.externalService, labels),
          opts,
        )
      : undefined;
    new networkingv1.Ingress(
      `${name}-${ing.name}`,
      {
        metadata: {
          name: ing.name,
          namespace: ing.namespace,
          labels,
          ...annotationsOf(annotations, ing.annotations),
        },
        spec: ing.spec,
      },
      { ...opts, dependsOn: [...opts.dependsOn, ...(service ? [service] : [])] },
    );
  }
}

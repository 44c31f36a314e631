/**
 * What the control plane needs besides its binaries: kwok's stages (from the pinned kwok module)
 * and the CRDs the rendered stacks use. The Gateway API CRDs come from the pinned
 * sigs.k8s.io/gateway-api module (config/crd/standard). No served module has the Pomerium Ingress
 * Controller's CRD: this one is built from the project's own model of it
 * (test/pomerium/pomerium-crd.ts), so it proves the API server accepts what the model accepts, not
 * that the model matches the controller's CRD.
 */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import * as z from "zod";
import { pomeriumSpecSchema } from "../../test/pomerium/pomerium-crd";
import { GO_ROOT, goModuleDir } from "./build";
import type { Cluster } from "./cluster";

const KUBE = path.join(GO_ROOT, "kube");

/** kwok's stages: nodes turn Ready and keep a heartbeat; pods run, turn Ready and go on delete. */
export function kwokStages(): string[] {
  const dir = path.join(goModuleDir(KUBE, "sigs.k8s.io/kwok"), "kustomize/stage");
  return [
    "node/fast/node-initialize.yaml",
    "node/heartbeat/node-heartbeat.yaml",
    "pod/fast/pod-ready.yaml",
    "pod/fast/pod-complete.yaml",
    "pod/fast/pod-delete.yaml",
  ].map((f) => path.join(dir, f));
}

/** A JSON schema as a CRD's structural OpenAPI schema. */
export function structural(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(structural);
  if (!schema || typeof schema !== "object") return schema;
  const s = schema as Record<string, unknown>;
  if (Object.keys(s).filter((k) => k !== "$schema").length === 0)
    return { "x-kubernetes-preserve-unknown-fields": true };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === "$schema" || k === "propertyNames") continue;
    if (k === "additionalProperties" && v === false) continue;
    out[k] = k === "properties" ? mapValues(v as Record<string, unknown>) : structural(v);
  }
  return out;
}

const mapValues = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, structural(v)]));

/** The `Pomerium` CRD (ingress.pomerium.io/v1, cluster-scoped) from the project's model. */
export function pomeriumCrd(): Record<string, unknown> {
  const spec = structural(z.toJSONSchema(pomeriumSpecSchema, { io: "input" }));
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "pomerium.ingress.pomerium.io" },
    spec: {
      group: "ingress.pomerium.io",
      scope: "Cluster",
      names: {
        kind: "Pomerium",
        listKind: "PomeriumList",
        plural: "pomerium",
        singular: "pomerium",
      },
      versions: [
        {
          name: "v1",
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: {
            openAPIV3Schema: {
              type: "object",
              required: ["spec"],
              properties: {
                apiVersion: { type: "string" },
                kind: { type: "string" },
                metadata: { type: "object" },
                spec,
                status: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
              },
            },
          },
        },
      ],
    },
  };
}

/**
 * The `Pomerium` object `global` as Pomerium's install docs make it (`kubectl apply`, the
 * installation's bootstrap Secret): ingress-controller mode patches it and requires it to exist.
 */
export const INSTALL_DOCS_POMERIUM = {
  apiVersion: "ingress.pomerium.io/v1",
  kind: "Pomerium",
  metadata: { name: "global" },
  spec: { secrets: "pomerium/bootstrap" },
};

/** The Gateway API CRDs, the Pomerium CRD, and the `Pomerium` object of the install docs. */
export async function installCrds(cluster: Cluster): Promise<void> {
  const dir = path.join(goModuleDir(KUBE, "sigs.k8s.io/gateway-api"), "config/crd/standard");
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".yaml")))
    await cluster.kubectl(["apply", "--server-side", "-f", path.join(dir, f)]);
  await cluster.kubectl(["apply", "--server-side", "-f", "-"], JSON.stringify(pomeriumCrd()));
  await cluster.kubectl(["wait", "--for=condition=Established", "--timeout=60s", "crd", "--all"]);
  await cluster.kubectl(["apply", "-f", "-"], JSON.stringify(INSTALL_DOCS_POMERIUM));
}

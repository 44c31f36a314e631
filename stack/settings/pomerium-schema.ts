/** The `pomerium` settings: the Kubernetes side of the stack. */
import * as z from "zod";
import {
  DEFAULT_POMERIUM_IMAGE,
  DEFAULT_RESOURCES,
  defaultPomeriumName,
} from "../../components/pomerium/spec";
import { dnsLabel, dnsName, quantity } from "./helpers";

export { DEFAULT_POMERIUM_IMAGE } from "../../components/pomerium/spec";

export const pomeriumSchema = (stack: string) =>
  z
    .strictObject({
      mode: z
        .enum(["all-in-one", "ingress-controller"], {
          error: "must be all-in-one (this stack deploys Pomerium) or ingress-controller",
        })
        .default("all-in-one"),
      namespace: dnsLabel("`namespace`").default(defaultPomeriumName(stack)),
      // true: this stack owns it; "ifMissing": created if missing, never deleted; false: it exists.
      // Unset: true for the stack's own default namespace, "ifMissing" for one you name.
      createNamespace: z
        .union([z.boolean(), z.literal("ifMissing")], {
          error: 'must be true (this stack owns the namespace), "ifMissing" or false (it exists)',
        })
        .optional(),
      name: dnsLabel("`name`").default(defaultPomeriumName(stack)),
      image: z
        .string()
        .regex(
          /^[a-z0-9][a-z0-9.-]*(:[0-9]+)?(\/[a-z0-9._-]+)*(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/i,
          {
            error: "must be an image reference such as pomerium/pomerium:v0.33.1",
          },
        )
        .refine(
          (i) =>
            /:[\w][\w.-]*$/.test(i.split("@")[0].split("/").pop() ?? "") || i.includes("@sha256:"),
          {
            error:
              "must be pinned to a tag or digest, e.g. pomerium/pomerium:v0.33.1 (never implicit latest)",
          },
        )
        .refine((i) => !/:latest(@|$)/.test(i), {
          error: "must not use the moving `latest` tag; pin a version",
        })
        .default(DEFAULT_POMERIUM_IMAGE),
      version: z
        .string()
        .regex(/^v?\d+\.\d+\.\d+$/, { error: "must be a version such as v0.33.1" })
        .optional(),
      replicas: z
        .int({ error: "must be a whole number" })
        .min(1, { error: "must be at least 1" })
        .max(50, { error: "must be at most 50" })
        .default(1),
      databroker: z
        .strictObject({
          storage: z
            .enum(["memory", "postgres"], { error: "must be memory or postgres" })
            .default("memory"),
          postgresPort: z.int().min(1).max(65535).default(5432),
          postgresNamespace: dnsLabel("`postgresNamespace`").optional(),
        })
        .prefault({}),
      service: z
        .strictObject({
          type: z
            .enum(["ClusterIP", "LoadBalancer"], { error: "must be ClusterIP or LoadBalancer" })
            .default("ClusterIP"),
          port: z.int().min(1).max(65535).default(80),
          annotations: z.record(z.string(), z.string()).default({}),
        })
        .prefault({}),
      ingress: z
        .strictObject({
          enabled: z.boolean().default(false),
          className: z.string().min(1).optional(),
          tlsSecretName: dnsLabel("`tlsSecretName`").optional(),
          annotations: z.record(z.string(), z.string()).default({}),
        })
        .prefault({}),
      resources: z
        .strictObject({
          requests: z
            .strictObject({
              cpu: quantity("cpu").default(DEFAULT_RESOURCES.requests.cpu),
              memory: quantity("memory").default(DEFAULT_RESOURCES.requests.memory),
            })
            .prefault({}),
          limits: z
            .strictObject({
              cpu: quantity("cpu").default(DEFAULT_RESOURCES.limits.cpu),
              memory: quantity("memory").default(DEFAULT_RESOURCES.limits.memory),
            })
            .prefault({}),
        })
        .prefault({}),
      gateway: z
        .strictObject({
          parentRefs: z
            .array(
              z.strictObject({
                name: dnsName("a Gateway's `name`"),
                namespace: dnsLabel("a Gateway's `namespace`").optional(),
                sectionName: dnsName("a Gateway's `sectionName`").optional(),
              }),
            )
            .min(1, { error: "must name at least one Gateway ({name, namespace?, sectionName?})" }),
          annotations: z.record(z.string(), z.string()).default({}),
        })
        .optional(),
      xffNumTrustedHops: z
        .int({ error: "must be a whole number" })
        .min(0, { error: "must be 0 or more" })
        .max(10, { error: "must be at most 10" })
        .optional(),
      // Wait on `up` for addresses and status that controllers outside the stack write.
      waitForExternal: z.boolean().default(false),
      networkPolicy: z
        .strictObject({
          enabled: z.boolean().default(true),
          ingressNamespaces: z.array(dnsLabel("a namespace")).optional(),
          metricsNamespaces: z.array(dnsLabel("a namespace")).default([]),
        })
        .prefault({}),
      controller: z
        .strictObject({
          pomeriumName: dnsName("`pomeriumName`").default("global"),
          ingressClassName: dnsName("`ingressClassName`").default("pomerium"),
          fieldManager: z
            .string()
            .regex(/^[a-z0-9][a-z0-9._-]{0,127}$/, {
              error: "must be a field manager name: lower-case letters, digits, '.', '_', '-'",
            })
            .default(`okta-pomerium-${stack}`),
          tlsSecretName: dnsName("`tlsSecretName`").optional(),
          authenticateCertificate: z
            .string()
            .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/, {
              error: "must be <namespace>/<name> of the authenticate host's TLS Secret",
            })
            .optional(),
          annotations: z.record(z.string(), z.string()).default({}),
        })
        .prefault({}),
    })
    .prefault({});

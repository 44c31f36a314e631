/**
 * A schema of the Pomerium Ingress Controller's `Pomerium` object (ingress.pomerium.io/v1), written
 * from the CRD's fields in ingress-controller v0.33.1 (apis/ingress/v1/pomerium_types.go and its
 * generated CRD): kubernetes-models has no Pomerium types. It covers every field this program
 * writes strictly, and refuses any other spec key, so a typo or a field the CRD lacks fails here
 * rather than at the API server.
 */
import * as z from "zod";

const namespacedName = z
  .string()
  .min(1)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/, {
    error: 'must be "namespace/name"',
  });
const httpsUri = z.url().regex(/^https:\/\//, { error: "must match ^https://" });

/** Every spec key the CRD defines (v0.33.1); only those this program sets are typed in full. */
const OTHER_SPEC_KEYS = [
  "accessLogFields",
  "authorizeLogFields",
  "caSecrets",
  "cookie",
  "jwtClaimHeaders",
  "mcpAllowedClientIdDomains",
  "mcpAllowedAsMetadataDomains",
  "passIdentityHeaders",
  "programmaticRedirectDomains",
  "runtimeFlags",
  "setResponseHeaders",
  "timeouts",
  "useProxyProtocol",
  "codecType",
  "bearerTokenFormat",
  "idpAccessTokenAllowedAudiences",
  "otel",
  "downstreamMtls",
  "circuitBreakerThresholds",
  "dataBroker",
  "dns",
  "ssh",
  "allowUpgrades",
  "certificateAutoProvision",
  "envoyDynamicExtensions",
  "normalizePath",
  "mergeSlashes",
  "pathWithEscapedSlashesAction",
  "headersWithUnderscoresAction",
] as const;

const spec = z
  .strictObject({
    authenticate: z.strictObject({ url: httpsUri }).optional(),
    identityProvider: z
      .strictObject({
        provider: z.enum([
          "apple",
          "auth0",
          "azure",
          "cognito",
          "github",
          "gitlab",
          "google",
          "hosted",
          "oidc",
          "okta",
          "onelogin",
          "ping",
        ]),
        url: httpsUri.optional(),
        secret: namespacedName.optional(),
        requestParams: z.record(z.string(), z.string()).optional(),
        requestParamsSecret: namespacedName.optional(),
        scopes: z.array(z.string()).optional(),
        serviceAccountFromSecret: z.string().optional(),
      })
      .refine((idp) => idp.provider === "hosted" || idp.secret !== undefined, {
        error: "secret is required unless provider is 'hosted'",
      })
      .optional(),
    secrets: namespacedName,
    certificates: z.array(namespacedName).optional(),
    storage: z
      .strictObject({
        file: z.strictObject({ path: z.string().min(1) }).optional(),
        postgres: z
          .strictObject({
            secret: namespacedName,
            tlsSecret: namespacedName.optional(),
            caSecret: namespacedName.optional(),
          })
          .optional(),
      })
      .optional(),
    ...Object.fromEntries(OTHER_SPEC_KEYS.map((k) => [k, z.unknown().optional()])),
  })
  .refine((s) => s.identityProvider === undefined || s.authenticate !== undefined, {
    error: "authenticate is required if identityProvider is set",
  });

const pomeriumObject = z.object({
  apiVersion: z.literal("ingress.pomerium.io/v1"),
  kind: z.literal("Pomerium"),
  // Cluster-scoped: no namespace.
  metadata: z.object({ name: z.string().min(1), namespace: z.undefined().optional() }).loose(),
  spec,
});

/** The schema of a `Pomerium` object's spec (the real tier builds its CRD from it). */
export const pomeriumSpecSchema = spec;

/** The problems of a `Pomerium` object, empty when it is valid. */
export function pomeriumObjectProblems(obj: unknown): string[] {
  const r = pomeriumObject.safeParse(obj);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

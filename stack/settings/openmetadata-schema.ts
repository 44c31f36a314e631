/** The optional `openMetadata` setting: OpenMetadata's sign-in through Okta. */
import * as z from "zod";
import { dnsLabel, httpsUrl, OKTA_SCOPE_NAME, parseUrl } from "./helpers";

const DOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/i;

export const openMetadataSchema = (stack: string) =>
  z.strictObject({
    url: httpsUrl("`openMetadata.url`").transform((u) => u.replace(/\/+$/, "")),
    clientType: z
      .enum(["public", "confidential"], {
        error:
          "must be public (a single-page app signing in from the browser, the default) or confidential (OpenMetadata's server holds a client secret)",
      })
      .default("public"),
    admins: z
      .array(
        z.email({
          error:
            "must be an e-mail address such as jane.doe@example.com (OpenMetadata's admin principal is the part before the @)",
        }),
        { error: "must be a list of e-mail addresses" },
      )
      .optional(),
    principalDomain: z
      .string()
      .regex(DOMAIN, { error: "must be a domain such as example.com (no @, no scheme)" })
      .optional(),
    allowGroups: z.array(z.string().min(1)).min(1).optional(),
    namespace: dnsLabel("`openMetadata.namespace`").default("openmetadata"),
    secretName: dnsLabel("`openMetadata.secretName`").default(`openmetadata-okta-${stack}`),
    // OpenMetadata's Service (the chart's fullname) and, to override it, the JWKS URL its server
    // fetches its bots' keys from: in the cluster, not through Pomerium or Cloudflare Access.
    serviceName: dnsLabel("`openMetadata.serviceName`").default("openmetadata"),
    jwksUrl: z
      .string()
      .refine((v) => /^https?:$/.test(parseUrl(v)?.protocol ?? ""), {
        error:
          "must be an http(s) URL where OpenMetadata's server reaches its own /api/v1/system/config/jwks, e.g. http://openmetadata.openmetadata.svc.cluster.local:8585/api/v1/system/config/jwks",
      })
      .optional(),
    configSource: z
      .enum(["ENV", "AUTO", "DB"], {
        error:
          "must be ENV (the default: these settings win over OpenMetadata's database copy), AUTO or DB (SECURITY_CONFIG_SOURCE, OpenMetadata 2.1+)",
      })
      .default("ENV"),
    issuerMode: z
      .enum(["ORG_URL", "CUSTOM_URL", "DYNAMIC"], {
        error: "must be ORG_URL, CUSTOM_URL (needs an Okta custom domain) or DYNAMIC",
      })
      .default("ORG_URL"),
    scope: z
      .string()
      .regex(OKTA_SCOPE_NAME, {
        error: "must be a scope name: letters, digits, '_', '.', ':', '-', '/'",
      })
      .default("openmetadata"),
  });

export type OpenMetadataSetting = z.infer<ReturnType<typeof openMetadataSchema>>;

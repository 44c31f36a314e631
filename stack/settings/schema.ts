/**
 * The stack settings contract (config namespace `okta-pomerium`), as zod schemas.
 *
 * Every sub-key has a default that a platform engineer would expect, and every message says what
 * to write instead. Secrets never pass through these schemas: they are read with `getSecret` in
 * `config.ts` and only their presence is validated here.
 */
import * as z from "zod";
import { ROUTE_OPTION_KEYS } from "../../components/pomerium/facts";

import { pomeriumSchema } from "./pomerium-schema";
import { cloudflareAccessSchema } from "./cloudflare-schema";
import { httpsUrl, OKTA_SCOPE_NAME } from "./helpers";
import { openMetadataSchema } from "./openmetadata-schema";

export { DEFAULT_POMERIUM_IMAGE } from "./pomerium-schema";
export { DNS1123_LABEL, parseUrl } from "./helpers";

export const groupSchema = z
  .strictObject({
    name: z
      .string({ error: "a group needs a name (its exact Okta name)" })
      .min(1)
      .max(255, { error: "must be at most 255 characters (Okta's limit for a group name)" })
      .refine((n) => !n.includes("::"), {
        error: 'must not contain "::" (it names a Pulumi resource)',
      }),
    id: z
      .string()
      .regex(/^00g[0-9A-Za-z]{10,30}$/, { error: "must be an Okta group id (00g…, 20 characters)" })
      .optional(),
    create: z.boolean().optional(),
    description: z.string().max(1024).optional(),
  })
  .refine((g) => !(g.create && g.id), {
    error:
      "set either `create: true` (this stack creates the group) or `id` (an existing group), not both",
  });

export const routeSchema = z
  .object({
    from: httpsUrl("`from`"),
    to: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
        error: "`to` must be an upstream URL or a non-empty list of them",
      })
      .optional(),
    allowGroups: z.array(z.string().min(1)).min(1).optional(),
    allowEmails: z
      .array(z.email({ error: "must be an e-mail address" }))
      .min(1)
      .optional(),
    policy: z.unknown().optional(),
  })
  .catchall(z.unknown());

const authorizationServerSchema = (stack: string) =>
  z
    .strictObject({
      mode: z
        .enum(["custom", "org"], {
          error:
            "must be custom (a custom authorization server: needs API Access Management) or org (Okta's org authorization server)",
        })
        .default("custom"),
      orgUrl: httpsUrl("`orgUrl`")
        .transform((u) => u.replace(/\/+$/, ""))
        .optional(),
      name: z.string().min(1).max(128).default(`okta-pomerium-${stack}`),
      audience: z.string().min(1).max(1024).default(`api://okta-pomerium-${stack}`),
      scope: z
        .string()
        .regex(OKTA_SCOPE_NAME, {
          error: "must be a scope name: letters, digits, '_', '.', ':', '-', '/'",
        })
        .refine(
          (s) =>
            ![
              "openid",
              "profile",
              "email",
              "offline_access",
              "address",
              "phone",
              "groups",
            ].includes(s),
          {
            error:
              'must not be an OIDC reserved scope; choose a name of your own such as "pomerium"',
          },
        )
        .default("pomerium"),
      issuerMode: z
        .enum(["ORG_URL", "CUSTOM_URL", "DYNAMIC"], {
          error: "must be ORG_URL, CUSTOM_URL (needs an Okta custom domain) or DYNAMIC",
        })
        .default("ORG_URL"),
      accessTokenLifetimeMinutes: z
        .int({ error: "must be a whole number of minutes" })
        .min(5, { error: "must be at least 5 (Okta's minimum)" })
        .max(1440, { error: "must be at most 1440 (Okta's maximum, one day)" })
        .default(60),
      refreshTokenLifetimeMinutes: z
        .int({ error: "must be a whole number of minutes (0 = unlimited)" })
        .min(0, { error: "must be at least 0 (0 = unlimited)" })
        .max(2628000, { error: "must be at most 2628000 (five years, Okta's maximum)" })
        .default(0),
      refreshTokenWindowMinutes: z
        .int({ error: "must be a whole number of minutes" })
        .min(5, { error: "must be at least 5 (Okta's minimum)" })
        .max(2628000, { error: "must be at most 2628000 (five years, Okta's maximum)" })
        .default(10080),
      allowEveryone: z.boolean().default(false),
    })
    .prefault({});

const groupsClaimSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9_]+$/, { error: "must be a claim name: letters, digits and '_'" })
      .default("groups"),
    filterType: z
      .enum(["STARTS_WITH", "EQUALS", "CONTAINS", "REGEX"], {
        error: "must be STARTS_WITH, EQUALS, CONTAINS or REGEX",
      })
      .default("REGEX"),
    // No default here: the default is derived from `groups` (settings/rules.ts, claimRules).
    filter: z.string().min(1).max(1024).optional(),
  })
  .prefault({});

const directorySyncSchema = z.strictObject({
  apiTokenId: z
    .string()
    .regex(/^00T[0-9A-Za-z]{10,30}$/, { error: "must be an Okta API token id (00T…)" }),
  name: z
    .string({ error: "the token's exact current name in Okta (the import fails otherwise)" })
    .min(1),
  network: z
    .strictObject({
      connection: z.enum(["ANYWHERE", "ZONE"], { error: "must be ANYWHERE or ZONE" }),
      includes: z.array(z.string().min(1)).optional(),
      excludes: z.array(z.string().min(1)).optional(),
    })
    .optional(),
});

/** The `okta-pomerium:*` settings (everything but secrets). Built once per stack: zod schemas are costly to build. */
export function settingsSchema(stack: string) {
  let schema = schemaCache.get(stack);
  if (!schema) schemaCache.set(stack, (schema = buildSettingsSchema(stack)));
  return schema;
}
const schemaCache = new Map<string, ReturnType<typeof buildSettingsSchema>>();

const buildSettingsSchema = (stack: string) =>
  z.strictObject({
    authenticateUrl: httpsUrl("`authenticateUrl`").transform((u) => u.replace(/\/+$/, "")),
    groups: z.array(groupSchema, { error: "must be a list of groups" }).min(1, {
      error: "needs at least one group: the Okta groups that may sign in",
    }),
    routes: z.array(routeSchema, { error: "must be a list of routes" }).min(1, {
      error: "needs at least one route (from, to, and allowGroups, allowEmails or policy)",
    }),
    authorizationServer: authorizationServerSchema(stack),
    groupsClaim: groupsClaimSchema,
    directorySync: directorySyncSchema.optional(),
    pomerium: pomeriumSchema(stack),
    kubernetes: z
      .strictObject({
        context: z.string().min(1).optional(),
        kubeconfigPath: z.string().min(1).optional(),
      })
      .prefault({}),
    protect: z.boolean().default(false),
    cloudflareAccess: cloudflareAccessSchema.optional(),
    openMetadata: openMetadataSchema(stack).optional(),
  });

/** The `okta:*` provider settings (credentials are secrets and read elsewhere). */
export const oktaSchema = z.strictObject({
  orgName: z
    .string({ error: "your Okta org's subdomain, e.g. dev-123456" })
    .regex(/^[a-z0-9][a-z0-9-]*$/i, {
      error: "must be the org subdomain only, e.g. dev-123456 (not a URL)",
    }),
  baseUrl: z
    .string({ error: "the Okta domain: okta.com, oktapreview.com or okta-emea.com" })
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, {
      error: "must be a domain such as okta.com (no scheme, no org)",
    }),
  clientId: z.string().min(1).optional(),
  privateKeyId: z.string().min(1).optional(),
  scopes: z
    .array(
      z.string().regex(/^okta\.[A-Za-z.]+$/, {
        error: "must be an Okta API scope such as okta.apps.manage",
      }),
    )
    .min(1)
    .optional(),
  maxApiCapacity: z.int().min(1).max(100).default(50),
  backoff: z.boolean().default(true),
  maxRetries: z.int().min(0).max(100).default(5),
  minWaitSeconds: z.int().min(1).max(300).default(30),
  maxWaitSeconds: z.int().min(1).max(3600).default(300),
  parallelism: z.int().min(1).max(100).optional(),
  requestTimeout: z.int().min(0).max(300).optional(),
  logLevel: z.int().min(1).max(5).optional(),
  httpProxy: z.string().min(1).optional(),
});

export type RawSettings = z.infer<ReturnType<typeof buildSettingsSchema>>;
export type OktaRawSettings = z.infer<typeof oktaSchema>;
export type GroupSetting = z.infer<typeof groupSchema>;
export type RouteSetting = z.infer<typeof routeSchema>;

/** Keys a route may carry: ours plus Pomerium's own route options. */
export const ROUTE_KEYS: readonly string[] = [
  "from",
  "to",
  "allowGroups",
  "allowEmails",
  "policy",
  ...ROUTE_OPTION_KEYS,
];

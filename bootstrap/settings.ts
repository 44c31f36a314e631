/**
 * The bootstrap project's settings (config namespace `okta-pomerium-bootstrap`, plus the Okta
 * provider's `okta:` keys), validated like the main program's: zod schemas, every problem in one
 * `SettingsError` with its key path, before anything is registered. The SSWS token is read with
 * `getSecret` only.
 */
import * as pulumi from "@pulumi/pulumi";
import * as z from "zod";
import type { AdminRole } from "../components/okta/admin-roles";
import { DeployFeatures } from "../components/okta/api-scopes";
import { Problem, SettingsError } from "../stack/settings/error";
import { ORG_MODE_SERVICE_APP } from "../stack/settings/org-rules";
import { deepFreeze, parseNamespace } from "../stack/settings/parse";
import { plainTextSecrets } from "../stack/settings/plain-secrets";
import { isConfigSecret } from "../stack/sdk-internals";
import { OktaRawSettings, oktaSchema } from "../stack/settings/schema";

export const BOOTSTRAP_PROJECT = "okta-pomerium-bootstrap";
const P = `${BOOTSTRAP_PROJECT}:`;
/** The keys the bootstrap program reads as secrets (`requireSecret`). */
export const BOOTSTRAP_SECRET_KEYS = ["okta:apiToken"] as const;

/** Okta's standard admin roles a client app can hold (`okta.app.OauthRoleAssignment` `type`). */
export const ADMIN_ROLES: readonly AdminRole[] = [
  "SUPER_ADMIN",
  "ORG_ADMIN",
  "APP_ADMIN",
  "API_ACCESS_MANAGEMENT_ADMIN",
  "GROUP_MEMBERSHIP_ADMIN",
  "USER_ADMIN",
  "READ_ONLY_ADMIN",
];

const BASE64URL = /^[A-Za-z0-9_-]+$/;

const bootstrapSchema = (stack: string) =>
  z.strictObject({
    label: z.string().min(1).max(100).default(`okta-pomerium-deploy-${stack}`),
    keyId: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,100}$/, {
        error: "must be a key id: letters, digits, '.', '_', '-'",
      })
      .default(`okta-pomerium-deploy-${stack}`),
    publicJwk: z
      .strictObject({
        kty: z.literal("RSA", { error: 'must be "RSA"' }),
        n: z.string().regex(BASE64URL, { error: "must be the base64url RSA modulus" }).min(300, {
          error: "is too short for an RSA key of at least 2048 bits",
        }),
        e: z.string().regex(BASE64URL, { error: "must be the base64url RSA exponent, e.g. AQAB" }),
        kid: z.string().min(1).optional(),
        alg: z
          .literal("RS256", { error: 'must be "RS256" (Okta signs client assertions with it)' })
          .optional(),
        use: z.literal("sig", { error: 'must be "sig"' }).optional(),
      })
      .optional(),
    features: z
      .strictObject({
        createGroups: z.boolean().default(true),
        authorizationServerMode: z
          .enum(["custom", "org"], {
            error: "must be custom or org (the main stacks' authorizationServer.mode)",
          })
          .default("custom"),
        directorySync: z.boolean().default(false),
        openMetadata: z.boolean().default(false),
      })
      .prefault({}),
    // Absent: the least roles the features need (bootstrap/roles.ts).
    adminRoles: z
      .array(
        z.enum(ADMIN_ROLES as [AdminRole, ...AdminRole[]], {
          error: `must be one of ${ADMIN_ROLES.join(", ")}`,
        }),
      )
      .min(1, { error: "needs at least one role: scopes alone do not permit Okta API calls" })
      .optional(),
    stacks: z
      .array(z.string().regex(/^[A-Za-z0-9._/-]+$/, { error: "must be a stack name" }))
      .default([]),
    protect: z.boolean().default(false),
  });

export type BootstrapRaw = z.infer<ReturnType<typeof bootstrapSchema>>;
export type BootstrapSettings = Readonly<BootstrapRaw & { stack: string; okta: OktaRawSettings }>;

/** The main program's features these settings describe: what the scopes derive from. */
export function bootstrapFeatures(f: BootstrapRaw["features"]): DeployFeatures {
  return {
    createsGroups: f.createGroups,
    customServer: f.authorizationServerMode === "custom" || f.openMetadata,
    directorySync: f.directorySync,
    trustedOrigins: f.openMetadata,
  };
}

/** Validates the bootstrap stack's config (full keys to raw values). @throws SettingsError */
export function parseBootstrapSettings(
  config: Readonly<Record<string, string>>,
  stack: string,
  storedSecret?: readonly string[],
): BootstrapSettings {
  const problems: Problem[] = plainTextSecrets(config, BOOTSTRAP_SECRET_KEYS, storedSecret, stack);
  const s = parseNamespace(BOOTSTRAP_PROJECT, bootstrapSchema(stack), config, problems);
  const okta = parseNamespace("okta", oktaSchema, config, problems);
  if (!config["okta:apiToken"])
    problems.push({
      path: "okta:apiToken",
      message:
        "is required: an SSWS token of an Okta admin allowed to create apps and assign admin roles (`pulumi config set --secret okta:apiToken <token>`); the service app does not exist yet",
    });
  for (const key of ["okta:clientId", "okta:privateKey", "okta:scopes", "okta:privateKeyId"])
    if (config[key] !== undefined)
      problems.push({
        path: key,
        message:
          "is set, but the bootstrap project signs in with the admin's SSWS token only (okta:apiToken): remove it (the service app's credentials go into the main stacks)",
      });
  const jwkKid = s.publicJwk?.kid;
  if (jwkKid !== undefined && config[`${P}keyId`] !== undefined && jwkKid !== s.keyId)
    problems.push({
      path: `${P}publicJwk.kid`,
      message: `is "${jwkKid}", but keyId is "${s.keyId}": give the key id once (or the same in both)`,
    });
  if (s.features?.authorizationServerMode === "org")
    problems.push({
      path: `${P}features.authorizationServerMode`,
      message: `${ORG_MODE_SERVICE_APP} This project creates exactly that service app: set custom here and in the main stacks, or, in org mode, skip the bootstrap (the main stacks use okta:apiToken)`,
    });
  const roles = s.adminRoles ?? [];
  roles.forEach((r, i) => {
    if (roles.indexOf(r) !== i)
      problems.push({ path: `${P}adminRoles[${i}]`, message: `"${r}" is listed twice` });
  });
  if (problems.length > 0) throw new SettingsError(stack, problems);
  const raw = s as BootstrapRaw;
  return deepFreeze({
    ...raw,
    keyId: jwkKid ?? raw.keyId,
    stack,
    okta: okta as OktaRawSettings,
  });
}

/** Reads the settings from Pulumi's runtime config, and the SSWS token with `getSecret`. */
export function loadBootstrapSettings(): {
  settings: BootstrapSettings;
  apiToken: pulumi.Output<string>;
} {
  const all = pulumi.runtime.allConfig();
  const storedSecret = Object.keys(all).filter(isConfigSecret);
  const settings = parseBootstrapSettings(all, pulumi.getStack(), storedSecret);
  const apiToken = new pulumi.Config("okta").requireSecret("apiToken");
  return { settings, apiToken };
}

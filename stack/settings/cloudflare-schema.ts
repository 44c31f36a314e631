/** The optional `cloudflareAccess` settings: Cloudflare Access in front of apps, on the same Okta. */
import * as z from "zod";
import { DEFAULT_SESSION_DURATION, sessionDurationProblem } from "../../components/cloudflare/plan";

/**
 * A Go duration as Cloudflare takes it: "24h", "30m", "2h45m", "0s" (immediate timeout), at most
 * one month ("730h"): Cloudflare refuses longer sessions.
 */
const duration = z
  .string({ error: 'must be a duration such as "24h" or "30m"' })
  .superRefine((d, ctx) => {
    const problem = sessionDurationProblem(d);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const appSchema = z.strictObject({
  name: z
    .string({ error: "an app needs a name" })
    .max(63, { error: "must be at most 63 characters" })
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
      error:
        "must be lower-case letters, digits and '-', starting and ending with a letter or digit (it names the app's resources)",
    }),
  // Checked in cloudflare-rules.ts, which can name the value and the fix.
  domain: z.string({ error: "the hostname Access protects, e.g. wiki.example.com" }),
  allowGroups: z
    .array(z.string().min(1), { error: "must be a list of Okta group names" })
    .min(1, { error: "needs at least one group: the Okta groups allowed into this app" }),
  sessionDuration: duration.optional(),
});

export const cloudflareAccessSchema = z.strictObject({
  accountId: z
    .string({ error: "the Cloudflare account id (32 hex characters)" })
    .regex(/^[0-9a-f]{32}$/, {
      error:
        "must be a Cloudflare account id: 32 lower-case hex characters (dashboard: Account home, Account ID)",
    }),
  teamDomain: z.string().optional(),
  identityProviderName: z.string().min(1).max(100).optional(),
  sessionDuration: duration.default(DEFAULT_SESSION_DURATION),
  apps: z
    .array(appSchema, { error: "must be a list of apps" })
    .min(1, { error: "needs at least one app: {name, domain, allowGroups}" }),
});

/** The `cloudflare:*` provider settings: only the secret `cloudflare:apiToken` (read elsewhere). */
export const cloudflareProviderSchema = z.strictObject({});

export type CloudflareAccessSetting = z.infer<typeof cloudflareAccessSchema>;

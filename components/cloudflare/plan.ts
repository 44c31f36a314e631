/**
 * Pure decisions behind the Cloudflare Access component: the callback URL Okta must allow, and
 * the exact inputs of the identity provider, each app's policy and each application. Tested
 * without mocks. Facts: the team's relying-parties.md ("Cloudflare Access with Okta"), checked
 * against @pulumi/cloudflare 6.22.1's type declarations.
 */
import type * as pulumi from "@pulumi/pulumi";

type In = pulumi.Input<string>;

/** Cloudflare Access's default session length (set explicitly, so no provider default can drift). */
export const DEFAULT_SESSION_DURATION = "24h";

/**
 * The longest session Cloudflare Access takes: "1 month" (developers.cloudflare.com/cloudflare-one/
 * identity/users/session-management: an application session from immediate timeout to 1 month; the
 * dashboard's and provider v4's longest choice is `730h`). `0s` (immediate timeout) is allowed.
 */
export const MAX_SESSION_DURATION = "730h";

const UNIT_SECONDS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};
const DURATION = /^(\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;

/** A Go duration ("2h45m", "0s") in seconds, or undefined when it is not one. */
export function durationSeconds(d: string): number | undefined {
  if (!DURATION.test(d)) return undefined;
  let total = 0;
  for (const [, n, unit] of d.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
    total += Number(n) * UNIT_SECONDS[unit];
  return total;
}

/** Why Cloudflare would refuse a session duration (undefined when it takes it). */
export function sessionDurationProblem(d: string): string | undefined {
  const seconds = durationSeconds(d);
  if (seconds === undefined)
    return `must be a duration such as "24h", "30m", "2h45m" or "0s" (units: ns, us, ms, s, m, h; got "${d}")`;
  if (seconds > durationSeconds(MAX_SESSION_DURATION)!)
    return `is "${d}", longer than Cloudflare Access allows (at most 1 month, ${MAX_SESSION_DURATION}); use ${MAX_SESSION_DURATION} or less`;
  return undefined;
}

/** Okta's sign-in redirect for Cloudflare Access: the team domain's Access callback. */
export function accessCallbackUrl(teamDomain: string): string {
  return `https://${teamDomain.replace(/\/+$/, "")}/cdn-cgi/access/callback`;
}

/**
 * The Okta account URL Cloudflare's IdP signs in at: the origin of the issuer the server reports.
 * With `issuerMode: CUSTOM_URL` Okta puts the custom domain in `iss`, so the org URL would not match
 * it; in org mode the issuer is the org URL (or `orgUrl`, a custom domain).
 */
export function oktaAccountOf(issuer: string): string {
  return new URL(issuer).origin;
}

/** The identity provider's Okta settings, as this component takes them. */
export interface IdentityProviderPlan {
  name: In;
  clientId: In;
  clientSecret: In;
  oktaAccount: In;
  authorizationServerId?: In;
  claims: readonly In[];
  pkceEnabled: boolean;
}

/** `ZeroTrustAccessIdentityProvider` inputs: an account-level Okta IdP. */
export function identityProviderInputs(accountId: In, p: IdentityProviderPlan) {
  return {
    accountId,
    name: p.name,
    type: "okta",
    config: {
      clientId: p.clientId,
      clientSecret: p.clientSecret,
      oktaAccount: p.oktaAccount,
      ...(p.authorizationServerId !== undefined
        ? { authorizationServerId: p.authorizationServerId }
        : {}),
      // None on the org authorization server: custom claims need a custom one.
      ...(p.claims.length > 0 ? { claims: [...p.claims] } : {}),
      pkceEnabled: p.pkceEnabled,
    },
  };
}

/**
 * `ZeroTrustAccessPolicy` inputs: allow, one `okta` include per group (includes are ORed). Access
 * reads the groups from the ID token at sign-in, so each name is the group's Okta name, exactly as
 * the groups claim carries it. The policy carries the app's session duration: a reusable policy's
 * `session_duration` (provider default `24h`) takes precedence over the application's
 * (terraform-provider-cloudflare v5 `zero_trust_access_policy/schema.go`; Cloudflare's session
 * management docs: "Policy session duration, which defaults to the application session duration").
 */
export function policyInputs(
  accountId: In,
  name: In,
  idpId: In,
  groups: readonly string[],
  sessionDuration: In,
) {
  return {
    accountId,
    name,
    decision: "allow",
    includes: groups.map((g) => ({ okta: { identityProviderId: idpId, name: g } })),
    sessionDuration,
  };
}

/**
 * `ZeroTrustAccessApplication` inputs: self-hosted, this IdP only, straight to Okta (no IdP
 * picker: `autoRedirectToIdentity` needs exactly one allowed IdP), with its one policy.
 */
export function applicationInputs(
  accountId: In,
  app: { name: In; domain: In; sessionDuration: In },
  idpId: In,
  policyId: In,
) {
  return {
    accountId,
    name: app.name,
    type: "self_hosted",
    domain: app.domain,
    allowedIdps: [idpId],
    autoRedirectToIdentity: true,
    policies: [{ id: policyId, precedence: 1 }],
    sessionDuration: app.sessionDuration,
  };
}

/** Problems with the component's args that Cloudflare would refuse, in the args' own terms. */
export function accessProblems(
  apps: readonly { name: string; domain?: unknown; sessionDuration?: unknown }[],
): string[] {
  const problems: string[] = [];
  if (apps.length === 0) problems.push("apps must list at least one application");
  apps.forEach((a, i) => {
    if (apps.findIndex((o) => o.name === a.name) !== i)
      problems.push(`app "${a.name}" is listed twice`);
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(a.name))
      problems.push(
        `app name "${a.name}" must be lower-case letters, digits and '-' (it names resources)`,
      );
    // Checked only when plain (an Output is checked by Cloudflare).
    const problem =
      typeof a.sessionDuration === "string" ? sessionDurationProblem(a.sessionDuration) : undefined;
    if (problem) problems.push(`app "${a.name}" sessionDuration ${problem}`);
  });
  return problems;
}

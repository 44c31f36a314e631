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

/** Okta's sign-in redirect for Cloudflare Access: the team domain's Access callback. */
export function accessCallbackUrl(teamDomain: string): string {
  return `https://${teamDomain.replace(/\/+$/, "")}/cdn-cgi/access/callback`;
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
      claims: [...p.claims],
      pkceEnabled: p.pkceEnabled,
    },
  };
}

/**
 * `ZeroTrustAccessPolicy` inputs: allow, one `okta` include per group (includes are ORed). Access
 * reads the groups from the ID token at sign-in, so each name is the group's Okta name, exactly as
 * the groups claim carries it.
 */
export function policyInputs(accountId: In, name: In, idpId: In, groups: readonly string[]) {
  return {
    accountId,
    name,
    decision: "allow",
    includes: groups.map((g) => ({ okta: { identityProviderId: idpId, name: g } })),
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
export function accessProblems(apps: readonly { name: string; domain?: unknown }[]): string[] {
  const problems: string[] = [];
  if (apps.length === 0) problems.push("apps must list at least one application");
  apps.forEach((a, i) => {
    if (apps.findIndex((o) => o.name === a.name) !== i)
      problems.push(`app "${a.name}" is listed twice`);
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(a.name))
      problems.push(
        `app name "${a.name}" must be lower-case letters, digits and '-' (it names resources)`,
      );
  });
  return problems;
}

/**
 * Pure decisions behind the Okta component: names, scopes, redirect URIs, how each group is found.
 * Tested without mocks.
 */

/** Scopes Pomerium always needs; `offline_access` is what makes Okta issue refresh tokens. */
export const OIDC_SCOPES = ["openid", "profile", "email", "offline_access"] as const;

/**
 * The scopes Pomerium requests (`idp_scopes`) and the access rule allows: one list for both, so
 * they cannot disagree. Setting `idp_scopes` replaces Pomerium's default, hence the OIDC four.
 */
export function pomeriumScopes(customScope: string): string[] {
  return [...OIDC_SCOPES, customScope];
}

/** Okta-side names. Every one carries the stack, so dev, staging and prod share one org. */
export function identityNames(stack: string, serverName: string) {
  return {
    app: `okta-pomerium-${stack}`,
    server: serverName,
    policy: `okta-pomerium-${stack}`,
    rule: `okta-pomerium-${stack}-pomerium`,
  } as const;
}

/** Okta's redirect URI, derived from the one `authenticateUrl` setting (never typed twice). */
export function redirectUris(authenticateUrl: string): string[] {
  return [`${authenticateUrl.replace(/\/+$/, "")}/oauth2/callback`];
}

/**
 * Okta's sign-out redirect URI: where Okta sends the browser after ending the session. Unless a
 * sign-out request names its own redirect (or `signout_redirect_url` is set, which this program
 * does not do), Pomerium passes `post_logout_redirect_uri=<authenticateUrl>/.pomerium/signed_out`
 * to Okta's end-session endpoint (pomerium authenticate/handlers_sign_out.go and
 * pkg/identity/oidc/oidc.go `SignOut`). Okta accepts only a URI listed on the app, exactly;
 * the bare authenticate URL is never sent, so listing only it made every sign-out end on an
 * Okta error page.
 */
export function postLogoutRedirectUris(authenticateUrl: string): string[] {
  return [`${authenticateUrl.replace(/\/+$/, "")}/.pomerium/signed_out`];
}

export type GroupPlan =
  | { kind: "create"; name: string; description: string }
  | { kind: "id"; name: string; id: string }
  | { kind: "lookup"; name: string };

/** A group as the groups component takes it: created, given by id, or looked up by name. */
export interface GroupInput {
  name: string;
  create?: boolean;
  id?: string;
  description?: string;
}

/** How each configured group is obtained; only a group given by name alone costs an invoke. */
export function groupPlans(groups: readonly GroupInput[]): GroupPlan[] {
  return groups.map((g): GroupPlan => {
    if (g.create)
      return {
        kind: "create",
        name: g.name,
        description: g.description ?? `Pomerium sign-in (managed by okta-pomerium)`,
      };
    if (g.id) return { kind: "id", name: g.name, id: g.id };
    return { kind: "lookup", name: g.name };
  });
}

/** Okta's group filter, as Okta applies it (a REGEX must match the whole group name). */
export function claimFilterMatches(filterType: string, filter: string, group: string): boolean {
  switch (filterType) {
    case "STARTS_WITH":
      return group.startsWith(filter);
    case "EQUALS":
      return group === filter;
    case "CONTAINS":
      return group.includes(filter);
    default:
      try {
        return new RegExp(`^(?:${filter})$`).test(group);
      } catch {
        return true; // reported as an invalid filter instead
      }
  }
}

/** Which groups each front door names: the input of `frontDoorGroups`. */
export interface FrontDoorUses {
  /** Every configured group, in order. */
  groups: readonly string[];
  /** The groups Pomerium's routes allow (`allowGroups`). */
  pomerium: readonly string[];
  /** Pomerium's raw route policies, as text: a group named in one is Pomerium's too. */
  pomeriumPolicyText: string;
  /** The groups Cloudflare Access apps allow. @default none */
  cloudflare?: readonly string[];
  /** The groups OpenMetadata allows, when it lists them. @default all of Pomerium's */
  openMetadata?: readonly string[];
}

/** The groups each front door's Okta app is assigned (and its claim admits), in `groups` order. */
export interface FrontDoorGroups {
  pomerium: string[];
  cloudflare: string[];
  openMetadata: string[];
  /** Groups only Cloudflare Access or OpenMetadata use: kept off Pomerium's app and claim. */
  elsewhereOnly: string[];
}

/**
 * Groups per front door. A group is Pomerium's unless another front door names it and no route
 * does (by `allowGroups` or in a raw policy): a group only Cloudflare Access or OpenMetadata uses is
 * declared once in `groups` and kept off Pomerium's app. A group nobody names stays Pomerium's (its
 * members may sign in, for `allowEmails` routes).
 */
export function frontDoorGroups(u: FrontDoorUses): FrontDoorGroups {
  const pomeriumUses = new Set(u.pomerium);
  const named = (g: string) => pomeriumUses.has(g) || u.pomeriumPolicyText.includes(g);
  const elsewhere = new Set([...(u.cloudflare ?? []), ...(u.openMetadata ?? [])]);
  const elsewhereOnly = u.groups.filter((g) => elsewhere.has(g) && !named(g));
  const pomerium = u.groups.filter((g) => !elsewhereOnly.includes(g));
  const cf = new Set(u.cloudflare ?? []);
  const om = u.openMetadata ? new Set(u.openMetadata) : new Set(pomerium);
  return {
    pomerium,
    cloudflare: u.groups.filter((g) => cf.has(g)),
    openMetadata: u.groups.filter((g) => om.has(g)),
    elsewhereOnly,
  };
}

/**
 * Pure facts and builders for Okta's org authorization server (orgs without API Access
 * Management) and for a groups claim that carries only the groups a stack can use.
 * Facts: the team's okta-org-server.md.
 */

/**
 * What Pomerium requests from the org authorization server: it has no custom scopes, and it puts
 * the app's groups claim into the ID token only when `groups` is requested. Setting `idp_scopes`
 * replaces Pomerium's default, hence the full list.
 */
export const ORG_SERVER_SCOPES = ["openid", "profile", "email", "groups", "offline_access"];

/**
 * The org authorization server's issuer: the org URL (`https://<orgName>.<baseUrl>`) or the org's
 * custom domain, with no trailing slash (go-oidc, and so Pomerium, requires the discovery
 * document's `issuer` to equal it exactly).
 */
export function orgIssuer(orgName: string, baseUrl: string, customDomainUrl?: string): string {
  return (customDomainUrl ?? `https://${orgName}.${baseUrl}`).replace(/\/+$/, "");
}

/** Okta's limit on a claim's value (the group filter), in characters. */
export const CLAIM_VALUE_MAX = 1024;

/** Java and JavaScript regular expressions share these metacharacters. */
const REGEX_META = /[\\^$.|?*+()[\]{}]/g;

/**
 * A REGEX group filter that admits exactly these group names and no other: each name escaped,
 * the alternation anchored (Okta matches a REGEX filter against the whole group name; the anchors
 * keep it exact under substring matching too). Sorted and deduplicated: a stable value.
 */
export function exactGroupsFilter(names: readonly string[]): string {
  const alternatives = [...new Set(names)].sort().map((n) => n.replace(REGEX_META, "\\$&"));
  return `^(?:${alternatives.join("|")})$`;
}

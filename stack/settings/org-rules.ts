/**
 * Rules for `authorizationServer.mode: org` (Okta's org authorization server, for orgs without API
 * Access Management). Facts: the team's okta-org-server.md.
 */
import type { OktaRawSettings, RawSettings } from "./schema";
import { parseUrl } from "./helpers";
import { describeValue } from "./error";
import { Add, Derived, P } from "./rule-types";

/** Custom-server settings, and why each means nothing on the org server. */
const CUSTOM_ONLY: Readonly<Record<string, string>> = {
  name: "there is no server to name",
  audience: "its access tokens' audience is fixed by Okta",
  scope: "it has no custom scopes",
  issuerMode: "its issuer is the org URL",
  accessTokenLifetimeMinutes: "its token lifetimes are fixed (access 1 hour, refresh 90 days)",
  refreshTokenLifetimeMinutes: "its token lifetimes are fixed (access 1 hour, refresh 90 days)",
  refreshTokenWindowMinutes: "its token lifetimes are fixed (access 1 hour, refresh 90 days)",
  allowEveryone: "it has no access policy: the app's group assignments decide who signs in",
};

/**
 * Why org mode and service-app credentials do not go together (the bootstrap project refuses
 * `features.authorizationServerMode: org` with the same words).
 */
export const ORG_MODE_SERVICE_APP =
  "is org, but the Okta provider signs in with a service app (okta:clientId + okta:privateKey): with OAuth credentials the provider silently skips the app's groups claim, so every allowGroups route would deny everyone. Use an SSWS token (`pulumi config set --secret okta:apiToken …`, and remove okta:clientId, okta:privateKey, okta:scopes), or mode: custom.";

/**
 * In org mode: custom-server keys refused (only those the stack file sets: `explicitKeys`), and
 * service-app provider credentials refused, because the provider silently skips the app-level
 * groups claim with OAuth credentials and every group route would deny everyone. In custom mode:
 * `orgUrl` refused (the custom server reports its own issuer).
 */
export function orgModeRules(
  s: Partial<RawSettings>,
  okta: Partial<OktaRawSettings>,
  derived: Derived,
  explicitKeys: ReadonlySet<string>,
  add: Add,
): void {
  const as = s.authorizationServer;
  if (!as) return;
  const at = `${P}authorizationServer`;
  if (as.mode !== "org") {
    if (as.orgUrl !== undefined)
      add(
        `${at}.orgUrl`,
        "is set, but authorizationServer.mode is custom: the custom server's issuer comes from Okta. Remove it, or set mode: org",
      );
    return;
  }
  for (const key of Object.keys(CUSTOM_ONLY))
    if (explicitKeys.has(key))
      add(
        `${at}.${key}`,
        `is set, but authorizationServer.mode is org, and on Okta's org authorization server ${CUSTOM_ONLY[key]}; remove it, or use mode: custom (needs API Access Management)`,
      );
  const u = as.orgUrl !== undefined ? parseUrl(as.orgUrl) : undefined;
  if (u && (u.pathname !== "/" || u.search || u.hash || u.username))
    add(
      `${at}.orgUrl`,
      `must be the org's custom domain as an origin, like https://login.example.com (got ${describeValue(as.orgUrl)})`,
    );
  if (derived.oktaAuth === "serviceApp" || (okta.clientId && !derived.oktaAuth))
    add(`${at}.mode`, ORG_MODE_SERVICE_APP.replace(/\.$/, ""));
}

/** The authorizationServer keys the stack file sets itself (defaults not counted). */
export function explicitServerKeys(raw: string | undefined): Set<string> {
  if (raw === undefined) return new Set();
  try {
    const v = JSON.parse(raw);
    return new Set(v && typeof v === "object" && !Array.isArray(v) ? Object.keys(v) : []);
  } catch {
    return new Set();
  }
}

/**
 * How a fix names the identity provider: Okta's own words (and where in its Admin Console) when the
 * issuer is on an Okta host, neutral words otherwise (a custom domain, a test issuer), so a fix
 * never sends someone to a console that is not theirs.
 */

/** Okta's cell domains: an org is `<org>.<one of these>`, and so are its issuers. */
export const OKTA_DOMAINS = ["okta.com", "oktapreview.com", "okta-emea.com", "okta-gov.com"];

/** Whether the issuer URL is on an Okta host. */
export function isOktaHost(issuer: string): boolean {
  let host: string;
  try {
    host = new URL(issuer).hostname.toLowerCase();
  } catch {
    return false;
  }
  return OKTA_DOMAINS.some((d) => host.endsWith(`.${d}`));
}

/** The fixes that name the identity provider, for this issuer. */
export function idpFixes(issuer: string) {
  const okta = isOktaHost(issuer);
  const servers = "Okta Admin Console: Security > API > Authorization Servers";
  return {
    inactiveServer: okta
      ? `Pomerium cannot verify ID tokens without the issuer's keys: check the authorization server is Active (${servers})`
      : "Pomerium cannot verify ID tokens without the issuer's keys: check the authorization server is active",
    scopes: okta
      ? `every scope Pomerium requests must exist on the authorization server with "Include in public metadata" set (${servers} > Scopes; metadataPublish ALL_CLIENTS); the scope output must match authorizationServer.scope`
      : "every scope Pomerium requests must exist on the authorization server, published to all clients (metadataPublish ALL_CLIENTS); the scope output must match authorizationServer.scope",
    clientId: okta
      ? "the clientId output must be the client id of an active Okta app (Okta Admin Console: Applications; after a manual deletion: pulumi refresh, then pulumi up)"
      : "the clientId output must be the client id of an active app at the issuer (after a manual deletion: pulumi refresh, then pulumi up)",
    redirectUri: (uri: string) =>
      okta
        ? `add ${uri} to the Okta app's Sign-in redirect URIs (Okta Admin Console: Applications > the app > General; it derives from authenticateUrl: pulumi up does it)`
        : `add ${uri} to the app's redirect URIs at the issuer (it derives from authenticateUrl: pulumi up does it)`,
    readError: okta
      ? "read the error Okta shows and fix the Okta app's settings (Okta Admin Console: Applications > the app)"
      : "read the error the issuer shows and fix the app's settings",
    policy: okta
      ? "the Okta app and the authorization server's access policy must allow what Pomerium requests (scopes, PKCE, grant)"
      : "the app and the authorization server's policy must allow what Pomerium requests (scopes, PKCE, grant)",
  };
}

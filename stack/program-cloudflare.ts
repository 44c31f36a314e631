/**
 * The stack program's Cloudflare Access part (`okta-pomerium:cloudflareAccess`): the settings as the
 * args of a second `OktaApp`, its own authorization server (custom mode) and `CloudflareAccess`. Stack layer, beside program.ts, which calls
 * it only when the section is present: nothing here loads `@pulumi/cloudflare` before that.
 */
import * as pulumi from "@pulumi/pulumi";
import { CloudflareAccess, cloudflareCallbackUrl } from "../components/cloudflare/access";
import { oktaAccountOf } from "../components/cloudflare/plan";
import { OktaApp } from "../components/okta/app";
import { OktaAuthorizationServer } from "../components/okta/authorization-server";
import { exactGroupsFilter, orgIssuer } from "../components/okta/org";
import { OIDC_SCOPES } from "../components/okta/plan";
import { CLOUDFLARE_GROUPS_CLAIM, cloudflareNames } from "./assignments";
import { createCloudflareProvider } from "./providers";

export { CLOUDFLARE_GROUPS_CLAIM, cloudflareNames } from "./assignments";
import type { Settings, SettingsSecrets } from "./settings";

/** The scope Cloudflare Access requests from a custom authorization server for the groups claim. */
export const CLOUDFLARE_GROUPS_SCOPE = "groups";

/** What the stack exports about Cloudflare Access. */
export interface CloudflareOutputs {
  redirectUri: string;
  clientId: string;
  identityProviderId: string;
  applicationAuds: Record<string, string>;
}

/** The Okta app for Cloudflare and the Cloudflare provider, made before the authorization server. */
export interface CloudflareOkta {
  app: OktaApp;
  redirectUri: pulumi.Output<string>;
  provider: pulumi.ProviderResource;
}

/**
 * The second Okta web app: Cloudflare's callback, assigned to exactly the groups its apps allow
 * (`groupNames`, in the order of `groups`; `groupIds` theirs). In org mode it carries its own
 * app-level groups claim, admitting exactly those groups.
 */
export function cloudflareOktaApp(
  s: Settings,
  secrets: SettingsSecrets,
  groupIds: pulumi.Output<string[]>,
  groupNames: readonly string[],
  okta: pulumi.ComponentResourceOptions,
): CloudflareOkta {
  const cf = s.cloudflareAccess!;
  const provider = createCloudflareProvider(secrets);
  const redirectUri = cloudflareCallbackUrl(cf.accountId, cf.teamDomain, { provider });
  const app = new OktaApp(
    "okta-cloudflare",
    {
      label: cloudflareNames(s.stack).app,
      type: "web",
      redirectUris: [redirectUri],
      groupIds,
      // Cloudflare sends PKCE (pkceEnabled below) and Okta checks what is sent; requiring it on the
      // Okta side is left off until checked against Cloudflare on a real org.
      pkceRequired: false,
      ...(s.authorizationServer.mode === "org"
        ? {
            groupsClaim: {
              name: CLOUDFLARE_GROUPS_CLAIM,
              filterType: "REGEX",
              value: exactGroupsFilter(groupNames),
            },
          }
        : {}),
    },
    okta,
  );
  return { app, redirectUri, provider };
}

/**
 * Custom mode: Cloudflare's own authorization server (as OpenMetadata has), so its groups claim
 * admits exactly the groups its apps allow and Pomerium's admits only Pomerium's (a server's claims
 * serve every client on it). The `groups` scope Cloudflare requests, the claim, and one policy for
 * Cloudflare's client with the same token lifetimes as Pomerium's.
 */
export function cloudflareServer(
  s: Settings,
  app: OktaApp,
  groupIds: pulumi.Output<string[]>,
  groupNames: readonly string[],
  okta: pulumi.ComponentResourceOptions,
): OktaAuthorizationServer {
  const as = s.authorizationServer;
  const name = cloudflareNames(s.stack).app;
  return new OktaAuthorizationServer(
    "okta-cloudflare",
    {
      name,
      description: `Cloudflare Access sign-in for stack ${s.stack} (managed by okta-pomerium)`,
      audiences: [`api://${name}`],
      issuerMode: as.issuerMode,
      scopes: [
        {
          name: CLOUDFLARE_GROUPS_SCOPE,
          displayName: `Groups (${s.stack})`,
          description: "Requested by Cloudflare Access for the groups claim",
          default: false,
        },
      ],
      claims: [
        {
          name: CLOUDFLARE_GROUPS_CLAIM,
          claimType: "IDENTITY",
          valueType: "GROUPS",
          groupFilterType: "REGEX",
          value: exactGroupsFilter(groupNames),
        },
      ],
      policies: [
        {
          name,
          description: `Lets the okta-pomerium ${s.stack} Cloudflare app get tokens from this server`,
          clientIds: [app.clientId],
          rule: {
            name,
            scopes: [...OIDC_SCOPES, CLOUDFLARE_GROUPS_SCOPE],
            groupIds,
            accessTokenLifetimeMinutes: as.accessTokenLifetimeMinutes,
            refreshTokenLifetimeMinutes: as.refreshTokenLifetimeMinutes,
            refreshTokenWindowMinutes: as.refreshTokenWindowMinutes,
          },
        },
      ],
    },
    okta,
  );
}

/** The Cloudflare side: the Okta IdP from the app's outputs, a policy and an application per app. */
export function cloudflareAccess(
  s: Settings,
  okta: CloudflareOkta,
  server: { serverId: pulumi.Output<string>; issuer: pulumi.Output<string> } | undefined,
): pulumi.Output<CloudflareOutputs> {
  const cf = s.cloudflareAccess!;
  const names = cloudflareNames(s.stack);
  const access = new CloudflareAccess(
    "cloudflare",
    {
      accountId: cf.accountId,
      identityProvider: {
        name: cf.identityProviderName ?? names.idp,
        clientId: okta.app.clientId,
        clientSecret: okta.app.clientSecret,
        oktaAccount: server
          ? server.issuer.apply(oktaAccountOf)
          : orgIssuer(s.okta.orgName, s.okta.baseUrl, s.authorizationServer.orgUrl),
        // Custom claims need a custom authorization server (Cloudflare's Okta guide); on the org
        // server Access reads the app-level groups claim by itself, so none are passed there.
        ...(server
          ? { authorizationServerId: server.serverId, claims: [CLOUDFLARE_GROUPS_CLAIM] }
          : { claims: [] }),
        pkceEnabled: true,
      },
      apps: cf.apps.map((a) => ({
        name: a.name,
        domain: a.domain,
        allowGroups: [...a.allowGroups],
        sessionDuration: a.sessionDuration ?? cf.sessionDuration,
        displayName: names.application(a.name),
      })),
    },
    { provider: okta.provider, protect: s.protect },
  );
  return pulumi
    .all([okta.redirectUri, okta.app.clientId, access.identityProviderId, access.applicationAuds])
    .apply(([redirectUri, clientId, identityProviderId, auds]) => ({
      redirectUri,
      clientId,
      identityProviderId,
      applicationAuds: Object.fromEntries(cf.apps.map((a, i) => [a.name, auds[i]])),
    }));
}

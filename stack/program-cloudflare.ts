/**
 * The stack program's Cloudflare Access part (`okta-pomerium:cloudflareAccess`): the settings as the
 * args of a second `OktaApp` and of `CloudflareAccess`. Stack layer, beside program.ts, which calls
 * it only when the section is present: nothing here loads `@pulumi/cloudflare` before that.
 */
import * as pulumi from "@pulumi/pulumi";
import { CloudflareAccess, cloudflareCallbackUrl } from "../components/cloudflare/access";
import type { OktaAuthorizationServerArgs } from "../components/okta/authorization-server";
import { OktaApp } from "../components/okta/app";
import type { OktaGroups } from "../components/okta/groups";
import { orgIssuer } from "../components/okta/org";
import { cloudflareAppGroups, cloudflareNames, idsOf } from "./assignments";

export { cloudflareNames } from "./assignments";
import { createCloudflareProvider } from "./providers";
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

/** The second Okta web app: Cloudflare's callback, assigned to exactly the groups its apps allow. */
export function cloudflareOktaApp(
  s: Settings,
  secrets: SettingsSecrets,
  groups: OktaGroups,
  okta: pulumi.ComponentResourceOptions,
): CloudflareOkta {
  const cf = s.cloudflareAccess!;
  const provider = createCloudflareProvider(secrets);
  const redirectUri = cloudflareCallbackUrl(cf.accountId, cf.teamDomain, { provider });
  const names = cloudflareAppGroups(s);
  const app = new OktaApp(
    "okta-cloudflare",
    {
      label: cloudflareNames(s.stack).app,
      type: "web",
      redirectUris: [redirectUri],
      groupIds: groups.ids.apply((ids) => idsOf(names, groups.names, ids)),
      // Cloudflare sends PKCE (pkceEnabled below) and Okta checks what is sent; requiring it on the
      // Okta side is left off until checked against Cloudflare on a real org.
      pkceRequired: false,
      ...(s.authorizationServer.mode === "org"
        ? {
            groupsClaim: {
              name: s.groupsClaim.name,
              filterType: s.groupsClaim.filterType,
              value: s.groupsClaim.filter,
            },
          }
        : {}),
    },
    okta,
  );
  return { app, redirectUri, provider };
}

/**
 * The custom server's args with Cloudflare's client added to the policy (so the server's groups
 * claim serves it too) and the `groups` scope Cloudflare requests, created and allowed by the rule.
 */
export function withCloudflareClient(
  args: OktaAuthorizationServerArgs,
  app: OktaApp,
  stack: string,
): OktaAuthorizationServerArgs {
  const [policy, ...others] = args.policies ?? [];
  return {
    ...args,
    scopes: [
      ...(args.scopes ?? []),
      {
        name: CLOUDFLARE_GROUPS_SCOPE,
        displayName: `Groups (${stack})`,
        description: "Requested by Cloudflare Access for the groups claim",
        default: false,
      },
    ],
    policies: [
      {
        ...policy,
        clientIds: pulumi.all([policy.clientIds, app.clientId]).apply(([ids, cf]) => [...ids, cf]),
        rule: {
          ...policy.rule,
          scopes: pulumi
            .output(policy.rule.scopes)
            .apply((scopes) => [...scopes, CLOUDFLARE_GROUPS_SCOPE]),
        },
      },
      ...others,
    ],
  };
}

/** The Cloudflare side: the Okta IdP from the app's outputs, a policy and an application per app. */
export function cloudflareAccess(
  s: Settings,
  okta: CloudflareOkta,
  serverId: pulumi.Output<string> | undefined,
): pulumi.Output<CloudflareOutputs> {
  const cf = s.cloudflareAccess!;
  const names = cloudflareNames(s.stack);
  const org = s.authorizationServer.mode === "org";
  const access = new CloudflareAccess(
    "cloudflare",
    {
      accountId: cf.accountId,
      identityProvider: {
        name: cf.identityProviderName ?? names.idp,
        clientId: okta.app.clientId,
        clientSecret: okta.app.clientSecret,
        // The org URL; in org mode the issuer itself (a custom domain when orgUrl is set).
        oktaAccount: orgIssuer(
          s.okta.orgName,
          s.okta.baseUrl,
          org ? s.authorizationServer.orgUrl : undefined,
        ),
        ...(serverId ? { authorizationServerId: serverId } : {}),
        claims: [s.groupsClaim.name],
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

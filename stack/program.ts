/**
 * The stack program: settings -> providers -> component args -> outputs. The only file that knows
 * both the stack settings and the components' args. A function (not top-level code) so tests and
 * the offline render evaluate it under mocks.
 */
import * as pulumi from "@pulumi/pulumi";
import { OktaApiToken } from "../components/okta/api-token";
import { OktaApp } from "../components/okta/app";
import { OktaAuthorizationServer } from "../components/okta/authorization-server";
import { OktaGroups } from "../components/okta/groups";
import { ORG_SERVER_SCOPES, orgIssuer } from "../components/okta/org";
import {
  identityNames,
  pomeriumScopes,
  postLogoutRedirectUris,
  redirectUris,
} from "../components/okta/plan";
import { serviceAccountJson } from "../components/pomerium/config";
import { PomeriumControllerConfig } from "../components/pomerium/controller";
import { atLeast, formatVersion, PKCE_SENT_FROM } from "../components/pomerium/facts";
import { Pomerium } from "../components/pomerium/pomerium";
import {
  cloudflareAccess,
  cloudflareOktaApp,
  CloudflareOutputs,
  cloudflareServer,
} from "./program-cloudflare";
import { createOpenMetadata, OpenMetadataOutputs } from "./program-openmetadata";
import { controllerArgs, pomeriumArgs } from "./program-pomerium";
import { createProviders } from "./providers";
import { loadSettings, Settings } from "./settings";
import { cloudflareAppGroups, pomeriumAppGroups, policyRuleGroups } from "./assignments";

export { pomeriumArgs, routeArgs } from "./program-pomerium";

/** What the stack exports. Secrets stay secret Outputs. */
export interface ProgramOutputs extends Partial<OpenMetadataOutputs> {
  issuer: pulumi.Output<string>;
  clientId: pulumi.Output<string>;
  clientSecret: pulumi.Output<string>;
  scopes: readonly string[];
  namespace: pulumi.Output<string>;
  /** Pomerium's Service (all-in-one mode; the controller's own otherwise). */
  serviceName?: pulumi.Output<string>;
  authenticateUrl: string;
  redirectUri: string;
  routeUrls: readonly string[];
  /** The Pomerium version the settings derived (`v0.33.1`): `npm run verify` reads it (PKCE). */
  pomeriumVersion: string;
  /** `custom` or `org`: which authorization server signs users in (`npm run verify` reads it). */
  authorizationServerMode: "custom" | "org";
  idpServiceAccount?: pulumi.Output<string>;
  /** With `cloudflareAccess`: Okta's redirect URI for it, its client id, the IdP and app AUDs. */
  cloudflareAccess?: pulumi.Output<CloudflareOutputs>;
}

export function program(): ProgramOutputs {
  // Everything is validated here, before the first resource is registered.
  const { settings: s, secrets } = loadSettings();
  for (const warning of s.warnings) void pulumi.log.warn(warning);

  const providers = createProviders(s, secrets);
  // Identity resources follow the `protect` setting (children inherit it); the API token is
  // always protected by its component.
  const okta = { provider: providers.okta, protect: s.protect };
  const names = identityNames(s.stack, s.authorizationServer.name);
  // Org mode: Okta's org authorization server (no API Access Management); the app carries the
  // groups claim. Custom mode: this stack's own server carries it.
  const org = s.authorizationServer.mode === "org";
  const scopes = org ? [...ORG_SERVER_SCOPES] : pomeriumScopes(s.authorizationServer.scope);

  const groups = new OktaGroups("okta", { groups: s.groups.map((g) => ({ ...g })) }, okta);
  // Each front door's app gets the groups its own routes or apps allow (stack/assignments.ts: a
  // group only Cloudflare Access or OpenMetadata uses stays off Pomerium's app, rule and claim).
  const pomeriumGroupIds = groups.idsOf(pomeriumAppGroups(s));
  const cfGroups = s.cloudflareAccess ? cloudflareAppGroups(s) : [];
  const app = new OktaApp(
    "okta",
    {
      label: names.app,
      type: "web",
      redirectUris: redirectUris(s.authenticateUrl),
      postLogoutRedirectUris: postLogoutRedirectUris(s.authenticateUrl),
      groupIds: pomeriumGroupIds,
      // Required only when the image sends it: an older Pomerium would be refused by Okta.
      pkceRequired: atLeast(s.pomeriumVersion, PKCE_SENT_FROM),
      ...(org
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
  // Cloudflare Access (optional): its own Okta app, on the same groups and authorization server.
  const cf = s.cloudflareAccess
    ? cloudflareOktaApp(s, secrets, groups.idsOf(cfGroups), cfGroups, okta)
    : undefined;
  const server = org
    ? undefined
    : new OktaAuthorizationServer(
        "okta",
        serverArgs(s, names, app, pomeriumGroupIds, scopes),
        okta,
      );
  // The one place the issuer comes from: Pomerium's idp_provider_url and the `issuer` output.
  const issuer = server
    ? server.issuer
    : pulumi.output(orgIssuer(s.okta.orgName, s.okta.baseUrl, s.authorizationServer.orgUrl));
  // Cloudflare's own server in custom mode: its claim admits its groups, not Pomerium's.
  const cfServer =
    cf && !org ? cloudflareServer(s, cf.app, groups.idsOf(cfGroups), cfGroups, okta) : undefined;
  const cloudflare = cf ? cloudflareAccess(s, cf, cfServer) : undefined;
  if (s.directorySync) {
    const d = s.directorySync;
    new OktaApiToken(
      "okta",
      { tokenId: d.apiTokenId, name: d.name, ...(d.network ? { network: { ...d.network } } : {}) },
      { provider: providers.okta },
    );
  }
  const idpServiceAccount = secrets.directoryApiToken
    ? pulumi.secret(secrets.directoryApiToken.apply(serviceAccountJson))
    : undefined;
  const idp = { issuer, app, scopes, idpServiceAccount };
  const kubernetes = { provider: providers.kubernetes };
  const pomerium =
    s.pomerium.mode === "ingress-controller"
      ? new PomeriumControllerConfig("pomerium", controllerArgs(s, secrets, idp), kubernetes)
      : new Pomerium("pomerium", pomeriumArgs(s, secrets, idp), kubernetes);
  // Optional: OpenMetadata's own app, server, trusted origin and settings Secret.
  const om = s.openMetadata
    ? createOpenMetadata(s, groups, {
        providers: [providers.okta, providers.kubernetes],
        protect: s.protect,
      })
    : undefined;

  return {
    issuer,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    scopes,
    namespace: pomerium.namespace,
    ...(pomerium instanceof Pomerium ? { serviceName: pomerium.serviceName } : {}),
    authenticateUrl: s.authenticateUrl,
    redirectUri: redirectUris(s.authenticateUrl)[0],
    routeUrls: s.routes.map((r) => r.from),
    pomeriumVersion: formatVersion(s.pomeriumVersion),
    authorizationServerMode: s.authorizationServer.mode,
    ...(idpServiceAccount ? { idpServiceAccount } : {}),
    ...(cloudflare ? { cloudflareAccess: cloudflare } : {}),
    ...(om && s.openMetadata
      ? {
          openMetadataClientId: om.clientId,
          openMetadataIssuer: om.issuer,
          openMetadataSecret: `${s.openMetadata.namespace}/${om.secretName}`,
          openMetadataHelmValues: om.helmValues,
        }
      : {}),
  };
}

/** The custom server: the Pomerium scope, the groups claim, and one policy for Pomerium's app. */
function serverArgs(
  s: Settings,
  names: ReturnType<typeof identityNames>,
  app: OktaApp,
  groupIds: pulumi.Output<string[]>,
  scopes: readonly string[],
) {
  const as = s.authorizationServer;
  return {
    name: names.server,
    description: `Pomerium sign-in for stack ${s.stack} (managed by okta-pomerium)`,
    audiences: [as.audience],
    issuerMode: as.issuerMode,
    scopes: [
      {
        name: as.scope,
        displayName: `Pomerium (${s.stack})`,
        description: "Requested by Pomerium when it signs a user in",
        default: true,
      },
    ],
    claims: [
      {
        name: s.groupsClaim.name,
        claimType: "IDENTITY",
        valueType: "GROUPS",
        groupFilterType: s.groupsClaim.filterType,
        value: s.groupsClaim.filter,
      },
    ],
    policies: [
      {
        name: names.policy,
        description: `Lets the okta-pomerium ${s.stack} app get tokens from this server`,
        clientIds: [app.clientId],
        rule: {
          name: names.rule,
          scopes: [...scopes],
          ...(policyRuleGroups(s) === "everyone" ? { everyone: true } : { groupIds }),
          accessTokenLifetimeMinutes: as.accessTokenLifetimeMinutes,
          refreshTokenLifetimeMinutes: as.refreshTokenLifetimeMinutes,
          refreshTokenWindowMinutes: as.refreshTokenWindowMinutes,
        },
      },
    ],
  };
}

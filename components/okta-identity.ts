/**
 * Everything Okta needs for Pomerium to sign users in: the OIDC web app, a custom authorization
 * server with a scope, an access policy and rule and a groups claim, the groups and their
 * assignment to the app, and (adopted, never created) the directory-sync API token.
 * Facts: docs/okta-provider.md of the team (enum strings, required args, autonaming).
 * Longer than most files here: nine Okta resource kinds, each with every input spelled out (no
 * provider default is left to drift), one small method per concern.
 */
// Submodules, not the package index: the index loads every submodule's index (measured in bench).
import { ApiToken } from "@pulumi/okta/apiToken";
import * as oktaApp from "@pulumi/okta/app";
import { AppGroupAssignments } from "@pulumi/okta/appGroupAssignments";
import * as oktaAuth from "@pulumi/okta/auth";
import * as oktaGroup from "@pulumi/okta/group";
import * as pulumi from "@pulumi/pulumi";
import type { Settings } from "./config";
import {
  groupPlans,
  identityNames,
  pomeriumScopes,
  postLogoutRedirectUris,
  redirectUris,
  serviceAccountJson,
} from "./okta-plan";

export interface OktaIdentityArgs {
  /** The validated stack settings (plain values: the component branches on them). */
  settings: Settings;
  /** The `directoryApiToken` secret (SSWS token value), when set. */
  directoryApiToken?: pulumi.Output<string>;
}

export class OktaIdentity extends pulumi.ComponentResource {
  /** The authorization server's issuer: Pomerium's `idp_provider_url`, never built by hand. */
  readonly issuer: pulumi.Output<string>;
  readonly clientId: pulumi.Output<string>;
  /** Secret. */
  readonly clientSecret: pulumi.Output<string>;
  /** The scopes Pomerium must request: exactly those the access rule allows. */
  readonly scopes: readonly string[];
  /** The Okta group names (for the policy builder). */
  readonly groupNames: readonly string[];
  /** Secret: base64 of `{"api_key": …}`, Pomerium's `idp_service_account`, when a token is set. */
  readonly idpServiceAccount?: pulumi.Output<string>;
  readonly app: oktaApp.OAuth;
  readonly server: oktaAuth.Server;

  constructor(name: string, args: OktaIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("okta-pomerium:okta:Identity", name, {}, opts);
    const s = args.settings;
    const names = identityNames(s.stack, s.authorizationServer.name);
    const child: pulumi.CustomResourceOptions = { parent: this, protect: s.protect };

    const app = this.createApp(name, s, names, child);
    const { server, scope } = this.createServer(name, s, names, child);
    const groupIds = this.createGroups(name, s, app, child, opts?.provider);
    const scopes = pomeriumScopes(s.authorizationServer.scope);
    this.createAccessPolicy(name, s, names, { app, server, scope, groupIds, scopes }, child);
    if (s.directorySync) this.adoptDirectoryToken(name, s.directorySync);

    this.app = app;
    this.server = server;
    this.issuer = server.issuer;
    this.clientId = app.clientId;
    this.clientSecret = pulumi.secret(app.clientSecret);
    this.scopes = scopes;
    this.groupNames = s.groups.map((g) => g.name);
    if (args.directoryApiToken)
      this.idpServiceAccount = pulumi.secret(args.directoryApiToken.apply(serviceAccountJson));
    this.registerOutputs({
      issuer: this.issuer,
      clientId: this.clientId,
      clientSecret: this.clientSecret,
    });
  }

  /** The OIDC web app: authorization code + refresh token, redirect URIs derived from one setting. */
  private createApp(
    name: string,
    s: Settings,
    names: Names,
    child: pulumi.CustomResourceOptions,
  ): oktaApp.OAuth {
    return new oktaApp.OAuth(
      `${name}-app`,
      {
        label: names.app,
        type: "web",
        grantTypes: ["authorization_code", "refresh_token"],
        responseTypes: ["code"],
        redirectUris: redirectUris(s.authenticateUrl),
        postLogoutRedirectUris: postLogoutRedirectUris(s.authenticateUrl),
        tokenEndpointAuthMethod: "client_secret_basic",
        // Set explicitly so no provider default can drift; ROTATE with a leeway tolerates two
        // replicas refreshing the same session at once.
        consentMethod: "TRUSTED",
        refreshTokenRotation: "ROTATE",
        refreshTokenLeeway: 30,
        pkceRequired: false,
        omitSecret: false,
        hideIos: true,
        hideWeb: true,
        loginMode: "DISABLED",
        status: "ACTIVE",
      },
      child,
    );
  }

  /** The custom authorization server, its scope and its groups claim. */
  private createServer(
    name: string,
    s: Settings,
    names: Names,
    child: pulumi.CustomResourceOptions,
  ) {
    const as = s.authorizationServer;
    const server = new oktaAuth.Server(
      `${name}-server`,
      {
        name: names.server,
        description: `Pomerium sign-in for stack ${s.stack} (managed by okta-pomerium)`,
        audiences: [as.audience],
        issuerMode: as.issuerMode,
        credentialsRotationMode: "AUTO",
        status: "ACTIVE",
      },
      child,
    );

    const scope = new oktaAuth.ServerScope(
      `${name}-scope`,
      {
        authServerId: server.id,
        name: as.scope,
        displayName: `Pomerium (${s.stack})`,
        description: "Requested by Pomerium when it signs a user in",
        default: true,
        consent: "IMPLICIT",
        metadataPublish: "ALL_CLIENTS",
      },
      child,
    );

    new oktaAuth.ServerClaim(
      `${name}-groups-claim`,
      {
        authServerId: server.id,
        name: s.groupsClaim.name,
        claimType: "IDENTITY",
        valueType: "GROUPS",
        groupFilterType: s.groupsClaim.filterType,
        value: s.groupsClaim.filter,
        alwaysIncludeInToken: true,
        status: "ACTIVE",
      },
      child,
    );
    return { server, scope };
  }

  /** The groups (created, by id, or looked up by name) and their authoritative assignment to the app. */
  private createGroups(
    name: string,
    s: Settings,
    app: oktaApp.OAuth,
    child: pulumi.CustomResourceOptions,
    provider: pulumi.ProviderResource | undefined,
  ): pulumi.Output<string>[] {
    const groupIds = groupPlans(s.groups).map((g) => {
      if (g.kind === "id") return pulumi.output(g.id);
      if (g.kind === "create") {
        // Named after the Okta group, not its position: removing one group from the list must not
        // turn another group's resource into it (Okta would rename the group, members and all).
        return new oktaGroup.Group(
          `${name}-group-${g.name}`,
          { name: g.name, description: g.description },
          child,
        ).id;
      }
      // Looked up by exact name: one invoke per group, and only for groups given by name alone.
      return oktaGroup.getGroupOutput({ name: g.name }, { parent: this, provider }).id;
    });
    new AppGroupAssignments(
      `${name}-assignments`,
      {
        appId: app.id,
        // Authoritative and in settings order: the list is compared in order by the provider.
        groups: groupIds.map((id) => ({ id, profile: "{}" })),
      },
      child,
    );
    return groupIds;
  }

  /** The access policy (the app's client) and its rule (grant, scopes, people, lifetimes). */
  private createAccessPolicy(
    name: string,
    s: Settings,
    names: Names,
    r: {
      app: oktaApp.OAuth;
      server: oktaAuth.Server;
      scope: oktaAuth.ServerScope;
      groupIds: pulumi.Output<string>[];
      scopes: readonly string[];
    },
    child: pulumi.CustomResourceOptions,
  ): void {
    const { app, server, scope, groupIds, scopes } = r;
    const as = s.authorizationServer;
    const policy = new oktaAuth.ServerPolicy(
      `${name}-policy`,
      {
        authServerId: server.id,
        name: names.policy,
        description: `Lets the okta-pomerium ${s.stack} app get tokens from this server`,
        priority: 1,
        clientWhitelists: [app.clientId],
        status: "ACTIVE",
      },
      child,
    );

    new oktaAuth.ServerPolicyRule(
      `${name}-policy-rule`,
      {
        authServerId: server.id,
        policyId: policy.id,
        name: names.rule,
        priority: 1,
        status: "ACTIVE",
        // refresh_token is not a rule grant type: refresh comes from the app's grant + offline_access.
        grantTypeWhitelists: ["authorization_code"],
        scopeWhitelists: [...scopes],
        // A rule for authorization_code must name people (Okta rejects it otherwise).
        groupWhitelists: as.allowEveryone ? ["EVERYONE"] : groupIds,
        accessTokenLifetimeMinutes: as.accessTokenLifetimeMinutes,
        refreshTokenLifetimeMinutes: as.refreshTokenLifetimeMinutes,
        refreshTokenWindowMinutes: as.refreshTokenWindowMinutes,
      },
      { ...child, dependsOn: [scope] },
    );
  }

  /**
   * Okta cannot create API tokens: adopt the existing one (import-only). Deleting it would revoke
   * the token, so it is protected and retained on delete whatever the `protect` setting says.
   */
  private adoptDirectoryToken(name: string, d: NonNullable<Settings["directorySync"]>): void {
    new ApiToken(
      `${name}-directory-token`,
      {
        idProperty: d.apiTokenId,
        name: d.name,
        ...(d.network ? { network: { ...d.network } } : {}),
      },
      {
        parent: this,
        import: d.apiTokenId,
        protect: true,
        retainOnDelete: true,
        ignoreChanges: ["created", "userId", "clientName"],
      },
    );
  }
}

type Names = ReturnType<typeof identityNames>;

/**
 * The Okta service app the main program's provider signs in with (`okta:clientId` +
 * `okta:privateKey`): type `service`, `client_credentials`, `private_key_jwt` with a public-key
 * JWKS, its granted Okta API scopes, and the admin roles that permit those calls (Okta requires
 * both: a scope alone is refused). Facts: the team's relying-parties.md ("The deploy service
 * app") and okta-provider.md §1.7.
 */
import { OauthRoleAssignment } from "@pulumi/okta/app";
import { AppOauthApiScope } from "@pulumi/okta/appOauthApiScope";
import * as pulumi from "@pulumi/pulumi";
import { OktaApp, OktaAppJwkArgs } from "../components/okta/app";

export interface DeployServiceAppArgs {
  /** The app's label in Okta. */
  label: pulumi.Input<string>;
  /** The public key(s) Okta verifies the client assertions with (never a private key). */
  jwks: pulumi.Input<pulumi.Input<OktaAppJwkArgs>[]>;
  /** The org authorization server's issuer, i.e. the org URL (the management API's issuer). */
  orgUrl: pulumi.Input<string>;
  /** Okta API scopes granted to the app (`okta.apps.manage`, …). */
  scopes: string[];
  /** Standard admin role types assigned to the app (plain: each names a child). */
  adminRoles: string[];
}

export class DeployServiceApp extends pulumi.ComponentResource {
  readonly clientId: pulumi.Output<string>;
  readonly appId: pulumi.Output<string>;

  constructor(name: string, args: DeployServiceAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super("okta-pomerium:bootstrap:DeployServiceApp", name, {}, opts);
    if (args.scopes.length === 0 || args.adminRoles.length === 0)
      throw new pulumi.ResourceError(
        `DeployServiceApp "${name}": scopes and adminRoles must each name at least one`,
        this,
      );
    const child = { parent: this };
    const app = new OktaApp(
      name,
      {
        label: args.label,
        type: "service",
        grantTypes: ["client_credentials"],
        tokenEndpointAuthMethod: "private_key_jwt",
        jwks: args.jwks,
      },
      child,
    );
    // Authoritative: grants not listed here are revoked.
    new AppOauthApiScope(
      `${name}-api-scopes`,
      { appId: app.appId, issuer: args.orgUrl, scopes: [...args.scopes] },
      child,
    );
    for (const role of args.adminRoles)
      new OauthRoleAssignment(
        `${name}-role-${role.toLowerCase()}`,
        { clientId: app.clientId, type: role },
        child,
      );
    this.clientId = app.clientId;
    this.appId = app.appId;
    this.registerOutputs({ clientId: this.clientId, appId: this.appId });
  }
}

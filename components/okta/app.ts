/**
 * An Okta OIDC app (web, browser or service) and, when given, its authoritative group assignments.
 * Every input is set explicitly with Okta's exact enum strings, so no provider default can drift.
 * Facts: the team's okta-provider.md §1.1 and §1.6.
 */
// Submodules, not the package index: the index loads every submodule's index (measured in bench).
import * as oktaApp from "@pulumi/okta/app";
import { AppGroupAssignments } from "@pulumi/okta/appGroupAssignments";
import * as pulumi from "@pulumi/pulumi";

/**
 * `web`: a confidential server-side client (Pomerium, Cloudflare Access); `browser`: a single-page
 * app, public, PKCE; `service`: machine to machine, client credentials.
 */
export const OktaAppType = { Web: "web", Browser: "browser", Service: "service" } as const;
export type OktaAppType = (typeof OktaAppType)[keyof typeof OktaAppType];

/** One public key of a `private_key_jwt` client. */
export interface OktaAppJwkArgs {
  /** Key type: `RSA` or `EC`. */
  kty: pulumi.Input<string>;
  /** Key id. */
  kid: pulumi.Input<string>;
  /** RSA exponent. @default none */
  e?: pulumi.Input<string>;
  /** RSA modulus. @default none */
  n?: pulumi.Input<string>;
  /** EC x coordinate. @default none */
  x?: pulumi.Input<string>;
  /** EC y coordinate. @default none */
  y?: pulumi.Input<string>;
}

/**
 * A groups claim on the app itself, for Okta's org authorization server (a custom server carries
 * its claims instead). Note: the provider sets it through an Okta-internal API that needs SSWS
 * (`okta:apiToken`) credentials, and silently skips it with OAuth credentials.
 */
export interface OktaAppGroupsClaimArgs {
  /** The claim's name in the ID token. */
  name: pulumi.Input<string>;
  /** STARTS_WITH, EQUALS, CONTAINS or REGEX (matching the whole group name). */
  filterType: pulumi.Input<string>;
  /** The filter. */
  value: pulumi.Input<string>;
}

/** The args of `OktaApp`. */
export interface OktaAppArgs {
  /** The app's label in Okta; include the stack so several stacks share one org. */
  label: pulumi.Input<string>;
  /** The kind of client; plain, as it decides the defaults below. @default "web" */
  type?: OktaAppType;
  /** Where Okta may send the browser after sign-in (a list: order matters). @default none */
  redirectUris?: pulumi.Input<pulumi.Input<string>[]>;
  /** Where Okta may send the browser after sign-out. @default none */
  postLogoutRedirectUris?: pulumi.Input<pulumi.Input<string>[]>;
  /** @default web and browser: authorization_code + refresh_token; service: client_credentials */
  grantTypes?: pulumi.Input<pulumi.Input<string>[]>;
  /** @default web and service: client_secret_basic (private_key_jwt when `jwks` is set); browser: none */
  tokenEndpointAuthMethod?: pulumi.Input<string>;
  /** Require PKCE on the authorization code flow. @default true for browser, false otherwise */
  pkceRequired?: pulumi.Input<boolean>;
  /** Public keys for `private_key_jwt` (never the private key). @default none */
  jwks?: pulumi.Input<pulumi.Input<OktaAppJwkArgs>[]>;
  /**
   * Okta group ids assigned to the app, authoritatively (others are removed). Note: set means an
   * assignments resource exists, even for an empty list. @default none: assignments left alone
   */
  groupIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** Seconds a rotated refresh token stays valid (two replicas refreshing at once). @default 30 */
  refreshTokenLeeway?: pulumi.Input<number>;
  /** A groups claim on the app (org authorization server only). @default none */
  groupsClaim?: OktaAppGroupsClaimArgs;
}

/** An Okta OIDC app with its group assignments. */
export class OktaApp extends pulumi.ComponentResource {
  /** The Okta app id (`0oa…`). */
  readonly appId: pulumi.Output<string>;
  /** The OAuth client id. */
  readonly clientId: pulumi.Output<string>;
  /** Secret: the client secret (empty for browser apps and key-based service apps). */
  readonly clientSecret: pulumi.Output<string>;

  constructor(name: string, args: OktaAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super("okta-pomerium:index:OktaApp", name, {}, opts);
    const type = args.type ?? "web";
    if (!Object.values<string>(OktaAppType).includes(type))
      throw new pulumi.ResourceError(
        `OktaApp "${name}": type must be web, browser or service (got "${type}")`,
        this,
      );
    const app = new oktaApp.OAuth(`${name}-app`, appInputs(type, args), { parent: this });
    if (args.groupIds !== undefined) {
      new AppGroupAssignments(
        `${name}-assignments`,
        {
          appId: app.id,
          // Authoritative and in the given order: the provider compares the list in order.
          groups: pulumi
            .output(args.groupIds)
            .apply((ids) => ids.map((id) => ({ id, profile: "{}" }))),
        },
        { parent: this },
      );
    }
    this.appId = app.id;
    this.clientId = app.clientId;
    this.clientSecret = pulumi.secret(app.clientSecret);
    this.registerOutputs({ appId: this.appId, clientId: this.clientId });
  }
}

/** The app's inputs for its type: pure, so each type's defaults are tested without mocks. */
export function appInputs(type: OktaAppType, args: OktaAppArgs): oktaApp.OAuthArgs {
  const interactive = type !== "service";
  const auth =
    type === "browser"
      ? "none"
      : args.jwks !== undefined
        ? "private_key_jwt"
        : "client_secret_basic";
  return {
    label: args.label,
    type,
    grantTypes:
      args.grantTypes ??
      (interactive ? ["authorization_code", "refresh_token"] : ["client_credentials"]),
    responseTypes: interactive ? ["code"] : ["token"],
    ...(args.redirectUris !== undefined ? { redirectUris: args.redirectUris } : {}),
    ...(args.postLogoutRedirectUris !== undefined
      ? { postLogoutRedirectUris: args.postLogoutRedirectUris }
      : {}),
    tokenEndpointAuthMethod: args.tokenEndpointAuthMethod ?? auth,
    ...(args.jwks !== undefined ? { jwks: args.jwks } : {}),
    ...(args.groupsClaim !== undefined
      ? { groupsClaim: { type: "FILTER", ...args.groupsClaim } }
      : {}),
    // Set explicitly so no provider default can drift; ROTATE with a leeway tolerates two
    // replicas refreshing the same session at once.
    consentMethod: "TRUSTED",
    ...(interactive
      ? { refreshTokenRotation: "ROTATE", refreshTokenLeeway: args.refreshTokenLeeway ?? 30 }
      : {}),
    pkceRequired: args.pkceRequired ?? type === "browser",
    // false keeps clientSecret in the outputs (true empties it); it is a secret output either way.
    omitSecret: false,
    hideIos: true,
    hideWeb: true,
    loginMode: "DISABLED",
    status: "ACTIVE",
  };
}

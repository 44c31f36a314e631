/**
 * Cloudflare Access in front of apps outside the cluster, signing users in with an Okta OIDC app:
 * one Okta identity provider, and per app an allow policy on Okta group names and a self-hosted
 * application. The Okta side (the app, its assignments, the groups claim) is built with `OktaApp`
 * (and `OktaAuthorizationServer`) and passed in. Facts: the team's relying-parties.md.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  accessCallbackUrl,
  accessProblems,
  applicationInputs,
  DEFAULT_SESSION_DURATION,
  identityProviderInputs,
  policyInputs,
} from "./plan";
import { cloudflareSdk } from "./sdk";

/** The Okta OIDC app Cloudflare signs users in with. */
export interface CloudflareOktaIdpArgs {
  /** The IdP's name on Cloudflare's login page; include the stack. */
  name: pulumi.Input<string>;
  /** The Okta app's client id. */
  clientId: pulumi.Input<string>;
  /** The Okta app's client secret (pass the app's secret output: it stays secret). */
  clientSecret: pulumi.Input<string>;
  /**
   * The Okta account URL: the origin of the issuer Okta puts in `iss`, e.g. https://dev-123456.okta.com,
   * or the custom domain when the authorization server's issuer mode is CUSTOM_URL.
   */
  oktaAccount: pulumi.Input<string>;
  /** A custom authorization server's id (`aus…`). @default none: Okta's org authorization server */
  authorizationServerId?: pulumi.Input<string>;
  /**
   * Custom claims Cloudflare keeps from the ID token (include the groups claim); they take effect
   * only with `authorizationServerId`; `[]` passes none (the org server). @default ["groups"]
   */
  claims?: pulumi.Input<string>[];
  /** Cloudflare sends PKCE (S256) with the authorization request. @default true */
  pkceEnabled?: boolean;
}

/** One application behind Cloudflare Access. */
export interface CloudflareAccessAppArgs {
  /** A short name: lower-case letters, digits and '-' (plain: it names the child resources). */
  name: string;
  /** The hostname Access protects, e.g. `wiki.example.com` (no scheme, no path). */
  domain: pulumi.Input<string>;
  /** Okta group names allowed in, exactly as the groups claim carries them (plain: one rule each). */
  allowGroups: string[];
  /**
   * How long an Access session lasts, e.g. "24h", "30m", "0s" (at most "730h", one month); set on
   * the application and on its policy (whose duration wins). @default "24h"
   */
  sessionDuration?: pulumi.Input<string>;
  /** The application's and its policy's display names. @default the app's name */
  displayName?: pulumi.Input<string>;
}

/** The args of `CloudflareAccess`: the account, the Okta identity provider and the apps. */
export interface CloudflareAccessArgs {
  /** The Cloudflare account id (32 hex characters). */
  accountId: pulumi.Input<string>;
  /** The Okta identity provider. */
  identityProvider: CloudflareOktaIdpArgs;
  /** The applications (plain: one policy and one application each). */
  apps: CloudflareAccessAppArgs[];
}

/** Cloudflare Access on an Okta identity provider. */
export class CloudflareAccess extends pulumi.ComponentResource {
  /** The identity provider's id. */
  readonly identityProviderId: pulumi.Output<string>;
  /** Each application's id, in the order of `apps`. */
  readonly applicationIds: pulumi.Output<string[]>;
  /** Each application's AUD tag (what an origin checks in the Access JWT), in the order of `apps`. */
  readonly applicationAuds: pulumi.Output<string[]>;
  /** Each policy's id, in the order of `apps`. */
  readonly policyIds: pulumi.Output<string[]>;

  constructor(name: string, args: CloudflareAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("okta-pomerium:index:CloudflareAccess", name, {}, opts);
    const problems = accessProblems(args.apps);
    if (problems.length > 0)
      throw new pulumi.ResourceError(`CloudflareAccess "${name}": ${problems.join("; ")}`, this);
    const cf = cloudflareSdk();
    const child = { parent: this };
    const i = args.identityProvider;
    const idp = new cf.ZeroTrustAccessIdentityProvider(
      `${name}-idp`,
      identityProviderInputs(args.accountId, {
        ...i,
        claims: i.claims ?? ["groups"],
        pkceEnabled: i.pkceEnabled ?? true,
      }),
      // The config holds the client secret. The provider's schema marks `client_secret` Sensitive
      // (v5 zero_trust_access_identity_provider/schema.go), so the engine keeps it secret already;
      // marked again here so the whole `config` stays secret whatever a provider upgrade does.
      { ...child, additionalSecretOutputs: ["config"] },
    );
    const made = args.apps.map((a) => {
      const display = a.displayName ?? a.name;
      // The same duration on the policy and the application: the policy's wins (plan.ts).
      const sessionDuration = a.sessionDuration ?? DEFAULT_SESSION_DURATION;
      const policy = new cf.ZeroTrustAccessPolicy(
        `${name}-policy-${a.name}`,
        policyInputs(args.accountId, display, idp.id, a.allowGroups, sessionDuration),
        child,
      );
      const app = new cf.ZeroTrustAccessApplication(
        `${name}-app-${a.name}`,
        applicationInputs(
          args.accountId,
          {
            name: display,
            domain: a.domain,
            sessionDuration,
          },
          idp.id,
          policy.id,
        ),
        child,
      );
      return { policy, app };
    });
    this.identityProviderId = idp.id;
    this.applicationIds = pulumi.all(made.map((m) => m.app.id));
    this.applicationAuds = pulumi.all(made.map((m) => m.app.aud));
    this.policyIds = pulumi.all(made.map((m) => m.policy.id));
    this.registerOutputs({
      identityProviderId: this.identityProviderId,
      applicationIds: this.applicationIds,
      applicationAuds: this.applicationAuds,
      policyIds: this.policyIds,
    });
  }
}

/**
 * The callback URL Okta must allow for Cloudflare Access: from the team domain when it is known
 * (no API call), else from the account's Zero Trust organization (one `getZeroTrustOrganization`
 * invoke on every run). `opts` carries the Cloudflare provider.
 */
export function cloudflareCallbackUrl(
  accountId: pulumi.Input<string>,
  teamDomain: string | undefined,
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<string> {
  if (teamDomain !== undefined) return pulumi.output(accessCallbackUrl(teamDomain));
  return cloudflareSdk()
    .getZeroTrustOrganizationOutput({ accountId }, opts)
    .authDomain.apply(accessCallbackUrl);
}

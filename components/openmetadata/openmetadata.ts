/**
 * OpenMetadata's sign-in through Okta: its app (a single-page `browser` app, or a `web` app with a
 * secret), its own authorization server (audience = that app's client id, so Pomerium's server
 * cannot be shared), a trusted origin for its URL, and a Kubernetes Secret in OpenMetadata's
 * namespace holding the environment variables its server reads. Facts: the team's
 * relying-parties.md ("OpenMetadata with Okta").
 */
import { Secret } from "@pulumi/kubernetes/core/v1";
import { Origin } from "@pulumi/okta/trustedorigin";
import * as pulumi from "@pulumi/pulumi";
import { OktaApp } from "../okta/app";
import { OktaAuthorizationServer, OktaIssuerMode } from "../okta/authorization-server";
import { OIDC_SCOPES } from "../okta/plan";
import {
  OpenMetadataClientType,
  OpenMetadataConfigSource,
  openMetadataEnv,
  openMetadataJwksUrl,
  openMetadataHelmValues,
  openMetadataRedirectUris,
} from "./plan";

/** The args of `OpenMetadata`: its URL, its Okta app and authorization server, and where its Secret goes. */
export interface OpenMetadataArgs {
  /** OpenMetadata's https origin (no path), e.g. https://openmetadata.example.com. */
  url: string;
  /** The Okta objects' name and label; include the stack so several stacks share one org. */
  oktaName: string;
  /** `public` (browser app, PKCE) or `confidential` (web app, secret). @default "public" */
  clientType?: OpenMetadataClientType;
  /** Okta group ids assigned to the app and allowed by the access rule. */
  groupIds: pulumi.Input<pulumi.Input<string>[]>;
  /** @default "ORG_URL" */
  issuerMode?: pulumi.Input<OktaIssuerMode>;
  /** The server's default scope (plain: it names a child). @default "openmetadata" */
  scope?: string;
  /** User names (each admin e-mail without its domain) that become OpenMetadata admins. @default none */
  adminPrincipals?: string[];
  /** The e-mail domain of OpenMetadata's users, e.g. example.com. */
  principalDomain: string;
  /** OpenMetadata's namespace (the Secret goes there; not created). @default "openmetadata" */
  namespace?: string;
  /** The Secret's name. @default "openmetadata-okta" */
  secretName?: string;
  /** OpenMetadata's Service in `namespace` (the chart's fullname). @default "openmetadata" */
  serviceName?: string;
  /**
   * The URL OpenMetadata's server fetches its own JWKS from (its bots' tokens); the public URL may
   * be behind Pomerium or Cloudflare Access, which the server cannot pass.
   * @default `http://<serviceName>.<namespace>.svc.cluster.local:8585/api/v1/system/config/jwks`
   */
  jwksUrl?: string;
  /**
   * `SECURITY_CONFIG_SOURCE` (OpenMetadata 2.1+): `ENV` makes these settings authoritative over
   * the copy in OpenMetadata's database. @default "ENV"
   */
  configSource?: OpenMetadataConfigSource;
  /** Labels on the Secret. @default none */
  labels?: Record<string, string>;
}

/** OpenMetadata's Okta app, authorization server, trusted origin and settings Secret. */
export class OpenMetadata extends pulumi.ComponentResource {
  /** The OAuth client id of OpenMetadata's app (also its server's audience). */
  readonly clientId: pulumi.Output<string>;
  /** The issuer of OpenMetadata's authorization server (`AUTHENTICATION_AUTHORITY`). */
  readonly issuer: pulumi.Output<string>;
  /** The Secret with the environment variables, for `envFrom`. */
  readonly secretName: string;
  /** The equivalent values of OpenMetadata's Helm chart (no secret in them). */
  readonly helmValues: pulumi.Output<Record<string, any>>;

  constructor(name: string, args: OpenMetadataArgs, opts?: pulumi.ComponentResourceOptions) {
    super("okta-pomerium:index:OpenMetadata", name, {}, opts);
    const clientType = args.clientType ?? "public";
    const source = args.configSource ?? "ENV";
    if (!Object.values<string>(OpenMetadataConfigSource).includes(source))
      throw new pulumi.ResourceError(
        `OpenMetadata "${name}": configSource must be ENV, AUTO or DB (got "${source}")`,
        this,
      );
    if (!Object.values<string>(OpenMetadataClientType).includes(clientType))
      throw new pulumi.ResourceError(
        `OpenMetadata "${name}": clientType must be public or confidential (got "${clientType}")`,
        this,
      );
    const u = URL.canParse(args.url) ? new URL(args.url) : undefined;
    if (!u || u.protocol !== "https:" || u.pathname !== "/" || u.search || u.hash)
      throw new pulumi.ResourceError(
        `OpenMetadata "${name}": url must be an https origin without a path (got "${args.url}")`,
        this,
      );
    const url = u.origin;
    if (args.jwksUrl !== undefined && !/^https?:\/\/[^/]+\/\S*$/.test(args.jwksUrl))
      throw new pulumi.ResourceError(
        `OpenMetadata "${name}": jwksUrl must be an http(s) URL (got "${args.jwksUrl}")`,
        this,
      );
    const child = { parent: this };
    const confidential = clientType === "confidential";
    const scope = args.scope ?? "openmetadata";
    const app = new OktaApp(
      name,
      {
        label: args.oktaName,
        type: confidential ? "web" : "browser",
        redirectUris: openMetadataRedirectUris(url),
        postLogoutRedirectUris: [url],
        // Public: PKCE, no secret. Confidential: OpenMetadata's defaults (client_secret_post, no PKCE).
        ...(confidential
          ? { tokenEndpointAuthMethod: "client_secret_post", pkceRequired: false }
          : { tokenEndpointAuthMethod: "none", pkceRequired: true }),
        groupIds: args.groupIds,
      },
      child,
    );
    const server = new OktaAuthorizationServer(
      name,
      {
        name: args.oktaName,
        description: `OpenMetadata sign-in (${args.oktaName}, managed by okta-pomerium)`,
        // OpenMetadata validates the access token's audience against its client id.
        audiences: [app.clientId],
        issuerMode: args.issuerMode ?? "ORG_URL",
        scopes: [
          {
            name: scope,
            displayName: "OpenMetadata",
            description: "Granted to OpenMetadata when it asks for no scope",
            default: true,
          },
        ],
        policies: [
          {
            name: args.oktaName,
            description: `Lets the ${args.oktaName} app get tokens from this server`,
            clientIds: [app.clientId],
            rule: { name: args.oktaName, scopes: [...OIDC_SCOPES, scope], groupIds: args.groupIds },
          },
        ],
      },
      child,
    );
    // The single-page app calls Okta from the browser (CORS) and is sent back to it (REDIRECT).
    new Origin(
      `${name}-trusted-origin`,
      {
        name: args.oktaName,
        origin: url,
        scopes: [{ type: "CORS" }, { type: "REDIRECT" }],
        status: "ACTIVE",
      },
      child,
    );
    const namespace = args.namespace ?? "openmetadata";
    const sso = {
      url,
      clientType,
      adminPrincipals: [...(args.adminPrincipals ?? [])],
      principalDomain: args.principalDomain,
      jwksUrl: args.jwksUrl ?? openMetadataJwksUrl(args.serviceName ?? "openmetadata", namespace),
      configSource: args.configSource ?? "ENV",
    };
    this.secretName = args.secretName ?? "openmetadata-okta";
    const env = pulumi
      .all([server.issuer, app.clientId, app.clientSecret])
      .apply(([issuer, clientId, clientSecret]) =>
        openMetadataEnv({ ...sso, issuer, clientId, ...(confidential ? { clientSecret } : {}) }),
      );
    new Secret(
      `${name}-settings`,
      {
        metadata: {
          name: this.secretName,
          namespace,
          ...(args.labels ? { labels: args.labels } : {}),
        },
        type: "Opaque",
        stringData: pulumi.secret(env),
      },
      child,
    );
    this.clientId = app.clientId;
    this.issuer = server.issuer;
    this.helmValues = pulumi
      .all([server.issuer, app.clientId])
      .apply(([issuer, clientId]) =>
        openMetadataHelmValues({ ...sso, issuer, clientId }, this.secretName),
      );
    this.registerOutputs({ clientId: this.clientId, issuer: this.issuer });
  }
}

/**
 * Adopts an existing Okta API token (for Pomerium's legacy directory sync). Okta cannot create API
 * tokens, so the resource is import-only; deleting it would revoke the token, so it is protected and
 * retained on delete whatever the component's options say. Facts: the team's okta-provider.md §2.
 */
import { ApiToken } from "@pulumi/okta/apiToken";
import * as pulumi from "@pulumi/pulumi";

/** Where the token may be used from. */
export interface OktaApiTokenNetworkArgs {
  /** `ANYWHERE` or `ZONE`. */
  connection: string;
  /** Network zone ids allowed. @default none */
  includes?: string[];
  /** Network zone ids refused. @default none */
  excludes?: string[];
}

/** The args of `OktaApiToken`: the existing token to adopt, as it is in Okta. */
export interface OktaApiTokenArgs {
  /** The token's id (`00T…`). */
  tokenId: string;
  /** The token's exact current name (the provider autonames otherwise and the import fails). */
  name: pulumi.Input<string>;
  /** Its network condition; on the first import it must match the live token. @default left alone */
  network?: OktaApiTokenNetworkArgs;
}

/** An existing Okta API token, adopted (never created, never revoked by Pulumi). */
export class OktaApiToken extends pulumi.ComponentResource {
  /** The adopted token's id. */
  readonly tokenId: pulumi.Output<string>;

  constructor(name: string, args: OktaApiTokenArgs, opts?: pulumi.ComponentResourceOptions) {
    super("okta-pomerium:index:OktaApiToken", name, {}, opts);
    const n = args.network;
    const token = new ApiToken(
      `${name}-directory-token`,
      {
        idProperty: args.tokenId,
        name: args.name,
        ...(n ? { network: { ...n } } : {}),
      },
      {
        parent: this,
        import: args.tokenId,
        protect: true,
        retainOnDelete: true,
        ignoreChanges: ["created", "userId", "clientName"],
      },
    );
    this.tokenId = token.id;
    this.registerOutputs({ tokenId: this.tokenId });
  }
}

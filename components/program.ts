/**
 * The whole program for one stack: settings -> providers -> Okta identity -> Pomerium.
 * A function (not top-level code) so tests and the offline render evaluate it under mocks.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadSettings } from "./config";
import { OktaIdentity } from "./okta-identity";
import { redirectUris } from "./okta-plan";
import { Pomerium } from "./pomerium";
import { createProviders } from "./providers";

/** What the stack exports. Secrets stay secret Outputs. */
export interface ProgramOutputs {
  issuer: pulumi.Output<string>;
  clientId: pulumi.Output<string>;
  clientSecret: pulumi.Output<string>;
  scopes: readonly string[];
  namespace: pulumi.Output<string>;
  serviceName: pulumi.Output<string>;
  authenticateUrl: string;
  redirectUri: string;
  routeUrls: readonly string[];
  idpServiceAccount?: pulumi.Output<string>;
}

export function program(): ProgramOutputs {
  // Everything is validated here, before the first resource is registered.
  const { settings, secrets } = loadSettings();
  for (const warning of settings.warnings) void pulumi.log.warn(warning);

  const providers = createProviders(settings, secrets);
  const identity = new OktaIdentity(
    "okta",
    {
      settings,
      directoryApiToken: secrets.directoryApiToken,
    },
    { provider: providers.okta },
  );
  const pomerium = new Pomerium(
    "pomerium",
    {
      settings,
      issuer: identity.issuer,
      clientId: identity.clientId,
      clientSecret: identity.clientSecret,
      scopes: identity.scopes,
      idpServiceAccount: identity.idpServiceAccount,
      databrokerConnectionString: secrets.databrokerConnectionString,
    },
    { provider: providers.kubernetes },
  );

  return {
    issuer: identity.issuer,
    clientId: identity.clientId,
    clientSecret: identity.clientSecret,
    scopes: identity.scopes,
    namespace: pomerium.namespace,
    serviceName: pomerium.serviceName,
    authenticateUrl: pomerium.authenticateUrl,
    redirectUri: redirectUris(settings.authenticateUrl)[0],
    routeUrls: pomerium.routeUrls,
    ...(identity.idpServiceAccount ? { idpServiceAccount: identity.idpServiceAccount } : {}),
  };
}

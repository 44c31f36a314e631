/**
 * The bootstrap stack program: run once by an Okta admin (SSWS token) to create the service app
 * the main stacks' provider signs in with. Settings -> provider -> key -> app -> outputs.
 */
import { Provider as OktaProvider } from "@pulumi/okta/provider";
import * as pulumi from "@pulumi/pulumi";
import { deployScopes } from "../components/okta/api-scopes";
import type { OktaAppJwkArgs } from "../components/okta/app";
import { orgIssuer } from "../components/okta/org";
import { configCommands } from "./commands";
import { DeployServiceApp } from "./deploy-app";
import { DeployKey, generatedKey } from "./key";
import { bootstrapRoles } from "./roles";
import { bootstrapFeatures, loadBootstrapSettings } from "./settings";

export interface BootstrapOutputs {
  clientId: pulumi.Output<string>;
  keyId: string;
  scopes: readonly string[];
  /** The admin roles assigned to the app. */
  adminRoles: readonly string[];
  /** The JWKS entry Okta holds: public. */
  publicJwk: pulumi.Output<OktaAppJwkArgs>;
  /** Secret, only when the key was generated here. */
  privateKeyPem?: pulumi.Output<string>;
  /** What to run for the main stacks. */
  configCommands: pulumi.Output<string>;
}

export function bootstrapProgram(): BootstrapOutputs {
  const { settings: s, apiToken } = loadBootstrapSettings();
  const o = s.okta;
  const provider = new OktaProvider("okta", {
    orgName: o.orgName,
    baseUrl: o.baseUrl,
    apiToken,
    maxApiCapacity: o.maxApiCapacity,
    backoff: o.backoff,
    maxRetries: o.maxRetries,
    minWaitSeconds: o.minWaitSeconds,
    maxWaitSeconds: o.maxWaitSeconds,
  });
  const key: DeployKey = s.publicJwk
    ? { jwk: pulumi.output({ kty: "RSA", kid: s.keyId, e: s.publicJwk.e, n: s.publicJwk.n }) }
    : generatedKey("deploy", s.keyId, { protect: s.protect });
  // The same features the main program checks okta:scopes with give the scopes and the roles.
  const features = bootstrapFeatures(s.features);
  const scopes = deployScopes(features);
  const { roles, warnings } = bootstrapRoles(features, s.adminRoles);
  for (const warning of warnings) void pulumi.log.warn(warning);
  const app = new DeployServiceApp(
    "deploy",
    {
      label: s.label,
      jwks: [key.jwk],
      orgUrl: orgIssuer(o.orgName, o.baseUrl),
      scopes,
      adminRoles: roles,
    },
    { providers: [provider], protect: s.protect },
  );
  return {
    clientId: app.clientId,
    keyId: s.keyId,
    scopes,
    adminRoles: roles,
    publicJwk: key.jwk,
    ...(key.privateKeyPem ? { privateKeyPem: key.privateKeyPem } : {}),
    configCommands: app.clientId.apply((clientId) =>
      configCommands({
        clientId,
        keyId: s.keyId,
        scopes,
        stacks: s.stacks,
        bootstrapStack: s.stack,
        generatedKey: key.privateKeyPem !== undefined,
      }),
    ),
  };
}

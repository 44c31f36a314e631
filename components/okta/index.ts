/** Okta components: an OIDC app, a custom authorization server, groups, and API token adoption. */
export { OktaApiToken } from "./api-token";
export type { OktaApiTokenArgs, OktaApiTokenNetworkArgs } from "./api-token";
export { OktaApp, OktaAppType } from "./app";
export type { OktaAppArgs, OktaAppGroupsClaimArgs, OktaAppJwkArgs } from "./app";
export { OktaAuthorizationServer, OktaIssuerMode } from "./authorization-server";
export type {
  OktaAccessPolicyArgs,
  OktaAuthorizationServerArgs,
  OktaClaimArgs,
  OktaPolicyRuleArgs,
  OktaScopeArgs,
} from "./authorization-server";
export { OktaGroups } from "./groups";
export type { OktaGroupArgs, OktaGroupsArgs } from "./groups";
export { pomeriumScopes, postLogoutRedirectUris, redirectUris } from "./plan";
export { exactGroupsFilter, ORG_SERVER_SCOPES, orgIssuer } from "./org";
export { deployScopes, missingScopes } from "./api-scopes";
export type { DeployFeatures } from "./api-scopes";

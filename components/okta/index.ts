/** Okta components: an OIDC app, a custom authorization server, groups, and API token adoption. */
export { OktaApiToken } from "./api-token";
export type { OktaApiTokenArgs, OktaApiTokenNetworkArgs } from "./api-token";
export { OktaApp } from "./app";
export type { OktaAppArgs, OktaAppJwkArgs, OktaAppType } from "./app";
export { OktaAuthorizationServer } from "./authorization-server";
export type {
  OktaAccessPolicyArgs,
  OktaAuthorizationServerArgs,
  OktaClaimArgs,
  OktaIssuerMode,
  OktaPolicyRuleArgs,
  OktaScopeArgs,
} from "./authorization-server";
export { OktaGroups } from "./groups";
export type { OktaGroupArgs, OktaGroupsArgs } from "./groups";
export { pomeriumScopes, postLogoutRedirectUris, redirectUris } from "./plan";

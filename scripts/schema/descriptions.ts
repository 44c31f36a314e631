/** One line per top-level setting, shown by editors on hover (README "Settings reference" has the details). */
export const DESCRIPTIONS: Readonly<Record<string, string>> = {
  authenticateUrl:
    "https origin of Pomerium's authenticate service; Okta's redirect URI is <authenticateUrl>/oauth2/callback",
  groups:
    "Okta groups that may sign in: {name, create: true, description?} (created), {name, id} (existing) or {name} (looked up)",
  routes:
    "Pomerium routes: from (an https origin), one destination (to, redirect or response), and allowGroups, allowEmails or a PPL policy",
  authorizationServer:
    "mode custom (this stack's authorization server, default) or org (Okta's org server), with name, audience, scope, lifetimes",
  groupsClaim:
    "The ID-token groups claim: name, filterType, filter (default: exactly the configured groups)",
  directorySync: "Adopt an existing Okta API token (import only): apiTokenId, name, network",
  pomerium:
    "Pomerium on Kubernetes: namespace, image, replicas, databroker, service, ingress, resources, networkPolicy, waitForExternal",
  kubernetes: "The cluster: context and kubeconfigPath (default: the ambient kubeconfig)",
  protect:
    "Protect the Okta identity resources and the namespace from deletion (true in production)",
  "okta:orgName": "The Okta org's subdomain, e.g. dev-123456",
  "okta:baseUrl": "okta.com, oktapreview.com or okta-emea.com",
  "okta:clientId": "The Okta service app's client id (with okta:privateKey and okta:scopes)",
  "okta:scopes": "The service app's Okta API scopes, e.g. okta.apps.manage",
  "okta:maxApiCapacity": "Percentage of Okta's rate limit the provider may use (default 50)",
  "okta:apiToken": "Secret: a legacy SSWS API token (`pulumi config set --secret okta:apiToken`)",
  "okta:privateKey":
    "Secret: the service app's private key (`pulumi config set --secret okta:privateKey < key.pem`)",
  "okta-pomerium:directoryApiToken":
    "Secret: an SSWS token for Pomerium's idp_service_account (Pomerium before v0.20.0 only)",
  "okta-pomerium:databrokerConnectionString":
    "Secret: the Postgres connection string, required with pomerium.databroker.storage: postgres",
};

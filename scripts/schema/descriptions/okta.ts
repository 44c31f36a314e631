/** Descriptions of the Okta settings: the provider, the authorization server, the groups claim. */
import type { KeyDocs } from "./types";

export const OKTA: KeyDocs = {
  "okta:orgName": { description: "The Okta org's subdomain.", example: "dev-123456" },
  "okta:baseUrl": {
    description: "The Okta domain: `okta.com`, `oktapreview.com` or `okta-emea.com`.",
    example: "okta.com",
  },
  "okta:clientId": {
    description:
      "The client id of the Okta service app the provider signs in as (with `okta:privateKey` and `okta:scopes`): what Okta recommends; docs/deploy-credentials.md creates it.",
    example: "0oa1devserviceapp0x7",
  },
  "okta:privateKeyId": {
    description: "The `kid` of the service app's key, when its JWKS names one.",
    example: "dev-deploy-key",
  },
  "okta:scopes": {
    description:
      "The Okta API scopes the service app was granted (a list, or one comma-separated string): `okta.apps.manage`, `okta.authorizationServers.manage` (unless org mode without OpenMetadata), `okta.groups.manage` (or `.read` when no group is created), `okta.policies.read`, `okta.trustedOrigins.manage` with `openMetadata`, `okta.apiTokens.manage` with `directorySync`. Preview warns about each one missing.",
    example: [
      "okta.apps.manage",
      "okta.authorizationServers.manage",
      "okta.groups.manage",
      "okta.policies.read",
    ],
  },
  "okta:maxApiCapacity": {
    description:
      "The percentage of each Okta rate-limit bucket the provider may use before it waits for the bucket to reset (the provider's own default, 100, never waits).",
    example: 40,
  },
  "okta:backoff": { description: "Retry with backoff on 429 and 5xx answers.", example: true },
  "okta:maxRetries": { description: "How many times a request is retried.", example: 5 },
  "okta:minWaitSeconds": {
    description: "The shortest wait before a retry, in seconds.",
    example: 30,
  },
  "okta:maxWaitSeconds": {
    description: "The longest wait before a retry, in seconds.",
    example: 300,
  },
  "okta:parallelism": {
    description:
      "Passed to the provider, which does not use it (read in its source): bound concurrency with `pulumi up --parallel N`.",
    default: "the provider's",
    example: 2,
  },
  "okta:requestTimeout": {
    description: "The provider's timeout per request, in seconds (0: none).",
    default: "the provider's",
    example: 60,
  },
  "okta:logLevel": {
    description: "The provider's log level, 1 (errors) to 5 (everything).",
    default: "the provider's",
    example: 2,
  },
  "okta:httpProxy": {
    description:
      "A proxy for the provider's requests. Store it `secure:` when it holds a password: it reaches the provider still secret.",
    default: "none",
    example: "http://proxy.example.com:3128",
  },
  "okta:apiToken": {
    description:
      "Secret: a legacy SSWS API token, instead of the service app. Org mode needs it (the provider cannot set the app's groups claim with a service app).",
    example: "pulumi config set --secret okta:apiToken <SSWS token>",
  },
  "okta:privateKey": {
    description:
      "Secret: the service app's private key (PEM), with `okta:clientId` and `okta:scopes`.",
    example: "pulumi config set --secret okta:privateKey < okta-service-app.pem",
  },
  authorizationServer: {
    description:
      "Which authorization server issues Pomerium's tokens: this stack's custom server (default), or Okta's org server. Every key but `mode` and `orgUrl` is for the custom server and is refused in org mode, naming it.",
    example: { mode: "custom", accessTokenLifetimeMinutes: 30 },
  },
  "authorizationServer.mode": {
    description:
      "`custom`: this stack's own authorization server (needs API Access Management). `org`: Okta's org authorization server (no add-on; needs `okta:apiToken`). See docs/modes.md.",
    example: "org",
  },
  "authorizationServer.orgUrl": {
    description:
      "Org mode only: the org's custom domain, when users sign in there; the issuer is then this origin (no trailing slash).",
    default: "`https://<orgName>.<baseUrl>`",
    example: "https://login.example.com",
  },
  "authorizationServer.name": {
    description: "The custom authorization server's name in Okta.",
    example: "pomerium-dev",
  },
  "authorizationServer.audience": {
    description: "The custom authorization server's single audience.",
    example: "api://pomerium-dev",
  },
  "authorizationServer.scope": {
    description:
      "The custom scope Pomerium requests, and the access rule allows (not an OIDC reserved scope).",
    example: "pomerium",
  },
  "authorizationServer.issuerMode": {
    description: "The server's issuer mode; `CUSTOM_URL` needs an Okta custom domain.",
    example: "ORG_URL",
  },
  "authorizationServer.accessTokenLifetimeMinutes": {
    description: "The access tokens' lifetime, in minutes.",
    example: 30,
  },
  "authorizationServer.refreshTokenLifetimeMinutes": {
    description: "The refresh tokens' lifetime, in minutes; 0 is unlimited.",
    example: 43200,
  },
  "authorizationServer.refreshTokenWindowMinutes": {
    description:
      "How long an unused refresh token stays valid, in minutes: between the access and the refresh token lifetimes.",
    example: 10080,
  },
  "authorizationServer.allowEveryone": {
    description:
      "The access rule applies to Everyone instead of `groups` (sign-in still needs an app assignment).",
    example: false,
  },
  groupsClaim: {
    description:
      "The ID-token claim that carries the user's groups, which routes match on. The default filter keeps tokens and Pomerium's cookie to the groups this stack uses.",
    example: { filterType: "STARTS_WITH", filter: "pomerium-dev-" },
  },
  "groupsClaim.name": { description: "The claim's name.", example: "groups" },
  "groupsClaim.filterType": {
    description:
      "How `filter` matches group names, as Okta applies it (a `REGEX` must match the whole name).",
  },
  "groupsClaim.filter": {
    description:
      "Which of the user's groups the claim carries; every group a route allows must pass it. `.*` is possible, with a warning: users in many groups get oversized cookies and headers.",
    default:
      "exactly the configured `groups` (`^(?:<name>|<name>…)$`, escaped and sorted); refused when longer than Okta's 1024 characters: use `STARTS_WITH` with a shared prefix",
    example: "pomerium-dev-",
  },
  directorySync: {
    description:
      "Adopt an existing Okta API token (import only: Okta cannot create tokens through its API) to manage its network restriction. It is protected and retained on delete; the service app needs `okta.apiTokens.manage`.",
    example: { apiTokenId: "00T1a2b3c4d5e6f7g8h9", name: "pomerium-directory-sync" },
  },
  "directorySync.apiTokenId": {
    description: "The token's id (`00T…`).",
    example: "00T1a2b3c4d5e6f7g8h9",
  },
  "directorySync.name": {
    description: "The token's exact current name in Okta: the import fails otherwise.",
    example: "pomerium-directory-sync",
  },
  "directorySync.network": {
    description:
      "The token's network restriction. On the first `up` give its current one (or omit it); change it in a later `up`.",
    example: { connection: "ZONE", includes: ["nzo1a2b3c4d5e6f7g8h9"] },
  },
  "directorySync.network.connection": {
    description:
      "`ANYWHERE`, or `ZONE`: restricted by the network zones in `includes` and `excludes`.",
    example: "ZONE",
  },
  "directorySync.network.includes": {
    description: "Network zone ids the token may be used from.",
    example: ["nzo1a2b3c4d5e6f7g8h9"],
  },
  "directorySync.network.excludes": {
    description: "Network zone ids the token may not be used from.",
    example: ["nzo9z8y7x6w5v4u3t2s1"],
  },
};

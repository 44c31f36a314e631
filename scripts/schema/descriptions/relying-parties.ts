/** Descriptions of the optional relying parties: Cloudflare Access and OpenMetadata. */
import type { KeyDocs } from "./types";

export const RELYING_PARTIES: KeyDocs = {
  cloudflareAccess: {
    description:
      "Optional: Cloudflare Access in front of apps outside the cluster, signing in with the same Okta groups (needs the secret `cloudflare:apiToken`). See docs/cloudflare-access.md.",
    example: {
      accountId: "0123456789abcdef0123456789abcdef",
      teamDomain: "myteam.cloudflareaccess.com",
      apps: [{ name: "wiki", domain: "wiki.example.com", allowGroups: ["pomerium-dev-admins"] }],
    },
  },
  "cloudflareAccess.accountId": {
    description: "The Cloudflare account id (dashboard: Account home, Account ID).",
    example: "0123456789abcdef0123456789abcdef",
  },
  "cloudflareAccess.teamDomain": {
    description:
      "The account's team domain; Okta's redirect URI is `https://<teamDomain>/cdn-cgi/access/callback`. Set it: the look-up is one Cloudflare API call on every preview and update.",
    default: "looked up (`getZeroTrustOrganization`)",
    example: "myteam.cloudflareaccess.com",
  },
  "cloudflareAccess.identityProviderName": {
    description: "The login method's name on Cloudflare's login page.",
    default: "`Okta (okta-pomerium <stack>)`",
    example: "Okta",
  },
  "cloudflareAccess.sessionDuration": {
    description:
      "Each app's session length unless it sets its own: a Go duration (`24h`, `30m`, `2h45m`, `0s`), at most one month (`730h`); set on the application and on its policy, whose duration wins.",
    example: "12h",
  },
  "cloudflareAccess.apps": {
    description: "The apps: one Access policy and one self-hosted application each.",
    example: [
      {
        name: "wiki",
        domain: "wiki.example.com",
        allowGroups: ["pomerium-dev-admins"],
        sessionDuration: "8h",
      },
    ],
  },
  "cloudflareAccess.apps[].name": {
    description: "Names the app's resources: lower-case letters, digits and '-'.",
    example: "wiki",
  },
  "cloudflareAccess.apps[].domain": {
    description:
      "The hostname Access protects: no scheme, path, port or wildcard, and not a Pomerium host.",
    example: "wiki.example.com",
  },
  "cloudflareAccess.apps[].allowGroups": {
    description:
      "Names from `groups` allowed into the app (they must pass the groups claim filter).",
    example: ["pomerium-dev-admins"],
  },
  "cloudflareAccess.apps[].sessionDuration": {
    description:
      "This app's session length, a Go duration from `0s` to `730h`, on its application and its policy.",
    default: "`cloudflareAccess.sessionDuration`",
    example: "8h",
  },
  "cloudflare:apiToken": {
    description:
      "Secret, required with `cloudflareAccess`: a Cloudflare API token with Access: Organizations, Identity Providers, and Groups Write and Access: Apps and Policies Write on the account.",
    example: "pulumi config set --secret cloudflare:apiToken <token>",
  },
  openMetadata: {
    description:
      "Optional: OpenMetadata's sign-in through Okta (its app, its own authorization server, a trusted origin, a Secret with its settings). See docs/openmetadata.md.",
    example: { url: "https://openmetadata.dev.example.com", admins: ["jane.doe@example.com"] },
  },
  "openMetadata.url": {
    description:
      "OpenMetadata's https origin: redirect URIs `<url>/callback` and `<url>/silent-callback`, trusted origin `<url>`.",
    example: "https://openmetadata.dev.example.com",
  },
  "openMetadata.clientType": {
    description:
      "`public`: a single-page app with PKCE, no client secret. `confidential`: a web app with a client secret and the `OIDC_*` variables.",
    example: "confidential",
  },
  "openMetadata.admins": {
    description:
      "E-mail addresses that become OpenMetadata admins (`AUTHORIZER_ADMIN_PRINCIPALS`: each without its domain).",
    default: "none",
    example: ["jane.doe@example.com"],
  },
  "openMetadata.principalDomain": {
    description:
      "`AUTHORIZER_PRINCIPAL_DOMAIN`; required when there are no admins or their addresses have several domains.",
    default: "the admins' domain",
    example: "example.com",
  },
  "openMetadata.allowGroups": {
    description:
      "Names from `groups` assigned to OpenMetadata's app and allowed by its access rule; a group only OpenMetadata allows stays off Pomerium's app and claim.",
    default:
      "Pomerium's groups (all of `groups` but those only cloudflareAccess or openMetadata allow)",
    example: ["pomerium-dev-admins"],
  },
  "openMetadata.namespace": {
    description: "OpenMetadata's namespace (not created): the settings Secret goes there.",
    example: "openmetadata",
  },
  "openMetadata.secretName": {
    description: "The settings Secret's name.",
    example: "openmetadata-okta",
  },
  "openMetadata.serviceName": {
    description:
      "OpenMetadata's Service in its namespace (the Helm chart's fullname): its server fetches its own JWKS through it.",
    example: "openmetadata",
  },
  "openMetadata.jwksUrl": {
    description:
      "Where OpenMetadata's server fetches its bots' keys (`AUTHENTICATION_PUBLIC_KEYS`' first entry): in the cluster, not through Pomerium or Cloudflare Access.",
    default: "`http://<serviceName>.<namespace>.svc.cluster.local:8585/api/v1/system/config/jwks`",
    example: "http://openmetadata.openmetadata.svc.cluster.local:8585/api/v1/system/config/jwks",
  },
  "openMetadata.configSource": {
    description:
      "`SECURITY_CONFIG_SOURCE` (OpenMetadata 2.1+): ENV makes these settings win over the copy in OpenMetadata's database; AUTO merges field by field; DB keeps the database's. Earlier releases ignore it.",
    example: "ENV",
  },
  "openMetadata.issuerMode": {
    description: "The issuer mode of OpenMetadata's own authorization server.",
    example: "ORG_URL",
  },
  "openMetadata.scope": { description: "That server's default scope.", example: "openmetadata" },
};

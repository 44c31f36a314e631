/**
 * The Okta admin roles the deploy service app needs, from the same features its API scopes derive
 * from (api-scopes.ts `deployScopes`): a scope alone is refused, the app's admin role must also
 * permit each call. One row per feature, with the endpoints the provider's resources call, the
 * role Okta's documentation says permits them, and whether anyone checked it on a real org.
 * Pure: the bootstrap project assigns `deployAdminRoles(...)`, its tests read the table.
 */
import type { DeployFeatures } from "./api-scopes";

/** Okta's standard admin role types an OAuth service app can hold. */
export type AdminRole =
  | "SUPER_ADMIN"
  | "ORG_ADMIN"
  | "APP_ADMIN"
  | "API_ACCESS_MANAGEMENT_ADMIN"
  | "GROUP_MEMBERSHIP_ADMIN"
  | "USER_ADMIN"
  | "READ_ONLY_ADMIN";

/** Why a feature needs a role. */
export interface AdminRoleReason {
  /** `always`, or the DeployFeatures key that adds the role. */
  feature: "always" | keyof DeployFeatures;
  role: AdminRole;
  /** The endpoints terraform-provider-okta v7's resources call for it. */
  endpoints: readonly string[];
  /** Why this role and no smaller one, in Okta's documentation's words. */
  why: string;
  /** Okta's documentation of the role. */
  doc: string;
  /** Nobody here has an Okta org: every row was checked against documentation only. */
  checkedOnRealOrg: false;
}

const APP_ADMIN_DOC =
  "https://help.okta.com/oie/en-us/content/topics/security/administrators-app-admin.htm";
const COMPARISON_DOC =
  "https://help.okta.com/en-us/content/topics/security/administrators-admin-comparison.htm";

/** The reasoning, per feature. */
export const ADMIN_ROLE_TABLE: readonly AdminRoleReason[] = [
  {
    feature: "always",
    role: "APP_ADMIN",
    endpoints: [
      "POST/PUT /api/v1/apps (okta_app_oauth)",
      "PUT /api/v1/apps/{id}/groups/{groupId} (okta_app_group_assignments)",
      "GET /api/v1/policies?type=ACCESS_POLICY, PUT /api/v1/apps/{id}/policies/{policyId} (the app's default access policy)",
      "GET /api/v1/groups (groups looked up by name)",
    ],
    why: 'App admins "add and configure apps", "create and modify an OIDC app", "assign user access to apps" and "view users and groups"',
    doc: APP_ADMIN_DOC,
    checkedOnRealOrg: false,
  },
  {
    feature: "customServer",
    role: "API_ACCESS_MANAGEMENT_ADMIN",
    endpoints: [
      "/api/v1/authorizationServers (okta_auth_server) and its /scopes, /claims, /policies, /policies/{id}/rules",
    ],
    why: 'API Access Management admins "create the authorization server", scopes, claims, access policies and their rules',
    doc: "https://help.okta.com/en-us/content/topics/security/administrators-api-access-mgmt-admin.htm",
    checkedOnRealOrg: false,
  },
  {
    feature: "createsGroups",
    role: "ORG_ADMIN",
    endpoints: ["POST/PUT/DELETE /api/v1/groups (okta_group)"],
    why: "group admins and group membership admins cannot create or delete groups; org admins can. Org admins still cannot manage groups that hold admin roles (only super admins can), so the deploy key cannot add anyone to an admin group",
    doc: "https://help.okta.com/en-us/content/topics/security/administrators-group-admin.htm",
    checkedOnRealOrg: false,
  },
  {
    feature: "trustedOrigins",
    role: "ORG_ADMIN",
    endpoints: ["POST/PUT/DELETE /api/v1/trustedOrigins (okta_trusted_origin)"],
    why: "trusted origins are org-wide security settings (Security > API > Trusted Origins), which the comparison table grants to super and org admins, not to app or API Access Management admins",
    doc: COMPARISON_DOC,
    checkedOnRealOrg: false,
  },
  {
    feature: "directorySync",
    role: "SUPER_ADMIN",
    endpoints: [
      "GET/PUT /api/v1/api-tokens/{id} (okta_api_token: adopting the directory-sync token)",
    ],
    why: "an API token carries its creator's privileges and only super admins manage other admins' tokens; no smaller standard role is documented for it",
    doc: COMPARISON_DOC,
    checkedOnRealOrg: false,
  },
];

/** A role whose permissions include another's (only where Okta's documentation says so). */
const SUBSUMES: Readonly<Partial<Record<AdminRole, readonly AdminRole[]>>> = {
  SUPER_ADMIN: ["ORG_ADMIN", "APP_ADMIN", "API_ACCESS_MANAGEMENT_ADMIN"],
  ORG_ADMIN: ["APP_ADMIN"],
};

/** The least roles these features need, in the table's order, none another one includes. */
export function deployAdminRoles(f: DeployFeatures): AdminRole[] {
  const needed = ADMIN_ROLE_TABLE.filter((r) => r.feature === "always" || f[r.feature]).map(
    (r) => r.role,
  );
  const unique = needed.filter((r, i) => needed.indexOf(r) === i);
  return unique.filter((r) => !unique.some((o) => SUBSUMES[o]?.includes(r)));
}

/** The features (by DeployFeatures key) that need a role, for messages. */
export function featuresNeeding(role: AdminRole, f: DeployFeatures): string[] {
  return ADMIN_ROLE_TABLE.filter(
    (r) => r.role === role && r.feature !== "always" && f[r.feature],
  ).map((r) => r.feature);
}

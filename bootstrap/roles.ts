/**
 * The deploy app's admin roles: by default the least the main stacks' features need
 * (components/okta/admin-roles.ts), or the roles the admin lists, with a preview warning for
 * SUPER_ADMIN (named risk) and for a listed set that lacks what a feature needs. Pure.
 */
import { AdminRole, deployAdminRoles, featuresNeeding } from "../components/okta/admin-roles";
import type { DeployFeatures } from "../components/okta/api-scopes";

const P = "okta-pomerium-bootstrap:";

/** What a SUPER_ADMIN deploy key can do if it leaks. */
export const SUPER_ADMIN_RISK =
  "a leaked deploy key could then assign any admin role (itself or anyone: an org takeover), which no smaller role allows";

/** The roles to assign, and the warnings to show at preview. */
export function bootstrapRoles(
  features: DeployFeatures,
  listed: readonly AdminRole[] | undefined,
): { roles: AdminRole[]; warnings: string[] } {
  const least = deployAdminRoles(features);
  const warnings: string[] = [];
  if (listed === undefined) {
    if (least.includes("SUPER_ADMIN"))
      warnings.push(
        `${P}adminRoles: SUPER_ADMIN is assigned because features.${featuresNeeding("SUPER_ADMIN", features).join(", features.")} needs it (managing an API token): ${SUPER_ADMIN_RISK}. Turn the feature off if the main stacks can do without it.`,
      );
    return { roles: least, warnings };
  }
  if (listed.includes("SUPER_ADMIN") && !least.includes("SUPER_ADMIN"))
    warnings.push(
      `${P}adminRoles lists SUPER_ADMIN, which these features do not need (${least.join(", ")} suffice): ${SUPER_ADMIN_RISK}. Remove adminRoles to assign the least roles.`,
    );
  if (!listed.includes("SUPER_ADMIN")) {
    const lacking = least.filter(
      (r) => !listed.includes(r) && !(r === "APP_ADMIN" && listed.includes("ORG_ADMIN")),
    );
    if (lacking.length > 0)
      warnings.push(
        `${P}adminRoles lacks ${lacking.join(", ")}, which the features need: Okta answers 403 to those calls. Remove adminRoles to assign the least roles (${least.join(", ")}).`,
      );
  }
  return { roles: [...listed], warnings };
}

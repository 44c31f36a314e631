/**
 * The Okta management API scopes the stack program's provider needs, from the features a stack
 * uses: one function for both the main program (which warns when `okta:scopes` lacks one) and the
 * bootstrap project (which grants exactly these to the deploy service app), so the two cannot
 * drift. Facts: the team's relying-parties.md ("The deploy service app"), okta-provider.md §2.
 */

/** What a stack does in Okta that needs its own API scope. */
export interface DeployFeatures {
  /** Creates groups (`groups[].create: true`); otherwise groups are only read or given by id. */
  createsGroups: boolean;
  /** Manages at least one custom authorization server (custom mode, or OpenMetadata's own). */
  customServer: boolean;
  /** Adopts the directory-sync API token (`directorySync`). */
  directorySync: boolean;
  /** Creates a trusted origin (OpenMetadata's single-page app calls Okta from the browser). */
  trustedOrigins: boolean;
}

/**
 * The scopes, in a stable order. `okta.policies.read`: the app's default access policy is looked
 * up when the app is created.
 */
export function deployScopes(f: DeployFeatures): string[] {
  return [
    "okta.apps.manage",
    ...(f.customServer ? ["okta.authorizationServers.manage"] : []),
    f.createsGroups ? "okta.groups.manage" : "okta.groups.read",
    "okta.policies.read",
    ...(f.trustedOrigins ? ["okta.trustedOrigins.manage"] : []),
    ...(f.directorySync ? ["okta.apiTokens.manage"] : []),
  ];
}

/** The needed scopes that `granted` does not cover (a `.manage` scope covers its `.read`). */
export function missingScopes(needed: readonly string[], granted: readonly string[]): string[] {
  const has = new Set(granted);
  return needed.filter((s) => !has.has(s) && !has.has(s.replace(/\.read$/, ".manage")));
}

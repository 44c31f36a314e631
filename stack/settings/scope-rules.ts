/**
 * The Okta API scopes a service-app provider needs for what this stack does, from the same
 * function the bootstrap project grants them with (okta/api-scopes.ts).
 */
import { DeployFeatures, deployScopes, missingScopes } from "../../components/okta/api-scopes";
import type { OktaRawSettings, RawSettings } from "./schema";
import type { Derived } from "./rule-types";

/** The features of a stack that decide its API scopes. */
export function deployFeaturesOf(s: Partial<RawSettings>): DeployFeatures {
  return {
    createsGroups: (s.groups ?? []).some((g) => g?.create === true),
    customServer: s.authorizationServer?.mode !== "org" || s.openMetadata !== undefined,
    directorySync: s.directorySync !== undefined,
    trustedOrigins: s.openMetadata !== undefined,
  };
}

/** A warning at preview when `okta:scopes` lacks one: that part of the `up` would fail with 403. */
export function scopeWarnings(
  s: Partial<RawSettings>,
  okta: Partial<OktaRawSettings>,
  derived: Derived,
): void {
  if (derived.oktaAuth !== "serviceApp") return;
  const missing = missingScopes(deployScopes(deployFeaturesOf(s)), okta.scopes ?? []);
  if (missing.length === 0) return;
  derived.warnings.push(
    `okta:scopes lacks ${missing.join(", ")}, which this stack's settings need: Okta answers 403 to those calls. Grant them to the service app (the bootstrap project does: bootstrap/) and add them to okta:scopes.`,
  );
}

/**
 * Okta's gates for one front door: the app's group assignments (an unassigned user never gets a
 * token, in both authorization-server modes), the custom server's policy rule, and the groups
 * claim filter (Okta's four types, components/okta/plan.ts `claimFilterMatches`).
 */
import { claimFilterMatches } from "../okta/plan";
import type { Decision, FrontDoor, Gate, Identity, OktaGate } from "./types";

/** A decision, as every gate reports it. */
export const decision = (
  app: string,
  allowed: boolean | null,
  gate: Gate,
  reason: string,
): Decision => ({
  app,
  allowed,
  gate,
  reason,
});

/** The groups claim Okta issues for these groups: only those that pass the filter. */
export function claimGroups(gate: OktaGate, groups: readonly string[]): string[] {
  const f = gate.claimFilter;
  if (!f) return [...groups];
  // One answer per filter and group: a matrix asks the same question once per door.
  const key = `${f.filterType}\n${f.filter}`;
  let seen = passes.get(key);
  if (!seen) passes.set(key, (seen = new Map()));
  return groups.filter((g) => {
    let ok = seen.get(g);
    if (ok === undefined) seen.set(g, (ok = claimFilterMatches(f.filterType, f.filter, g)));
    return ok;
  });
}
const passes = new Map<string, Map<string, boolean>>();

/** A group list as a set, built once per list (a stack's lists are shared by its doors). */
const sets = new WeakMap<readonly string[], ReadonlySet<string>>();
function setOf(xs: readonly string[]): ReadonlySet<string> {
  let s = sets.get(xs);
  if (!s) sets.set(xs, (s = new Set(xs)));
  return s;
}

/** Okta's gates: the app's assignments, then the custom server's policy rule; undefined = passed. */
export function oktaRefusal(door: FrontDoor, who: Identity): Decision | undefined {
  if (who.assumeAssigned) return undefined;
  const { app, assigned, policyRule } = door.okta;
  const list = (xs: readonly string[]) => (xs.length ? xs.join(", ") : "none");
  if (!who.groups.some((g) => setOf(assigned).has(g)))
    return decision(
      door.app,
      false,
      "okta-assignment",
      `Okta refuses sign-in: not assigned to the Okta app ${app} (its groups: ${list(assigned)})`,
    );
  if (policyRule && policyRule !== "everyone" && !who.groups.some((g) => setOf(policyRule).has(g)))
    return decision(
      door.app,
      false,
      "policy-rule",
      `Okta refuses a token: the authorization server's policy rule admits none of the user's groups (it admits ${list(policyRule)})`,
    );
  return undefined;
}

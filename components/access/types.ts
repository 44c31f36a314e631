/** The access review's model: identities, front doors with their gates, decisions. No Pulumi. */

/** true, false, or not decidable from the settings (the request, the device, the user's Okta id). */
export type Tri = boolean | "unknown";

/** Who asks. `email`/`id` undefined: a value no rule names. */
export interface Identity {
  /** Has a Pomerium session (signed in through Okta). */
  signedIn: boolean;
  email?: string;
  /** The e-mail's domain when only it is known (a domain principal). */
  domain?: string;
  /** The user's Okta id (`sub` of the ID token: what PPL `user` compares). */
  id?: string;
  /** Every Okta group the user is in (before any claim filter). */
  groups: readonly string[];
  /** The groups claim as Pomerium sees it (set by the review: `groups` through the claim filter). */
  claimGroups: readonly string[];
  /** Okta's gates taken as passed (an e-mail, domain or "any signed-in user" principal). */
  assumeAssigned?: boolean;
}

/** The Okta side of a front door: its app's assignments, the policy rule, the groups claim. */
export interface OktaGate {
  /** The Okta app's label. */
  app: string;
  /** Group names assigned to the app: an unassigned user never gets a token. */
  assigned: readonly string[];
  /** Custom authorization server: the groups its policy rule admits (or everyone); org mode: none. */
  policyRule?: "everyone" | readonly string[];
  /** The groups claim filter (Okta's four types), or none (the app's claim is not filtered). */
  claimFilter?: { filterType: string; filter: string };
}

/** One thing a user reaches: a Pomerium route, a Cloudflare Access app, OpenMetadata. */
export type FrontDoor =
  | {
      kind: "route";
      app: string;
      /** Where it is set, e.g. `okta-pomerium:routes[2]`. */
      setting: string;
      okta: OktaGate;
      /** The route's PPL as Pomerium evaluates it (Policy.ToPPL: the flags ORed in). */
      rules: readonly Record<string, unknown>[];
      claimName: string;
      /** The criteria `allow_public_unauthenticated_access` / `allow_any_authenticated_user` add. */
      flags: ReadonlyMap<object, "public" | "any-authenticated-user">;
    }
  | {
      kind: "cloudflare";
      app: string;
      setting: string;
      okta: OktaGate;
      allowGroups: readonly string[];
      /** The groups claim's name: Access matches Okta groups on the claim named `groups` only. */
      claimName: string;
    }
  | { kind: "openmetadata"; app: string; setting: string; okta: OktaGate };

/** The gate that decided. */
export type Gate =
  | "public"
  | "sign-in"
  | "okta-assignment"
  | "policy-rule"
  | "claim-filter"
  | "route-allow"
  | "route-deny"
  | "any-authenticated-user"
  | "cloudflare-policy"
  | "depends";

/** One front door's answer for one identity. `allowed` null: depends on the request (see reason). */
export interface Decision {
  app: string;
  allowed: boolean | null;
  gate: Gate;
  reason: string;
}

/**
 * Which Okta groups each Okta app of this stack is assigned, and which groups the custom
 * authorization server's policy rule admits: pure functions of the settings, by group name. The
 * program assigns exactly these (program.ts, program-cloudflare.ts, program-openmetadata.ts) and
 * the access review (stack/access.ts) reads the same functions, so the review follows whatever the
 * program does.
 */
import { exactGroupsFilter } from "../components/okta/org";
import type { Settings } from "./settings";
import { frontDoorGroupsOf } from "./settings/front-doors";

/** Okta-side names for Cloudflare Access: each carries the stack. */
export const cloudflareNames = (stack: string) =>
  ({
    app: `okta-pomerium-${stack}-cloudflare`,
    idp: `Okta (okta-pomerium ${stack})`,
    application: (name: string) => `okta-pomerium-${stack}-${name}`,
  }) as const;

/**
 * Pomerium's Okta app: the groups it is assigned, in the order of `groups`: every group but those
 * only Cloudflare Access or OpenMetadata allow (groups per front door: settings/front-doors.ts).
 */
export function pomeriumAppGroups(s: Settings): string[] {
  return frontDoorGroupsOf(s).pomerium;
}

/** The Cloudflare Access Okta app: exactly the groups its apps allow, in the order of `groups`. */
export function cloudflareAppGroups(s: Settings): string[] {
  return frontDoorGroupsOf(s).cloudflare;
}

/** The claim Cloudflare Access matches its Okta group rules on (its own claim). */
export const CLOUDFLARE_GROUPS_CLAIM = "groups";

/**
 * Cloudflare's own groups claim (its own server in custom mode, its app's claim in org mode):
 * admits exactly the groups its apps allow, whatever Pomerium's filter is.
 */
export function cloudflareClaimFilter(s: Settings): { filterType: string; filter: string } {
  return { filterType: "REGEX", filter: exactGroupsFilter(cloudflareAppGroups(s)) };
}

/** OpenMetadata's Okta app and authorization server name: it carries the stack. */
export const openMetadataName = (stack: string) => `openmetadata-${stack}`;

/** OpenMetadata's Okta app (and its own server's rule): `openMetadata.allowGroups`, or Pomerium's. */
export function openMetadataAppGroups(s: Settings): string[] {
  return frontDoorGroupsOf(s).openMetadata;
}

/**
 * The groups Pomerium's custom authorization server's policy rule admits, or `everyone` with
 * `authorizationServer.allowEveryone`. Org mode has no rule. Cloudflare has its own server, whose
 * rule admits `cloudflareAppGroups`.
 */
export function policyRuleGroups(s: Settings): "everyone" | string[] {
  return s.authorizationServer.allowEveryone ? "everyone" : pomeriumAppGroups(s);
}

/** Group ids by name, from the groups component's outputs (`names[i]` has `ids[i]`). */
export function idsOf(names: readonly string[], all: readonly string[], ids: readonly string[]) {
  return names.map((n) => ids[all.indexOf(n)]);
}

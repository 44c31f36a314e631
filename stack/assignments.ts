/**
 * Which Okta groups each Okta app of this stack is assigned, and which groups the custom
 * authorization server's policy rule admits: pure functions of the settings, by group name. The
 * program assigns exactly these (program.ts, program-cloudflare.ts, program-openmetadata.ts) and
 * the access review (stack/access.ts) reads the same functions, so the review follows whatever the
 * program does.
 */
import type { Settings } from "./settings";

/** Okta-side names for Cloudflare Access: each carries the stack. */
export const cloudflareNames = (stack: string) =>
  ({
    app: `okta-pomerium-${stack}-cloudflare`,
    idp: `Okta (okta-pomerium ${stack})`,
    application: (name: string) => `okta-pomerium-${stack}-${name}`,
  }) as const;

/** Pomerium's Okta app: the groups it is assigned, in the order of `groups`. */
export function pomeriumAppGroups(s: Settings): string[] {
  return s.groups.map((g) => g.name);
}

/** The Cloudflare Access Okta app: exactly the groups its apps allow, in the order of `groups`. */
export function cloudflareAppGroups(s: Settings): string[] {
  const allowed = new Set((s.cloudflareAccess?.apps ?? []).flatMap((a) => a.allowGroups));
  return s.groups.map((g) => g.name).filter((n) => allowed.has(n));
}

/** OpenMetadata's Okta app and authorization server name: it carries the stack. */
export const openMetadataName = (stack: string) => `openmetadata-${stack}`;

/** OpenMetadata's Okta app (and its own server's rule): `openMetadata.allowGroups`, or every group. */
export function openMetadataAppGroups(s: Settings): string[] {
  return [...(s.openMetadata?.allowGroups ?? s.groups.map((g) => g.name))];
}

/**
 * The groups the custom authorization server's policy rule admits (Pomerium's and Cloudflare's
 * clients share it), or `everyone` with `authorizationServer.allowEveryone`. Org mode has no rule.
 */
export function policyRuleGroups(s: Settings): "everyone" | string[] {
  return s.authorizationServer.allowEveryone ? "everyone" : s.groups.map((g) => g.name);
}

/** Group ids by name, from the groups component's outputs (`names[i]` has `ids[i]`). */
export function idsOf(names: readonly string[], all: readonly string[], ids: readonly string[]) {
  return names.map((n) => ids[all.indexOf(n)]);
}

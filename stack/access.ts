/**
 * The access review of one stack's settings: its front doors with every gate, from the same pure
 * functions the program uses (buildRoutes for Pomerium's routes, stack/assignments.ts for each Okta
 * app's groups and the policy rule, the parsed groups claim), and the principals the settings name.
 * No Pulumi here: `explainUser(settings, user)` is what a live comparison calls.
 */
import { decide } from "../components/access/decide";
import { accessMatrix, ANY_SIGNED_IN, ANYONE, Cell, Principal } from "../components/access/review";
import type { Decision, FrontDoor, OktaGate } from "../components/access/types";
import { identityNames } from "../components/okta/plan";
import { buildRoutes, PomeriumRoute } from "../components/pomerium/ppl";
import {
  CLOUDFLARE_GROUPS_CLAIM,
  cloudflareAppGroups,
  cloudflareClaimFilter,
  cloudflareNames,
  openMetadataAppGroups,
  openMetadataName,
  pomeriumAppGroups,
  policyRuleGroups,
} from "./assignments";
import { PROJECT } from "./settings/parse";
import type { Settings } from "./settings";

/** A route as the review names it: `from`, with its prefix, path or regex when it has one. */
export function routeApp(r: { from: string } & Readonly<Record<string, unknown>>): string {
  const m = ["prefix", "path", "regex"].filter((k) => typeof r[k] === "string");
  return [r.from, ...m.map((k) => `${k} ${String(r[k])}`)].join(" ");
}

/** Every front door of the stack, in the order of the settings. */
export function frontDoors(s: Settings): FrontDoor[] {
  const custom = s.authorizationServer.mode === "custom";
  const claimFilter = { filterType: s.groupsClaim.filterType, filter: s.groupsClaim.filter };
  const rule = custom ? { policyRule: policyRuleGroups(s) } : {};
  const pomerium: OktaGate = {
    app: identityNames(s.stack, s.authorizationServer.name).app,
    assigned: pomeriumAppGroups(s),
    claimFilter,
    ...rule,
  };
  const claimName = s.groupsClaim.name;
  const doors: FrontDoor[] = buildRoutes(s.routes, claimName).map((r, i) => {
    const { rules, flags } = toPpl(r);
    return {
      kind: "route",
      app: routeApp(r),
      setting: `${PROJECT}:routes[${i}]`,
      okta: pomerium,
      rules,
      claimName,
      flags,
    };
  });
  const cf = s.cloudflareAccess;
  if (cf) {
    // Its own claim (and, in custom mode, its own server and rule): exactly its apps' groups.
    const assigned = cloudflareAppGroups(s);
    const okta: OktaGate = {
      app: cloudflareNames(s.stack).app,
      assigned,
      claimFilter: cloudflareClaimFilter(s),
      ...(custom ? { policyRule: assigned } : {}),
    };
    cf.apps.forEach((a, i) =>
      doors.push({
        kind: "cloudflare",
        app: `https://${a.domain}`,
        setting: `${PROJECT}:cloudflareAccess.apps[${i}]`,
        okta,
        allowGroups: a.allowGroups,
        claimName: CLOUDFLARE_GROUPS_CLAIM,
      }),
    );
  }
  if (s.openMetadata) {
    // Its own app and its own authorization server, whose rule admits the same groups.
    const groups = openMetadataAppGroups(s);
    doors.push({
      kind: "openmetadata",
      app: s.openMetadata.url,
      setting: `${PROJECT}:openMetadata`,
      okta: { app: openMetadataName(s.stack), assigned: groups, policyRule: groups },
    });
  }
  return doors;
}

/**
 * The route's PPL as Pomerium evaluates it (config/policy_ppl.go `ToPPL`): one allow rule ORing
 * what the route options add (`allow_public_unauthenticated_access` -> accept,
 * `allow_any_authenticated_user` -> authenticated_user, `allowed_domains` -> domain,
 * `allowed_idp_claims` -> claim, `allowed_users` -> user or email), then the route's own rules.
 */
function toPpl(r: PomeriumRoute) {
  const flags = new Map<object, "public" | "any-authenticated-user">();
  const or: Record<string, unknown>[] = [];
  const subs = Array.isArray(r.sub_policies) ? (r.sub_policies as Record<string, unknown>[]) : [];
  const all = (k: string) => [r[k], ...subs.map((sp) => sp?.[k])];
  if (r.allow_public_unauthenticated_access === true) {
    const c = { accept: true };
    flags.set(c, "public");
    or.push(c);
  }
  if (r.allow_any_authenticated_user === true) {
    const c = { authenticated_user: true };
    flags.set(c, "any-authenticated-user");
    or.push(c);
  }
  for (const d of all("allowed_domains").flatMap(list)) or.push({ domain: { is: d } });
  for (const claims of all("allowed_idp_claims"))
    if (claims && typeof claims === "object")
      for (const k of Object.keys(claims).sort())
        for (const v of list((claims as Record<string, unknown>)[k]))
          or.push({ [`claim/${k}`]: v });
  for (const u of all("allowed_users").flatMap(list))
    or.push({ user: { is: u } }, { email: { is: u } });
  const rules: Record<string, unknown>[] = [{ allow: { or } }, ...r.policy];
  // A Rego sub-policy is a query of its own, ORed into both results: nothing here can read it.
  if (subs.some((sp) => Array.isArray(sp?.rego) && sp.rego.length > 0))
    rules.push({ allow: { or: [{ rego: true }] } }, { deny: { or: [{ rego: true }] } });
  return { rules, flags };
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** An identity to explain: an e-mail, every Okta group the user is in, and the Okta id if known. */
export interface User {
  email: string;
  groups: readonly string[];
  id?: string;
}

/** Every front door's decision for one real user (Okta's gates included). */
export function explainUser(s: Settings, user: User): Decision[] {
  const who = {
    signedIn: true,
    email: user.email,
    groups: user.groups,
    claimGroups: [],
    ...(user.id ? { id: user.id } : {}),
  };
  return frontDoors(s).map((door) => decide(door, who));
}

/** The principals the settings name: groups, e-mails, domains, then any signed-in user, anyone. */
export function principals(s: Settings, doors: readonly FrontDoor[] = frontDoors(s)): Principal[] {
  const groups = new Set(s.groups.map((g) => g.name));
  const emails = new Set<string>();
  const domains = new Set<string>();
  const claim = `claim/${s.groupsClaim.name}`;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== "object") return;
    for (const [k, data] of Object.entries(v)) {
      const named = namedValues(data);
      if (k === claim) named.forEach((g) => groups.add(g));
      else if (k === "email") named.filter((e) => e.includes("@")).forEach((e) => emails.add(e));
      else if (k === "domain") named.forEach((d) => domains.add(d));
      else walk(data);
    }
  };
  for (const d of doors) if (d.kind === "route") walk(d.rules);
  for (const d of doors) if (d.kind === "cloudflare") d.allowGroups.forEach((g) => groups.add(g));
  return [
    ...[...groups].map((g) => `group:${g}`),
    ...[...emails].map((e) => `email:${e}`),
    ...[...domains].map((d) => `domain:${d}`),
    ANY_SIGNED_IN,
    ANYONE,
  ];
}

/** The values a matcher names (`x`, `{is: x}`, `{has: x}`, `{in: [x, y]}`). */
function namedValues(data: unknown): string[] {
  if (typeof data === "string") return [data];
  if (!data || typeof data !== "object" || Array.isArray(data)) return [];
  const o = data as Record<string, unknown>;
  return ["is", "has", "in"]
    .flatMap((k) => list(o[k]))
    .filter((x): x is string => typeof x === "string");
}

/** The stack's access matrix, over its own principals or the given ones (a diff's union). */
export function stackMatrix(s: Settings, over?: readonly Principal[]): Cell[] {
  const doors = frontDoors(s);
  return accessMatrix(doors, over ?? principals(s, doors));
}

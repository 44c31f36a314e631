/**
 * Rules for `routes`: known keys only, `from` as Pomerium accepts it, one destination, an access rule
 * that cannot be silently widened, groups that are assigned to the app, valid PPL.
 */
import type { RawSettings, RouteSetting } from "./schema";
import { parseUrl, ROUTE_KEYS } from "./schema";
import { normalizePolicy, validatePpl } from "../../components/pomerium/ppl";
import { REFUSED_ROUTE_KEYS } from "../../components/pomerium/facts";
import { routeOptionTypeProblems } from "../../components/pomerium/route-options";
import { describeValue, unknownKeyMessage } from "./error";

type Add = (path: string, message: string) => void;
const P = "okta-pomerium:";

export const NO_ACCESS_RULE =
  "has no access rule: set allowGroups, allowEmails or a PPL policy (or Pomerium's allowed_users, allowed_domains or allowed_idp_claims)";

const subPoliciesOf = (r: Record<string, unknown>): Record<string, unknown>[] =>
  Array.isArray(r.sub_policies)
    ? r.sub_policies.filter((sp): sp is Record<string, unknown> => !!sp && typeof sp === "object")
    : [];

/**
 * Whether a route or sub-policy adds a condition to Pomerium's allow rule: a user or domain listed,
 * a claim with at least one value (each value is one criterion), or a Rego query.
 */
function addsAllowCondition(o: Record<string, unknown>): boolean {
  const listed = (v: unknown) => Array.isArray(v) && v.length > 0;
  const claims = o.allowed_idp_claims;
  return (
    listed(o.allowed_users) ||
    listed(o.allowed_domains) ||
    listed(o.rego) ||
    (!!claims &&
      typeof claims === "object" &&
      Object.values(claims).some((v) => (Array.isArray(v) ? v.length > 0 : v != null)))
  );
}

export function routeRules(
  s: Partial<RawSettings>,
  groupNames: ReadonlySet<string> | undefined,
  auth: URL | undefined,
  add: Add,
): void {
  const seen = new Map<string, number>();
  (s.routes ?? []).forEach((r, i) => {
    const at = `${P}routes[${i}]`;
    keyRules(r, at, add);
    fromRules(r, i, at, auth, seen, add);
    destinationRules(r, at, add);
    accessRules(r, at, groupNames, s.groupsClaim?.name ?? "groups", add);
  });
}

function keyRules(r: RouteSetting, at: string, add: Add): void {
  for (const key of Object.keys(r)) {
    if (Object.hasOwn(REFUSED_ROUTE_KEYS, key))
      add(`${at}.${key}`, `is not supported: ${REFUSED_ROUTE_KEYS[key]}`);
    else if (!ROUTE_KEYS.includes(key)) add(`${at}.${key}`, unknownKeyMessage(key, ROUTE_KEYS));
  }
  // Pomerium decodes each option into a typed field: a quoted boolean or a bare-number timeout
  // fails its start-up (all-in-one) or the controller's reconcile of the annotation.
  for (const [key, message] of routeOptionTypeProblems(r)) add(`${at}.${key}`, message);
  // Literal credentials in headers would sit in the ConfigMap in plain text. Pomerium's own
  // placeholders (`${pomerium.access_token}`, `${pomerium.id_token}`) are fine: they are filled per request.
  const headers = r.set_request_headers;
  if (headers && typeof headers === "object") {
    for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
      if (
        CREDENTIAL_HEADER.test(name) &&
        !(
          typeof value === "string" &&
          /^\$\{pomerium\.[a-z_]+\}/.test(value.replace(/^Bearer /, ""))
        )
      ) {
        add(
          `${at}.set_request_headers.${name}`,
          'looks like a credential, which would sit in the ConfigMap in plain text; use a Pomerium placeholder such as "Bearer ${pomerium.access_token}", or give the upstream its credential another way',
        );
      }
    }
  }
}

const CREDENTIAL_HEADER = /authorization|cookie|token|api[-_]?key|secret|password/i;

/** `from` is an https origin (Pomerium refuses a path there: use `prefix`/`path`), unique with its matchers. */
function fromRules(
  r: RouteSetting,
  i: number,
  at: string,
  auth: URL | undefined,
  seen: Map<string, number>,
  add: Add,
): void {
  const from = parseUrl(r.from);
  if (!from) return;
  if (from.pathname !== "/" || from.search || from.hash || from.username || from.password) {
    add(
      `${at}.from`,
      `must be an origin only (got ${describeValue(r.from)}); Pomerium refuses a path in from: match paths with prefix, path or regex`,
    );
  }
  const key = JSON.stringify([from.origin, r.prefix ?? "", r.path ?? "", r.regex ?? ""]);
  if (seen.has(key))
    add(
      `${at}.from`,
      `${describeValue(r.from)} with the same prefix/path/regex is also routes[${seen.get(key)}]; each route needs its own from or matcher`,
    );
  seen.set(key, i);
  if (auth && from.host === auth.host)
    add(`${at}.from`, `uses the authenticate host ${auth.host}; give the route a host of its own`);
}

/** Exactly one destination: upstream(s) in `to`, or a `redirect`, or a direct `response`. */
function destinationRules(r: RouteSetting, at: string, add: Add): void {
  const kinds = ["to", "redirect", "response"].filter((k) => r[k] !== undefined);
  if (kinds.length !== 1) {
    add(
      kinds.length === 0 ? `${at}.to` : at,
      kinds.length === 0
        ? "is required: the upstream URL (or a redirect or response instead)"
        : `has ${kinds.join(" and ")}; a route has exactly one of to, redirect, response`,
    );
  }
  if (r.to === undefined) return;
  for (const [j, to] of (Array.isArray(r.to) ? r.to : [r.to]).entries()) {
    const u = parseUrl(to);
    const path = `${at}.to${Array.isArray(r.to) ? `[${j}]` : ""}`;
    if (!u || !["http:", "https:"].includes(u.protocol))
      add(path, `must be an http:// or https:// upstream URL (got ${describeValue(to)})`);
    else if (u.username || u.password)
      add(
        path,
        "must not carry credentials: they would land in the ConfigMap in plain text (this program has no Secret-backed upstream credentials yet)",
      );
  }
}

/** One access rule: shortcuts or a raw policy; an open route is open on its own, never by accident. */
function accessRules(
  r: RouteSetting,
  at: string,
  groupNames: ReadonlySet<string> | undefined,
  claimName: string,
  add: Add,
): void {
  const shortcuts = !!(r.allowGroups || r.allowEmails);
  const openKeys = ["allow_public_unauthenticated_access", "allow_any_authenticated_user"].filter(
    (k) => r[k] === true,
  );
  if (r.policy !== undefined && shortcuts)
    add(
      `${at}.policy`,
      "is set together with allowGroups/allowEmails; use either the shortcuts or a raw PPL policy",
    );
  // Pomerium's older allow options, on the route or in its sub_policies, are ORed into its allow
  // rule (config/policy_ppl.go, AllAllowed*): one that adds a condition is an access rule of its own.
  const optionRules = [r, ...subPoliciesOf(r)].some(addsAllowCondition);
  // Pomerium ORs the open flags with the route's allow rules; deny rules still win, so "public
  // except …" (a deny-only policy) is fine.
  const allows =
    r.policy !== undefined &&
    normalizePolicy(r.policy).some((rule) => rule && typeof rule === "object" && "allow" in rule);
  if (openKeys.length > 0 && (shortcuts || allows || optionRules)) {
    add(
      `${at}.${openKeys[0]}`,
      "is true together with allow rules: Pomerium ORs them, so the allow rules would restrict nothing; remove one (a deny-only policy may stay)",
    );
  }
  if (r.policy === undefined && !shortcuts && openKeys.length === 0 && !optionRules)
    add(at, NO_ACCESS_RULE);
  // Unknown groups (the list itself was refused): checking names against it would only repeat that.
  (r.allowGroups ?? []).forEach((g, j) => {
    if (groupNames && !groupNames.has(g))
      add(
        `${at}.allowGroups[${j}]`,
        `"${g}" is not one of okta-pomerium:groups (${[...groupNames].join(", ")}); add it there so it is assigned to the app`,
      );
  });
  if (r.policy !== undefined)
    for (const [rel, msg] of validatePpl(r.policy, claimName)) add(`${at}.policy${rel}`, msg);
}

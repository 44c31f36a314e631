/**
 * Pomerium's PPL evaluation, for one identity, as pure functions: the semantics of pomerium
 * `pkg/policy` (generator, criteria, matchers) and `authorize/evaluator`, with a third value for what
 * the settings cannot decide (the request, the device, the user's Okta id).
 * - The allow (and the deny) rules of a policy are ORed; each rule's `and`, `or`, `not`, `nor`
 *   blocks are ORed too. `and`: all true; `or`: one true; `not`: every criterion false
 *   (merge_with_and of the inverted results); `nor`: at least one criterion false
 *   (merge_with_or of the inverted results) — Pomerium's source, not the words' logic.
 * - A criterion that reads the session is false with the reason `user-unauthenticated` when there
 *   is no session; any such reason in the allow or the deny result sends the browser to sign in.
 * - Deny wins over allow (authorize/check_response.go `handleResult`).
 */
import { matchString, matchStringList } from "./matchers";
import type { Identity, Tri } from "./types";

/** One criterion's or block's result: its value and Pomerium's reasons (plus what decided it). */
export interface Result {
  value: Tri;
  reasons: ReadonlySet<string>;
  /** The criteria that made it true (for an allow), or that left it undecided. */
  why: readonly Criterion[];
}

/** A criterion as it sits in the policy: `{name: data}`, with `name` such as `claim/groups`. */
export type Criterion = Readonly<Record<string, unknown>>;

export const UNAUTHENTICATED = "user-unauthenticated";
const OPERATORS = ["and", "or", "not", "nor"] as const;
/** Criteria that read the session; any other (http_method, device, …) depends on the request. */
const SESSION_CRITERIA = new Set([
  "authenticated_user",
  "email",
  "domain",
  "user",
  "claim",
  "groups",
]);

const NONE: ReadonlySet<string> = new Set();
const res = (value: Tri, reasons: ReadonlySet<string>, why: readonly Criterion[] = []): Result => ({
  value,
  reasons,
  why,
});
const reason = (r: string) => new Set([r]);

/** The union of the results' reasons (shared, never copied, when only one has any). */
function union(rs: readonly Result[]): ReadonlySet<string> {
  const some = rs.filter((r) => r.reasons.size > 0);
  if (some.length <= 1) return some[0]?.reasons ?? NONE;
  const out = new Set<string>();
  for (const r of some) for (const x of r.reasons) out.add(x);
  return out;
}

/** merge_with_or: true if one is true (its reasons), else unknown if one is, else false (all reasons). */
export function mergeOr(rs: readonly Result[]): Result {
  const t = rs.filter((r) => r.value === true);
  if (t.length > 0)
    return res(
      true,
      union(t),
      t.flatMap((r) => r.why),
    );
  const u = rs.filter((r) => r.value === "unknown");
  if (u.length > 0)
    return res(
      "unknown",
      union(rs),
      u.flatMap((r) => r.why),
    );
  return res(false, union(rs));
}

/** merge_with_and: true if all are true, else false if one is false (the false reasons), else unknown. */
export function mergeAnd(rs: readonly Result[]): Result {
  const f = rs.filter((r) => r.value === false);
  if (f.length > 0) return res(false, union(f));
  const u = rs.filter((r) => r.value === "unknown");
  if (u.length > 0)
    return res(
      "unknown",
      union(rs),
      u.flatMap((r) => r.why),
    );
  return res(
    true,
    union(rs),
    rs.flatMap((r) => r.why),
  );
}

const invert = (r: Result): Result =>
  res(r.value === "unknown" ? "unknown" : !r.value, r.reasons, r.why);

/** One rule body (`{and: [...], or: [...]}`): its blocks ORed, as the generator does. */
function evalBody(body: unknown, who: Identity, claimName: string): Result {
  const blocks: Result[] = [];
  const b = (body ?? {}) as Record<string, unknown>;
  for (const op of OPERATORS) {
    const list = b[op];
    if (!Array.isArray(list) || list.length === 0) continue;
    const rs = list.map((c) => evalCriterion(c as Criterion, who, claimName));
    blocks.push(
      op === "and"
        ? mergeAnd(rs)
        : op === "or"
          ? mergeOr(rs)
          : op === "not"
            ? mergeAnd(rs.map(invert))
            : mergeOr(rs.map(invert)),
    );
  }
  return mergeOr(blocks);
}

const byAction = new WeakMap<object, Record<"allow" | "deny", unknown[]>>();

/** The allow or deny result of a whole policy; no rule of that action gives `[false, set()]`. */
export function evalAction(
  rules: readonly Record<string, unknown>[],
  action: "allow" | "deny",
  who: Identity,
  claimName: string,
): Result {
  let split = byAction.get(rules);
  if (!split) {
    const of = (a: string) => rules.filter((r) => r && a in r).map((r) => r[a]);
    byAction.set(rules, (split = { allow: of("allow"), deny: of("deny") }));
  }
  const bodies = split[action];
  if (bodies.length === 0) return res(false, NONE);
  return mergeOr(bodies.map((body) => evalBody(body, who, claimName)));
}

function evalCriterion(c: Criterion, who: Identity, claimName: string): Result {
  const [key] = Object.keys(c);
  // A nested operator object (`{or: [...]}`) where a criterion stands.
  if ((OPERATORS as readonly string[]).includes(key)) return evalBody(c, who, claimName);
  const slash = key.indexOf("/");
  const name = slash < 0 ? key : key.slice(0, slash);
  const sub = slash < 0 ? "" : key.slice(slash + 1);
  const data = c[key];
  if (name === "accept") return res(true, reason("accept"), [c]);
  if (name === "reject") return res(false, reason("reject"));
  if (!SESSION_CRITERIA.has(name)) return res("unknown", NONE, [c]);
  if (!who.signedIn) return res(false, reason(UNAUTHENTICATED));
  let value: Tri;
  switch (name) {
    case "authenticated_user":
      value = true;
      break;
    case "email":
      value = matchString(who.email, data, who.domain);
      break;
    case "domain":
      value = matchString(who.email ? who.email.split("@")[1] : who.domain, data);
      break;
    case "user":
      // An e-mail is never an ID token's sub; an Okta user id (00u…) might be this user's.
      value =
        who.id === undefined && /"00u[0-9A-Za-z]{5,}"/.test(JSON.stringify(data))
          ? "unknown"
          : matchString(who.id, data);
      break;
    case "groups":
      // Reads directory records only Pomerium Enterprise's directory sync fills: never on Core.
      value = false;
      break;
    default:
      value = matchStringList(claimValues(sub, who, claimName), data);
  }
  return res(value, reason(value === true ? `${name}-ok` : `${name}-unauthorized`), [c]);
}

/** The values of `claim/<sub>`: the groups claim, `email`, `sub`; any other claim is unknown. */
function claimValues(sub: string, who: Identity, claimName: string): unknown[] | undefined {
  if (sub === claimName) return [...who.claimGroups];
  if (sub === "email") return who.email === undefined ? undefined : [who.email];
  if (sub === "sub") return who.id === undefined ? undefined : [who.id];
  return undefined;
}
